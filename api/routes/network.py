"""The actor network of a window, as JSON (``/network``) or GraphML (``/network.graphml``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import Count, KnownAsOf, RepositoryDep, WindowDep
from api.media import MOVED, GraphmlResponse, file_responses, moved_to_file
from graph.outputs.network_analysis import to_graphml
from graph.read.views import NetworkView

router = APIRouter(tags=["network"])


def network_read(
    repository: RepositoryDep,
    window: WindowDep,
    limit: Annotated[int, Query(ge=1, le=20000, description="At most this many edges.")] = 5000,
    known_as_of: KnownAsOf = None,
    count: Count = "happenings",
) -> Callable[[], NetworkView]:
    """The read of the window's network, whatever it is answered as (not made for a redirect)."""
    return lambda: repository.network(window, limit, known_as_of=known_as_of, count=count)


NetworkRead = Annotated[Callable[[], NetworkView], Depends(network_read)]


@router.get("/network", response_model=NetworkView, responses=MOVED)
def network(
    read: NetworkRead,
    request: Request,
    format: Annotated[Literal["json", "graphml"], Query(
        deprecated=True, description="json (default); graphml redirects (308) to /network.graphml.",
    )] = "json",
) -> NetworkView | RedirectResponse:
    """The actor network of the window: actors, interactions aggregated per pair, and standing
    relationships valid in it (with `known_as_of`, only what the graph knew on that day).
    `count=happenings` (the default) counts each happening once (its first record standing for
    it), `count=records` every record. The same as GraphML, for Gephi or networkx, at
    `/network.graphml`."""
    return read() if format == "json" else moved_to_file(request, format)


@router.get("/network.graphml", response_class=GraphmlResponse,
            responses=file_responses(GraphmlResponse, "The network as GraphML"))
def network_graphml(read: NetworkRead) -> Response:
    """The actor network of the window as GraphML: the JSON's actors as nodes, its interactions and
    standing relationships as edges."""
    return GraphmlResponse(to_graphml(read()))
