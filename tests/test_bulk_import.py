"""`geokg import bulk` against the real server: the graph it imports is the one `geokg load` makes.

The bulk import stops the tests' own server, imports into its store and starts it again (the
server runs on afterwards, as the other tests expect).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from neo4j.time import Date, DateTime
from typer.testing import CliRunner

from api.cli import app
from api.cli.bulk import remove_own_files
from graph.model import Actor, Event, Source
from graph.server import server_status
from graph.settings import Settings
from graph.store.bulk_csv import BulkCsvWriter, BulkFormatError
from graph.store.schema import apply_schema
from graph.store.writer import RECORD_KINDS
from loaders.report import LoadReport
from tests.conftest import SEED, LoadedGraph, load_paths, wipe

EDGE_CASES = Path(__file__).resolve().parent / "data" / "bulk_edge_cases.jsonl"
FILES = (SEED, EDGE_CASES)
TIMESTAMPS = {"recorded_at", "updated_at"}
runner = CliRunner()


def typed(value: Any) -> Any:
    """A value with its type, so that 1 and 1.0, or a date and its text, never compare equal."""
    if isinstance(value, list):
        return ("list", tuple(typed(v) for v in value))
    if isinstance(value, Date | DateTime):
        return (type(value).__name__, value.iso_format())
    return (type(value).__name__, value)


def properties(props: dict[str, Any]) -> tuple[Any, ...]:
    """Every property typed; the load timestamps only by type (they differ from run to run)."""
    return tuple(sorted(
        (key, (type(value).__name__, "timestamp") if key in TIMESTAMPS else typed(value))
        for key, value in props.items()
    ))


@dataclass(frozen=True)
class Dump:
    nodes: Counter[Any]
    relationships: Counter[Any]


def dump(driver: Driver, database: str) -> Dump:
    """The whole graph, canonical: nodes by labels and properties, relationships by type, end
    nodes (labels and id) and properties."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database)
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a) AS a_labels, a.id AS a, "
        "labels(b) AS b_labels, b.id AS b, properties(r) AS props", database_=database)
    return Dump(
        Counter((tuple(sorted(n["labels"])), properties(n["props"])) for n in nodes),
        Counter((r["type"], tuple(sorted(r["a_labels"])), r["a"], tuple(sorted(r["b_labels"])),
                 r["b"], properties(r["props"])) for r in rels),
    )


@dataclass(frozen=True)
class BothWays:
    transactional: Dump
    bulk: Dump
    bulk_output: str
    reload: LoadReport


@pytest.fixture(scope="module")
def both_ways(driver: Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> BothWays:
    """The seed and the edge cases loaded by `geokg load`'s pipeline, then bulk-imported into the
    emptied database, then loaded by `geokg load`'s pipeline again (the refusal test's
    `seed_graph` may replace the database between this module's tests, so the reload is made here)."""
    LoadedGraph.seed = False
    wipe(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    report = load_paths(driver, settings, *FILES)
    assert not report.errors, report.errors
    transactional = dump(driver, settings.neo4j_database)
    wipe(driver, settings.neo4j_database)
    csv_dir = tmp_path_factory.mktemp("bulk") / "csv"
    result = runner.invoke(app, ["import", "bulk", *map(str, FILES), "--csv-dir", str(csv_dir)])
    assert result.exit_code == 0, result.output
    assert not csv_dir.exists(), "the folder the command made, and the files it wrote, are removed"
    bulk = dump(driver, settings.neo4j_database)
    return BothWays(transactional, bulk, result.output, load_paths(driver, settings, *FILES))


def differences(left: Counter[Any], right: Counter[Any]) -> list[str]:
    return [f"only transactional: {item}" for item in (left - right).elements()] + [
        f"only bulk: {item}" for item in (right - left).elements()]


def test_bulk_import_makes_the_graph_geokg_load_makes(both_ways: BothWays):
    load, bulk = both_ways.transactional, both_ways.bulk
    assert sum(load.nodes.values()) > 100 and sum(load.relationships.values()) > 200
    assert differences(load.nodes, bulk.nodes) == []
    assert differences(load.relationships, bulk.relationships) == []


def test_bulk_import_reports_every_record_created_and_its_phases(both_ways: BothWays):
    event_row = next(line for line in both_ways.bulk_output.splitlines() if "│ event" in line)
    events = sum(1 for path in FILES for line in path.read_text("utf-8").splitlines()
                 if '"record": "event"' in line)
    assert [cell.strip() for cell in event_row.split("│")[2:6]] == [str(events), "0", "0", "0"]
    assert "neo4j-admin import" in both_ways.bulk_output
    assert "schema (constraints, indexes)" in both_ways.bulk_output


def node_properties(dump: Dump, node_id: str) -> dict[str, Any]:
    [props] = [dict(props) for _, props in dump.nodes if ("id", ("str", node_id)) in props]
    return props


def test_first_reported_from_a_later_source_and_no_empty_lists(both_ways: BothWays):
    """No pass over the events after the import: an event's first_reported, written in its CSV
    row, is its earliest source's date even where that source stands after it in the file; an
    empty list is no property, in both graphs (the import tool cannot write an empty array)."""
    for graph in (both_ways.bulk, both_ways.transactional):
        event = node_properties(graph, "ev:bulk-edge-late-source")
        assert event["first_reported"] == ("Date", "2023-05-02")
        assert "quantity_what" not in event and "metric_keys" not in event
    with_figures = node_properties(both_ways.bulk, "ev:bulk-edge-1")
    assert with_figures["quantity_what"] == ("list", (("str", "soldiers"), ("str", "tanks")))


def test_geokg_load_after_a_bulk_import_finds_everything_unchanged(both_ways: BothWays):
    report = both_ways.reload
    assert not report.errors
    assert report.total("unchanged") > 50
    assert report.total("created") == report.total("updated") == 0


def test_bulk_import_refuses_a_database_with_data(seed_graph: Driver, settings: Settings):
    before = dump(seed_graph, settings.neo4j_database)
    result = runner.invoke(app, ["import", "bulk", str(EDGE_CASES)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "'neo4j'" in said and "is not empty" in said and "geokg load" in said
    assert server_status(settings).running
    assert dump(seed_graph, settings.neo4j_database) == before


def test_a_value_csv_cannot_carry_is_refused_by_name(tmp_path: Path):
    writer = BulkCsvWriter(tmp_path)
    actor_kind, event_kind = (next(k for k in RECORD_KINDS if k.name == name)
                              for name in ("actor", "event"))
    # Validation refuses an empty alias (a name must show); the writer still guards its CSV.
    unchecked = Actor.model_construct(id="a", name="A", kind="state", aliases=[""])
    with pytest.raises(BulkFormatError, match=r"aliases: \[''\] cannot be told from \[\]"):
        writer.write(actor_kind, [unchecked])
    event = Event.model_validate({
        "type": "make_statement", "when": {"start": "2025"}, "title": "t", "summary": "s",
        "participants": [{"actor": "a", "role": "initiator"}],
        "claims": [{"source": "s", "quote": "q", "language": "en"}]})
    with pytest.raises(BulkFormatError, match=f"event {event.id}: source 's' is written after it"):
        writer.write(event_kind, [event])
    source = Source(id="s", publisher="P", url="urn:s", published="2025-01-02", language="en")
    writer.write(next(k for k in RECORD_KINDS if k.name == "source"), [source])
    assert writer.write(event_kind, [event, event]) == Counter(created=1, unchanged=1)
    ids = writer.existing_ids([str(event.id), "b", "nobody"])
    assert ids.event_starts == {str(event.id): "2025"} and ids.actors == frozenset()


def test_bulk_import_refuses_a_csv_dir_that_holds_anything(tmp_path: Path):
    mine = tmp_path / "notes.txt"
    mine.write_text("not the command's", encoding="utf-8")
    result = runner.invoke(app, ["import", "bulk", str(EDGE_CASES), "--csv-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not an empty folder" in " ".join(result.output.split())
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert mine.read_text("utf-8") == "not the command's"


def test_bulk_import_removes_its_own_files_only(tmp_path: Path):
    writer = BulkCsvWriter(tmp_path / "csv")
    actor_kind = next(k for k in RECORD_KINDS if k.name == "actor")
    writer.write(actor_kind, [Actor(id="a", name="A", kind="state")])
    writer.finish()
    written = writer.files()
    assert {p.name for p in written} >= {"Actor.csv", "Actor.header.csv", "EventType.csv"}
    stranger = tmp_path / "csv" / "stranger.csv"
    stranger.write_text("x\n", encoding="utf-8")
    remove_own_files(tmp_path / "csv", written, made_folder=True)
    assert [p.name for p in (tmp_path / "csv").iterdir()] == ["stranger.csv"]
    stranger.unlink()
    remove_own_files(tmp_path / "csv", [], made_folder=True)
    assert not (tmp_path / "csv").exists()
