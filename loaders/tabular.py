"""Streaming rows out of delimited files, plain or zipped, in constant memory.

Files are opened by ``loaders.files`` (plain, or the one file of a ``.zip``). Text is UTF-8: a row
holding a byte that is not is rejected by line, naming the column, never stored as U+FFFD.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from loaders.files import open_binary
from loaders.progress import ReadProgress
from loaders.report import RecordError

#: The longest field: the csv module refuses one longer while parsing it, before it is whole (a
#: quoted field may run over many lines). The limit is the module's, for the whole process.
_MAX_FIELD = 1_000_000
csv.field_size_limit(_MAX_FIELD)
#: The longest line read: a longer one is cut while reading, never held whole (a zip of a few
#: hundred kilobytes can hold a line of hundreds of megabytes), and its row rejected.
MAX_LINE = 4_000_000
_SKIP_SIZE = 1 << 16

Row = tuple[int, list[str]]


class BoundedLines:
    """The lines of a text stream for ``csv.reader``, each at most ``MAX_LINE`` characters: a
    longer one is read on to its end in small pieces and dropped, its number kept in ``overlong``
    and an empty line given in its place (the line count stays true; a row that held it is then
    rejected by ``rows``, and reading resyncs at the next line)."""

    def __init__(self, text: io.TextIOBase, max_line: int = MAX_LINE) -> None:
        self._text = text
        self._max_line = max_line
        self.number = 0
        self.overlong: list[int] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._text.readline(self._max_line + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > self._max_line and not line.endswith(("\n", "\r")):
            while (rest := self._text.readline(_SKIP_SIZE)) and not rest.endswith(("\n", "\r")):
                pass  # the rest of the overlong line, a piece at a time
            self.overlong.append(self.number)
            return "\n"
        return line

    def overlong_within(self, first: int, last: int) -> int | None:
        """The first overlong line from ``first`` to ``last``, forgetting those up to ``last``."""
        found = next((n for n in self.overlong if first <= n <= last), None)
        self.overlong = [n for n in self.overlong if n > last]
        return found


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
            lines = BoundedLines(text)
            if quoted:
                reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
            else:
                reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
            while True:
                line = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    message = str(error)
                    if message.startswith("field larger than field limit"):
                        message = f"a field is longer than {_MAX_FIELD} characters"
                    yield RecordError(file=str(path), line=line, field="(row)", reason=message)
                    continue
                if (overlong := lines.overlong_within(line, reader.line_num)) is not None:
                    yield RecordError(file=str(path), line=overlong, field="(row)",
                                      reason=f"line {overlong} is longer than {MAX_LINE} characters")
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


def head(path: Path, size: int = 65536) -> str:
    """The first ``size`` characters of a file (or of a zip's member), for guessing its format."""
    try:
        with open_text(path) as text:
            return text.read(size)
    except (OSError, ValueError, zipfile.BadZipFile):
        return ""

