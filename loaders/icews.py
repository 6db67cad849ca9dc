"""ICEWS coded event data (Harvard Dataverse, 1995-2023): tab-separated with a header, one CAMEO-coded
event per row, plain or as the Dataverse's ``.tab.zip``.

The source is the initiator and the target the target, resolved as the other data sets' actors
are (loaders/resolve.py): states by country name, people by name within their country, a
country's generic sectors (``Government (Russia)``) as GDELT's. ``CAMEO Code`` is the event type,
``Intensity`` (ICEWS's Goldstein-like score, -10..10) its intensity; ``Story ID`` and ``Sentence
Number`` name the sentence the event was coded from (the claim's record id), ``Publisher`` its
source. ``Event ID`` alone is not unique in the published files (a few ids recur on another
date): an event's id is its ``Event ID`` and its date. ``NA`` and an empty field both read as
missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from graph.codebooks import cameo_codes, country_by_name
from graph.model import Claim, DatasetPlace, Event, NameRank, Participant, PlaceKind, Role, Source
from graph.temporal import ValidTime
from graph.vocabulary import type_for_cameo
from loaders.emit import Emitter, prerequisites
from loaders.headed import RowError, number, read_rows
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.resolve import Resolved, resolve_icews, slug
from loaders.tabular import rows

COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
           "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
           "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
           "Longitude")
MISSING = "NA"


def is_icews(header: str) -> bool:
    """Whether a file's first line is an ICEWS header."""
    names = {c.strip().strip('"') for c in header.rstrip("\r\n").split("\t")}
    return {"Event ID", "CAMEO Code", "Source Name", "Story ID"} <= names


def _day(text: str) -> date:
    for layout in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise RowError("Event Date", f"{text!r} is not a real date YYYY-MM-DD")


def _code(text: str) -> str:
    """The CAMEO code as written, or with the leading zero a spreadsheet dropped (``42`` for 042)."""
    if text in cameo_codes():
        return text
    if text.isdigit() and "0" + text in cameo_codes():
        return "0" + text
    raise RowError("CAMEO Code", f"{text!r} is not a CAMEO event code")


def _place(row: dict[str, str]) -> DatasetPlace | None:
    parts = [row[c] for c in ("City", "District", "Province", "Country") if row[c]]
    if not parts:
        return None
    country = country_by_name(row["Country"]) if row["Country"] else None
    kind = (PlaceKind.CITY if row["City"] else PlaceKind.REGION if row["District"] or row["Province"]
            else PlaceKind.COUNTRY)
    lat = number(row, "Latitude") if row["Latitude"] else None
    long = number(row, "Longitude") if row["Longitude"] else None
    if kind == PlaceKind.COUNTRY and country:  # the country's own place, as GDELT names it
        return DatasetPlace(id=slug(country.name), name=country.name, kind=kind, country=country.alpha3,
                            latitude=lat, longitude=long, name_rank=NameRank.CODEBOOK)
    name = ", ".join(parts)
    return DatasetPlace(id=f"icews:{slug(name)}", name=name, kind=kind,
                        country=country.alpha3 if country else None, latitude=lat, longitude=long,
                        external_ids=[("icews.place", name)])


def _actor(row: dict[str, str], side: str) -> Resolved | None:
    return resolve_icews(row[f"{side} Name"], row[f"{side} Sectors"], row[f"{side} Country"])


def _event_id(row: dict[str, str]) -> str:
    return f"icews:{slug(row['Event ID'])}-{row['Event Date'].replace('-', '')}"


def _build(raw: dict[str, str], emitter: Emitter, line: int) -> Iterator[LocatedRecord]:
    row = {key: "" if value.strip() == MISSING else value.strip() for key, value in raw.items()}
    if not row["Event ID"]:
        raise RowError("Event ID", "an ICEWS event has an id")
    day = _day(row["Event Date"])
    code = _code(row["CAMEO Code"])
    intensity = number(row, "Intensity") if row["Intensity"] else None
    if intensity is not None and not -10 <= intensity <= 10:
        raise RowError("Intensity", f"{intensity} is outside -10..10")
    if not row["Story ID"] or not row["Sentence Number"]:
        raise RowError("Story ID" if not row["Story ID"] else "Sentence Number",
                       "an ICEWS event names the story and sentence it was coded from")
    source_actor, target = _actor(row, "Source"), _actor(row, "Target")
    if source_actor is None and target is None:
        raise RowError("Source Name", "neither a source nor a target: an event needs a participant")
    participants = [Participant(actor=r.actor, role=role, represents=r.represents)
                    for r, role in ((source_actor, Role.INITIATOR), (target, Role.TARGET)) if r]
    place = _place(row)
    record_id = f"{row['Story ID']}:{row['Sentence Number']}"
    source = Source(publisher=row["Publisher"] or "ICEWS", url=f"urn:icews:story:{row['Story ID']}",
                    published=day, language="en")
    label = cameo_codes()[code].label
    names = " / ".join(row[f"{s} Name"] for s in ("Source", "Target") if row[f"{s} Name"])
    event = Event(
        id=_event_id(row), type=type_for_cameo(code), when=ValidTime(start=day.isoformat()),
        participants=participants, place=place.id if place else None,
        title=f"{label} ({names})"[:300],
        summary=f"ICEWS event {row['Event ID']}: {row['Event Text'] or label}, {names}"
                + (f", in {place.name}" if place else "") + ".",
        intensity=intensity, claims=[Claim(source=str(source.id), dataset="icews", record_id=record_id)],
        external_ids={"icews": row["Event ID"]},
        notes=f"ICEWS CAMEO {code}, story {row['Story ID']} sentence {row['Sentence Number']}",
    )
    needed = [*prerequisites(source_actor, target), *([place] if place else []), source]
    yield from emitter.records(line, needed, event)


def _record_id(row: dict[str, str]) -> str | None:
    return _event_id(row) if row.get("Event ID", "").strip() and row.get("Event Date") else None


def read(path: Path, progress: ReadProgress | None = None) -> Iterator[LocatedRecord | RecordError]:
    """The records of an ICEWS events file (``events.2023.tab``, or zipped), streamed row by row."""
    return read_rows(path, rows(path, "\t", quoted=True, progress=progress), _build, required=COLUMNS,
                     record_id=_record_id)
