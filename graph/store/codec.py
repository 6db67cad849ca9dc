"""How each record kind is stored in Neo4j and read back: one ``encode_*``/``decode_*`` pair per kind.

``encode_<kind>(record)`` gives the row a ``queries/merge_*.cypher`` query ``UNWIND``s: ``id``,
what becomes relationships (participants, claims, ...), and ``properties``, set as they are on the
node or relationship. ``decode_<kind>(...)`` takes those stored properties back, as a query returns
them (Neo4j or native dates alike), and gives the model record. ``*_fields`` give the same as
model-shaped field values, for the API's views.

Neo4j properties hold scalars and flat lists only, so names in other languages are two parallel
lists (``alt_names``, ``alt_name_langs``), external ids two more (``external_id_keys``,
``external_id_values``; what the data sets add, ``dataset_id_keys``/``dataset_id_values``, where a
key may repeat), an event's metrics two more (``metric_keys``, ``metric_values``), and its quantities
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

from graph.model import (
    Actor,
    Claim,
    DatasetActor,
    DatasetPlace,
    Event,
    EventClaim,
    Name,
    Place,
    Relationship,
    Source,
)
from graph.store.labels import ActorKindLabel
from graph.store.ranks import curated_ranks
from graph.vocabulary import event_type, event_types

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
    """The row with ``properties.content_hash``, a digest of everything the row writes, and its
    empty list properties as ``None``.

    Hashing the row rather than the record means a change in how records are stored (a new
    property, a new claim id) also rewrites records whose content did not change.
    An empty list is stored as no property (``SET n += row.properties`` removes a ``None``): the
    bulk import's tool cannot write an empty array, so both loaders make the same graph, and every
    decoder reads an absent list as ``[]``.
    """
    properties = row["properties"]
    for key, value in properties.items():
        if type(value) is list and not value:
            properties[key] = None
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


def _claim_properties(claim: Claim) -> Row:
    return {"quote": claim.quote, "language": claim.language, "translation": claim.translation,
            "dataset": claim.dataset, "record_id": claim.record_id, "confidence": claim.confidence}


def encode_claim(owner_kind: str, owner_id: str, claim: Claim) -> Row:
    """A claim of one record (``owner_kind`` "event" or "relationship"): see ``Claim.id_for``."""
    return {
        "id": claim.id_for(owner_kind, owner_id),
        "source": claim.source,
        "attributed_to": claim.attributed_to,
        "via": claim.via,
        "properties": _claim_properties(claim),
    }


def claim_fields(stored: Stored) -> dict[str, Any]:
    """The stored fields of a claim node (not its source, speakers or relays)."""
    return {"quote": stored.get("quote"), "language": stored.get("language"),
            "translation": stored.get("translation"), "dataset": stored.get("dataset"),
            "record_id": stored.get("record_id"), "confidence": stored.get("confidence")}


def decode_claim(stored: Stored) -> Claim:
    """A claim from its properties with the ids of its ``source``, ``attributed_to`` and ``via``."""
    return Claim.model_validate({**claim_fields(stored), "source": stored["source"],
                                 "attributed_to": stored.get("attributed_to") or [],
                                 "via": stored.get("via") or []})


def encode_event_claim(item: EventClaim) -> Row:
    """Another source's claim on an event already written (a GDELT mention): the claim's own id,
    its event and source; no speakers or relays (mentions have none). ``mention`` marks a claim
    its event's record does not hold, so a rewrite of the event must keep it."""
    return {"id": item.id, "event": item.event, "source": item.claim.source,
            "properties": {**_claim_properties(item.claim), "mention": True}}


def _pairs(keys: Iterable[str] | None, values: Iterable[Any] | None) -> list[tuple[str, Any]]:
    """Two parallel stored lists as (key, value) pairs."""
    return list(zip(keys or [], values or [], strict=True))


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
            **curated_ranks(actor.country),
        },
    })


def actor_fields(stored: Stored) -> dict[str, Any]:
    """The ``Actor`` fields (the native record's)."""
    return {
        "id": stored["id"], "name": stored["name"], "kind": stored["kind"],
        "country": stored.get("country"), "names": _decode_names(stored),
        "aliases": stored.get("aliases") or [], "wikidata": stored.get("wikidata"),
        "external_ids": dict(_pairs(stored.get("external_id_keys"), stored.get("external_id_values"))),
        "description": stored.get("description"),
    }


def decode_actor(stored: Stored) -> Actor:
    return Actor.model_validate(actor_fields(stored))


def encode_dataset_actor(actor: DatasetActor) -> Row:
    """A data set's sighting of an actor: ``properties`` merged by rank (``merge_dataset_actors``),
    ``aliases`` and the ``id_keys``/``id_values`` pairs added to ``dataset_*`` lists."""
    return {
        "id": actor.id,
        "kind_label": ActorKindLabel.for_kind(actor.kind).value,
        "aliases": actor.aliases,
        "id_keys": [key for key, _ in actor.external_ids],
        "id_values": [value for _, value in actor.external_ids],
        "properties": {"name": actor.name, "kind": actor.kind, "country": actor.country,
                       "resolution": actor.resolution, "name_rank": int(actor.name_rank)},
    }


def dataset_actor_fields(stored: Stored) -> dict[str, Any]:
    """What the data sets added to an actor: their raw names and (key, value) identifiers."""
    return {"dataset_aliases": stored.get("dataset_aliases") or [],
            "dataset_ids": _pairs(stored.get("dataset_id_keys"), stored.get("dataset_id_values")),
            "resolution": stored.get("resolution")}


def decode_dataset_actor(stored: Stored) -> DatasetActor | None:
    """The data sets' additions to an actor as the record that adds them, or ``None`` if none."""
    added = dataset_actor_fields(stored)
    if not added["dataset_aliases"] and not added["dataset_ids"] and not added["resolution"]:
        return None
    return DatasetActor(id=stored["id"], name=stored["name"], kind=stored["kind"],
                        country=stored.get("country"), aliases=added["dataset_aliases"],
                        external_ids=added["dataset_ids"],
                        resolution=added["resolution"] or "added to an actor already in the graph")


def external_ids(stored: Stored) -> dict[str, list[str]]:
    """Every identifier of an actor or place, native and from the data sets, by key (keys sorted,
    values in the order stored, each once): a data set may name one actor in several ways."""
    merged: dict[str, list[str]] = {}
    for key, value in [*_pairs(stored.get("external_id_keys"), stored.get("external_id_values")),
                       *_pairs(stored.get("dataset_id_keys"), stored.get("dataset_id_values"))]:
        values = merged.setdefault(key, [])
        if value not in values:
            values.append(value)
    return dict(sorted(merged.items()))


def encode_place(place: Place) -> Row:
    return _hashed({
        "id": place.id,
        "properties": {
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "wikidata": place.wikidata,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "search_text": place.search_text(),
            **_encode_names(place.names),
            **curated_ranks(place.country, coordinates=place.latitude is not None
                             and place.longitude is not None),
        },
    })


def place_fields(stored: Stored) -> dict[str, Any]:
    return {
        "id": stored["id"], "name": stored["name"], "kind": stored["kind"],
        "country": stored.get("country"), "names": _decode_names(stored),
        "wikidata": stored.get("wikidata"), "latitude": stored.get("latitude"),
        "longitude": stored.get("longitude"),
    }


def decode_place(stored: Stored) -> Place:
    return Place.model_validate(place_fields(stored))


def encode_dataset_place(place: DatasetPlace) -> Row:
    """A data set's place: ``properties`` merged by rank (``merge_dataset_places``), identifiers
    added to ``dataset_id_*``."""
    return {
        "id": place.id,
        "id_keys": [key for key, _ in place.external_ids],
        "id_values": [value for _, value in place.external_ids],
        "properties": {"name": place.name, "kind": place.kind, "country": place.country,
                       "latitude": place.latitude, "longitude": place.longitude,
                       "name_rank": int(place.name_rank)},
    }


def decode_dataset_place(stored: Stored) -> DatasetPlace | None:
    """The data sets' identifiers of a place as the record that adds them, or ``None`` if none."""
    ids = _pairs(stored.get("dataset_id_keys"), stored.get("dataset_id_values"))
    if not ids:
        return None
    return DatasetPlace(id=stored["id"], name=stored["name"], kind=stored["kind"],
                        country=stored.get("country"), external_ids=ids)


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


def event_type_rows(ids: Iterable[str]) -> list[Row]:
    """Vocabulary entries as the rows ``merge_event_types`` and ``ensure_event_types`` take."""
    types = event_types()
    return [{"id": i, "properties": types[i].model_dump(exclude={"id"}, mode="json")} for i in ids]


def event_caption(event_type_label: str, time_start: str) -> str:
    """What the Neo4j Browser shows on an event: its date and its type's label ("2025-08-12 ·
    Express intent to cooperate"), as ``backfill_event_captions`` writes it too. The Browser
    captions a node with one property, and cuts what does not fit in the circle: the date first,
    so a long label (CAMEO's run to 70 characters) loses its end, never the date."""
    return f"{time_start} · {event_type_label}"


def encode_event(event: Event) -> Row:
    kind = event_type(event.type)
    assert event.id is not None  # set by the model's validator
    quantities = event.quantities
    row = _hashed({
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
            "external_id_keys": sorted(event.external_ids),
            "external_id_values": [event.external_ids[k] for k in sorted(event.external_ids)],
            "metric_keys": sorted(event.metrics),
            "metric_values": [event.metrics[k] for k in sorted(event.metrics)],
            "dataset_recorded": event.dataset_recorded,
            **event.when.as_properties(),
        },
    })
    # Added after hashing: it follows from the type and the date, which the hash covers, so a graph
    # written before captions reloads unchanged (apply_schema fills its captions in).
    row["properties"]["caption"] = event_caption(kind.label, event.when.start)
    return row


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
        "intensity": Event.own_intensity(stored["type"], stored.get("goldstein")),
        "quantities": _decode_quantities(stored), "notes": stored.get("notes"),
        "external_ids": dict(_pairs(stored.get("external_id_keys"), stored.get("external_id_values"))),
        "metrics": dict(_pairs(stored.get("metric_keys"), stored.get("metric_values"))),
        "dataset_recorded": to_native(stored.get("dataset_recorded")),
    }


def decode_event(stored: Stored, participations: Iterable[Mapping[str, Any]],
                 claims: Iterable[Stored], place: str | None) -> Event:
    """An event from its node's properties, its participations (``actor``, ``role``, ``through``,
    ``represents``: ids), its claims (as ``decode_claim`` takes them) and its place's id."""
    return Event.model_validate({
        **event_fields(stored), "participants": Event.participants_from(participations), "place": place,
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
