"""What the load pipeline writes to: a ``RecordSink``. Both writers are one, the transactional
``GraphWriter`` and the bulk import's ``BulkCsvWriter``, so the same reading, validation and
reference checks feed either."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from neo4j import ManagedTransaction

from graph.model import StoredRecord
from graph.store.codec import Row


@dataclass(frozen=True)
class RecordKind:
    """How one kind of record is written: its row builder and its transaction function."""

    name: str
    to_row: Callable[..., Row]
    write_batch: Callable[[ManagedTransaction, list[Row]], Counter[str]]


@dataclass(frozen=True)
class ExistingIds:
    actors: frozenset[str]
    places: frozenset[str]
    sources: frozenset[str]
    event_starts: dict[str, str]
    """The events found, each with its start (``time_start``)."""


class RecordSink(Protocol):
    def existing_ids(self, ids: Iterable[str]) -> ExistingIds:
        """Which of these ids the sink already holds, by kind (for checking references)."""
        ...

    def write(self, kind: RecordKind, records: Sequence[StoredRecord],
              on_batch: Callable[[int], None] | None = None,
              rows: Sequence[Row | None] | None = None) -> Counter[str]:
        """Write records of one kind (``rows``: those already encoded, else ``None``); the
        outcome counts (created, updated, unchanged); ``on_batch`` is told each batch's size."""
        ...
