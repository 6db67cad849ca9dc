"""What every data-set reader shares: emit the records an event needs before it; and the
pipeline's stage that passes each of them on once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator

from graph.model import DatasetActor, DatasetPlace, Relationship, Source, StoredRecord
from loaders.records import LocatedRecord
from loaders.report import RecordError
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
    """Yields an event's actors, relationships, place and source before it, marked as its
    prerequisites (the pipeline filters rows whole, then passes each prerequisite on once:
    ``first_sightings``)."""

    def __init__(self, file: str) -> None:
        self.file = file

    def records(self, line: int, needed: Iterable[Prerequisite], event: StoredRecord
                ) -> Iterator[LocatedRecord]:
        for record in needed:
            yield LocatedRecord(record, self.file, line, prerequisite=True)
        yield LocatedRecord(event, self.file, line)


def first_sightings(stream: Iterable[LocatedRecord | RecordError]) -> Iterator[LocatedRecord | RecordError]:
    """``stream`` with each prerequisite passed on the first time only (while remembered)."""
    emitted = Emitted()
    for item in stream:
        if isinstance(item, LocatedRecord) and item.prerequisite:
            record = item.record
            assert isinstance(record, DatasetActor | DatasetPlace | Relationship | Source)
            if not emitted.first_time(_key(record)):
                continue
        yield item


def prerequisites(*resolved: Resolved | None) -> list[Prerequisite]:
    out: list[Prerequisite] = []
    for item in resolved:
        if item is not None:
            out += item.actors
            out += item.relationships
    return out

