"""Load filters against the real Neo4j: every format keeps what they ask for, the report counts what
they left out (apart from what it rejected), and a left-out row brings none of its actors."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.filters import FilterError, LoadFilter, load_filter
from loaders.formats import read_all
from loaders.gdelt import EVENT_COLUMNS
from loaders.pipeline import load_stream
from loaders.report import LoadReport
from tests.conftest import SEED, wipe

DATA = Path(__file__).resolve().parent / "data"
GDELT = DATA / "20250813.export.CSV"
DATASETS = [GDELT, DATA / "acled_2025-08.csv", DATA / "polecat_2025-W33.tsv", DATA / "icews_2025-08.tab"]
runner = CliRunner()


def stream(driver: Driver, settings: Settings, *paths: Path, keep: LoadFilter | None = None,
           strict: bool = False) -> LoadReport:
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=5)
    return load_stream(lambda: read_all(list(paths), None), writer, batch_size=7, keep=keep, strict=strict)


def event_ids(driver: Driver, settings: Settings) -> set[str]:
    records, _, _ = driver.execute_query("MATCH (e:Event) RETURN e.id AS id",
                                         database_=settings.neo4j_database)
    return {r["id"] for r in records}


def gdelt_rows() -> list[dict[str, str]]:
    """The sample's well-formed rows, read here without the loader."""
    rows = [dict(zip(EVENT_COLUMNS, line.split("\t"), strict=True))
            for line in GDELT.read_text(encoding="utf-8").splitlines()
            if len(line.split("\t")) == len(EVENT_COLUMNS)]
    return [r for r in rows if r["SQLDATE"] != "20250230" and r["EventCode"] != "999"
            and (r["Actor1Code"] or r["Actor2Code"])]  # the sample's bad date, code, actor-less row


def test_bad_options_are_named():
    for kwargs, option in [({"countries": "RUS,XYZ"}, "countries"), ({"cameo_root": "21"}, "cameo_root"),
                           ({"quad": "5"}, "quad"), ({"since": "2025-13"}, "since"),
                           ({"since": "2025-09", "until": "2025-08"}, "since"),
                           ({"min_mentions": -1}, "min_mentions")]:
        with pytest.raises(FilterError) as raised:
            load_filter(**kwargs)  # type: ignore[arg-type]
        assert raised.value.option == option
    assert not load_filter().active
    assert load_filter(cameo_root="3, 04").cameo_roots == {"03", "04"}


def test_countries_keep_the_events_of_either_side_across_formats(empty_graph: Driver, settings: Settings):
    everything = stream(empty_graph, settings, *DATASETS)
    all_events = everything.counts["event"].created
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) WHERE a.country = 'UKR' OR a.id = 'ukr' "
        "RETURN collect(DISTINCT e.id) AS ids", database_=settings.neo4j_database)
    ukrainian = set(records[0]["ids"])
    assert ukrainian and len(ukrainian) < all_events
    wipe(empty_graph, settings.neo4j_database)

    report = stream(empty_graph, settings, *DATASETS, keep=load_filter(countries="UKR"))
    assert event_ids(empty_graph, settings) == ukrainian
    assert report.filtered == {"countries": all_events - len(ukrainian)}
    assert len(report.errors) == len(everything.errors)  # rejected rows stay rejected, counted apart
    lonely, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor) WHERE NOT (a)-[:PARTICIPATED_IN]->() RETURN collect(a.id) AS ids",
        database_=settings.neo4j_database)
    assert lonely[0]["ids"] == []  # the rows left out brought no actor
    places, _, _ = empty_graph.execute_query(
        "MATCH (p:Place) WHERE NOT ()-[:TOOK_PLACE_IN]->(p) RETURN count(p) AS n",
        database_=settings.neo4j_database)
    assert places[0]["n"] == 0


def test_cameo_roots_and_quads_against_the_files_own_codes(empty_graph: Driver, settings: Settings):
    rows = gdelt_rows()
    report = stream(empty_graph, settings, GDELT, keep=load_filter(cameo_root="03"))
    expected = {f"gdelt:{r['GLOBALEVENTID']}" for r in rows if r["EventRootCode"] == "03"}
    assert expected and event_ids(empty_graph, settings) == expected
    # Kim Jong Un's first row (041, left out) came before his 0332 row: he is still written
    assert report.filtered == {"cameo_root": len(rows) - len(expected)} and not [
        e for e in report.errors if e.field.startswith("participants")]
    wipe(empty_graph, settings.neo4j_database)
    report = stream(empty_graph, settings, GDELT, keep=load_filter(quad="1"))
    expected = {f"gdelt:{r['GLOBALEVENTID']}" for r in rows if r["QuadClass"] == "1"}
    assert event_ids(empty_graph, settings) == expected
    assert report.filtered == {"quad": len(rows) - len(expected)}


def test_gdelt_minima_hold_only_for_gdelt_events(empty_graph: Driver, settings: Settings):
    rows = gdelt_rows()
    least = max(int(r["NumMentions"]) for r in rows)  # keeps the most mentioned only
    acled = DATA / "acled_2025-08.csv"
    report = stream(empty_graph, settings, GDELT, acled, keep=load_filter(min_mentions=least))
    kept = {i for i in event_ids(empty_graph, settings) if i.startswith("gdelt:")}
    assert kept == {f"gdelt:{r['GLOBALEVENTID']}" for r in rows if int(r["NumMentions"]) >= least}
    assert report.filtered == {"min_mentions": len(rows) - len(kept)}
    assert {i for i in event_ids(empty_graph, settings) if i.startswith("acled:")}  # no figure: kept


def test_since_until_keep_the_events_whose_span_overlaps(empty_graph: Driver, settings: Settings):
    acled = DATA / "acled_2025-08.csv"
    stream(empty_graph, settings, acled, keep=load_filter(since="2025-08-20", until="2025-08-31"))
    # RUS51301 is known to the month (August 2025), so it overlaps; PRK300 (2025, a year) too;
    # RUS51234 happened on 2025-08-10
    assert event_ids(empty_graph, settings) == {"acled:rus51301", "acled:prk300"}


def test_actors_by_id_or_by_a_data_sets_code(empty_graph: Driver, settings: Settings):
    rows = gdelt_rows()
    report = stream(empty_graph, settings, GDELT, keep=load_filter(actors="SERGEI SHOIGU,usagov"))
    expected = {f"gdelt:{r['GLOBALEVENTID']}" for r in rows
                if {"SERGEI SHOIGU", "USAGOV"} & {r["Actor1Name"], r["Actor1Code"], r["Actor2Name"],
                                                  r["Actor2Code"]}}
    assert expected and event_ids(empty_graph, settings) == expected
    assert report.filtered["actors"] == len(rows) - len(expected)
    wipe(empty_graph, settings.neo4j_database)
    stream(empty_graph, settings, GDELT, keep=load_filter(actors="kim_jong_un"))
    assert event_ids(empty_graph, settings) == {
        f"gdelt:{r['GLOBALEVENTID']}" for r in rows if "KIM JONG UN" in (r["Actor1Name"], r["Actor2Name"])}


def test_a_native_relationship_goes_with_the_event_it_derives_from(empty_graph: Driver, settings: Settings):
    report = stream(empty_graph, settings, SEED, keep=load_filter(cameo_root="02"), strict=True)
    assert report.written and not report.errors  # nothing rejected: left out is not bad
    derived = sum(1 for line in SEED.read_text(encoding="utf-8").splitlines() if '"derived_from"' in line)
    assert report.filtered["derived_from"] == derived
    records, _, _ = empty_graph.execute_query(
        "MATCH ()-[r]->() WHERE r.derived_from IS NOT NULL RETURN count(r) AS n",
        database_=settings.neo4j_database)
    assert records[0]["n"] == 0


def test_the_command_takes_the_filters_and_reports_them(empty_graph: Driver):
    result = runner.invoke(app, ["load", str(GDELT), "--countries", "usa", "--quad", "1"])
    assert result.exit_code == 2  # the sample's malformed rows are still rejected
    assert "filtered out:" in result.output and "countries" in result.output
    refused = runner.invoke(app, ["load", str(GDELT), "--cameo-root", "21"])
    assert refused.exit_code == 2 and "--cameo-root: 21" in refused.output
