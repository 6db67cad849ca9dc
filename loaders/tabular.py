"""Streaming rows out of delimited files, plain or zipped, in constant memory.

A ``.zip`` is read through ``zipfile`` without unpacking (its first member, as GDELT ships them).
A ``ReadProgress`` given to ``rows`` is told how far the file has been read, for a progress bar.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from loaders.progress import ReadProgress
from loaders.report import RecordError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_MAX_FIELD = 1_000_000

Row = tuple[int, list[str]]


@contextmanager
def open_text(path: Path, progress: ReadProgress | None = None) -> Iterator[io.TextIOBase]:
    """The text of a file, or of the first member of a ``.zip``, decoded as UTF-8 on the fly."""
    with path.open("rb") as raw, progress.reading(path, raw) if progress else nullcontext():
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(raw) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if not members:
                    raise ValueError("the zip archive holds no file")
                with archive.open(members[0]) as member:
                    yield io.TextIOWrapper(member, encoding="utf-8", errors="replace", newline="")
        else:
            yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")


def rows(path: Path, delimiter: str, *, quoted: bool, progress: ReadProgress | None = None
         ) -> Iterator[Row | RecordError]:
    """Each row with the line it starts on; a row the csv module cannot read is a located error."""
    try:
        with open_text(path, progress) as text:
            if quoted:
                reader = csv.reader(text, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
            else:
                reader = csv.reader(text, delimiter=delimiter, quoting=csv.QUOTE_NONE)
            while True:
                line = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    yield RecordError(file=str(path), line=line, field="(row)", reason=str(error))
                    continue
                if any(len(value) > _MAX_FIELD for value in row):
                    yield RecordError(file=str(path), line=line, field="(row)",
                                      reason=f"a field is longer than {_MAX_FIELD} characters")
                    continue
                if row:
                    yield line, row
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        yield RecordError(file=str(path), line=0, field="(file)", reason=str(error))


def first_line(path: Path) -> str:
    """The first line of a file (or of a zip's first member), for guessing its format."""
    try:
        with open_text(path) as text:
            return text.readline(65536)
    except (OSError, ValueError, zipfile.BadZipFile):
        return ""

