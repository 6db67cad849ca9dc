"""The geokg command against the real server."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.formats import read_all
from loaders.native import native_format_schema
from loaders.pipeline import load_stream
from tests.conftest import SEED

MIXED = Path(__file__).resolve().parent / "data" / "mixed_records.jsonl"
runner = CliRunner()


def node_count(driver: Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (n) WHERE NOT n:EventType RETURN count(n) AS n")
    return records[0]["n"]


def test_load_reports_counts_and_names_each_bad_record(empty_graph: Driver):
    result = runner.invoke(app, ["load", str(MIXED)])
    assert result.exit_code == 2
    assert "mixed_records.jsonl:5 (ev:test-bad-date): when.start" in result.output
    assert "mixed_records.jsonl:6 (ev:test-unknown-actor): participants[1].actor" in result.output
    assert node_count(empty_graph) > 0


def test_strict_load_writes_nothing_and_says_so(empty_graph: Driver):
    result = runner.invoke(app, ["load", "--strict", str(MIXED)])
    assert result.exit_code == 2 and "nothing was written" in result.output
    assert node_count(empty_graph) == 0


def test_loading_the_seed_twice_reports_everything_unchanged(empty_graph: Driver):
    assert runner.invoke(app, ["load", str(SEED)]).exit_code == 0
    second = runner.invoke(app, ["load", str(SEED)])
    assert second.exit_code == 0
    event_row = next(line for line in second.output.splitlines() if "event" in line)
    events = sum(1 for line in SEED.read_text("utf-8").splitlines() if '"record": "event"' in line)
    assert [cell.strip() for cell in event_row.split("│")[2:5]] == ["0", "0", str(events)]


def test_the_published_json_schema_matches_the_models():
    published = Path(__file__).resolve().parent.parent / "docs" / "native-format.schema.json"
    assert published.read_text("utf-8") == native_format_schema(), "run: geokg format-schema > docs/…"
    assert runner.invoke(app, ["format-schema"]).output == native_format_schema()


def test_a_bad_export_window_names_the_option():
    result = runner.invoke(app, ["export", "rdf", "--since", "2025-09", "--until", "2025-08"])
    assert result.exit_code == 2
    assert "--since: '2025-09' is after until '2025-08'" in result.output


def seed_plus(tmp_path: Path, extra: dict) -> Path:
    """The seed with one more record appended."""
    path = tmp_path / "seed-plus.jsonl"
    path.write_text(SEED.read_text("utf-8").rstrip("\n") + "\n" + json.dumps(extra) + "\n", "utf-8")
    return path


def seed_event() -> dict:
    lines = SEED.read_text("utf-8").splitlines()
    return json.loads(next(line for line in lines if '"record": "event"' in line))


def test_strict_writes_nothing_when_the_only_error_is_a_dangling_reference(empty_graph: Driver,
                                                                           tmp_path: Path):
    dangling = seed_event() | {"id": "ev:dangling"}
    dangling["participants"] = [{"actor": "nobody_at_all", "role": "participant"}]
    result = runner.invoke(app, ["load", "--strict", str(seed_plus(tmp_path, dangling))])
    assert result.exit_code == 2 and "nothing was written" in result.output
    assert "unknown actor 'nobody_at_all'" in result.output
    assert node_count(empty_graph) == 0


def test_strict_writes_nothing_when_the_only_error_is_a_conflicting_duplicate_id(empty_graph: Driver,
                                                                                 tmp_path: Path):
    event = seed_event()
    result = runner.invoke(app, ["load", "--strict", str(seed_plus(tmp_path, event | {"title": "Other"}))])
    assert result.exit_code == 2 and "nothing was written" in result.output
    assert "id already defined differently" in " ".join(result.output.split())
    assert node_count(empty_graph) == 0
    same = runner.invoke(app, ["load", "--strict", str(seed_plus(tmp_path, event))])
    assert same.exit_code == 0 and node_count(empty_graph) > 0  # an identical repeat is no conflict


def test_strict_accepts_references_to_earlier_batches(empty_graph: Driver, settings: Settings):
    """Batches of two records: most references point to an earlier batch, as a stream's do."""
    writer = GraphWriter(empty_graph, settings.neo4j_database, batch_size=2)
    report = load_stream(lambda: read_all([SEED], None), writer, strict=True, batch_size=2)
    assert report.written and not report.errors
    events = sum(1 for line in SEED.read_text("utf-8").splitlines() if '"record": "event"' in line)
    assert report.counts["event"].created == events
