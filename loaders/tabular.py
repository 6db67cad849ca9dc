"""Streaming rows out of delimited files, plain or zipped, in constant memory.

A ``.zip`` is read through ``zipfile`` without unpacking (its first member, as GDELT ships them).
The file being read can be asked how far it has got (``bytes_read``) for a progress bar.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from loaders.report import RecordError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_MAX_FIELD = 1_000_000
_open: dict[str, BinaryIO] = {}
_finished: set[str] = set()


def bytes_read(path: Path) -> int:
    """How many bytes of ``path`` (as stored, compressed or not) have been read so far."""
    handle = _open.get(str(path))
    if handle is not None and not handle.closed:
        return handle.tell()
    return path.stat().st_size if str(path) in _finished and path.exists() else 0


@contextmanager
def open_text(path: Path) -> Iterator[io.TextIOBase]:
    """The text of a file, or of the first member of a ``.zip``, decoded as UTF-8 on the fly."""
    with path.open("rb") as raw:
        _open[str(path)] = raw
        try:
            if path.suffix.lower() == ".zip":
                with zipfile.ZipFile(raw) as archive:
                    members = [m for m in archive.infolist() if not m.is_dir()]
                    if not members:
                        raise ValueError("the zip archive holds no file")
                    with archive.open(members[0]) as member:
                        yield io.TextIOWrapper(member, encoding="utf-8", errors="replace", newline="")
            else:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        finally:
            _open.pop(str(path), None)
            _finished.add(str(path))


def rows(path: Path, delimiter: str, *, quoted: bool) -> Iterator[tuple[int, list[str]] | RecordError]:
    """Each row with the line it starts on; a row the csv module cannot read is a located error."""
    try:
        with open_text(path) as text:
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

