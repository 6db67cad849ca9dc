"""Records in one canonical order before they are stored: what is a set (an actor's or place's
names and aliases, an event's participants and claims, a relationship's claims, whom a claim is
attributed to and who relayed it) is sorted, so a record given in another order (RDF has none: an
export read back, or rewritten by another tool) is stored and hashed the same, and its import
reports it ``unchanged``. Done when writing, not in the model, so a bad record's errors still name
its fields by their place in the file (``participants[1].actor``). Quantities keep their order:
the RDF export numbers them."""

from __future__ import annotations

from typing import TypeVar

from graph.model import Actor, Claim, Event, EventClaim, Place, Record, Relationship

R = TypeVar("R", bound=Record)


def _claim(claim: Claim) -> Claim:
    return claim.model_copy(update={"attributed_to": sorted(claim.attributed_to),
                                    "via": sorted(claim.via)})


def _claims(claims: list[Claim], owner_kind: str, owner_id: str) -> list[Claim]:
    return sorted(map(_claim, claims), key=lambda claim: claim.id_for(owner_kind, owner_id))


def canonical(record: R) -> R:
    """The record with its set-like lists in canonical order (the record itself if it has none)."""
    if isinstance(record, Actor):
        return record.model_copy(update={
            "names": sorted(record.names, key=lambda n: (n.lang, n.text)),
            "aliases": sorted(record.aliases)})
    if isinstance(record, Place):
        return record.model_copy(update={
            "names": sorted(record.names, key=lambda n: (n.lang, n.text))})
    if isinstance(record, Event):
        assert record.id is not None  # derived on validation
        return record.model_copy(update={
            "participants": sorted(record.participants, key=lambda p: (p.actor, p.role)),
            "claims": _claims(record.claims, "event", record.id)})
    if isinstance(record, Relationship):
        assert record.id is not None
        return record.model_copy(update={
            "claims": _claims(record.claims, "relationship", record.id)})
    if isinstance(record, EventClaim):
        return record.model_copy(update={"claim": _claim(record.claim)})
    return record
