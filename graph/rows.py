"""Model records as the flat rows the write queries ``UNWIND``.

Neo4j properties hold scalars and lists only, so names in other languages become two parallel
lists (``alt_names``, ``alt_name_langs``) and nested parts (participants, claims) become lists of
maps that the query turns into relationships and nodes.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from graph.labels import ActorKindLabel
from graph.model import Actor, Claim, Event, Name, Place, Relationship, Source, stable_id
from graph.vocabulary import event_type

Row = dict[str, Any]


def _hashed(row: Row) -> Row:
    """The row with ``properties.content_hash``, a digest of everything the row writes.

    Hashing the row rather than the record means a change in how records are mapped (a new
    property, a new claim id) also rewrites records whose content did not change.
    """
    digest = hashlib.sha256(orjson.dumps(row, option=orjson.OPT_SORT_KEYS, default=str)).hexdigest()
    row["properties"]["content_hash"] = digest[:32]
    return row


def _names(names: list[Name]) -> Row:
    return {"alt_names": [n.text for n in names], "alt_name_langs": [n.lang for n in names]}


def actor_row(actor: Actor) -> Row:
    return _hashed({
        "id": actor.id,
        "kind_label": ActorKindLabel.for_kind(actor.kind).value,
        "properties": {
            "name": actor.name,
            "kind": actor.kind,
            "country": actor.country,
            "aliases": actor.aliases,
            "wikidata": actor.wikidata,
            "external_id_keys": sorted(actor.external_ids),
            "external_id_values": [actor.external_ids[k] for k in sorted(actor.external_ids)],
            "description": actor.description,
            "search_text": actor.search_text(),
            **_names(actor.names),
        },
    })


def place_row(place: Place) -> Row:
    return _hashed({
        "id": place.id,
        "properties": {
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "wikidata": place.wikidata,
            "search_text": place.search_text(),
            **_names(place.names),
        },
    })


def source_row(source: Source) -> Row:
    return _hashed({
        "id": source.id,
        "properties": {
            "publisher": source.publisher,
            "url": source.url,
            "published": source.published,
            "language": source.language,
            "title": source.title,
        },
    })


def claim_row(owner_kind: str, owner_id: str, claim: Claim) -> Row:
    """A claim of one record; its id is namespaced by the kind of record, so an event and a
    relationship with one id never share a claim (``owner_kind``: "event" or "relationship")."""
    return {
        "id": stable_id("claim", owner_kind, owner_id, claim.source, claim.quote, sorted(claim.attributed_to),
                        sorted(claim.via)),
        "source": claim.source,
        "attributed_to": claim.attributed_to,
        "via": claim.via,
        "properties": {
            "quote": claim.quote,
            "language": claim.language,
            "translation": claim.translation,
        },
    }


def event_row(event: Event) -> Row:
    kind = event_type(event.type)
    assert event.id is not None  # set by the model's validator
    return _hashed({
        "id": event.id,
        "family_label": kind.family.label,
        "place": event.place,
        "participants": [
            {"actor": p.actor, "role": p.role, "through": p.through, "represents": p.represents}
            for p in event.participations()
        ],
        "dyads": [{"from": d.source, "to": d.target, "mutual": d.mutual} for d in event.dyads()],
        "claims": [claim_row("event", event.id, c) for c in event.claims],
        "properties": {
            "type": event.type,
            "family": kind.family.value,
            "cameo": kind.cameo,
            "plover_type": kind.plover_type,
            "plover_mode": kind.plover_mode,
            "quad_class": kind.quad_class,
            "goldstein": event.intensity if event.intensity is not None else kind.goldstein,
            "status": event.status,
            "title": event.title,
            "summary": event.summary,
            "notes": event.notes,
            "quantity_what": [q.what for q in event.quantities],
            "quantity_value": [q.value for q in event.quantities],
            "quantity_approximate": [q.approximate for q in event.quantities],
            "quantity_estimated_by": [", ".join(q.estimated_by) for q in event.quantities],
            **event.when.as_properties(),
        },
    })


def relationship_row(relationship: Relationship) -> Row:
    assert relationship.when is not None and relationship.id is not None  # resolved before writing
    return _hashed({
        "id": relationship.id,
        "type": relationship.type,
        "subject": relationship.subject,
        "object": relationship.object,
        "claims": [claim_row("relationship", relationship.id, c) for c in relationship.claims],
        "properties": {
            "derived_from": relationship.derived_from,
            "notes": relationship.notes,
            **relationship.when.as_properties(),
        },
    })
