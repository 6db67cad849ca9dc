from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import Count, KnownAsOf, RepositoryDep, WindowDep
from graph.outputs.network_analysis import to_graphml
from graph.read.views import NetworkView

router = APIRouter(tags=["network"])


@router.get("/network", response_model=NetworkView,
            responses={200: {"content": {"application/graphml+xml": {}}}})
def network(
    repository: RepositoryDep,
    window: WindowDep,
    format: Annotated[Literal["json", "graphml"], Query(description="graphml for Gephi/networkx")] = "json",
    limit: Annotated[int, Query(ge=1, le=20000, description="At most this many edges.")] = 5000,
    known_as_of: KnownAsOf = None,
    count: Count = "happenings",
) -> NetworkView | Response:
    """The actor network of the window: actors, interactions aggregated per pair, and standing
    relationships valid in it (with `known_as_of`, only what the graph knew on that day); as JSON
    or as GraphML. `count=happenings` (the default) counts each happening once (its first record
    standing for it), `count=records` every record."""
    view = repository.network(window, limit, known_as_of=known_as_of, count=count)
    if format == "graphml":
        return Response(to_graphml(view), media_type="application/graphml+xml")
    return view
