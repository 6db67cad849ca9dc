"""The storage codec round trip: every field of every record kind, each optional field filled,
loaded into the real Neo4j and read back through the HTTP API and through the RDF export reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from neo4j import Driver

from graph.codec import intensity, participants
from graph.model import Actor, Claim, Event, Place, Record, Relationship, Source
from graph.rdf.reader import ExportReader
from graph.settings import Settings
from graph.temporal import TimeWindow
from tests.conftest import load_paths

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


RECORDS: list[Record] = [
    actor("codec_state_a", "state"), actor("codec_state_b", "state"),
    actor("codec_leader_a"), actor("codec_leader_b"), actor("codec_press", "media"),
    actor("codec_agency", "media"), actor("codec_estimator", "intelligence_agency"),
    Place(id="codec_city", name="Codec City", kind="city", country="RUS", wikidata="Q649",
          names=[{"text": "مدينة", "lang": "ar"}, {"text": "Город", "lang": "ru"}]),
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
        "claims": [CLAIM, {**CLAIM, "quote": "A second report.", "language": "en", "via": []}],
    }),
    Relationship.model_validate({
        "id": "rel:codec-partners", "type": "PARTNER_OF", "subject": "codec_state_a",
        "object": "codec_state_b", "when": {"start": "2025-08", "ongoing": True, "note": "Since the call."},
        "derived_from": "ev:codec-call", "claims": [CLAIM], "notes": "A standing partnership.",
    }),
]
BY_ID = {record.id: record for record in RECORDS}


def canonical(record: Record) -> Record:
    """The record with its unordered parts sorted (the graph keeps them as sets)."""
    def claims(items: list[Claim]) -> list[Claim]:
        return sorted((c.model_copy(update={"attributed_to": sorted(c.attributed_to), "via": sorted(c.via)})
                       for c in items), key=lambda c: c.model_dump_json())
    if isinstance(record, Event):
        return record.model_copy(update={
            "participants": sorted(record.participants, key=lambda p: (p.actor, p.role)),
            "claims": claims(record.claims)})
    if isinstance(record, Relationship):
        return record.model_copy(update={"claims": claims(record.claims)})
    return record


def load(graph: Driver, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "every_field.jsonl"
    path.write_text("\n".join(json.dumps(r.model_dump(mode="json")) for r in RECORDS), encoding="utf-8")
    report = load_paths(graph, settings, path, strict=True)
    assert not report.errors, report.errors


def claim_from_view(view: dict[str, Any]) -> dict[str, Any]:
    return {"source": view["source"]["id"], "quote": view["quote"], "language": view["language"],
            "translation": view["translation"], "attributed_to": [a["id"] for a in view["attributed_to"]],
            "via": [a["id"] for a in view["via"]]}


def event_from_view(view: dict[str, Any]) -> Event:
    return Event.model_validate({
        "id": view["id"], "type": view["type"], "status": view["status"],
        "when": {"start": view["time_start"], "end": view["time_end"], "ongoing": view["ongoing"],
                 "note": view["time_note"]},
        "participants": participants({**p, "actor": p["actor"]["id"]} for p in view["participants"]),
        "place": view["place"]["id"], "title": view["title"], "summary": view["summary"],
        "intensity": intensity(view["type"], view["goldstein"]), "quantities": view["quantities"],
        "claims": [claim_from_view(c) for c in view["claims"]], "notes": view["notes"],
    })


def test_every_field_comes_back_through_the_api(empty_graph: Driver, settings: Settings,
                                                api_client: httpx.Client, tmp_path: Path):
    load(empty_graph, settings, tmp_path)
    for record in RECORDS:
        if isinstance(record, Actor):
            view = api_client.get(f"/actors/{record.id}").json()
            assert Actor.model_validate({k: view[k] for k in Actor.model_fields if k != "record"}) == record
    event = api_client.get("/events/ev:codec-call").json()
    assert canonical(event_from_view(event)) == canonical(BY_ID["ev:codec-call"])
    assert event["quantities"][0]["estimated_by"] == ["codec_estimator", "codec_press"]
    assert {p["actor"]["id"]: p["represents"] for p in event["participants"] if not p["through"]} == {
        "codec_leader_a": "codec_state_a", "codec_leader_b": "codec_state_b", "codec_press": None}
    source = event["claims"][0]["source"]
    assert Source.model_validate(source) == BY_ID["src:codec-wire"]
    place = BY_ID["codec_city"]
    assert event["place"] == place.model_dump(include={"id", "name", "kind", "country"})
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
    read = {r.id: r for batch in reader.records(TimeWindow()) for r in batch}
    assert {k: canonical(r) for k, r in read.items()} == {k: canonical(r) for k, r in BY_ID.items()}
