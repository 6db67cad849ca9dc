"""ACLED in the shapes people have: the export tool's older CSV, today's CSV and the API's JSON,
loaded against the real Neo4j onto the same nodes; a header missing a column is refused naming it."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

from neo4j import Driver

from graph.model import ActorKind
from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.formats import guess_format, read_all
from loaders.pipeline import load_stream
from loaders.report import LoadReport
from loaders.resolve import resolve_acled

DATA = Path(__file__).resolve().parent / "data"
OLDER = DATA / "acled_export_2025-08_older.csv"
TODAY = DATA / "acled_2025-08.csv"
API = DATA / "acled_api_2025-08.json"


def stream(driver: Driver, settings: Settings, *paths: Path, fmt: str | None = None) -> LoadReport:
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=5)
    return load_stream(lambda: read_all(list(paths), fmt), writer, batch_size=7)


def test_every_shape_is_guessed_as_acled(tmp_path: Path):
    archive = tmp_path / "acled_api.json.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(API, API.name)
    assert [guess_format(p) for p in (OLDER, TODAY, API, archive)] == ["acled"] * 4


def test_the_older_export_loads_with_its_dates_and_numeric_actor_types(empty_graph: Driver,
                                                                        settings: Settings):
    with OLDER.open(encoding="utf-8") as file:
        header = next(csv.reader(file))
    assert {"data_id", "iso3", "event_id_no_cnty"} <= set(header)
    assert not {"disorder_type", "civilian_targeting", "tags"} & set(header)
    report = stream(empty_graph, settings, OLDER)
    assert report.counts["event"].created == 4
    assert {(e.line, e.field) for e in report.errors} == {(6, "inter1"), (7, "event_date")}
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event {id: 'acled:ukr90001'}) RETURN e.valid_from AS day, e.time_precision AS p",
        database_=settings.neo4j_database)
    assert str(records[0]["day"]) == "2025-08-09" and records[0]["p"] == "day"  # "09 August 2025"


def test_the_api_json_loads_with_text_actor_types_and_numbers(empty_graph: Driver, settings: Settings):
    elements = json.loads(API.read_text(encoding="utf-8"))["data"]
    report = stream(empty_graph, settings, API)
    assert report.counts["event"].created == 2 == sum(
        1 for e in elements if isinstance(e, dict) and e["inter2"] != "Aliens")
    assert {(e.line, e.field) for e in report.errors} == {(5, "inter2"), (6, "(json)")}
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event {id: 'acled:ukr90003'})-[:TOOK_PLACE_IN]->(p:Place) "
        "RETURN p.latitude AS lat",
        database_=settings.neo4j_database)
    assert records[0]["lat"] == 51.0  # a JSON number, read as the CSV's text would be


def test_the_three_shapes_meet_on_the_same_actors_and_events(empty_graph: Driver, settings: Settings):
    stream(empty_graph, settings, OLDER, TODAY, API)
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) WHERE a.id IN $ids "
        "RETURN a.id AS id, collect(e.id) AS events",
        ids=["prk_military_forces_2011", "rus_military_forces_2000", "ukr", "prk", "rus"],
        database_=settings.neo4j_database)
    events = {r["id"]: set(r["events"]) for r in records}
    # North Korea's forces: in the older export, today's CSV and the API's JSON
    assert {"acled:ukr90001", "acled:rus51234", "acled:prk300", "acled:ukr90003"} <= (
        events["prk_military_forces_2011"] | events["prk"])
    assert {"acled:ukr90001", "acled:ukr90003"} <= events["prk_military_forces_2011"]
    # RUS51234 is in the older export and in today's CSV: one event node
    same, _, _ = empty_graph.execute_query("MATCH (e:Event {id: 'acled:rus51234'}) RETURN count(e) AS n",
                                           database_=settings.neo4j_database)
    assert same[0]["n"] == 1


def test_a_header_missing_a_column_is_refused_naming_it(empty_graph: Driver, settings: Settings,
                                                        tmp_path: Path):
    lines = OLDER.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "acled.csv"
    cut.write_text("\n".join([lines[0].replace(",sub_event_type", ",subtype"), *lines[1:]]) + "\n",
                   encoding="utf-8")
    report = stream(empty_graph, settings, cut, fmt="acled")
    assert [(e.line, e.field) for e in report.errors] == [(1, "(header)")]
    assert "sub_event_type" in report.errors[0].reason
    response = json.loads(API.read_text(encoding="utf-8"))
    for element in response["data"]:
        if isinstance(element, dict):
            del element["event_date"]
    bad_api = tmp_path / "acled.json"
    bad_api.write_text(json.dumps(response), encoding="utf-8")
    report = stream(empty_graph, settings, bad_api)
    assert [e.field for e in report.errors] == ["(header)"] and "event_date" in report.errors[0].reason


def test_an_api_error_response_is_named_not_loaded(empty_graph: Driver, settings: Settings, tmp_path: Path):
    refused = tmp_path / "acled.json"
    refused.write_text('{"status": 403, "success": false, "error": {"message": "Access denied"}}',
                       encoding="utf-8")
    report = stream(empty_graph, settings, refused, fmt="acled")
    assert [(e.line, e.field) for e in report.errors] == [(1, "(json)")]
    assert "'data'" in report.errors[0].reason


def test_an_actor_type_gives_the_kind_a_name_does_not():
    assert resolve_acled("Wagner Group", ActorKind.ORGANISATION).actors[-1].kind == ActorKind.ORGANISATION
    assert resolve_acled("Wagner Group").actors[-1].kind == ActorKind.GROUP
    # the name's own word wins: a militia's name says armed group whatever its inter code
    assert resolve_acled("Kursk Militia", ActorKind.GROUP).actors[-1].kind == ActorKind.ARMED_GROUP
