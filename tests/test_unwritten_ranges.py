"""The `not written FILE:FIRST-LAST` ranges an outage leaves are exact: every line with a record
not written is in one range, no line is in two, and none holds only written records, also when
one input line gives several records (a data-set row) and a batch would end inside it.

Neo4j "goes away" in a sink that stops after a given number of records (tests/test_load_outage.py
does it for real, through a TCP proxy)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

import pytest
from neo4j.exceptions import ServiceUnavailable

from graph.model import Actor, ActorKind, StoredRecord
from graph.store.codec import Row
from graph.store.sink import ExistingIds, RecordKind
from graph.store.writer import WriteInterrupted
from loaders.pipeline import load_stream
from loaders.records import LocatedRecord
from loaders.report import LineRange, RecordError

FILE = "rows.csv"
LINES = 12
PER_LINE = 2


class FailingSink:
    """Writes ``capacity`` records, then fails the write under way as a lost connection does."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.written: list[str] = []

    def existing_ids(self, ids: Iterable[str]) -> ExistingIds:
        return ExistingIds(frozenset(), frozenset(), frozenset(), {})

    def write(self, kind: RecordKind, records: Sequence[StoredRecord],
              on_batch: Callable[[int], None] | None = None,
              rows: Sequence[Row | None] | None = None) -> Counter[str]:
        room = max(self.capacity - len(self.written), 0)
        self.written += [str(r.id) for r in records[:room]]
        if room < len(records):
            raise WriteInterrupted(Counter(created=room), room, ServiceUnavailable("connection lost"))
        return Counter(created=len(records))


def records() -> Iterator[LocatedRecord | RecordError]:
    """``PER_LINE`` records a line, as a data-set row gives; line 5 is an error."""
    for line in range(1, LINES + 1):
        if line == 5:
            yield RecordError(file=FILE, line=line, field="(row)", reason="bad row")
            continue
        for k in range(PER_LINE):
            yield LocatedRecord(Actor(id=f"a{line}_{k}", name=f"A {line} {k}", kind=ActorKind.STATE),
                                FILE, line)


def covered(ranges: list[LineRange]) -> list[int]:
    """Every line the ranges name, in order, with repeats (an open range up to the last line)."""
    return [n for r in ranges for n in range(r.first, (r.last if r.last is not None else LINES) + 1)]


@pytest.mark.parametrize("batch_size", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("capacity", range(2 * LINES))
def test_not_written_ranges_name_each_unwritten_line_once_and_no_written_one(
    batch_size: int, capacity: int
):
    sink = FailingSink(capacity)
    report = load_stream(records, sink, batch_size=batch_size)
    if report.interrupted is None:  # the sink held everything
        assert len(sink.written) == (LINES - 1) * PER_LINE
        return
    written = set(sink.written)
    unwritten = sorted({line for line in range(1, LINES + 1) if line != 5
                        and any(f"a{line}_{k}" not in written for k in range(PER_LINE))})
    lines = covered(report.not_written)
    assert len(lines) == len(set(lines)), report.not_written  # no line in two ranges
    assert all(r.file == FILE for r in report.not_written)
    # Every unwritten line is named; a named line is unwritten, or an error line inside a run.
    assert set(unwritten) <= set(lines), (report.not_written, unwritten)
    assert set(lines) - set(unwritten) <= {5}, (report.not_written, unwritten)
