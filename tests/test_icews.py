"""ICEWS coded event data against the real Neo4j: the sample's rows (the seed story, August 2025)
load with their actors on the nodes the seed and the other data sets use; bad rows are named."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from neo4j import Driver

from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.formats import guess_format, read_all
from loaders.headed import RowError
from loaders.icews import _code
from loaders.pipeline import load_stream
from loaders.report import LoadReport
from tests.conftest import SEED, load_paths

DATA = Path(__file__).resolve().parent / "data"
ICEWS = DATA / "icews_2025-08.tab"
GDELT = DATA / "20250813.export.CSV"
POLECAT = DATA / "polecat_2025-W33.tsv"
ACLED = DATA / "acled_2025-08.csv"


def stream(driver: Driver, settings: Settings, *paths: Path) -> LoadReport:
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=5)
    return load_stream(lambda: read_all(list(paths), None), writer, batch_size=7)


def _data_rows() -> list[list[str]]:
    lines = ICEWS.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines[1:]]


def test_the_sample_loads_its_good_rows_and_names_its_bad_ones(empty_graph: Driver, settings: Settings):
    rows = _data_rows()
    # computed from the file: the rows of 20 fields with a real date, code and intensity
    good = [r for r in rows if len(r) == 20 and r[1] != "2025-08-32" and r[6] != "999" and r[7] != "high"]
    report = stream(empty_graph, settings, ICEWS)
    assert report.counts["event"].created == len(good) == 6
    assert {(e.line, e.field) for e in report.errors} == {
        (8, "Event Date"), (9, "CAMEO Code"), (10, "(row)"), (11, "Intensity")}
    assert all(Path(e.file).name == ICEWS.name for e in report.errors)
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event {id: 'icews:36100001-20250812'})-[:SUPPORTED_BY]->(c:Claim) "
        "MATCH (e)-[:OF_TYPE]->(t:EventType) "
        "RETURN e.goldstein AS intensity, t.id AS type, c.dataset AS dataset, c.record_id AS record",
        database_=settings.neo4j_database)
    assert records[0]["type"] == "telephone_call"  # CAMEO 041
    assert records[0]["dataset"] == "icews" and records[0]["record"] == "58800001:1"  # story:sentence
    assert records[0]["intensity"] == 1.0


def test_na_and_empty_fields_read_as_missing(empty_graph: Driver, settings: Settings):
    stream(empty_graph, settings, ICEWS)
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event) WHERE e.id IN ['icews:36100005-20250819', 'icews:36100006-20250814'] "
        "OPTIONAL MATCH (e)-[:TOOK_PLACE_IN]->(p:Place) "
        "OPTIONAL MATCH (a:Actor)-[:PARTICIPATED_IN]->(e) "
        "RETURN e.id AS id, p.id AS place, collect(a.id) AS actors", database_=settings.neo4j_database)
    by_id = {r["id"]: r for r in records}
    # row 7 is all NA but its source: no target, no place, and no actor named "NA"
    assert by_id["icews:36100006-20250814"]["place"] is None
    # North Korea's government, and the state it acts for; no target
    assert sorted(by_id["icews:36100006-20250814"]["actors"]) == ["prk", "prk_gov"]
    assert by_id["icews:36100005-20250819"]["place"] is None  # row 6: empty fields
    nobody, _, _ = empty_graph.execute_query("MATCH (a:Actor) WHERE a.name = 'NA' OR a.id ENDS WITH ':na' "
                                             "RETURN count(a) AS n", database_=settings.neo4j_database)
    assert nobody[0]["n"] == 0


def test_the_same_actors_and_places_as_the_seed_and_the_other_data_sets(empty_graph: Driver,
                                                                       settings: Settings):
    assert not load_paths(empty_graph, settings, SEED).errors
    stream(empty_graph, settings, GDELT, ACLED, POLECAT, ICEWS)
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) WHERE a.id IN $ids "
        "RETURN a.id AS id, collect(DISTINCT split(e.id, ':')[0]) AS origins",
        ids=["rus", "prk", "ukr", "vladimir_putin", "kim_jong_un", "rus_med", "prk_gov"],
        database_=settings.neo4j_database)
    origins = {r["id"]: set(r["origins"]) for r in records}
    assert {"ev", "gdelt", "polecat", "icews"} <= origins["vladimir_putin"]
    assert {"ev", "gdelt", "polecat", "icews"} <= origins["kim_jong_un"]
    assert {"ev", "gdelt", "acled", "polecat", "icews"} <= origins["rus"]
    assert {"gdelt", "icews"} <= origins["rus_med"]  # GDELT RUSMED and ICEWS "Media (Russia)"
    assert {"ev", "icews"} <= origins["ukr"]
    # Kim, named "Kim Jong-Un" by ICEWS, represents North Korea in the call, as in GDELT
    call, _, _ = empty_graph.execute_query(
        "MATCH (:Actor {id: 'kim_jong_un'})-[p:PARTICIPATED_IN]->(:Event {id: 'icews:36100001-20250812'}) "
        "RETURN p.represents AS represents, p.role AS role", database_=settings.neo4j_database)
    assert call[0]["represents"] == "prk" and call[0]["role"] == "initiator"
    places, _, _ = empty_graph.execute_query(
        "MATCH (p:Place {id: 'russia'})<-[:TOOK_PLACE_IN]-(e:Event) RETURN collect(e.id) AS events",
        database_=settings.neo4j_database)
    assert "icews:36100004-20250815" in places[0]["events"]  # the country's place, shared


def test_a_zipped_icews_file_loads_as_the_plain_one(empty_graph: Driver, settings: Settings, tmp_path: Path):
    plain = stream(empty_graph, settings, ICEWS)
    archive = tmp_path / "events.2025.20250901.tab.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(ICEWS, "events.2025.20250901.tab")
    assert guess_format(archive) == "icews"
    again = stream(empty_graph, settings, archive)
    assert again.total("created") == 0 and again.total("updated") == 0
    written = sum(plain.total(outcome) for outcome in ("created", "updated", "unchanged"))
    assert again.total("unchanged") == written
    assert [(e.line, e.field) for e in again.errors] == [(e.line, e.field) for e in plain.errors]


def test_a_header_without_an_icews_column_is_refused_naming_it(empty_graph: Driver, settings: Settings,
                                                               tmp_path: Path):
    lines = ICEWS.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "events.tab"
    cut.write_text("\n".join(lines[0].replace("\tIntensity", "").split("\n") + lines[1:3]) + "\n",
                   encoding="utf-8")
    report = load_stream(lambda: read_all([cut], "icews"),
                         GraphWriter(empty_graph, settings.neo4j_database), batch_size=7)
    assert [(e.line, e.field) for e in report.errors] == [(1, "(header)")]
    assert "Intensity" in report.errors[0].reason


def test_a_code_whose_leading_zero_was_dropped_reads_as_cameo():
    assert _code("042") == "042" and _code("42") == "042" and _code("0231") == "0231"
    assert _code("10") == "10"  # root 10 (DEMAND) stays itself, not 010
    with pytest.raises(RowError):
        _code("999")
