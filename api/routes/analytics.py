"""Analytics over a window or two: the centrality of the interaction graph, and the dyads that
shifted most between two periods."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import (
    PARTIAL_DATE_PATTERN,
    Count,
    KnownAsOf,
    RepositoryDep,
    SeriesRepositoryDep,
    SettingsDep,
    WindowDep,
    window_or_422,
)
from api.disconnect import unless_disconnected
from api.errors import ERROR_SCHEMA_REF
from graph.outputs.network_analysis import CentralityView, centrality_within
from graph.read.series_views import ShiftsView
from graph.temporal import PARTIAL_DATE_HELP

router = APIRouter(prefix="/analytics", tags=["analytics"])
CENTRALITY_EDGE_LIMIT = 20000


@router.get("/centrality", response_model=CentralityView, responses={504: {
    "description": "The query or the analysis took longer than GEOKG_QUERY_TIMEOUT_S",
    "content": {"application/json": {"schema": {"$ref": ERROR_SCHEMA_REF}}}}})
async def actor_centrality(request: Request, repository: RepositoryDep, window: WindowDep,
                           settings: SettingsDep, count: Count = "happenings") -> CentralityView:
    """networkx on the window's interaction graph: degree, betweenness, PageRank and communities.
    At most 20,000 actor pairs are read; `truncated` says when the window holds more. The analysis
    runs within the query time budget (504 beyond it); betweenness is exact while it fits a fixed
    amount of work, and beyond it estimated from a seeded sample of source actors sized to that
    work, at least 32 (`betweenness_sources`). A client that goes away stops the analysis.
    `count` as on `/network`: an edge's weight counts happenings (the default) or records."""
    def analyse(stop: threading.Event) -> CentralityView:
        view = repository.network(window, limit=CENTRALITY_EDGE_LIMIT, include_standing=False,
                                  count=count)
        return centrality_within(view, settings.query_timeout_s, stop)

    return await unless_disconnected(request, analyse)


def _period_param(which: str, bound: str, example: str) -> object:
    return Query(description=f"{bound.capitalize()} of period {which}: {PARTIAL_DATE_HELP}.",
                 pattern=PARTIAL_DATE_PATTERN, examples=[example])


@router.get("/shifts", response_model=ShiftsView, responses={404: {"description": "No such actor"}})
def shifts(
    series: SeriesRepositoryDep,
    a_since: Annotated[str, _period_param("A", "start", "2024")],
    a_until: Annotated[str, _period_param("A", "end", "2024")],
    b_since: Annotated[str, _period_param("B", "start", "2025")],
    b_until: Annotated[str, _period_param("B", "end", "2025")],
    actor: Annotated[str | None, Query(description="Only the dyads of this actor.",
                                       examples=["prk"])] = None,
    known_as_of: KnownAsOf = None,
    min_events: Annotated[int, Query(ge=1, le=10000, description="Warmed/cooled need at least this "
                                     "many events in each period.")] = 1,
    limit: Annotated[int, Query(ge=1, le=100, description="Dyads per list.")] = 10,
    count: Count = "happenings",
) -> ShiftsView:
    """The dyads (unordered actor pairs) whose volume or mean Goldstein changed most from period A
    to period B: appeared, vanished, warmed, cooled, grew, shrank, each with the figures of both
    periods. An event belongs to a period when it starts in it. The whole graph, or one actor's.
    `count=happenings` (the default) counts each happening once, by its first record (by time
    then id); `count=records` every record."""
    period_a = window_or_422(a_since, a_until, prefix="a_")
    period_b = window_or_422(b_since, b_until, prefix="b_")
    return series.shifts(period_a, period_b, actor, known_as_of, min_events, limit, count)
