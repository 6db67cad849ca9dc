from __future__ import annotations

from fastapi import APIRouter

from api.deps import RepositoryDep, SettingsDep, WindowDep
from api.errors import ERROR_SCHEMA_REF
from graph.network_analysis import CentralityView, centrality_within

router = APIRouter(prefix="/analytics", tags=["analytics"])
CENTRALITY_EDGE_LIMIT = 20000


@router.get("/centrality", response_model=CentralityView, responses={504: {
    "description": "The query or the analysis took longer than GEOKG_QUERY_TIMEOUT_S",
    "content": {"application/json": {"schema": {"$ref": ERROR_SCHEMA_REF}}}}})
def actor_centrality(repository: RepositoryDep, window: WindowDep, settings: SettingsDep) -> CentralityView:
    """networkx on the window's interaction graph: degree, betweenness, PageRank and communities.
    At most 20,000 actor pairs are read; `truncated` says when the window holds more. The analysis
    runs within the query time budget (504 beyond it); betweenness is exact while it fits a fixed
    amount of work, and beyond it estimated from a seeded sample of source actors sized to that
    work, at least 32 (`betweenness_sources`)."""
    view = repository.network(window, limit=CENTRALITY_EDGE_LIMIT, include_standing=False)
    return centrality_within(view, settings.query_timeout_s)
