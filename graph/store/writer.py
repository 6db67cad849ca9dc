"""The one batched writer: records in, one managed transaction per batch, outcome counts out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from neo4j import Driver, RoutingControl
from neo4j.api import BookmarkManager
from neo4j.exceptions import IncompleteCommit, ServiceUnavailable, SessionExpired

from graph.model import Record
from graph.store.canonical import R, canonical
from graph.store.codec import (
    Row,
    encode_actor,
    encode_dataset_actor,
    encode_dataset_place,
    encode_event,
    encode_event_claim,
    encode_place,
    encode_relationship,
    encode_source,
)
from graph.store.sink import ExistingIds, RecordKind
from graph.store.write_batches import write_event_claims, write_events, write_nodes, write_relationships
from queries import load_query

#: How long a batch is retried on transient errors (deadlocks between concurrent writers, leader
#: changes) before the error reaches the caller; longer than reads', since a write must not be lost.
WRITE_RETRY_S = 60.0


#: What the driver raises when Neo4j went away and its retries ran out.
CONNECTION_LOST = (ServiceUnavailable, SessionExpired)


class WriteInterrupted(Exception):
    """Neo4j went away in the middle of ``GraphWriter.write``: the batches before the failing one
    are committed (``outcomes``, the first ``written`` records); the others are not, except that
    the failing one may be if its commit went unconfirmed (``unconfirmed``)."""

    def __init__(self, outcomes: Counter[str], written: int, cause: Exception) -> None:
        super().__init__(f"Neo4j went away after {written} records: {cause}")
        self.outcomes = outcomes
        self.written = written
        self.cause = cause
        self.unconfirmed = isinstance(cause, IncompleteCommit)


def in_canonical_order(encode: Callable[[R], Row]) -> Callable[[R], Row]:
    """``encode`` of the record in canonical order."""
    return lambda record: encode(canonical(record))


#: Every kind, in write order: what a record points to is written before it (a data set's
#: sighting of an actor after the native actor record, so it only adds to it).
#: Each record is put in canonical order (``graph.store.canonical``) before its row is built.
RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("actor", in_canonical_order(encode_actor), write_nodes("merge_actors")),
    RecordKind("dataset_actor", encode_dataset_actor, write_nodes("merge_dataset_actors")),
    RecordKind("place", in_canonical_order(encode_place), write_nodes("merge_places")),
    RecordKind("dataset_place", encode_dataset_place, write_nodes("merge_dataset_places")),
    RecordKind("source", encode_source, write_nodes("merge_sources")),
    RecordKind("event", in_canonical_order(encode_event), write_events),
    RecordKind("event_claim", in_canonical_order(encode_event_claim), write_event_claims),
    RecordKind("relationship", in_canonical_order(encode_relationship), write_relationships),
)


class GraphWriter:
    """Writes validated records (a ``RecordSink``); takes the caller's driver and never closes it.

    Every write and its reference check share ``bookmarks`` (by default the driver's own
    ``execute_query`` bookmark manager): pass the reading driver's, and a read made after a write
    waits for it, on a cluster too, where the read may go to another server."""

    def __init__(self, driver: Driver, database: str, batch_size: int = 500,
                 bookmarks: BookmarkManager | None = None, retry_s: float = WRITE_RETRY_S) -> None:
        self._driver = driver
        self._database = database
        self._batch_size = batch_size
        self._bookmarks = bookmarks or driver.execute_query_bookmark_manager
        self._retry_s = retry_s

    def existing_ids(self, ids: Iterable[str]) -> ExistingIds:
        """Which ids already stand in the graph, by kind (for checking references)."""
        records, _, _ = self._driver.execute_query(
            load_query("existing_ids"),
            ids=sorted(set(ids)),
            database_=self._database,
            routing_=RoutingControl.READ,
            bookmark_manager_=self._bookmarks,
        )
        found = {
            key: frozenset(r["id"] for r in records if r[f"is_{key}"])
            for key in ("actor", "place", "source")
        }
        starts = {r["id"]: r["event_start"] for r in records if r["is_event"]}
        return ExistingIds(found["actor"], found["place"], found["source"], starts)

    def write(
        self,
        kind: RecordKind,
        records: Sequence[Record],
        on_batch: Callable[[int], None] | None = None,
        rows: Sequence[Row | None] | None = None,
    ) -> Counter[str]:
        """Write records of one kind in batches; returns counts of created/updated/unchanged.
        ``rows`` may hold each record's row already encoded (``None`` where not).

        Raises ``WriteInterrupted`` (saying what was committed) when Neo4j stays away longer than
        the retry time. (Two writers on disjoint batches were measured no faster, 0.92-1.0x, with
        Neo4j on the same two cores: the batches are written one after another.)"""
        outcomes: Counter[str] = Counter()
        written = 0
        try:
            with self._driver.session(database=self._database, bookmark_manager=self._bookmarks,
                                      max_transaction_retry_time=self._retry_s) as session:
                for start in range(0, len(records), self._batch_size):
                    batch = records[start : start + self._batch_size]
                    ready = rows[start : start + self._batch_size] if rows else [None] * len(batch)
                    # Sorted by id, so writers of overlapping batches lock the records in one order.
                    encoded = sorted((row or kind.to_row(r) for r, row in zip(batch, ready, strict=True)),
                                     key=lambda row: row["id"])
                    outcomes += session.execute_write(kind.write_batch, encoded)
                    written += len(batch)
                    if on_batch:
                        on_batch(len(batch))
        except CONNECTION_LOST as error:
            raise WriteInterrupted(outcomes, written, error) from error
        return outcomes
