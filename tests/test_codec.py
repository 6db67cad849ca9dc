"""The storage codec round trip: every field of every record kind, each optional field filled,
loaded into the real Neo4j and read back through the HTTP API and through the RDF export reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from neo4j import Driver

from graph.model import (
    Actor,
    Claim,
    DatasetActor,
    DatasetPlace,
    Event,
    EventClaim,
    Place,
    Relationship,
    Source,
    StoredRecord,
)
from graph.read.export_reader import ExportReader
from graph.settings import Settings
from graph.store.canonical import canonical
from graph.store.writer import GraphWriter
from graph.temporal import TimeWindow
from loaders.pipeline import load_records
from loaders.records import LocatedRecord
from tests.conftest import load_paths

DATASET_CLAIM = {"source": "src:codec-wire", "dataset": "gdelt", "record_id": "1250000001",
                 "confidence": 80.0}
CLAIM = {"source": "src:codec-wire", "quote": "اتصل الرئيسان هاتفيا.", "language": "ar",
         "translation": "The two presidents spoke by phone.",
         "attributed_to": ["codec_leader_b", "codec_press"],
         "via": ["codec_agency"]}


def actor(actor_id: str, kind: str = "person", **fields: Any) -> Actor:
    return Actor.model_validate({
        "id": actor_id, "name": actor_id.replace("_", " ").title(), "kind": kind, "country": "PRK",
        "names": [{"text": f"{actor_id} بالعربية", "lang": "ar"},
                  {"text": f"{actor_id} 한국어", "lang": "ko"}],
        "aliases": [f"{actor_id} alias", "another alias"], "wikidata": "Q42",
        "external_ids": {"cameo": f"C-{actor_id}", "acled": "7"}, "description": f"About {actor_id}.",
        **fields,
    })


RECORDS: list[StoredRecord] = [
    actor("codec_state_a", "state"), actor("codec_state_b", "state"),
    actor("codec_leader_a"), actor("codec_leader_b"), actor("codec_press", "media"),
    actor("codec_agency", "media"), actor("codec_estimator", "intelligence_agency"),
    Place(id="codec_city", name="Codec City", kind="city", country="RUS", wikidata="Q649",
          names=[{"text": "مدينة", "lang": "ar"}, {"text": "Город", "lang": "ru"}],
          latitude=55.75, longitude=37.62),
    Source(id="src:codec-wire", publisher="Codec Wire", url="https://example.org/codec",
           published="2025-08-13", language="ar", title="The call"),
    Event.model_validate({
        "id": "ev:codec-call", "type": "telephone_call",
        "when": {"start": "2025-08-12", "end": "2025-08-13", "note": "Across midnight."},
        "status": "planned", "place": "codec_city", "title": "A call", "summary": "They spoke.",
        "intensity": 4.5, "notes": "Every field filled.",
        "participants": [{"actor": "codec_leader_a", "role": "initiator", "represents": "codec_state_a"},
                         {"actor": "codec_leader_b", "role": "target", "represents": "codec_state_b"},
                         {"actor": "codec_press", "role": "participant"}],
        "quantities": [{"what": "minutes", "value": 90.5, "approximate": True,
                        "estimated_by": ["codec_estimator", "codec_press"]},
                       {"what": "aides", "value": 3, "estimated_by": []},
                       {"what": "calls", "value": 2, "estimated_by": ["codec_agency"]}],
        "claims": [CLAIM, {**CLAIM, "quote": "A second report.", "language": "en", "via": []},
                   DATASET_CLAIM],
        "external_ids": {"gdelt": "1250000001", "acled": "RUS1"},
        "metrics": {"num_mentions": 12.0, "avg_tone": -2.5},
        "dataset_recorded": "2025-08-13T12:15:00+00:00",
    }),
    Relationship.model_validate({
        "id": "rel:codec-partners", "type": "PARTNER_OF", "subject": "codec_state_a",
        "object": "codec_state_b", "when": {"start": "2025-08", "ongoing": True, "note": "Since the call."},
        "derived_from": "ev:codec-call", "claims": [CLAIM], "notes": "A standing partnership.",
    }),
]
#: What the data-set readers add: raw names and repeated-key ids, a place's ids, a mention.
ADDITIONS: list[StoredRecord] = [
    DatasetActor(id="codec_leader_a", name="Codec Leader A", kind="person", country="PRK",
                 aliases=["CODEC LEADER", "Leader_A"],
                 external_ids=[("gdelt.actor_code", "PRK"), ("gdelt.actor_code", "PRKGOV"),
                               ("gdelt.actor_name", "CODEC LEADER")],
                 resolution="person by folded name, with a country"),
    DatasetPlace(id="codec_city", name="Codec City", kind="city", country="RUS",
                 external_ids=[("gdelt.feature_id", "-2960561"), ("geonames", "524901")]),
    EventClaim(event="ev:codec-call", claim=Claim.model_validate(
        {"source": "src:codec-wire", "dataset": "gdelt", "record_id": "1250000001-m2", "confidence": 50.0})),
]
BY_ID = {record.id: record for record in RECORDS}


def load(graph: Driver, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "every_field.jsonl"
    path.write_text("\n".join(json.dumps(r.model_dump(mode="json")) for r in RECORDS), encoding="utf-8")
    report = load_paths(graph, settings, path, strict=True)
    assert not report.errors, report.errors
    writer = GraphWriter(graph, settings.neo4j_database)
    report = load_records([LocatedRecord(r, "additions", i) for i, r in enumerate(ADDITIONS, 1)], writer,
                          strict=True)
    assert not report.errors, report.errors


def claim_from_view(view: dict[str, Any]) -> dict[str, Any]:
    return {"source": view["source"]["id"], "quote": view["quote"], "language": view["language"],
            "translation": view["translation"], "attributed_to": [a["id"] for a in view["attributed_to"]],
            "via": [a["id"] for a in view["via"]], "dataset": view["dataset"],
            "record_id": view["record_id"], "confidence": view["confidence"]}


def event_from_view(view: dict[str, Any]) -> Event:
    return Event.model_validate({
        "id": view["id"], "type": view["type"], "status": view["status"],
        "when": {"start": view["time_start"], "end": view["time_end"], "ongoing": view["ongoing"],
                 "note": view["time_note"]},
        "participants": Event.participants_from(
            {**p, "actor": p["actor"]["id"]} for p in view["participants"]),
        "place": view["place"]["id"], "title": view["title"], "summary": view["summary"],
        "intensity": Event.own_intensity(view["type"], view["goldstein"]), "quantities": view["quantities"],
        "claims": [claim_from_view(c) for c in view["claims"]], "notes": view["notes"],
        "external_ids": view["external_ids"], "metrics": view["metrics"],
        "dataset_recorded": view["dataset_recorded"],
    })


def test_every_field_comes_back_through_the_api(empty_graph: Driver, settings: Settings,
                                                api_client: httpx.Client, tmp_path: Path):
    load(empty_graph, settings, tmp_path)
    added = ADDITIONS[0]
    assert isinstance(added, DatasetActor)
    for record in RECORDS:
        if isinstance(record, Actor) and record.id != added.id:
            view = api_client.get(f"/actors/{record.id}").json()
            assert view["external_ids"] == {k: [v] for k, v in sorted(record.external_ids.items())}
            fields = {k: view[k] for k in Actor.model_fields if k not in ("record", "external_ids")}
            assert Actor.model_validate({**fields, "external_ids": record.external_ids}) == canonical(record)
    leader = api_client.get(f"/actors/{added.id}").json()
    assert leader["external_ids"] == {  # native and data-set ids together, each key's values listed
        "acled": ["7"], "cameo": ["C-codec_leader_a"], "gdelt.actor_code": ["PRK", "PRKGOV"],
        "gdelt.actor_name": ["CODEC LEADER"]}
    assert (leader["dataset_aliases"], leader["resolution"]) == (added.aliases, added.resolution)
    event = api_client.get("/events/ev:codec-call").json()
    mention = ADDITIONS[2]
    assert isinstance(mention, EventClaim)
    with_mention = BY_ID["ev:codec-call"]
    assert isinstance(with_mention, Event)
    with_mention = with_mention.model_copy(update={"claims": [*with_mention.claims, mention.claim]})
    assert canonical(event_from_view(event)) == canonical(with_mention)
    assert event["quantities"][0]["estimated_by"] == ["codec_estimator", "codec_press"]
    assert {p["actor"]["id"]: p["represents"] for p in event["participants"] if not p["through"]} == {
        "codec_leader_a": "codec_state_a", "codec_leader_b": "codec_state_b", "codec_press": None}
    source = event["claims"][0]["source"]
    assert Source.model_validate(source) == BY_ID["src:codec-wire"]
    place = BY_ID["codec_city"]
    assert event["place"] == place.model_dump(include={"id", "name", "kind", "country", "latitude",
                                                       "longitude"})
    [standing] = api_client.get("/actors/codec_state_a").json()["standing_relationships"]
    relationship = BY_ID["rel:codec-partners"]
    assert relationship.when is not None
    assert (standing["id"], standing["type"], standing["counterpart"]["id"], standing["derived_from"]) == (
        relationship.id, relationship.type, relationship.object, relationship.derived_from)
    assert (standing["time_start"], standing["time_end"], standing["ongoing"], standing["time_note"]) == (
        relationship.when.start, relationship.when.end, relationship.when.ongoing, relationship.when.note)


def test_every_field_comes_back_through_the_rdf_export_reader(empty_graph: Driver, settings: Settings,
                                                              tmp_path: Path):
    load(empty_graph, settings, tmp_path)
    reader = ExportReader(empty_graph, settings.neo4j_database, batch_size=2)
    read = [r for batch in reader.records(TimeWindow()) for r in batch]
    native = {r.id: r for r in read if not isinstance(r, DatasetActor | DatasetPlace | EventClaim)}
    assert {k: canonical(r) for k, r in native.items()} == {k: canonical(r) for k, r in BY_ID.items()}
    # A mention comes back apart from its event's own claims, as the record that added it.
    mention = ADDITIONS[2]
    assert isinstance(mention, EventClaim)
    assert [canonical(r) for r in read if isinstance(r, EventClaim)] == [canonical(mention)]
    # What the data sets added comes back as the records that add it (aliases and ids sorted, as
    # the graph keeps them: docs/merge-policy.md).
    additions = [r for r in read if isinstance(r, DatasetActor | DatasetPlace)]
    assert additions == ADDITIONS[:2]
