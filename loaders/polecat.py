"""POLECAT weekly exports (tab-separated, with a header): PLOVER-coded events.

The actor is the initiator and the recipient the target. The PLOVER type and mode become the
CAMEO code the crosswalk gives them (the first CAMEO code with that type and mode), or the type's
default code below when the mode has none; the event keeps the PLOVER coding in its notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

from graph.codebooks import cameo_codes, country_by_cameo, country_by_name
from graph.model import Claim, DatasetPlace, Event, Participant, PlaceKind, Role, Source
from graph.temporal import ValidTime
from graph.vocabulary import type_for_cameo
from loaders.emit import Emitter, prerequisites
from loaders.headed import RowError, number, read_rows
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.resolve import Resolved, resolve_polecat, slug
from loaders.tabular import rows

REQUIRED = ("Event ID", "Event Date", "Event Type", "Event Mode", "Actor Name", "Actor Country",
            "Recipient Name", "Recipient Country", "Source", "Publication Date", "Language")
#: The CAMEO code of a PLOVER type whose mode the crosswalk does not name.
TYPE_DEFAULTS = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "084", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "180",
}


@lru_cache(maxsize=1)
def _by_type_and_mode() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for code in sorted(cameo_codes().values(), key=lambda c: (len(c.code), c.code)):
        if code.plover_type and code.plover_mode:
            found.setdefault((code.plover_type, code.plover_mode), code.code)
    return found


def cameo_for(plover_type: str, mode: str) -> str:
    """The CAMEO code a PLOVER type and mode map to (docs/codebooks.md)."""
    key = plover_type.strip().upper()
    if key not in TYPE_DEFAULTS:
        raise RowError("Event Type", f"{plover_type!r} is not a PLOVER event type")
    return _by_type_and_mode().get((key, mode.strip().lower()), TYPE_DEFAULTS[key])


def _actor(row: dict[str, str], who: str) -> Resolved | None:
    return resolve_polecat(
        row[f"{who} Name"].strip(), row[f"{who} Country"].strip(),
        row.get(f"Primary {who} Sector", "") or row.get(f"{who} Sectors", ""),
        row.get(f"{who} Name Raw", ""), row.get(f"Wikipedia {who} ID", ""),
    )


def _date(row: dict[str, str], column: str) -> date:
    try:
        return date.fromisoformat(row[column].strip()[:10])
    except ValueError:
        raise RowError(column, f"{row[column]!r} is not a real date YYYY-MM-DD") from None


def _place(row: dict[str, str]) -> DatasetPlace | None:
    name = row.get("Placename", "").strip()
    if not name:
        return None
    raw_country = row.get("Country", "").strip()
    country = country_by_cameo(raw_country) or country_by_name(raw_country) if raw_country else None
    geonames = row.get("GeoNames ID", "").strip()
    kind = (PlaceKind.CITY if row.get("City", "").strip()
            else PlaceKind.REGION if row.get("Province", "").strip() else PlaceKind.COUNTRY)
    lat, long = row.get("Latitude", "").strip(), row.get("Longitude", "").strip()
    return DatasetPlace(
        id=f"geonames:{geonames}" if geonames.isdigit() else f"polecat:{slug(name)}", name=name, kind=kind,
        country=country.alpha3 if country else None,
        latitude=number(row, "Latitude") if lat else None,
        longitude=number(row, "Longitude") if long else None,
        external_ids=[("geonames", geonames)] if geonames else [],
    )


def _build(row: dict[str, str], emitter: Emitter, line: int) -> Iterator[LocatedRecord]:
    event_id = row["Event ID"].strip()
    if not event_id:
        raise RowError("Event ID", "a POLECAT event has an id")
    day = _date(row, "Event Date")
    code = cameo_for(row["Event Type"], row["Event Mode"])
    actor, recipient = _actor(row, "Actor"), _actor(row, "Recipient")
    if actor is None and recipient is None:
        raise RowError("Actor Name", "neither an actor nor a recipient: an event needs a participant")
    participants = [Participant(actor=r.actor, role=role, represents=r.represents)
                    for r, role in ((actor, Role.INITIATOR), (recipient, Role.TARGET)) if r]
    place = _place(row)
    source = Source(publisher=row["Source"].strip() or "POLECAT", url=f"urn:polecat:{event_id}",
                    published=_date(row, "Publication Date"),
                    language=row["Language"].strip().lower() or "en")
    intensity = row.get("Event Intensity", "").strip()
    plover = f"PLOVER {row['Event Type'].strip().upper()}" + (f"/{row['Event Mode'].strip()}"
                                                             if row["Event Mode"].strip() else "")
    names = " / ".join(row[f"{w} Name"] for w in ("Actor", "Recipient") if row[f"{w} Name"])
    event = Event(
        id=f"polecat:{slug(event_id)}", type=type_for_cameo(code), when=ValidTime(start=day.isoformat()),
        participants=participants, place=place.id if place else None,
        title=f"{plover} ({names})"[:300],
        summary=f"POLECAT event {event_id}: {plover}, {names}"
                + (f", in {place.name}" if place else "") + ".",
        claims=[Claim(source=str(source.id), dataset="polecat", record_id=event_id)],
        external_ids={"polecat": event_id},
        metrics={"intensity": number(row, "Event Intensity")} if intensity else {},
        notes=f"{plover}; contexts: {row.get('Contexts', '') or 'none'}",
    )
    needed = [*prerequisites(actor, recipient), *([place] if place else []), source]
    yield from emitter.records(line, needed, event)


def read(path: Path, progress: ReadProgress | None = None) -> Iterator[LocatedRecord | RecordError]:
    """The records of a POLECAT weekly export, streamed row by row."""
    return read_rows(path, rows(path, "\t", quoted=False, progress=progress), _build, required=REQUIRED,
                     record_id=lambda row: f"polecat:{slug(row.get('Event ID', ''))}")
