"""Delimited files are read in bounded memory: a line over ``MAX_LINE`` characters is cut while it
is read (never held whole) and its row rejected by line, a field over ``_MAX_FIELD`` is refused
while the csv module parses it; the rows around them, and a quoted field over several lines of
a normal file, read as before. Peak memory is measured by hand (see the commit), not here."""

from __future__ import annotations

import zipfile
from pathlib import Path

from loaders.report import RecordError
from loaders.tabular import _MAX_FIELD, MAX_LINE, rows


def read(path: Path) -> list[tuple[int, list[str]] | str]:
    """Each row with its line, each error as ``line: reason``."""
    return [f"{item.line}: {item.reason}" if isinstance(item, RecordError) else item
            for item in rows(path, ",", quoted=True)]


def test_an_overlong_line_in_a_zip_is_rejected_by_line_and_reading_resyncs_after_it(tmp_path: Path):
    path = tmp_path / "long.csv.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("long.csv", "w") as member:
        member.write(b"a,b,c\n1,2,3\nx," + b"y" * (MAX_LINE + 10) + b",z\n")
        member.write(b'x,"' + b"q" * (MAX_LINE * 2) + b'\n4,5,6\n')  # a quote opened on it
    assert read(path) == [(1, ["a", "b", "c"]), (2, ["1", "2", "3"]),
                          f"3: line 3 is longer than {MAX_LINE} characters",
                          f"4: line 4 is longer than {MAX_LINE} characters", (5, ["4", "5", "6"])]


def test_a_quoted_field_over_the_field_limit_is_refused_while_parsed(tmp_path: Path):
    path = tmp_path / "field.csv"
    lines = "".join("q" * 999 + "\n" for _ in range(_MAX_FIELD // 1000 + 5))
    path.write_text(f'a,b\n1,"{lines}"\n', encoding="utf-8")
    found = read(path)
    assert found[0] == (1, ["a", "b"])
    assert found[1] == f"2: a field is longer than {_MAX_FIELD} characters"


def test_quoted_fields_over_several_lines_read_as_before(tmp_path: Path):
    path = tmp_path / "multi.csv"
    path.write_text('a,b\n1,"two\nlines, ""quoted"""\n3,"x\r\ny"\n', encoding="utf-8", newline="")
    assert read(path) == [(1, ["a", "b"]), (2, ["1", 'two\nlines, "quoted"']), (4, ["3", "x\r\ny"])]
