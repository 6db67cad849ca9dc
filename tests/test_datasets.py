"""GDELT, ACLED and POLECAT loads against the real Neo4j, beside the seed article's graph."""

from __future__ import annotations

import zipfile
from pathlib import Path

from neo4j import Driver

from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.formats import guess_format, read_all
from loaders.pipeline import load_stream
from loaders.report import LoadReport
from tests.conftest import SEED, load_paths

DATA = Path(__file__).resolve().parent / "data"
GDELT = DATA / "20250813.export.CSV"
MENTIONS = DATA / "20250813.mentions.CSV"
ACLED = DATA / "acled_2025-08.csv"
POLECAT = DATA / "polecat_2025-W33.tsv"
ALL = [GDELT, MENTIONS, ACLED, POLECAT]


def stream(driver: Driver, settings: Settings, *paths: Path, strict: bool = False) -> LoadReport:
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=5)
    return load_stream(lambda: read_all(list(paths), None), writer, strict=strict, batch_size=7)


def created(report: LoadReport, kind: str) -> int:
    return report.counts[kind].created if kind in report.counts else 0


def test_formats_are_guessed_from_name_and_header():
    assert [guess_format(p) for p in ALL] == ["gdelt", "gdelt", "acled", "polecat"]


def test_each_format_loads_its_good_rows_and_names_its_bad_ones(empty_graph: Driver, settings: Settings):
    report = stream(empty_graph, settings, GDELT, MENTIONS, ACLED, POLECAT)
    assert created(report, "event") == 6 + 3 + 3
    assert created(report, "event_claim") == 3  # the fourth mentions an event nobody loaded:
    assert report.skipped == {"event not loaded": 1}  # skipped, not rejected
    bad = {(Path(e.file).name, e.line, e.field) for e in report.errors}
    assert ("20250813.export.CSV", 7, "(row)") in bad
    assert ("20250813.export.CSV", 8, "SQLDATE") in bad
    assert ("20250813.export.CSV", 9, "EventCode") in bad
    assert not any(line == 4 for name, line, _ in bad if name == "20250813.mentions.CSV")
    assert ("acled_2025-08.csv", 5, "event_date") in bad
    assert ("acled_2025-08.csv", 6, "sub_event_type") in bad
    assert ("polecat_2025-W33.tsv", 5, "Event Type") in bad
    assert ("polecat_2025-W33.tsv", 6, "Event Date") in bad
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event {id: 'acled:rus51301'}) RETURN e.time_precision AS p, e.valid_to AS end",
        database_=settings.neo4j_database)
    assert records[0]["p"] == "month" and str(records[0]["end"]) == "2025-08-31"


def test_strict_writes_nothing_when_a_row_is_bad(empty_graph: Driver, settings: Settings):
    report = stream(empty_graph, settings, ACLED, strict=True)
    assert not report.written and report.errors
    records, _, _ = empty_graph.execute_query("MATCH (n:Event) RETURN count(n) AS n",
                                              database_=settings.neo4j_database)
    assert records[0]["n"] == 0


def test_one_node_per_state_and_leader_across_seed_and_datasets(empty_graph: Driver, settings: Settings):
    assert not load_paths(empty_graph, settings, SEED).errors
    stream(empty_graph, settings, *ALL)
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor) WHERE a.id IN ['rus', 'prk', 'vladimir_putin', 'kim_jong_un'] "
        "OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e:Event) "
        "RETURN a.id AS id, a.name AS name, a.names AS ar, a.dataset_id_values AS raw, "
        "collect(DISTINCT split(e.id, ':')[0]) AS origins",
        database_=settings.neo4j_database)
    actors = {r["id"]: r for r in records}
    assert set(actors) == {"rus", "prk", "vladimir_putin", "kim_jong_un"}
    putin = actors["vladimir_putin"]
    assert putin["name"] == "Vladimir Putin"
    assert {"VLADIMIR PUTIN", "Vladimir_Putin"} <= set(putin["raw"])
    assert {"ev", "gdelt", "polecat"} <= set(putin["origins"])
    assert {"ev", "gdelt", "acled", "polecat"} <= set(actors["rus"]["origins"])
    names, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor {id: 'vladimir_putin'}) RETURN a.alt_names AS ar", database_=settings.neo4j_database)
    assert "بوتين" in names[0]["ar"]  # the seed's Arabic names survive the data sets
    parts, _, _ = empty_graph.execute_query(
        "MATCH (:Actor {id: 'prk_military_forces_2011'})-[r:PART_OF]->(:Actor {id: 'prk'}) "
        "RETURN r.valid_from AS since", database_=settings.neo4j_database)
    assert str(parts[0]["since"]) == "2011-01-01"


def test_loading_everything_twice_changes_nothing(empty_graph: Driver, settings: Settings):
    load_paths(empty_graph, settings, SEED)
    stream(empty_graph, settings, *ALL)
    again = stream(empty_graph, settings, *ALL)
    assert again.total("created") == 0 and again.total("updated") == 0
    assert again.total("unchanged") > 0


def test_a_zipped_gdelt_file_loads_as_the_plain_one(empty_graph: Driver, settings: Settings, tmp_path: Path):
    plain = stream(empty_graph, settings, GDELT)
    archive = tmp_path / "20250813.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(GDELT, GDELT.name)
    zipped_report = stream(empty_graph, settings, archive)
    assert zipped_report.total("created") == 0 and zipped_report.total("updated") == 0
    assert zipped_report.total("unchanged") == plain.total("created") + plain.total("updated")
    assert [(e.line, e.field) for e in zipped_report.errors] == [(e.line, e.field) for e in plain.errors]


def test_an_analysts_spreadsheet_loads_with_its_mapping(empty_graph: Driver, settings: Settings):
    load_paths(empty_graph, settings, SEED)
    sheet = Path(__file__).resolve().parent.parent / "examples" / "analyst_events.csv"
    report = stream(empty_graph, settings, sheet)
    assert created(report, "event") == 2 and not report.errors
    records, _, _ = empty_graph.execute_query(
        "MATCH (:Actor {id: 'vladimir_putin'})-[:PARTICIPATED_IN]->(e:Event {id: 'analyst:a_1'}) "
        "RETURN e.type AS type", database_=settings.neo4j_database)
    assert records[0]["type"] == "telephone_call"


def test_mentions_survive_an_update_of_their_event(empty_graph: Driver, settings: Settings,
                                                   tmp_path: Path):
    stream(empty_graph, settings, GDELT, MENTIONS)
    claims_of = "MATCH (:Event {id: $id})-[:SUPPORTED_BY]->(c:Claim) RETURN c.id AS id, c.mention AS mention"
    before, _, _ = empty_graph.execute_query(claims_of, id="gdelt:1250000001",
                                             database_=settings.neo4j_database)
    assert sum(1 for c in before if c["mention"]) >= 3  # the three outlets of the mentions file
    # the same event re-coded: another AvgTone (the last column before the dates) rewrites it
    rows = GDELT.read_text(encoding="utf-8").splitlines()
    changed = [row.replace("\t-1.8\t", "\t-2.5\t", 1) if row.startswith("1250000001\t") else row
               for row in rows]
    assert changed != rows
    recoded = tmp_path / "20250813.export.CSV"
    recoded.write_text("\n".join(changed) + "\n", encoding="utf-8")
    report = stream(empty_graph, settings, recoded)
    assert report.counts["event"].updated == 1
    after, _, _ = empty_graph.execute_query(claims_of, id="gdelt:1250000001",
                                            database_=settings.neo4j_database)
    assert sorted(c["id"] for c in after) == sorted(c["id"] for c in before)


def test_an_icews_file_is_guessed_as_icews_not_polecat(tmp_path: Path):
    header = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
              "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\t"
              "Publisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n")
    icews = tmp_path / "events.2023.tab"
    icews.write_text(header + "1\t2023-01-01\tRussia\t\tRussia\tConsult\t040\t1\tChina\t\tChina\t1\t1"
                     "\tX\t\t\t\tRussia\t55.7\t37.6\n", encoding="utf-8")
    assert guess_format(icews) == "icews"
    assert guess_format(POLECAT) == "polecat"
