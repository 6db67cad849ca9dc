"""A strict load's first pass writes nothing: ``Rehearsal`` is the ``RecordSink`` it writes to.

It answers ``existing_ids`` from the real sink's graph and from the records rehearsed before
(their ids kept as 64-bit hashes, each event with its start: a few dozen bytes a record), so the
first pass runs every check of the writing pass (parse errors, conflicting duplicate ids,
references to the graph, to earlier batches and within each) and finds exactly its errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from graph.model import Event, StoredRecord
from graph.store.codec import Row
from graph.store.sink import ExistingIds, RecordKind, RecordSink
from loaders.records import DEFINES


class Rehearsal:
    def __init__(self, sink: RecordSink) -> None:
        self._sink = sink
        self._defined: dict[str, set[int]] = {"actor": set(), "place": set(), "source": set()}
        self._event_starts: dict[int, str] = {}

    def existing_ids(self, ids: Iterable[str]) -> ExistingIds:
        wanted = set(ids)
        in_graph = self._sink.existing_ids(wanted)

        def defined(kind: str, found: frozenset[str]) -> frozenset[str]:
            return found | {i for i in wanted if hash(i) in self._defined[kind]}

        starts = dict(in_graph.event_starts)
        starts.update({i: self._event_starts[hash(i)] for i in wanted if hash(i) in self._event_starts})
        return ExistingIds(defined("actor", in_graph.actors), defined("place", in_graph.places),
                           defined("source", in_graph.sources), starts)

    def write(self, kind: RecordKind, records: Sequence[StoredRecord],
              on_batch: Callable[[int], None] | None = None,
              rows: Sequence[Row | None] | None = None) -> Counter[str]:
        """Remember what the records define; write nothing, count nothing."""
        for record in records:
            if kind.name in DEFINES:
                self._defined[DEFINES[kind.name]].add(hash(str(record.id)))
            elif isinstance(record, Event):
                self._event_starts[hash(str(record.id))] = record.when.start
        return Counter()
