"""What every data-set reader shares: emit the records an event needs before it, each once."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from datetime import UTC, date, datetime
from urllib.parse import urlparse

from graph.model import DatasetActor, DatasetPlace, Relationship, Source, StoredRecord
from loaders.records import LocatedRecord
from loaders.resolve import Resolved
from loaders.tabular import Emitted

Prerequisite = DatasetActor | DatasetPlace | Relationship | Source


def _key(record: Prerequisite) -> Hashable:
    if isinstance(record, DatasetActor):
        return ("actor", record.id, tuple(record.aliases), tuple(record.external_ids))
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


def publisher_of(url: str) -> str:
    """The host of a URL, without ``www.`` (GDELT names its sources so)."""
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.") or url


def parse_timestamp(text: str) -> datetime:
    """``YYYYMMDDHHMMSS`` (GDELT) as a UTC datetime."""
    return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def parse_day(text: str, layout: str = "%Y%m%d") -> date:
    return datetime.strptime(text, layout).date()
