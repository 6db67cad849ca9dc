"""The rows of the data-set records (``DatasetActor``, ``DatasetPlace``, ``EventClaim``) and how
the one batched writer writes them: each its own ``RecordKind`` with its own merge query."""

from __future__ import annotations

from graph.labels import ActorKindLabel
from graph.model import DatasetActor, DatasetPlace, EventClaim
from graph.rows import Row
from graph.writer import RecordKind


def dataset_actor_row(actor: DatasetActor) -> Row:
    return {
        "id": actor.id,
        "kind_label": ActorKindLabel.for_kind(actor.kind).value,
        "aliases": actor.aliases,
        "id_keys": [key for key, _ in actor.external_ids],
        "id_values": [value for _, value in actor.external_ids],
        "properties": {"name": actor.name, "kind": actor.kind, "country": actor.country,
                       "search_text": actor.search_text(), "resolution": actor.resolution},
    }


def dataset_place_row(place: DatasetPlace) -> Row:
    return {
        "id": place.id,
        "id_keys": [key for key, _ in place.external_ids],
        "id_values": [value for _, value in place.external_ids],
        "properties": {"name": place.name, "kind": place.kind, "country": place.country,
                       "latitude": place.latitude, "longitude": place.longitude, "search_text": place.name},
    }


def event_claim_row(item: EventClaim) -> Row:
    claim = item.claim
    return {
        "event": item.event, "id": item.id, "source": claim.source,
        "properties": {"dataset": claim.dataset, "record_id": claim.record_id,
                       "confidence": claim.confidence, "quote": claim.quote, "language": claim.language},
    }


DATASET_ACTOR = RecordKind("dataset_actor", DatasetActor, dataset_actor_row, "merge_dataset_actors")
DATASET_PLACE = RecordKind("dataset_place", DatasetPlace, dataset_place_row, "merge_dataset_places")
EVENT_CLAIM = RecordKind("event_claim", EventClaim, event_claim_row, "merge_event_claims")
