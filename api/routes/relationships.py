from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import Count, KnownAsOf, MinDatasets, MinSources, RepositoryDep, WindowDep
from graph.read.views import TimelineView

router = APIRouter(prefix="/relationships", tags=["relationships"])


@router.get("/{a}/{b}", response_model=TimelineView, responses={404: {"description": "No such actor"}})
def timeline(
    a: Annotated[str, Path(examples=["kim_jong_un"])],
    b: Annotated[str, Path(examples=["vladimir_putin"])],
    repository: RepositoryDep,
    window: WindowDep,
    known_as_of: KnownAsOf = None,
    count: Count = "happenings",
    min_datasets: MinDatasets = None,
    min_sources: MinSources = None,
) -> TimelineView:
    """The timeline between two actors: the events both took part in, in order, with their sources
    and quotes, and the standing relationships between them with their validity intervals; with
    `known_as_of`, only what the graph knew on that day. With `count=happenings` (the default)
    one record per happening (its `happening.members` naming the others); `count=records` all."""
    return repository.timeline(a, b, window, known_as_of, count, min_datasets, min_sources)
