"""The seed and the four data-set samples in one graph, read back: through the HTTP API (quote-less
claims, metrics, external ids, raw names found by search) and through RDF (SHACL-valid, round trip)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver
from pyshacl import validate
from rdflib import Graph
from typer.testing import CliRunner

from api.cli import app
from graph.model import Actor, DatasetActor
from graph.rdf.namespaces import DCTERMS, GEOKG, RDF
from graph.settings import Settings
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from loaders.pipeline import load_records
from loaders.rdf import read_rdf
from loaders.records import LocatedRecord
from tests.conftest import SEED, load_paths, wipe
from tests.test_bulk_import import differences, dump
from tests.test_datasets import ALL, stream
from tests.test_rdf import SHAPES
from tests.test_rdf_roundtrip import answers, comparable, rewritten_by_another_tool

runner = CliRunner()
CALL = "ev:2025-08-12-kim-putin-call"


@pytest.fixture
def merged_graph(empty_graph: Driver, settings: Settings) -> Driver:
    """The seed, then GDELT events and mentions, ACLED and POLECAT."""
    assert not load_paths(empty_graph, settings, SEED).errors
    stream(empty_graph, settings, *ALL)
    return empty_graph


def origin(event: dict[str, Any]) -> str:
    return str(event["id"]).split(":")[0]


def test_the_dyad_in_august_2025_holds_the_seed_and_the_datasets_side_by_side(
        merged_graph: Driver, api_client: httpx.Client):
    # Every record, not one per happening: the seed's call and GDELT's row of it are one happening.
    response = api_client.get("/relationships/rus/prk",
                              params={"since": "2025-08", "until": "2025-08", "count": "records"})
    assert response.status_code == 200, response.text
    events = {e["id"]: e for e in response.json()["events"]}
    assert {origin(e) for e in events.values()} >= {"ev", "gdelt", "acled", "polecat"}, sorted(events)
    assert CALL in events and "gdelt:1250000001" in events
    seed_claims = events[CALL]["claims"]
    assert seed_claims and all(c["quote"] and c["dataset"] is None for c in seed_claims)

    gdelt = api_client.get("/events/gdelt:1250000001")
    assert gdelt.status_code == 200, gdelt.text
    event = gdelt.json()
    assert event["external_ids"] == {"gdelt": "1250000001"}
    assert {"num_mentions", "num_sources", "num_articles", "avg_tone"} <= set(event["metrics"])
    assert event["dataset_recorded"].startswith("2025-08-13T12:00:00")
    claims = event["claims"]
    assert all(c["quote"] is None and c["dataset"] == "gdelt" for c in claims)
    outlets = {c["source"]["url"] for c in claims}
    # the event's own SOURCEURL and the three outlets of its mentions, each a claim
    assert {"https://tass.com/politics/1999000", "http://www.kcna.kp/en/article/q/2025081301.kcmsf",
            "https://en.yna.co.kr/view/AEN20250813008000315"} <= outlets and len(claims) == 4
    assert sum(c["confidence"] is not None for c in claims) == 3  # the mentions' confidence
    assert event["place"]["latitude"] is not None


def test_an_actor_shows_its_own_and_the_datasets_ids_and_raw_names(merged_graph: Driver,
                                                                    api_client: httpx.Client):
    putin = api_client.get("/actors/vladimir_putin").json()
    ids = putin["external_ids"]
    assert "VLADIMIR PUTIN" in ids["gdelt.actor_name"]
    assert any("Vladimir_Putin" in values for key, values in ids.items() if key.startswith("polecat"))
    assert all(isinstance(values, list) and len(values) == len(set(values)) for values in ids.values())
    assert "VLADIMIR PUTIN" in putin["dataset_aliases"] and putin["resolution"]
    assert "بوتين" in {n["text"] for n in putin["names"]}  # the seed's names are still there


def test_the_datasets_raw_names_are_searchable_and_survive_an_update_of_the_actor(
        empty_graph: Driver, settings: Settings, api_client: httpx.Client):
    writer = GraphWriter(empty_graph, settings.neo4j_database)
    native = Actor(id="testland", name="Testland", kind="state", country="TST")
    sighting = DatasetActor(id="testland", name="Testland", kind="state", aliases=["Zorblatt Republic"],
                            external_ids=[("gdelt.actor_code", "ZRB")], resolution="state by test")

    def load(*records: Actor | DatasetActor) -> None:
        items = [LocatedRecord(r, "test", i) for i, r in enumerate(records, 1)]
        assert not load_records(items, writer, strict=True).errors

    def found(words: str) -> list[str]:
        return [a["id"] for a in api_client.get("/actors", params={"q": words}).json()["items"]]

    load(native, sighting)
    assert found("zorblatt") == ["testland"]
    load(native.model_copy(update={"description": "Changed, so the native record is written again."}))
    assert found("zorblatt republic") == ["testland"]
    assert api_client.get("/actors/testland").json()["description"].startswith("Changed")


def test_the_rdf_export_of_the_merged_graph_conforms_and_round_trips(
        merged_graph: Driver, settings: Settings, api_client: httpx.Client, tmp_path: Path):
    before = answers(api_client)
    questions = [("/relationships/rus/prk", {"since": "2025-08", "until": "2025-08"}),
                 ("/events/gdelt:1250000001", {}), (f"/events/{CALL}", {}),
                 ("/events", {"since": "2025-08", "until": "2025-08", "limit": "500"})]
    def extra() -> list[Any]:
        return [comparable(api_client.get(path, params=params).json()) for path, params in questions]

    before_extra = extra()
    exported = tmp_path / "merged.ttl"
    result = runner.invoke(app, ["export", "rdf", "--format", "turtle", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(exported)
    conforms, _, report = validate(graph, shacl_graph=SHAPES)
    assert conforms, report

    wipe(merged_graph, settings.neo4j_database)
    apply_schema(merged_graph, settings.neo4j_database)
    result = runner.invoke(app, ["import", "rdf", str(exported)])
    assert result.exit_code == 0, result.output
    assert answers(api_client) == before
    assert extra() == before_extra
    again = tmp_path / "again.ttl"
    assert runner.invoke(app, ["export", "rdf", "--format", "turtle", "-o", str(again)]).exit_code == 0
    assert set(Graph().parse(again)) == set(graph)  # GDELT mentions and their counts included


def test_the_merged_graphs_export_imports_into_it_unchanged(
        merged_graph: Driver, settings: Settings, tmp_path: Path):
    """Actors and places only the data sets made (no native record) are marked
    geokg:DatasetOnlyActor/DatasetOnlyPlace and read back as the data sets' sightings: the import
    creates no curated one and changes nothing, node for node; GDELT mentions (geokg:mention)
    come back as mentions, not as their event's own claims."""
    rows, _, _ = merged_graph.execute_query(
        "MATCH (n) WHERE (n:Actor OR n:Place) AND n.content_hash IS NULL "
        "RETURN n:Actor AS actor, n.id AS id", database_=settings.neo4j_database)
    dataset_only = {row["id"] for row in rows if row["actor"]}
    places_only = {row["id"] for row in rows if not row["actor"]}
    assert len(dataset_only) >= 5 and len(places_only) >= 5
    exported = tmp_path / "merged.nt"
    result = runner.invoke(app, ["export", "rdf", "--format", "ntriples", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(exported, format="nt")
    marked = graph.subjects(RDF.type, GEOKG.DatasetOnlyActor)
    assert {str(graph.value(iri, DCTERMS.identifier)) for iri in marked} == dataset_only
    marked = graph.subjects(RDF.type, GEOKG.DatasetOnlyPlace)
    assert {str(graph.value(iri, DCTERMS.identifier)) for iri in marked} == places_only

    items, errors = read_rdf(exported)
    assert not errors
    kinds = {(item.record.record, item.record.id) for item in items}
    assert {("dataset_actor", i) for i in dataset_only} <= kinds
    assert not {("actor", i) for i in dataset_only} & kinds
    assert {("dataset_place", i) for i in places_only} <= kinds
    assert not {("place", i) for i in places_only} & kinds
    before = dump(merged_graph, settings.neo4j_database)
    report = load_records(items, GraphWriter(merged_graph, settings.neo4j_database))
    assert {kind: (counts.created, counts.updated) for kind, counts in report.counts.items()
            if counts.created or counts.updated} == {}
    after = dump(merged_graph, settings.neo4j_database)
    assert differences(before.nodes, after.nodes) == []
    assert differences(before.relationships, after.relationships) == []


def test_the_merged_graphs_export_rewritten_by_another_tool_imports_as_unchanged(
        merged_graph: Driver, settings: Settings, tmp_path: Path):
    """``geokg import rdf`` of the merged graph's export, rewritten by rdflib in other literal
    forms as RDF/XML, reports every record unchanged."""
    exported = tmp_path / "merged.nt"
    assert runner.invoke(app, ["export", "rdf", "-f", "ntriples", "-o", str(exported)]).exit_code == 0
    rewritten = tmp_path / "other.rdf"
    rewritten_by_another_tool(Graph().parse(exported, format="nt")).serialize(rewritten, format="xml")
    result = runner.invoke(app, ["import", "rdf", str(rewritten)])
    assert result.exit_code == 0, result.output
    rows = [line.split("│") for line in result.output.splitlines() if line.startswith("│ ")]
    counts = {cells[1].strip(): (cells[2].strip(), cells[3].strip()) for cells in rows
              if len(cells) > 4 and cells[2].strip().isdigit()}
    assert {"actor", "dataset_actor", "dataset_place", "event", "event_claim"} <= set(counts)
    assert {kind: changed for kind, changed in counts.items() if changed != ("0", "0")} == {}
