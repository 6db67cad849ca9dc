"""What every data-set reader shares: emit the records an event needs before it, each once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator

from graph.model import DatasetActor, DatasetPlace, Relationship, Source, StoredRecord
from loaders.records import LocatedRecord
from loaders.resolve import Resolved

Prerequisite = DatasetActor | DatasetPlace | Relationship | Source


class Emitted:
    """The keys of records already emitted, forgetting the oldest past ``size`` (constant memory).

    A record forgotten and met again is emitted again; writing it twice changes nothing.
    """

    def __init__(self, size: int = 50_000) -> None:
        self._seen: OrderedDict[Hashable, None] = OrderedDict()
        self._size = size

    def first_time(self, key: Hashable) -> bool:
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True


def _key(record: Prerequisite) -> Hashable:
    """What makes a record worth emitting again: for a data-set sighting, all it says (another name
    or place may win by rank, docs/merge-policy.md)."""
    if isinstance(record, DatasetActor):
        return ("actor", record.id, record.name, record.kind, record.country, record.resolution,
                record.name_rank, tuple(record.aliases), tuple(record.external_ids))
    if isinstance(record, DatasetPlace):
        return ("place", record.id, record.name, record.kind, record.country, record.latitude,
                record.longitude, record.name_rank, tuple(record.external_ids))
    return (record.record, record.id)


class Emitter:
    """Yields an event's actors, relationships, place and source before it, skipping repeats."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._emitted = Emitted()

    def records(self, line: int, needed: Iterable[Prerequisite], event: StoredRecord
                ) -> Iterator[LocatedRecord]:
        for record in needed:
            if self._emitted.first_time(_key(record)):
                yield LocatedRecord(record, self.file, line)
        yield LocatedRecord(event, self.file, line)


def prerequisites(*resolved: Resolved | None) -> list[Prerequisite]:
    out: list[Prerequisite] = []
    for item in resolved:
        if item is not None:
            out += item.actors
            out += item.relationships
    return out

