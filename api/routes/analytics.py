from __future__ import annotations

from fastapi import APIRouter

from api.deps import RepositoryDep, WindowDep
from graph.network_analysis import CentralityView, centrality

router = APIRouter(prefix="/analytics", tags=["analytics"])


@router.get("/centrality", response_model=CentralityView)
def actor_centrality(repository: RepositoryDep, window: WindowDep) -> CentralityView:
    """networkx on the window's actor graph: degree, betweenness, PageRank and communities."""
    return centrality(repository.network(window, limit=20000))
