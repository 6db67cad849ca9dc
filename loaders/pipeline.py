"""From files (or posted records) to the graph: check references, then hand batches to the writer.

A record that points to an actor, place, source or event that is neither in the same load nor
already in the graph is rejected with the field that points; everything valid is still written,
unless the load is strict. The one exception is a mention (``EventClaim``) of an event not in the
graph: GDELT's mentions files cite events of earlier files, so it is skipped and counted ("event
not loaded"), not rejected, and attaches once its event is loaded and the mentions loaded again.
``load_stream`` does this a batch at a time (read, validate, check references, write), so a
load's memory stays the same whatever the size of its files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from graph.model import Claim, DatasetActor, DatasetPlace, Event, EventClaim, Relationship
from graph.store.codec import Row
from graph.store.sink import RecordSink
from graph.store.writer import CONNECTION_LOST, RECORD_KINDS, WriteInterrupted
from graph.temporal import ValidTime
from loaders.emit import first_sightings
from loaders.filters import LoadFilter, filtered
from loaders.read_ahead import ReadAhead
from loaders.records import DEFINES, LocatedRecord
from loaders.rehearsal import Rehearsal
from loaders.report import SKIPPED_EVENT_NOT_LOADED, LineRange, LoadReport, RecordError


def _claim_refs(claims: Sequence[Claim], prefix: str = "claims") -> Iterable[tuple[str, str, str]]:
    for i, claim in enumerate(claims):
        yield f"{prefix}[{i}].source", "source", claim.source
        for j, actor in enumerate(claim.attributed_to):
            yield f"{prefix}[{i}].attributed_to[{j}]", "actor", actor
        for j, actor in enumerate(claim.via):
            yield f"{prefix}[{i}].via[{j}]", "actor", actor


def _references(record: object) -> Iterable[tuple[str, str, str]]:
    """(field, kind, id) for every id the record points to."""
    if isinstance(record, Event):
        for i, participant in enumerate(record.participants):
            yield f"participants[{i}].actor", "actor", participant.actor
        if record.place:
            yield "place", "place", record.place
        for i, quantity in enumerate(record.quantities):
            for j, actor in enumerate(quantity.estimated_by):
                yield f"quantities[{i}].estimated_by[{j}]", "actor", actor
        yield from _claim_refs(record.claims)
    elif isinstance(record, Relationship):
        yield "subject", "actor", record.subject
        yield "object", "actor", record.object
        if record.derived_from:
            yield "derived_from", "event", record.derived_from
        yield from _claim_refs(record.claims)
    elif isinstance(record, EventClaim):
        yield "event", "event", record.event
        yield from _claim_refs([record.claim], "claim")


def _error(item: LocatedRecord, field: str, reason: str) -> RecordError:
    record = item.record
    return RecordError(
        kind=record.record, file=item.file, line=item.line, field=field, reason=reason,
        record_id=getattr(record, "id", None),
    )


def _combined(first: LocatedRecord, second: LocatedRecord) -> LocatedRecord:
    """Two data-set sightings of one actor or place: one record with the names and ids of both."""
    a, b = first.record, second.record
    assert isinstance(a, DatasetActor | DatasetPlace) and isinstance(b, DatasetActor | DatasetPlace)
    update: dict[str, object] = {"external_ids": list(dict.fromkeys([*a.external_ids, *b.external_ids]))}
    if isinstance(a, DatasetActor) and isinstance(b, DatasetActor):
        update["aliases"] = list(dict.fromkeys([*a.aliases, *b.aliases]))
    return LocatedRecord(a.model_copy(update=update), first.file, first.line)


def _combinable(first: LocatedRecord, second: LocatedRecord) -> bool:
    """Two data-set sightings that differ at most in their aliases and identifiers (sets); others
    are both written, for the write query to choose between them by rank (docs/merge-policy.md)."""
    added = {"aliases", "external_ids"}
    return first.record.model_dump(exclude=added) == second.record.model_dump(exclude=added)


def _drop_duplicates(items: list[LocatedRecord], report: LoadReport) -> list[LocatedRecord]:
    """Keep the first of two records with one id; a second that differs is an error, unless both
    are data-set sightings, which combine (or, naming it differently, are both kept)."""
    first: dict[tuple[str, str], int] = {}
    kept: list[LocatedRecord] = []
    for item in items:
        key = (item.record.record, str(item.record.id))
        index = first.get(key)
        seen = kept[index] if index is not None else None
        if seen is None:
            first[key] = len(kept)
            kept.append(item)
        elif item.record.record in ("dataset_actor", "dataset_place"):
            if _combinable(seen, item):
                kept[first[key]] = _combined(seen, item)
            else:
                kept.append(item)
        elif seen.record != item.record:
            reason = f"id already defined differently at {seen.file}:{seen.line}"
            report.reject(item.record.record, _error(item, "id", reason))
    return kept


def _resolve_derived_time(item: LocatedRecord, event_starts: dict[str, str]) -> LocatedRecord:
    """A relationship without ``when`` holds from its event's start on, open-ended."""
    record = item.record
    if not isinstance(record, Relationship) or record.when is not None:
        return item
    event_id = str(record.derived_from)
    when = ValidTime(start=event_starts[event_id], ongoing=True, note=f"from event {event_id}")
    return LocatedRecord(record.model_copy(update={"when": when}), item.file, item.line)


def check_references(
    items: list[LocatedRecord], writer: RecordSink, report: LoadReport
) -> list[LocatedRecord]:
    """The records whose references all resolve; the others are rejected into the report."""
    items = _drop_duplicates(items, report)
    known: dict[str, set[str]] = {"actor": set(), "place": set(), "source": set(), "event": set()}
    for item in items:
        if item.record.record in DEFINES:
            known[DEFINES[item.record.record]].add(str(item.record.id))
    unresolved = {ref for item in items for _, kind, ref in _references(item.record)
                  if ref not in known[kind]}
    in_graph = writer.existing_ids(unresolved)
    known["actor"] |= in_graph.actors
    known["place"] |= in_graph.places
    known["source"] |= in_graph.sources
    event_starts = dict(in_graph.event_starts)
    known["event"] |= set(event_starts)

    valid: list[LocatedRecord] = []
    skipped: set[tuple[str, int]] = set()
    # Events before relationships, so a rejected event also rejects what derives from it.
    for item in sorted(items, key=lambda it: it.record.record == "relationship"):
        missing = [(f, k, ref) for f, k, ref in _references(item.record) if ref not in known[k]]
        if isinstance(item.record, EventClaim) and missing and missing[0][0] == "event":
            report.skip(SKIPPED_EVENT_NOT_LOADED)
            skipped.add((item.file, item.line))
            continue
        if missing:
            field, kind, ref = missing[0]
            report.reject(item.record.record, _error(item, field, f"unknown {kind} {ref!r}"))
            continue
        if isinstance(item.record, Event):
            event_starts[str(item.record.id)] = item.record.when.start
            known["event"].add(str(item.record.id))
        valid.append(_resolve_derived_time(item, event_starts))
    return _without_orphans(valid, skipped) if skipped else valid


def _without_orphans(valid: list[LocatedRecord], skipped: set[tuple[str, int]]) -> list[LocatedRecord]:
    """The records of a skipped mention's line that nothing kept points to (its outlet's
    ``Source``) are dropped with it: a mention of an event not loaded leaves no node behind."""
    referenced = {ref for item in valid for _, _, ref in _references(item.record)}
    return [item for item in valid
            if (item.file, item.line) not in skipped or str(item.record.id) in referenced]


def load_records(
    items: list[LocatedRecord],
    writer: RecordSink,
    *,
    parse_errors: Sequence[RecordError] = (),
    strict: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> LoadReport:
    """Check and write records; ``strict`` writes nothing when any record is bad."""
    report = LoadReport()
    _reject_parse_errors(parse_errors, report)
    valid = check_references(items, writer, report)
    if strict and report.errors:
        report.written = False
        return report
    try:
        _write(valid, writer, report, on_batch)
    except _Stopped as stop:  # the driver's own error, for the API's 503 (load_stream reports it)
        raise stop.cause from None
    return report


Key = tuple[str, int, str, str]


def _key(item: LocatedRecord) -> Key:
    """A record's place in the load: file, line, kind and id (a data set's line gives several)."""
    return item.file, item.line, item.record.record, str(item.record.id)


class _Stopped(Exception):
    """Neo4j went away while a batch was written: ``written`` holds the keys of the records
    committed before."""

    def __init__(self, cause: Exception, written: set[Key], unconfirmed: bool) -> None:
        self.cause = cause
        self.written = written
        self.unconfirmed = unconfirmed


def _write(valid: list[LocatedRecord], writer: RecordSink, report: LoadReport,
           on_batch: Callable[[int], None] | None, encoded: Mapping[int, Row] | None = None) -> None:
    """Write the valid records kind by kind; ``encoded`` holds rows already made, by ``id(record)``."""
    written: set[Key] = set()
    for kind in RECORD_KINDS:
        batch = [item for item in valid if item.record.record == kind.name]
        if not batch:
            continue
        rows = [encoded.get(id(item.record)) for item in batch] if encoded else None
        try:
            outcomes = writer.write(kind, [item.record for item in batch], on_batch=on_batch, rows=rows)
        except WriteInterrupted as stop:
            report.add_outcomes(kind.name, stop.outcomes)
            written |= {_key(item) for item in batch[:stop.written]}
            raise _Stopped(stop.cause, written, stop.unconfirmed) from stop
        report.add_outcomes(kind.name, outcomes)
        written |= {_key(item) for item in batch}


def _unwritten(items: list[LocatedRecord], written: set[Key]) -> list[LineRange]:
    """The runs of a batch's records (in the order read) that were not written, as line ranges."""
    ranges: list[LineRange] = []
    for item in items:
        if _key(item) in written:
            continue
        last = ranges[-1] if ranges else None
        if last is not None and last.file == item.file and last.last == item.line - 1:
            last.last = item.line
        elif last is not None and last.file == item.file and last.last == item.line:
            continue  # two records of one line (a data set row that gives several)
        else:
            ranges.append(LineRange(file=item.file, first=item.line, last=item.line))
    return ranges


def _interrupt(report: LoadReport, cause: Exception, items: list[LocatedRecord], written: set[Key],
               unconfirmed: bool,
               following: Iterator[tuple[list[LocatedRecord], list[RecordError], dict[int, Row]]]
               ) -> None:
    """Say why the load stopped and which records it did not write: those of this batch, and
    every one from the next batch's first on (``following``, not read further)."""
    reason = " ".join(str(cause).split()) or type(cause).__name__
    report.interrupted = f"Neo4j went away: {reason}" + (
        " (the last batch's commit was not confirmed: it may have been written)" if unconfirmed else "")
    report.not_written = _unwritten(items, written)
    next_items, next_errors, _ = next(following, ([], [], {}))
    firsts = [(r.file, r.line) for r in next_items[:1]] + [(e.file, e.line) for e in next_errors[:1]]
    if firsts:
        file, line = min(firsts, key=lambda f: f[1]) if len({f for f, _ in firsts}) == 1 else firsts[0]
        report.not_written.append(LineRange(file=file, first=line, last=None))


def _reject_parse_errors(errors: Sequence[RecordError], report: LoadReport) -> None:
    """One rejected record per (file, line), with every error found in it."""
    by_record: dict[tuple[str, int], list[RecordError]] = {}
    for error in errors:
        by_record.setdefault((error.file, error.line), []).append(error)
    for found in by_record.values():
        report.reject(found[0].kind, *found)


def _batches(stream: Iterable[LocatedRecord | RecordError], size: int
             ) -> Iterator[tuple[list[LocatedRecord], list[RecordError]]]:
    """Batches of ``size`` records and errors or a few more, cut only between lines: every record
    of a line (a data-set row gives several) is in one batch, so the lines an outage leaves
    unwritten in a batch and those from the next batch on never share a line."""
    items: list[LocatedRecord] = []
    errors: list[RecordError] = []
    where: tuple[str, int] | None = None  # the file and line of the last record or error
    for item in stream:
        here = (item.file, item.line)
        if len(items) + len(errors) >= size and here != where:
            yield items, errors
            items, errors = [], []
        where = here
        if isinstance(item, RecordError):
            errors.append(item)
        else:
            items.append(item)
    if items or errors:
        yield items, errors


_KINDS = {kind.name: kind for kind in RECORD_KINDS}


def _encoded(batches: Iterable[tuple[list[LocatedRecord], list[RecordError]]]
             ) -> Iterator[tuple[list[LocatedRecord], list[RecordError], dict[int, Row]]]:
    """Each batch with its records' rows, by ``id(record)`` (the batch keeps its records alive):
    all but a relationship whose time comes from its event, known only once references resolve."""
    for items, errors in batches:
        encoded = {id(item.record): _KINDS[item.record.record].to_row(item.record) for item in items
                   if not (isinstance(item.record, Relationship) and item.record.when is None)}
        yield items, errors, encoded


def _kept(stream: Iterable[LocatedRecord | RecordError], keep: LoadFilter | None, left_out: Counter[str]
          ) -> Iterator[LocatedRecord | RecordError]:
    """What the load writes of ``stream``: the rows ``keep`` keeps, each prerequisite once."""
    return first_sightings(filtered(stream, keep, left_out) if keep and keep.active else stream)


def _rehearse(open_stream: Callable[[], Iterable[LocatedRecord | RecordError]], writer: RecordSink,
              batch_size: int, keep: LoadFilter | None) -> LoadReport:
    """A strict load's first pass: the writing pass's batches and checks, against a sink that
    writes nothing; its report's errors are those the writing pass would find."""
    report = LoadReport()
    rehearsal = Rehearsal(writer)
    left_out: Counter[str] = Counter()
    for items, errors in _batches(_kept(open_stream(), keep, left_out), batch_size):
        _reject_parse_errors(errors, report)
        _write(check_references(items, rehearsal, report), rehearsal, report, None)
    report.written = not report.errors
    report.filtered = dict(left_out)
    return report


def load_stream(
    open_stream: Callable[[], Iterable[LocatedRecord | RecordError]],
    writer: RecordSink,
    *,
    strict: bool = False,
    batch_size: int = 5000,
    on_batch: Callable[[int], None] | None = None,
    keep: LoadFilter | None = None,
) -> LoadReport:
    """Read, check and write a stream of records a batch at a time, in constant memory.

    ``open_stream`` opens the stream anew on each call: a strict load reads it once to run every
    check (writing nothing if anything is bad), then again to write. A record may point to one of
    an earlier batch: that one is in the graph by then. ``keep`` leaves events out before anything
    is checked (loaders/filters.py); the report counts them by filter.
    """
    if strict:
        rehearsed = _rehearse(open_stream, writer, batch_size, keep)
        if rehearsed.errors:
            return rehearsed
    report = LoadReport()
    left_out: Counter[str] = Counter()
    # The next batches are read, validated and encoded in a thread while this one is written.
    with ReadAhead(_encoded(_batches(_kept(open_stream(), keep, left_out), batch_size))) as batches:
        for items, errors, encoded in batches:
            _reject_parse_errors(errors, report)
            try:
                _write(check_references(items, writer, report), writer, report, on_batch, encoded)
            except _Stopped as stop:
                _interrupt(report, stop.cause, items, stop.written, stop.unconfirmed, batches)
                break
            except CONNECTION_LOST as error:  # checking the references, before any write
                _interrupt(report, error, items, set(), False, batches)
                break
    report.filtered = dict(left_out)
    return report

