"""Streaming rows out of delimited files, plain or zipped, in constant memory.

Files are opened by ``loaders.files`` (plain, or the one file of a ``.zip``). Text is UTF-8: a row
holding a byte that is not is rejected by line, naming the column, never stored as U+FFFD.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from loaders.files import open_binary
from loaders.progress import ReadProgress
from loaders.report import RecordError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_MAX_FIELD = 1_000_000

Row = tuple[int, list[str]]


#: What an invalid UTF-8 byte becomes under ``surrogateescape``: U+DC80 to U+DCFF.
_UNDECODED = re.compile("[\udc80-\udcff]")


@contextmanager
def open_text(path: Path, progress: ReadProgress | None = None) -> Iterator[io.TextIOBase]:
    """The text of a file, or of the one file of a ``.zip``, decoded as UTF-8 on the fly (a BOM
    dropped); an invalid byte is kept as a lone surrogate, for ``rows`` to reject its row."""
    with open_binary(path, progress) as stream:
        yield io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _not_utf8(row: list[str]) -> str | None:
    """Why a row is not text, naming its first invalid byte and column; None when it is."""
    for column, value in enumerate(row, start=1):
        if found := _UNDECODED.search(value):
            byte = ord(found.group()) - 0xDC00
            return (f"column {column} holds byte 0x{byte:02X}, which is not UTF-8: the file is in "
                    "another encoding (convert it to UTF-8)")
    return None


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
                if (reason := _not_utf8(row)) is not None:
                    yield RecordError(file=str(path), line=line, field="(row)", reason=reason)
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

