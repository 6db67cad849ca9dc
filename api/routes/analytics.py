from __future__ import annotations

from fastapi import APIRouter

from api.deps import RepositoryDep, WindowDep
from graph.network_analysis import CentralityView, centrality

router = APIRouter(prefix="/analytics", tags=["analytics"])
CENTRALITY_EDGE_LIMIT = 20000


@router.get("/centrality", response_model=CentralityView)
def actor_centrality(repository: RepositoryDep, window: WindowDep) -> CentralityView:
    """networkx on the window's interaction graph: degree, betweenness, PageRank and communities.
    At most 20,000 actor pairs are read; `truncated` says when the window holds more."""
    return centrality(repository.network(window, limit=CENTRALITY_EDGE_LIMIT, include_standing=False))
