from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import RepositoryDep
from graph.read.base import GraphUnavailableError
from graph.read.views import HealthView

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthView,
            responses={503: {"model": HealthView, "description": "Neo4j is unreachable"}})
def health(repository: RepositoryDep) -> HealthView | JSONResponse:
    """The API's and Neo4j's status: reachable or not, server version, node and relationship counts."""
    try:
        return repository.health()
    except GraphUnavailableError as error:
        view = HealthView(status="degraded", neo4j="unreachable", detail=str(error))
        return JSONResponse(status_code=503, content=view.model_dump())
