from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import Count, Cursor, KnownAsOf, Limit, RepositoryDep, WindowDep
from graph.model import ActorKind
from graph.read.views import ActorPage, ActorRelationshipsView, ActorView

router = APIRouter(prefix="/actors", tags=["actors"])
ActorId = Annotated[str, Path(description="The actor's id.", examples=["prk"])]


@router.get("", response_model=ActorPage)
def search_actors(
    repository: RepositoryDep,
    q: Annotated[str | None, Query(max_length=200, description="Words of a name or alias in any "
                                   "language, e.g. `putin` or `بوتين`.", examples=["بوتين"])] = None,
    kind: ActorKind | None = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> ActorPage:
    """Search actors by name or alias in any language (full-text), or list them by name."""
    return repository.search_actors(q, kind.value if kind else None, limit, cursor)


@router.get("/{actor_id}", response_model=ActorView, responses={404: {"description": "No such actor"}})
def get_actor(actor_id: ActorId, repository: RepositoryDep) -> ActorView:
    """The actor with its names in every language, aliases, external ids and standing relationships."""
    return repository.actor(actor_id)


@router.get("/{actor_id}/relationships", response_model=ActorRelationshipsView,
            responses={404: {"description": "No such actor"}})
def actor_relationships(
    actor_id: ActorId,
    repository: RepositoryDep,
    window: WindowDep,
    type: Annotated[str | None, Query(description="Only events of this type.",
                                      examples=["telephone_call"])] = None,
    known_as_of: KnownAsOf = None,
    count: Count = "happenings",
) -> ActorRelationshipsView:
    """Every counterpart the actor dealt with in the window: number of events (occurred and planned),
    first and last date, event types, net Goldstein score and CAMEO quad classes, and the standing
    relationships (alliance, leadership, war) valid in the window; with `known_as_of`, only what
    the graph knew on that day. `count=happenings` (the default) counts each happening once
    (its first record standing for it), `count=records` every record."""
    return repository.relationships_of(actor_id, window, type, known_as_of, count)
