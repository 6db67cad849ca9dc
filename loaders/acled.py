"""ACLED exports in every shape: one row per event, actors resolved to one node each
(loaders/resolve.py).

Three shapes carry the same fields: the export tool's older CSV (``data_id``, ``iso``,
``event_id_no_cnty``, ``iso3``, numeric ``inter1``/``inter2``, dates written ``01 March 2020``;
no ``disorder_type``, ``civilian_targeting`` or ``tags``), today's CSV, and the API's JSON
(``{"status": 200, "data": [{...}, ...]}``, streamed an element at a time). Columns beyond the
required ones are optional; a file without a required column is refused, naming it.

``actor1`` is the initiator and ``actor2`` the target; associated actors (``assoc_actor_1``/``_2``,
separated by ``;``) take part as participants without a direction of their own. ``inter1`` and
``inter2`` (ACLED's actor types, 1..8 or their names) give the kind of an actor whose name does
not. The event type is the CAMEO code of the row's ``sub_event_type``
(graph/codebooks/acled_types.tsv); ``time_precision`` 2 and 3 widen the valid time to the month
and the year; ``fatalities`` is a quantity.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from graph.codebooks import Country, countries, country_by_name, country_by_numeric, fold
from graph.model import (
    ActorKind,
    Claim,
    DatasetPlace,
    Event,
    Participant,
    PlaceKind,
    Quantity,
    Role,
    Source,
)
from graph.temporal import ValidTime
from graph.vocabulary import type_for_cameo
from loaders.emit import Emitter, prerequisites
from loaders.files import data_name, open_binary
from loaders.headed import RowError, number, read_rows
from loaders.json_stream import JsonArrayReader
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.resolve import resolve_acled, slug
from loaders.tabular import Row, rows

REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
            "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country", "admin1", "location",
            "latitude", "longitude", "source", "notes", "fatalities", "timestamp")
#: ACLED's actor types (``inter1``/``inter2``), by code and by name, as actor kinds.
INTER_CODES = {
    "1": ("state forces", ActorKind.MILITARY), "2": ("rebel group", ActorKind.ARMED_GROUP),
    "3": ("political militia", ActorKind.ARMED_GROUP), "4": ("identity militia", ActorKind.ARMED_GROUP),
    "5": ("rioters", ActorKind.GROUP), "6": ("protesters", ActorKind.GROUP),
    "7": ("civilians", ActorKind.GROUP), "8": ("external/other forces", ActorKind.ORGANISATION),
}
_INTER_NAMES = {fold(name): kind for name, kind in INTER_CODES.values()}


@lru_cache(maxsize=1)
def acled_types() -> dict[tuple[str, str], str]:
    """(event_type, sub_event_type) to CAMEO code."""
    text = resources.files("graph").joinpath("codebooks/acled_types.tsv").read_text("utf-8")
    return {(r["event_type"], r["sub_event_type"]): r["cameo"]
            for r in csv.DictReader(text.splitlines(), delimiter="\t")}


def _day(text: str) -> datetime:
    for layout in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y"):
        try:
            return datetime.strptime(text.strip(), layout)
        except ValueError:
            continue
    raise RowError("event_date", f"{text!r} is not a real date (YYYY-MM-DD or '13 August 2025')")


def _valid_time(row: dict[str, str]) -> ValidTime:
    day = _day(row["event_date"])
    precision = row["time_precision"].strip()
    if precision not in ("1", "2", "3"):
        raise RowError("time_precision", f"{precision!r} is not 1 (day), 2 (month) or 3 (year)")
    start = {"1": day.strftime("%Y-%m-%d"), "2": day.strftime("%Y-%m"), "3": day.strftime("%Y")}[precision]
    note = (None if precision == "1"
            else f"ACLED time_precision {precision}: date given as {row['event_date']}")
    return ValidTime(start=start, note=note)


def _inter(row: dict[str, str], column: str) -> ActorKind | None:
    """The actor kind of ``inter1``/``inter2``: a code 1..8 or its name; None when blank."""
    text = row.get(column, "").strip()
    if not text or text == "0":  # 0: no actor on that side
        return None
    kind = INTER_CODES[text][1] if text in INTER_CODES else _INTER_NAMES.get(fold(text))
    if kind is None:
        raise RowError(column, f"{text!r} is not an ACLED actor type (1..8, or its name: State forces, ...)")
    return kind


def _country(row: dict[str, str]) -> Country:
    """The event's country: ``iso`` (numeric), else ``iso3``, else the country's name."""
    iso = row["iso"].strip()
    if iso:
        found = country_by_numeric(int(number(row, "iso", int)))
        if found is None:
            raise RowError("iso", f"{iso!r} is not an ISO 3166 numeric country code")
        return found
    found = countries().get(row.get("iso3", "").strip().upper()) or country_by_name(row["country"])
    if found is None:
        raise RowError("iso", f"no ISO code, and {row['country']!r} is not a country's name")
    return found


def _place(row: dict[str, str], country_id: str) -> DatasetPlace:
    name = ", ".join(p for p in (row["location"], row["admin1"], row["country"]) if p)
    precision = row.get("geo_precision", "1").strip()
    return DatasetPlace(
        id=f"acled:{slug(name)}", name=name, kind=PlaceKind.CITY if precision == "1" else PlaceKind.REGION,
        country=country_id, latitude=number(row, "latitude"), longitude=number(row, "longitude"),
        external_ids=[("acled.location", name)],
    )


def _build(row: dict[str, str], emitter: Emitter, line: int) -> Iterator[LocatedRecord]:
    event_id = row["event_id_cnty"].strip()
    if not event_id:
        raise RowError("event_id_cnty", "an ACLED event has an id")
    when = _valid_time(row)
    code = acled_types().get((row["event_type"], row["sub_event_type"]))
    if code is None:
        raise RowError("sub_event_type", f"{row['event_type']!r} / {row['sub_event_type']!r} is not an ACLED "
                                         "event type (graph/codebooks/acled_types.tsv)")
    country = _country(row)
    if not row["actor1"]:
        raise RowError("actor1", "an ACLED event names its actor1")
    sides = [(row["actor1"], Role.INITIATOR, _inter(row, "inter1")),
             (row["actor2"], Role.TARGET, _inter(row, "inter2"))]
    sides += [(a.strip(), Role.PARTICIPANT, None) for col in ("assoc_actor_1", "assoc_actor_2")
              for a in row[col].split(";") if a.strip()]
    resolved = [(resolve_acled(name, kind), role) for name, role, kind in sides if name]
    participants = list({(r.actor, role): Participant(actor=r.actor, role=role, represents=r.represents)
                         for r, role in resolved}.values())
    fatalities = int(number(row, "fatalities", int)) if row["fatalities"].strip() else None
    stamp = row["timestamp"].strip()
    recorded = datetime.fromtimestamp(int(stamp), UTC) if stamp.isdigit() else None
    place = _place(row, country.alpha3)
    source = Source(id=f"src:acled:{slug(event_id)}",
                    publisher=f"ACLED: {row['source'] or 'unnamed sources'}",
                    url=f"urn:acled:{event_id}", published=(recorded or _day(row["event_date"])).date(),
                    language="en")
    names = " vs ".join(n for n in (row["actor1"], row["actor2"]) if n)
    event = Event(
        id=f"acled:{slug(event_id)}", type=type_for_cameo(code), when=when, participants=participants,
        place=place.id, title=f"{row['sub_event_type']}: {names}"[:300],
        summary=row["notes"].strip() or f"{row['sub_event_type']} in {place.name}.",
        quantities=[Quantity(what="fatalities", value=fatalities)] if fatalities is not None else [],
        claims=[Claim(source=str(source.id), dataset="acled", record_id=event_id)],
        external_ids={"acled": event_id} | ({"acled.data_id": row["data_id"].strip()}
                                            if row.get("data_id", "").strip() else {}),
        dataset_recorded=recorded,
        notes=f"ACLED {row.get('disorder_type') or '-'} / {row['event_type']} / {row['sub_event_type']}"
              + (f"; tags: {row['tags']}" if row.get("tags") else ""),
    )
    needed = [*prerequisites(*(r for r, _ in resolved)), place, source]
    yield from emitter.records(line, needed, event)


def _api_rows(path: Path, progress: ReadProgress | None) -> Iterator[Row | RecordError]:
    """The elements of an API response's ``data`` as rows of a delimited file: a header of the
    first element's fields, then each element's values in that order (a field it lacks empty)."""
    header: list[str] | None = None
    try:
        with open_binary(path, progress) as stream:
            for line, _, value in JsonArrayReader(stream, member="data"):
                if isinstance(value, Exception) or not isinstance(value, dict):
                    reason = str(value) if isinstance(value, Exception) else "not a JSON object"
                    yield RecordError(file=str(path), line=line, field="(json)", reason=reason)
                    continue
                if header is None:
                    header = list(value)
                    yield line, header
                yield line, ["" if value.get(k) is None else str(value.get(k)) for k in header]
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        yield RecordError(file=str(path), line=0, field="(file)", reason=str(error))


def is_api_json(head: str) -> bool:
    """Whether a file's first characters are those of an ACLED API response."""
    return head.lstrip().startswith("{") and "event_id_cnty" in head


def read(path: Path, progress: ReadProgress | None = None) -> Iterator[LocatedRecord | RecordError]:
    """The records of an ACLED export (CSV, or the API's JSON), streamed row by row."""
    found: Iterable[Row | RecordError]
    if data_name(path).lower().endswith(".json"):
        found = _api_rows(path, progress)
    else:
        found = rows(path, ",", quoted=True, progress=progress)
    return read_rows(path, found, _build, required=REQUIRED,
                     record_id=lambda row: f"acled:{slug(row.get('event_id_cnty', ''))}")
