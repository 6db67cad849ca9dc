"""How each record kind is stored in Neo4j and read back: one ``encode_*``/``decode_*`` pair per kind.

``encode_<kind>(record)`` gives the row a ``queries/merge_*.cypher`` query ``UNWIND``s: ``id``,
what becomes relationships (participants, claims, ...), and ``properties``, set as they are on the
node or relationship. ``decode_<kind>(...)`` takes those stored properties back, as a query returns
them (Neo4j or native dates alike), and gives the model record. ``*_fields`` give the same as
model-shaped field values, for the API's views.

Neo4j properties hold scalars and flat lists only, so names in other languages are two parallel
lists (``alt_names``, ``alt_name_langs``), external ids two more, and an event's quantities
parallel lists with ``estimated_by`` flattened and counted per quantity
(``quantity_estimated_by``, ``quantity_estimated_by_count``).

Adding a stored field: write it in the kind's ``encode_*`` and read it in its ``*_fields`` (or
``decode_*``); ``tests/test_codec.py`` round-trips every field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

import orjson
from neo4j.time import Date, DateTime

from graph.labels import ActorKindLabel
from graph.model import Actor, Claim, Event, Name, Place, Relationship, Source, stable_id
from graph.vocabulary import event_type

Row = dict[str, Any]
Stored = Mapping[str, Any]


def to_native(value: Any) -> Any:
    """Neo4j temporal values (and containers of them) as plain Python values."""
    if isinstance(value, Date | DateTime):
        return value.to_native()
    if isinstance(value, Mapping):
        return {key: to_native(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_native(item) for item in value]
    return value


def _hashed(row: Row) -> Row:
    """The row with ``properties.content_hash``, a digest of everything the row writes.

    Hashing the row rather than the record means a change in how records are stored (a new
    property, a new claim id) also rewrites records whose content did not change.
    """
    digest = hashlib.sha256(orjson.dumps(row, option=orjson.OPT_SORT_KEYS, default=str)).hexdigest()
    row["properties"]["content_hash"] = digest[:32]
    return row


# Parts shared by several kinds


def _encode_names(names: list[Name]) -> Row:
    return {"alt_names": [n.text for n in names], "alt_name_langs": [n.lang for n in names]}


def _decode_names(stored: Stored) -> list[dict[str, str]]:
    return [{"text": text, "lang": lang} for text, lang in
            zip(stored.get("alt_names") or [], stored.get("alt_name_langs") or [], strict=True)]


def _decode_when(stored: Stored) -> dict[str, Any]:
    """The ``ValidTime`` fields from the properties ``ValidTime.as_properties`` stored."""
    return {"start": stored["time_start"], "end": stored.get("time_end"),
            "ongoing": bool(stored.get("ongoing")), "note": stored.get("time_note")}


def encode_claim(owner_kind: str, owner_id: str, claim: Claim) -> Row:
    """A claim of one record; its id is namespaced by the kind of record (``"event"`` or
    ``"relationship"``), so an event and a relationship with one id never share a claim."""
    return {
        "id": stable_id("claim", owner_kind, owner_id, claim.source, claim.quote, sorted(claim.attributed_to),
                        sorted(claim.via)),
        "source": claim.source,
        "attributed_to": claim.attributed_to,
        "via": claim.via,
        "properties": {"quote": claim.quote, "language": claim.language,
                       "translation": claim.translation},
    }


def decode_claim(stored: Stored) -> Claim:
    """A claim from its properties with the ids of its ``source``, ``attributed_to`` and ``via``."""
    return Claim(source=stored["source"], quote=stored["quote"], language=stored["language"],
                 translation=stored.get("translation"),
                 attributed_to=stored.get("attributed_to") or [], via=stored.get("via") or [])


# Actors, places, sources


def encode_actor(actor: Actor) -> Row:
    keys = sorted(actor.external_ids)
    return _hashed({
        "id": actor.id,
        "kind_label": ActorKindLabel.for_kind(actor.kind).value,
        "properties": {
            "name": actor.name,
            "kind": actor.kind,
            "country": actor.country,
            "aliases": actor.aliases,
            "wikidata": actor.wikidata,
            "external_id_keys": keys,
            "external_id_values": [actor.external_ids[k] for k in keys],
            "description": actor.description,
            "search_text": actor.search_text(),
            **_encode_names(actor.names),
        },
    })


def actor_fields(stored: Stored) -> dict[str, Any]:
    return {
        "id": stored["id"], "name": stored["name"], "kind": stored["kind"],
        "country": stored.get("country"), "names": _decode_names(stored),
        "aliases": stored.get("aliases") or [], "wikidata": stored.get("wikidata"),
        "external_ids": dict(zip(stored.get("external_id_keys") or [],
                                 stored.get("external_id_values") or [], strict=True)),
        "description": stored.get("description"),
    }


def decode_actor(stored: Stored) -> Actor:
    return Actor.model_validate(actor_fields(stored))


def encode_place(place: Place) -> Row:
    return _hashed({
        "id": place.id,
        "properties": {
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "wikidata": place.wikidata,
            "search_text": place.search_text(),
            **_encode_names(place.names),
        },
    })


def decode_place(stored: Stored) -> Place:
    return Place.model_validate({
        "id": stored["id"], "name": stored["name"], "kind": stored["kind"],
        "country": stored.get("country"), "names": _decode_names(stored),
        "wikidata": stored.get("wikidata"),
    })


def encode_source(source: Source) -> Row:
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


def decode_source(stored: Stored) -> Source:
    return Source.model_validate({
        "id": stored["id"], "publisher": stored["publisher"], "url": stored["url"],
        "published": to_native(stored["published"]), "language": stored["language"],
        "title": stored.get("title"),
    })


# Events


def participants(participations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """An event's participants from its participations (the inverse of ``Event.participations``):
    the direct ones, with whom they represent; those taking part ``through`` another drop out."""
    return [
        {"actor": p["actor"], "role": p["role"],
         **({"represents": p["represents"]} if p.get("represents") else {})}
        for p in participations if not p.get("through")
    ]


def intensity(type_id: str, goldstein: float | None) -> float | None:
    """An event's own Goldstein score, or ``None`` where it is its type's (as the model says)."""
    if goldstein is None or goldstein == event_type(type_id).goldstein:
        return None
    return goldstein


def encode_event(event: Event) -> Row:
    kind = event_type(event.type)
    assert event.id is not None  # set by the model's validator
    quantities = event.quantities
    return _hashed({
        "id": event.id,
        "family_label": kind.family.label,
        "place": event.place,
        "participants": [
            {"actor": p.actor, "role": p.role, "through": p.through, "represents": p.represents}
            for p in event.participations()
        ],
        "dyads": [{"from": d.source, "to": d.target, "mutual": d.mutual} for d in event.dyads()],
        "claims": [encode_claim("event", event.id, c) for c in event.claims],
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
            "quantity_what": [q.what for q in quantities],
            "quantity_value": [q.value for q in quantities],
            "quantity_approximate": [q.approximate for q in quantities],
            "quantity_estimated_by": [a for q in quantities for a in q.estimated_by],
            "quantity_estimated_by_count": [len(q.estimated_by) for q in quantities],
            **event.when.as_properties(),
        },
    })


def _decode_quantities(stored: Stored) -> list[dict[str, Any]]:
    estimators: list[str] = stored.get("quantity_estimated_by") or []
    quantities, offset = [], 0
    for what, value, approximate, count in zip(
        stored.get("quantity_what") or [], stored.get("quantity_value") or [],
        stored.get("quantity_approximate") or [], stored.get("quantity_estimated_by_count") or [],
        strict=True,
    ):
        quantities.append({"what": what, "value": value, "approximate": approximate,
                           "estimated_by": estimators[offset:offset + count]})
        offset += count
    return quantities


def event_fields(stored: Stored) -> dict[str, Any]:
    """The fields of an event the event node itself stores (not participants, place, claims)."""
    return {
        "id": stored["id"], "type": stored["type"], "when": _decode_when(stored),
        "status": stored["status"], "title": stored["title"], "summary": stored["summary"],
        "intensity": intensity(stored["type"], stored.get("goldstein")),
        "quantities": _decode_quantities(stored), "notes": stored.get("notes"),
    }


def decode_event(stored: Stored, participations: Iterable[Mapping[str, Any]],
                 claims: Iterable[Stored], place: str | None) -> Event:
    """An event from its node's properties, its participations (``actor``, ``role``, ``through``,
    ``represents``: ids), its claims (as ``decode_claim`` takes them) and its place's id."""
    return Event.model_validate({
        **event_fields(stored), "participants": participants(participations), "place": place,
        "claims": [decode_claim(claim) for claim in claims],
    })


# Standing relationships


def encode_relationship(relationship: Relationship) -> Row:
    assert relationship.when is not None and relationship.id is not None  # resolved before writing
    return _hashed({
        "id": relationship.id,
        "type": relationship.type,
        "subject": relationship.subject,
        "object": relationship.object,
        "claims": [encode_claim("relationship", relationship.id, c) for c in relationship.claims],
        "properties": {
            "derived_from": relationship.derived_from,
            "notes": relationship.notes,
            **relationship.when.as_properties(),
        },
    })


def decode_relationship(stored: Stored, type: str, subject: str, object: str,
                        claims: Iterable[Stored]) -> Relationship:
    """A relationship from its properties, its type, its end actors' ids and its claims."""
    return Relationship.model_validate({
        "id": stored["id"], "type": type, "subject": subject, "object": object,
        "when": _decode_when(stored),
        "derived_from": stored.get("derived_from"), "notes": stored.get("notes"),
        "claims": [decode_claim(claim) for claim in claims],
    })
