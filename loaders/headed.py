"""Rows of a delimited file with a header, as dicts; every error located by file, line and column."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from loaders.emit import Emitter
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.tabular import Row


class RowError(ValueError):
    """A bad value in a row, naming its column."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


Build = Callable[[dict[str, str], Emitter, int], Iterable[LocatedRecord]]


def read_rows(
    path: Path, found: Iterable[Row | RecordError], build: Build, *, required: Iterable[str],
    record_id: Callable[[dict[str, str]], str | None], columns: list[str] | None = None,
) -> Iterator[LocatedRecord | RecordError]:
    """Build the records of each row ``found`` in ``path``; ``columns`` for a file without a
    header, else its first row."""
    emitter = Emitter(str(path))
    header = columns
    for item in found:
        if isinstance(item, RecordError):
            yield item
            continue
        line, values = item
        if header is None:
            header = [v.strip().lstrip("\ufeff") for v in values]
            missing = [c for c in required if c not in header]
            if missing:
                yield RecordError(file=str(path), line=line, field="(header)",
                                  reason=f"missing column(s): {', '.join(missing)}")
                return
            continue
        if len(values) != len(header):
            yield RecordError(file=str(path), line=line, field="(row)",
                              reason=f"{len(values)} columns; the file has {len(header)}")
            continue
        row = dict(zip(header, values, strict=True))
        try:
            yield from list(build(row, emitter, line))
        except RowError as error:
            yield RecordError(kind="event", file=str(path), line=line, field=error.field,
                              reason=str(error), record_id=record_id(row))
        except ValidationError as error:
            detail = error.errors()[0]
            field = ".".join(str(p) for p in detail["loc"]) or "(row)"
            yield RecordError(kind="event", file=str(path), line=line, field=field,
                              reason=detail["msg"], record_id=record_id(row))


def number(row: dict[str, str], column: str, kind: type[float] | type[int] = float) -> float:
    try:
        return kind(row[column])
    except ValueError:
        raise RowError(column, f"{row[column]!r} is not a number") from None
