"""Reading the graph back as model records, a page at a time, for the RDF export.

Each ``queries/export_*.cypher`` returns one page in id order after the last id seen (keyset
pagination), so an export of any size holds one page in memory at a time. A filtered export
(a window, an actor) reads the matching events first, collecting the ids they mention, then the
standing relationships between those actors, then exactly the actors, places and sources named.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, Record

from graph.model import (
    Actor,
    Claim,
    DatasetActor,
    DatasetPlace,
    Event,
    EventClaim,
    Place,
    Relationship,
    StoredRecord,
)
from graph.read.base import ReadRepository, Row
from graph.store.codec import (
    decode_actor,
    decode_claim,
    decode_dataset_actor,
    decode_dataset_place,
    decode_event,
    decode_place,
    decode_relationship,
    decode_source,
)
from graph.temporal import TimeWindow


def event_records(row: Mapping[str, Any]) -> list[StoredRecord]:
    """An event's record with its own claims, then each mention (``EventClaim``) added to it."""
    own = [claim for claim in row["claims"] if not claim.get("mention")]
    event = decode_event(row["event"], row["participations"], own, row["place"])
    assert event.id is not None  # set by the model's validator
    return [event, *(EventClaim(event=event.id, claim=decode_claim(claim))
                     for claim in row["claims"] if claim.get("mention"))]


def relationship_record(row: Mapping[str, Any]) -> Relationship:
    return decode_relationship(row["relationship"], row["type"], row["subject"], row["object"],
                               row["claims"])


@dataclass(frozen=True)
class DatasetOnlyActor:
    """An actor no native record describes: only the event data sets made it. The export marks
    it (``geokg:DatasetOnlyActor``) so that an import writes it back as the data sets' sighting it
    is, merged by rank, rather than as a curated actor."""

    actor: Actor
    sighting: DatasetActor
    record: str = "dataset_only_actor"


@dataclass(frozen=True)
class DatasetOnlyPlace:
    """A place only the event data sets made (``geokg:DatasetOnlyPlace``), as ``DatasetOnlyActor``."""

    place: Place
    sighting: DatasetPlace
    record: str = "dataset_only_place"


ExportRecord = StoredRecord | DatasetOnlyActor | DatasetOnlyPlace


def actor_records(row: Row) -> list[ExportRecord]:
    """An actor's records: its native record and what the data sets added to it, or, for an
    actor only the data sets made, the two as one ``DatasetOnlyActor``."""
    actor, sighting = decode_actor(row["actor"]), decode_dataset_actor(row["actor"])
    if sighting is None:
        return [actor]
    return [actor, sighting] if row["native"] else [DatasetOnlyActor(actor, sighting)]


def place_records(row: Row) -> list[ExportRecord]:
    """A place's records: its native record and what the data sets added (their ids, and the
    coordinates they gave a place whose own record has none), or, for a place only the data sets
    made, the two as one ``DatasetOnlyPlace`` (its sighting with the coordinates)."""
    stored = row["place"]
    place, ids = decode_place(stored), decode_dataset_place(stored)
    # whose coordinates the node holds: a native record's rank 3 (also on nodes written before ranks)
    rank = stored.get("coordinates_rank") or (3 if row["native"] else 1)
    located = place.latitude is not None and place.longitude is not None and rank < 3
    if not located and row["native"]:
        return [place] if ids is None else [place, ids]
    sighting = DatasetPlace(id=place.id, name=place.name, kind=place.kind, country=place.country,
                            latitude=place.latitude if located else None,
                            longitude=place.longitude if located else None,
                            external_ids=ids.external_ids if ids else [])
    if not row["native"]:
        return [DatasetOnlyPlace(place, sighting)]
    return [place.model_copy(update={"latitude": None, "longitude": None}), sighting]


def source_records(row: Row) -> list[ExportRecord]:
    return [decode_source(row["source"])]


@dataclass
class Mentions:
    """The ids a filtered export's events and relationships point to."""

    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)

    def add_claims(self, claims: Iterable[Claim]) -> None:
        for claim in claims:
            self.sources.add(claim.source)
            self.actors.update(claim.attributed_to, claim.via)

    def add_event(self, event: Event) -> None:
        self.actors.update(p.actor for p in event.participations())
        self.actors.update(a for q in event.quantities for a in q.estimated_by)
        if event.place:
            self.places.add(event.place)
        self.add_claims(event.claims)


class ExportReader(ReadRepository):
    """Reads the records of an export in pages, in read transactions with a timeout."""

    def __init__(self, driver: Driver, database: str, batch_size: int = 1000,
                 timeout_s: float | None = None) -> None:
        super().__init__(driver, database, timeout_s)
        self._batch_size = batch_size

    @staticmethod
    def _row(record: Record) -> Row:
        """Maps and lists as they come, dates as Neo4j's: the codec's decoders read those."""
        return dict(record.items())

    def _pages(self, name: str, key: str, **params: Any) -> Iterator[list[Row]]:
        """Every page of a query, following the id of the last row of each page."""
        after = ""
        while True:
            rows = self._read(name, after=after, batch=self._batch_size, **params)
            if rows:
                yield rows
            if len(rows) < self._batch_size:
                return
            after = rows[-1][key]["id"]

    def _by_ids(self, name: str, ids: set[str]) -> Iterator[list[Row]]:
        """The nodes with these ids, a page at a time; each page's index scan starts where the
        previous one ended, so the whole read is one pass over the ids."""
        wanted = sorted(ids)
        after = ""
        for start in range(0, len(wanted), self._batch_size):
            chunk = wanted[start:start + self._batch_size]
            rows = self._read(name, after=after, ids=chunk, batch=len(chunk))
            if rows:
                yield rows
            after = chunk[-1]

    def records(self, window: TimeWindow, actor: str | None = None) -> Iterator[Sequence[ExportRecord]]:
        """The export's records in batches: events, relationships, then actors, places, sources
        (an actor or place the data sets added to is followed by its ``DatasetActor`` or
        ``DatasetPlace``; one only they made is a ``DatasetOnlyActor`` or ``DatasetOnlyPlace``).
        Without filters, every node and relationship; with filters, what the events need."""
        everything = actor is None and window == TimeWindow()
        params = window.parameters()
        mentions = Mentions()
        for rows in self._pages("export_events", "event", actor=actor, since=params["since"],
                                until=params["until"]):
            events = [record for row in rows for record in event_records(row)]
            if not everything:
                for event in events:
                    if isinstance(event, Event):
                        mentions.add_event(event)
                    elif isinstance(event, EventClaim):
                        mentions.add_claims([event.claim])
            yield events
        for rows in self._pages("export_relationships", "relationship",
                                actors=None if everything else sorted(mentions.actors),
                                relation_since=params["relation_since"],
                                relation_until=params["relation_until"]):
            relationships = [relationship_record(row) for row in rows]
            for relationship in relationships:
                mentions.add_claims(relationship.claims)
            yield relationships
        kinds = (("export_actors", "actor", actor_records, mentions.actors),
                 ("export_places", "place", place_records, mentions.places),
                 ("export_sources", "source", source_records, mentions.sources))
        for name, key, decoded, ids in kinds:
            pages = self._pages(name, key, ids=None) if everything else self._by_ids(name, ids)
            for rows in pages:
                yield [record for row in rows for record in decoded(row)]


    def happenings(self, window: TimeWindow, actor: str | None = None) -> Iterator[list[Row]]:
        """The happenings the export's events report, a page of ``export_happenings`` rows at a
        time (each with only the members that match the filters)."""
        params = window.parameters()
        return self._pages("export_happenings", "happening", actor=actor, since=params["since"],
                           until=params["until"])
