"""GDELT mentions as GDELT publishes them: a mentions file cites events of earlier files. A mention
of an event in the graph attaches to it whatever file the event came from; one of an event not in
the graph is skipped and counted, not rejected, and leaves no node behind."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.formats import read_all
from loaders.pipeline import load_stream
from loaders.report import LoadReport

DATA = Path(__file__).resolve().parent / "data"
EXPORT = DATA / "20250813.export.CSV"
MENTIONS = DATA / "20250813.mentions.CSV"
LATER = DATA / "20250814000000.mentions.CSV"  # a later slice's mentions, citing the export's events
runner = CliRunner()


def _later_rows() -> list[list[str]]:
    return [line.split("\t") for line in LATER.read_text(encoding="utf-8").splitlines()]


def stream(driver: Driver, settings: Settings, *paths: Path, batch_size: int = 7) -> LoadReport:
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=3)
    return load_stream(lambda: read_all(list(paths), None), writer, batch_size=batch_size)


def _loaded_events(driver: Driver, settings: Settings) -> set[str]:
    records, _, _ = driver.execute_query("MATCH (e:Event) RETURN e.id AS id",
                                         database_=settings.neo4j_database)
    return {r["id"] for r in records}


def test_a_later_mentions_file_attaches_to_loaded_events_and_skips_the_others(
        empty_graph: Driver, settings: Settings):
    stream(empty_graph, settings, EXPORT)
    events = _loaded_events(empty_graph, settings)
    cited = [f"gdelt:{row[0]}" for row in _later_rows()]
    known = [e for e in cited if e in events]
    assert known and len(known) < len(cited)  # the file cites both kinds
    report = stream(empty_graph, settings, LATER)
    assert not report.errors
    assert report.counts["event_claim"].created == len(known)
    assert report.skipped == {"event not loaded": len(cited) - len(known)}
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event)-[:SUPPORTED_BY]->(c:Claim)-[:PUBLISHED_IN]->(s:Source) WHERE c.mention "
        "RETURN e.id AS event, s.url AS url", database_=settings.neo4j_database)
    attached = {(r["event"], r["url"]) for r in records}
    expected = {(f"gdelt:{row[0]}", row[5]) for row in _later_rows() if f"gdelt:{row[0]}" in events}
    assert attached == expected


def test_a_skipped_mention_leaves_no_outlet_behind_but_a_shared_one_stays(
        empty_graph: Driver, settings: Settings):
    stream(empty_graph, settings, EXPORT)
    events = _loaded_events(empty_graph, settings)
    rows = _later_rows()
    only_skipped = {r[5] for r in rows} - {r[5] for r in rows if f"gdelt:{r[0]}" in events}
    shared = {r[5] for r in rows if f"gdelt:{r[0]}" not in events} - only_skipped
    assert only_skipped and shared  # one outlet's document cites a loaded and an unloaded event
    for batch_size in (1, 100):  # the shared document's lines in one batch, and in two
        stream(empty_graph, settings, LATER, batch_size=batch_size)
        records, _, _ = empty_graph.execute_query("MATCH (s:Source) RETURN s.url AS url",
                                                  database_=settings.neo4j_database)
        urls = {r["url"] for r in records}
        assert not only_skipped & urls
        assert shared <= urls


def test_mentions_load_in_any_order_and_a_reload_changes_nothing(empty_graph: Driver, settings: Settings):
    early = stream(empty_graph, settings, MENTIONS, LATER)  # before their events: all skipped
    assert "event_claim" not in early.counts
    assert [e.field for e in early.errors] == ["MentionTimeDate"]  # the one malformed row
    assert early.skipped["event not loaded"] == 4 + len(_later_rows())
    stream(empty_graph, settings, EXPORT)
    first = stream(empty_graph, settings, MENTIONS, LATER)
    assert first.counts["event_claim"].created > 0
    again = stream(empty_graph, settings, EXPORT, MENTIONS, LATER)
    assert again.total("created") == 0 and again.total("updated") == 0
    assert again.skipped == first.skipped


def test_geokg_load_of_mentions_exits_0_and_prints_the_skipped_count(empty_graph: Driver):
    runner.invoke(app, ["load", str(EXPORT)])
    result = runner.invoke(app, ["load", str(LATER)])
    assert result.exit_code == 0, result.output
    skipped = sum(1 for row in _later_rows() if row[0].startswith("1269"))
    assert f"skipped (event not loaded): {skipped}" in result.output
