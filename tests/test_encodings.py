"""Text is decoded as what it is: a row holding a byte that is not UTF-8 is rejected by file, line
and column (never stored as U+FFFD) while its neighbours load; a UTF-8 BOM is dropped; a zip
holding several files is refused with their names; a zipped native file loads as the plain one."""

from __future__ import annotations

import zipfile
from pathlib import Path

from neo4j import Driver

from graph.settings import Settings
from tests.conftest import SEED
from tests.test_datasets import ACLED, GDELT, stream


def test_a_row_that_is_not_utf8_is_rejected_by_line_and_column(empty_graph: Driver, settings: Settings,
                                                               tmp_path: Path):
    plain = stream(empty_graph, settings, GDELT)
    lines = GDELT.read_bytes().split(b"\n")
    target = next(i for i, line in enumerate(lines) if b"Moscow, Moskva, Russia" in line)
    lines[target] = lines[target].replace(b"Moskva", "Moskvá".encode("latin-1"))
    latin = tmp_path / "20250813.export.CSV"
    latin.write_bytes(b"\n".join(lines))
    empty_graph.execute_query("MATCH (n) DETACH DELETE n")
    report = stream(empty_graph, settings, latin)
    rejected = [e for e in report.errors if e.line == target + 1]
    assert [(e.field, "column 53 holds byte 0xE1" in e.reason) for e in rejected] == [("(row)", True)]
    assert report.counts["event"].created == plain.counts["event"].created - 1
    stored = empty_graph.execute_query(
        "MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS '\\uFFFD') "
        "RETURN count(n) AS n").records[0]["n"]
    assert stored == 0


def test_a_bom_is_dropped(empty_graph: Driver, settings: Settings, tmp_path: Path):
    with_bom = tmp_path / "acled_bom.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + ACLED.read_bytes())
    report = stream(empty_graph, settings, with_bom)
    empty_graph.execute_query("MATCH (n) DETACH DELETE n")
    plain = stream(empty_graph, settings, ACLED)
    assert report.total("created") == plain.total("created") > 0
    assert [(e.line, e.field) for e in report.errors] == [(e.line, e.field) for e in plain.errors]


def test_a_zip_of_several_files_is_refused_naming_them(empty_graph: Driver, settings: Settings,
                                                       tmp_path: Path):
    archive = tmp_path / "two.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(GDELT, "a.export.CSV")
        out.write(GDELT, "b.export.CSV")
    report = stream(empty_graph, settings, archive)
    assert report.total("created") == 0
    [error] = report.errors
    assert error.field == "(file)" and "a.export.CSV, b.export.CSV" in error.reason


def test_a_zipped_native_file_loads_as_the_plain_one(empty_graph: Driver, settings: Settings,
                                                     tmp_path: Path):
    archive = tmp_path / "seed.jsonl.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(SEED, SEED.name)
    zipped = stream(empty_graph, settings, archive)
    assert zipped.total("created") > 50 and not zipped.errors
    plain = stream(empty_graph, settings, SEED)
    assert plain.total("unchanged") == zipped.total("created") and plain.total("created") == 0
