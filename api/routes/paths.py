from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import RepositoryDep, WindowDep
from graph.read.views import PathsView

router = APIRouter(tags=["paths"])


@router.get("/paths", response_model=PathsView, responses={404: {"description": "No such actor"}})
def paths(
    repository: RepositoryDep,
    window: WindowDep,
    source: Annotated[str, Query(alias="from", examples=["kim_jong_un"])],
    target: Annotated[str, Query(alias="to", examples=["donald_trump"])],
    max_hops: Annotated[int, Query(ge=1, le=6, description="Events in a chain, at most.")] = 4,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> PathsView:
    """The shortest chains of events linking two actors in the window (actor, event, actor, …)."""
    return repository.paths(source, target, window, max_hops, limit)
