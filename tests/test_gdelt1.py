"""GDELT 1.0's daily events (57 columns before 2013-04-01, 58 with SOURCEURL after) land in the same
model as 2.0 rows, and GDELT's FIPS 10-4 country codes join the ISO 3166 country nodes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from neo4j import Driver

from graph.codebooks import countries
from graph.settings import Settings
from loaders.formats import guess_format
from loaders.gdelt1 import BACKFILE_COLUMNS, COLUMNS
from loaders.gdelt_geo import country_by_fips
from tests.test_datasets import GDELT, stream

DATA = Path(__file__).resolve().parent / "data"
DAILY = DATA / "20250814.export.CSV"  # 58 columns: from 2013-04-01 on
BACKFILE = DATA / "20130331.export.CSV"  # 57 columns: the historical backfile's layout


def _lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_layouts_follow_the_codebook():
    assert len(COLUMNS) == 58 and len(BACKFILE_COLUMNS) == 57
    assert COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"] and BACKFILE_COLUMNS[-1] == "DATEADDED"
    assert not any("ADM2" in column for column in COLUMNS)  # 2.0 added the ADM2 codes


def test_gdelt_1_files_are_guessed_by_their_width(tmp_path: Path):
    assert guess_format(DAILY) == "gdelt1" and guess_format(BACKFILE) == "gdelt1"
    assert guess_format(GDELT) == "gdelt"  # a 2.0 export named by its day only
    archive = tmp_path / "20250814.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(DAILY, DAILY.name)
    assert guess_format(archive) == "gdelt1"


def test_gdelt_1_rows_load_and_the_bad_ones_are_named(empty_graph: Driver, settings: Settings):
    report = stream(empty_graph, settings, DAILY, BACKFILE)
    bad = {(Path(e.file).name, e.line, e.field) for e in report.errors}
    assert bad == {(DAILY.name, 4, "(row)"), (DAILY.name, 5, "DATEADDED"), (DAILY.name, 6, "EventCode"),
                   (BACKFILE.name, 3, "SQLDATE")}
    good = [r[0] for r in _lines(DAILY)[:3] + _lines(BACKFILE)[:2]]
    records, _, _ = empty_graph.execute_query("MATCH (e:Event) RETURN e.id AS id",
                                              database_=settings.neo4j_database)
    assert sorted(r["id"] for r in records) == sorted(f"gdelt1:{n}" for n in good)
    again = stream(empty_graph, settings, DAILY, BACKFILE)
    assert again.total("created") == 0 and again.total("updated") == 0


def test_a_1_0_row_is_the_same_model_as_its_2_0_twin(empty_graph: Driver, settings: Settings):
    stream(empty_graph, settings, GDELT, DAILY)
    query = ("MATCH (e:Event {id: $id})-[:OF_TYPE]->(t:EventType) "
             "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e) "
             "RETURN t.id AS type, collect([a.id, p.role]) AS who")
    twins = []
    for event in ("gdelt:1250000001", "gdelt1:1188000001"):  # the Putin-Kim call in both series
        records, _, _ = empty_graph.execute_query(query, id=event, database_=settings.neo4j_database)
        twins.append((records[0]["type"], sorted(map(tuple, records[0]["who"]))))
    assert twins[0] == twins[1]
    assert ("vladimir_putin", "initiator") in twins[0][1]


def test_a_backfile_row_without_sourceurl_keeps_its_provenance(empty_graph: Driver, settings: Settings):
    stream(empty_graph, settings, BACKFILE)
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event {id: 'gdelt1:250000001'})-[:SUPPORTED_BY]->(c:Claim)-[:PUBLISHED_IN]->(s:Source) "
        "RETURN s.url AS url, c.dataset AS dataset, c.record_id AS record, toString(e.valid_from) AS day, "
        "toString(e.dataset_recorded) AS recorded", database_=settings.neo4j_database)
    [found] = records
    assert found["url"] == "urn:gdelt:event:250000001"
    assert (found["dataset"], found["record"], found["day"]) == ("gdelt", "250000001", "2013-03-30")
    assert found["recorded"].startswith("2013-03-31")


@pytest.mark.parametrize(("fips", "iso"), [
    ("RS", "RUS"), ("KN", "PRK"), ("KS", "KOR"), ("UP", "UKR"), ("GM", "DEU"), ("AS", "AUS"),
    ("CH", "CHN"), ("SZ", "CHE"), ("AU", "AUT"), ("RI", "SRB"), ("GA", "GMB"), ("UK", "GBR"),
    ("IZ", "IRQ"), ("WE", "PSE"), ("GZ", "PSE"),
])
def test_fips_codes_that_read_as_other_iso_codes(fips: str, iso: str):
    found = country_by_fips(fips)
    assert found is not None and found.alpha3 == iso


def test_the_fips_table_names_only_iso_countries():
    table = (Path(__file__).resolve().parent.parent / "graph" / "codebooks" / "fips10_4.tsv")
    rows = [line.split("\t") for line in table.read_text("utf-8").splitlines()[1:]]
    assert len({r[0] for r in rows}) == len(rows) > 250
    assert {r[1] for r in rows} <= set(countries())
    assert country_by_fips("OS") is None and country_by_fips("PG") is None  # oceans, Spratly Islands


def test_places_take_their_country_from_the_fips_code(empty_graph: Driver, settings: Settings):
    stream(empty_graph, settings, DAILY, BACKFILE)
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Event)-[:TOOK_PLACE_IN]->(p:Place) "
        "RETURN e.id AS event, p.id AS place, p.country AS country",
        database_=settings.neo4j_database)
    places = {r["event"]: (r["place"], r["country"]) for r in records}
    # "..., Korea, North" and "Korea, South" are FIPS names that no ISO name matches
    assert places["gdelt1:1188000002"][1] == "PRK"
    assert places["gdelt1:1188000003"] == ("south_korea", "KOR")
    assert places["gdelt1:250000001"] == ("north_korea", "PRK")
    assert places["gdelt1:1188000001"] == ("russia", "RUS")
