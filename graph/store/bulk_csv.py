"""The graph as ``neo4j-admin database import full`` CSV files, written by the loader's pipeline.

``BulkCsvWriter`` is a ``RecordSink`` like ``GraphWriter``, so the same reading, validation and
reference checks feed it. It encodes each
record with the storage codec (the rows the ``merge_*`` queries ``UNWIND``) and appends what the
queries would create to one CSV file per node label and relationship type, deduplicated as their
``MERGE``s are. Property types are taken from the values (the header of each file is written last,
as a file of its own), so a property the codec adds needs no change here.

An empty list has no CSV form (the import tool drops an empty array, quoted or not:
``CsvInputParser`` skips a value when ``isEmptyArray``); the codec stores none (``_hashed``), so
the graphs of both loaders hold no empty list.
An event's ``first_reported`` (the earliest ``published`` of its claims' sources, as
``set_first_reported.cypher`` sets it) is computed here, from the publication date this writer
keeps per source it wrote. The pipeline writes every source before any event (``_write`` goes kind
by kind, and a bulk import is one ``load_records`` call), so an event's sources are known when it
is written wherever they stand in the input; so is a claim's ``caption``, its source's publisher
(as ``link_claim_sources.cypher`` sets it).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from graph.store.codec import Row
from graph.store.sink import ExistingIds, RecordKind
from graph.store.write_batches import DYAD_PROPERTIES, PARTICIPATION_PROPERTIES
from graph.vocabulary import event_types

#: Between the elements of an array value (given to the import tool as ``U+001F``); the model
#: refuses control characters in every text field, so no stored string holds it.
ARRAY_DELIMITER = "\x1f"
BATCH = 500


_SCALAR_TYPES: dict[type, str] = {str: "string", bool: "boolean", int: "long", float: "double",
                                  date: "date", datetime: "datetime"}


class BulkFormatError(ValueError):
    """A value the CSV files of the import tool cannot carry faithfully."""


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _type_name(value: Any) -> str:
    """The import tool's name for the type of a scalar (a ``StrEnum`` member is a string)."""
    name = _SCALAR_TYPES.get(type(value))
    if name is None:
        if not isinstance(value, str):
            raise BulkFormatError(f"{value!r}: no CSV type for {type(value).__name__}")
        name = "string"
    return name


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _quoted(value)
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if kind is date or kind is datetime:
        return str(value.isoformat())
    return repr(value)


@dataclass
class CsvTable:
    """One CSV file: leading columns with fixed headers (ids, labels), then typed properties."""

    path: Path
    fixed: tuple[str, ...]
    """Headers of the leading columns, e.g. ``("id:ID(Actor)", ":LABEL")``."""
    group: str
    """What the import tool is told the file holds: a label or a relationship type ("" if in it)."""
    keys: list[str] | None = None
    types: dict[str, str] = field(default_factory=dict)
    rows: int = 0
    multiline: bool = False
    _out: TextIO | None = None
    _key_set: frozenset[str] = frozenset()
    _scalar_types: dict[str, type] = field(default_factory=dict)
    """Per property, the Python type of the scalars whose CSV type is checked already."""

    def add(self, fixed: Sequence[str], properties: Mapping[str, Any]) -> None:
        if self.keys is None:
            self.keys = list(properties)
            self._key_set = frozenset(self.keys)
            self._out = self.path.open("w", encoding="utf-8", newline="")
        elif properties.keys() != self._key_set:
            raise BulkFormatError(f"{self.path.name}: row properties {sorted(properties)} differ "
                                  f"from the first row's {sorted(self.keys)}")
        known = self._scalar_types
        cells = [_quoted(value) for value in fixed]
        for key in self.keys:
            value = properties[key]
            kind = type(value)
            if known.get(key) is kind:  # a scalar of a type this column has held before
                cells.append(_quoted(value) if kind is str else _scalar(value))
            else:
                cells.append(self._cell(key, value))
        line = ",".join(cells)
        if "\n" in line or "\r" in line:
            self.multiline = True
        assert self._out is not None
        self._out.write(line + "\n")
        self.rows += 1

    def _cell(self, key: str, value: Any) -> str:
        if value is None:
            return ""
        if type(value) is list:
            return self._array(key, value)
        self._check_type(key, _type_name(value))
        self._scalar_types.setdefault(key, type(value))
        return _scalar(value)

    def _array(self, key: str, values: list[Any]) -> str:
        if not values:
            raise BulkFormatError(f"{key}: an empty list (the codec stores none)")
        kinds = {_type_name(v) for v in values}
        if len(kinds) != 1:
            raise BulkFormatError(f"{key}: a list mixing {sorted(kinds)}")
        self._check_type(key, kinds.pop() + "[]")
        if values == [""]:
            raise BulkFormatError(f"{key}: [''] cannot be told from [] in the import's CSV")
        cells = [value if isinstance(value, str) else _scalar(value) for value in values]
        return _quoted(ARRAY_DELIMITER.join(cells))

    def _check_type(self, key: str, kind: str) -> None:
        known = self.types.setdefault(key, kind)
        if known != kind:
            raise BulkFormatError(f"{self.path.name}: {key} holds both {known} and {kind} values")

    def header(self) -> str:
        def typed(key: str) -> str:
            kind = self.types.get(key, "string")  # a column with no value in any row
            return f"{key}:{kind}"

        return ",".join([*self.fixed, *(typed(key) for key in self.keys or [])]) + "\n"

    def close(self) -> Path | None:
        """Write the header file and close the data file; the header's path (None if no rows)."""
        if self._out is not None:
            self._out.close()
            self._out = None
        if not self.rows:
            return None
        header = self.path.with_suffix(".header.csv")
        header.write_text(self.header(), encoding="utf-8")
        return header


@dataclass(frozen=True)
class ImportInput:
    """One ``--nodes``/``--relationships`` argument of the import tool."""

    option: str
    group: str
    header: Path
    data: Path
    multiline: bool

    def argument(self) -> str:
        files = f"{self.header},{self.data}"
        return f"--{self.option}={self.group}={files}" if self.group else f"--{self.option}={files}"


@dataclass(frozen=True)
class BulkFiles:
    inputs: list[ImportInput]


def _dedup_last(items: Iterable[tuple[Any, Any]]) -> dict[Any, Any]:
    """By key, the last value (as successive ``MERGE … SET`` of one key leave it)."""
    return dict(items)


class BulkCsvWriter:
    """Writes encoded records as import CSVs under ``directory``; ``finish()`` closes them.

    It remembers the ids it wrote as 64-bit hashes (and each event's start), so that
    ``existing_ids`` answers for what this run wrote while holding a few dozen bytes per record.
    """

    def __init__(self, directory: Path, recorded_at: datetime | None = None) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        stamp = (recorded_at or datetime.now(UTC)).astimezone(UTC)
        self._stamp = {"recorded_at": stamp, "updated_at": stamp}
        self._written: dict[str, set[int]] = {kind: set() for kind in
                                              ("actor", "place", "source", "relationship")}
        self._event_starts: dict[int, str] = {}
        self._starts: dict[str, str] = {}
        self._published: dict[int, date] = {}
        """Each source's ``published``, by the hash of its id (the dates themselves shared)."""
        self._dates: dict[date, date] = {}
        self._publishers: dict[int, str] = {}
        """Each source's ``publisher``, by the hash of its id: its claims' caption."""
        self._names: dict[str, str] = {}

        def table(name: str, *fixed: str, group: str | None = None) -> CsvTable:
            return CsvTable(directory / f"{name}.csv", fixed, name if group is None else group)

        self._nodes = {
            "Actor": table("Actor", "id:ID(Actor)", ":LABEL"),
            "Place": table("Place", "id:ID(Place)"),
            "Source": table("Source", "id:ID(Source)"),
            "Event": table("Event", "id:ID(Event)", ":LABEL"),
            "Claim": table("Claim", "id:ID(Claim)"),
            "EventType": table("EventType", "id:ID(EventType)"),
        }
        rels = [("PARTICIPATED_IN", "Actor", "Event"), ("OF_TYPE", "Event", "EventType"),
                ("TOOK_PLACE_IN", "Event", "Place"), ("SUPPORTED_BY", "Event", "Claim"),
                ("PUBLISHED_IN", "Claim", "Source"), ("ATTRIBUTED_TO", "Claim", "Actor"),
                ("RELAYED_BY", "Claim", "Actor"), ("INTERACTED_WITH", "Actor", "Actor")]
        self._rels = {name: table(name, f":START_ID({start})", f":END_ID({end})")
                      for name, start, end in rels}
        # Standing relationships (ALLY_OF, …) name their type in a column of their own.
        self._rels["standing"] = table("standing", ":START_ID(Actor)", ":END_ID(Actor)", ":TYPE",
                                       group="")
        # Every vocabulary entry, as apply_schema has them; it sets their properties afterwards.
        for type_id in sorted(event_types()):
            self._nodes["EventType"].add((type_id,), {})

    # The two methods the loader's pipeline calls

    def existing_ids(self, ids: Iterable[str]) -> ExistingIds:
        wanted = set(ids)
        found = {kind: frozenset(i for i in wanted if hash(i) in self._written[kind])
                 for kind in ("actor", "place", "source")}
        starts = {i: self._event_starts[hash(i)] for i in wanted if hash(i) in self._event_starts}
        return ExistingIds(found["actor"], found["place"], found["source"], starts)

    def write(self, kind: RecordKind, records: Sequence[Any],
              on_batch: Callable[[int], None] | None = None,
              rows: Sequence[Row | None] | None = None) -> Counter[str]:
        """As ``GraphWriter.write``: ``rows`` may hold records already encoded."""
        outcomes: Counter[str] = Counter()
        add = getattr(self, f"_add_{kind.name}")
        for start in range(0, len(records), BATCH):
            batch = records[start:start + BATCH]
            ready = rows[start:start + BATCH] if rows else [None] * len(batch)
            for record, row in zip(batch, ready, strict=True):
                outcomes["created" if add(row or kind.to_row(record)) else "unchanged"] += 1
            if on_batch:
                on_batch(len(batch))
        return outcomes

    def files(self) -> list[Path]:
        """Every file this writer made (data and header files), to remove them and nothing else."""
        tables = [*self._nodes.values(), *self._rels.values()]
        paths = [path for table in tables for path in (table.path, table.path.with_suffix(".header.csv"))]
        return [path for path in paths if path.exists()]

    def finish(self) -> BulkFiles:
        inputs: list[ImportInput] = []
        for option, tables in (("nodes", self._nodes), ("relationships", self._rels)):
            for table in tables.values():
                header = table.close()
                if header is not None:
                    inputs.append(ImportInput(option, table.group, header, table.path,
                                              table.multiline))
        return BulkFiles(inputs)

    # One method per record kind: True if written, False if this run already wrote the id

    def _add_node(self, kind: str, label: str, row: Row, *fixed: str) -> bool:
        hashes, key = self._written[kind], hash(row["id"])
        if key in hashes:
            return False
        self._nodes[label].add((row["id"], *fixed), {**row["properties"], **self._stamp})
        hashes.add(key)
        return True

    def _add_actor(self, row: Row) -> bool:
        return self._add_node("actor", "Actor", row, row["kind_label"])

    def _add_place(self, row: Row) -> bool:
        return self._add_node("place", "Place", row)

    def _add_source(self, row: Row) -> bool:
        if not self._add_node("source", "Source", row):
            return False
        published, publisher = row["properties"]["published"], row["properties"]["publisher"]
        self._published[hash(row["id"])] = self._dates.setdefault(published, published)
        self._publishers[hash(row["id"])] = self._names.setdefault(publisher, publisher)
        return True

    def _first_reported(self, event_id: str, claims: list[Row]) -> date | None:
        """The earliest publication date of the claims' sources (None without claims)."""
        dates = []
        for claim in claims:
            published = self._published.get(hash(claim["source"]))
            if published is None:
                raise BulkFormatError(f"event {event_id}: source {claim['source']!r} is written "
                                      "after it (write sources first)")
            dates.append(published)
        return min(dates, default=None)

    def _add_event(self, row: Row) -> bool:
        event_id, properties = row["id"], row["properties"]
        key = hash(event_id)
        if key in self._event_starts:
            return False
        self._nodes["Event"].add((event_id, row["family_label"]), {
            **properties, "first_reported": self._first_reported(event_id, row["claims"]),
            **self._stamp})
        start = properties["time_start"]
        self._event_starts[key] = self._starts.setdefault(start, start)
        self._rels["OF_TYPE"].add((event_id, properties["type"]), {})
        if row["place"]:
            self._rels["TOOK_PLACE_IN"].add((event_id, row["place"]), {})
        when = {name: properties[name] for name in PARTICIPATION_PROPERTIES}
        participations = _dedup_last(((p["actor"], p["role"]), p) for p in row["participants"])
        for (actor, role), p in participations.items():
            self._rels["PARTICIPATED_IN"].add(
                (actor, event_id), {"role": role, "through": p["through"],
                                    "represents": p["represents"], "actor": actor, **when})
        dyad = {name: properties[name] for name in DYAD_PROPERTIES}
        dyads = _dedup_last(((d["from"], d["to"]), d["mutual"]) for d in row["dyads"])
        for (source, target), mutual in dyads.items():
            self._rels["INTERACTED_WITH"].add(
                (source, target), {"from_id": source, "to_id": target, "event_id": event_id,
                                   **dyad, "mutual": mutual})
        for claim_id in self._add_claims(row["claims"], relationship_id=None):
            self._rels["SUPPORTED_BY"].add((event_id, claim_id), {})
        return True

    def _add_relationship(self, row: Row) -> bool:
        hashes, key = self._written["relationship"], hash(row["id"])
        if key in hashes:
            return False
        self._rels["standing"].add(
            (row["subject"], row["object"], row["type"]),
            {"id": row["id"], **row["properties"], **self._stamp})
        self._add_claims(row["claims"], relationship_id=row["id"])
        hashes.add(key)
        return True

    def _add_claims(self, claims: list[Row], relationship_id: str | None) -> list[str]:
        """Write an owner's claims (one node per id, the last one's properties); their ids."""
        by_id = _dedup_last((claim["id"], claim) for claim in claims)
        for claim_id, claim in by_id.items():
            publisher = self._publishers.get(hash(claim["source"]))
            if publisher is None:
                raise BulkFormatError(f"claim {claim_id}: source {claim['source']!r} is written "
                                      "after it (write sources first)")
            self._nodes["Claim"].add((claim_id,), {**claim["properties"], "caption": publisher,
                                                   "relationship_id": relationship_id})
            self._rels["PUBLISHED_IN"].add((claim_id, claim["source"]), {})
            for speaker in dict.fromkeys(claim["attributed_to"]):
                self._rels["ATTRIBUTED_TO"].add((claim_id, speaker), {})
            for relay in dict.fromkeys(claim["via"]):
                self._rels["RELAYED_BY"].add((claim_id, relay), {})
        return list(by_id)
