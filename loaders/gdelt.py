"""GDELT 2.0: the Events export (``*.export.CSV``) and the Mentions file (``*.mentions.CSV``).

Both are tab-separated without a header; columns as in the GDELT 2.0 Event codebook. An event
becomes an ``Event`` (id ``gdelt:GLOBALEVENTID``) with Actor1 as initiator and Actor2 as target,
its exact CAMEO code as type, the action geography as place and SOURCEURL as source; a mention
becomes another claim of that event (``EventClaim``), published by the mentioning outlet.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from itertools import chain
from pathlib import Path
from urllib.parse import urlparse

from graph.codebooks import cameo_codes
from graph.model import (
    Claim,
    Event,
    EventClaim,
    Participant,
    Role,
    Source,
)
from graph.temporal import ValidTime
from graph.vocabulary import type_for_cameo
from loaders.emit import Emitter, prerequisites
from loaders.gdelt_geo import action_place
from loaders.headed import RowError, number, read_rows
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.resolve import Resolved, resolve_gdelt
from loaders.tabular import rows

EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code",
    "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
    "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
    "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat",
    "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName",
    "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat",
    "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
]
MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]


#: The two event series: GDELT 1.0's ids are numbered apart from 2.0's (both ran from 2015 on).
_SERIES_NAMES = {"gdelt": "GDELT", "gdelt1": "GDELT 1.0"}


def _publisher_of(url: str, name: str = "") -> str:
    """A GDELT source's publisher, whichever file names it (docs/merge-policy.md): the host of its
    URL without ``www.``; a document without one (a mention's broadcast id) its ``name``, else the
    URL itself. So the export and the mentions file give one document the same publisher."""
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.") or name or url


def _parse_timestamp(text: str) -> datetime:
    """``YYYYMMDDHHMMSS`` as a UTC datetime."""
    return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def _parse_day(text: str) -> date:
    """``YYYYMMDD`` as a date."""
    return datetime.strptime(text, "%Y%m%d").date()


def _actor(row: dict[str, str], n: int) -> Resolved | None:
    return resolve_gdelt(row[f"Actor{n}Code"], row[f"Actor{n}Name"], row[f"Actor{n}CountryCode"],
                         row[f"Actor{n}Type1Code"])


def _participant(resolved: Resolved, role: Role) -> Participant:
    return Participant(actor=resolved.actor, role=role, represents=resolved.represents)


def _event_records(row: dict[str, str], emitter: Emitter, line: int) -> Iterator[LocatedRecord]:
    """A GDELT 2.0 export row's records: DATEADDED is the time GDELT added it."""
    try:
        recorded = _parse_timestamp(row["DATEADDED"])
    except ValueError:
        raise RowError("DATEADDED", f"{row['DATEADDED']!r} is not a time YYYYMMDDHHMMSS") from None
    return event_records(row, emitter, line, recorded=recorded, series="gdelt")


def event_records(row: dict[str, str], emitter: Emitter, line: int, *, recorded: datetime, series: str
                  ) -> Iterator[LocatedRecord]:
    """An event row's records (2.0 or 1.0: ``row`` holds the 2.0 columns), its id ``series:ID``;
    a row without SOURCEURL (GDELT 1.0 before 2013-04-01) is its own source, ``urn:gdelt:event:ID``."""
    event_id = row["GLOBALEVENTID"]
    if not event_id.isdigit():
        raise RowError("GLOBALEVENTID", f"{event_id!r} is not a number")
    try:
        day = _parse_day(row["SQLDATE"]).isoformat()
    except ValueError:
        raise RowError("SQLDATE", f"{row['SQLDATE']!r} is not a date YYYYMMDD") from None
    code = row["EventCode"]
    try:
        type_id = type_for_cameo(code)
    except ValueError as error:
        raise RowError("EventCode", str(error)) from None
    goldstein = number(row, "GoldsteinScale")
    metrics = {"num_mentions": number(row, "NumMentions", int), "num_sources": number(row, "NumSources", int),
               "num_articles": number(row, "NumArticles", int), "avg_tone": number(row, "AvgTone")}
    first, second = _actor(row, 1), _actor(row, 2)
    if first is None and second is None:
        raise RowError("Actor1Code", "neither Actor1 nor Actor2 is coded: an event needs a participant")
    participants = [_participant(first, Role.INITIATOR)] if first else []
    participants += [_participant(second, Role.TARGET)] if second else []
    place = action_place(row)
    url = row["SOURCEURL"] or f"urn:gdelt:event:{event_id}"
    source = Source(publisher=_publisher_of(url), url=url, published=recorded.date(), language="en")
    label = cameo_codes()[code].label
    names = " / ".join(row[f"Actor{n}Name"] or row[f"Actor{n}Code"] for n in (1, 2)
                       if row[f"Actor{n}Code"] or row[f"Actor{n}Name"])
    event = Event(
        id=f"{series}:{event_id}", type=type_id, when=ValidTime(start=day), participants=participants,
        place=place.id if place else None, title=f"{label} ({names})"[:300],
        summary=f"{_SERIES_NAMES[series]} event {event_id}: CAMEO {code} '{label}', {names}"
                + (f", at {place.name}" if place else "") + ".",
        intensity=goldstein, claims=[Claim(source=str(source.id), dataset="gdelt", record_id=event_id)],
        external_ids={series: event_id}, metrics=metrics, dataset_recorded=recorded,
    )
    needed = [*prerequisites(first, second), *([place] if place else []), source]
    yield from emitter.records(line, needed, event)


def _mention_records(row: dict[str, str], emitter: Emitter, line: int) -> Iterator[LocatedRecord]:
    event_id = row["GLOBALEVENTID"]
    if not event_id.isdigit():
        raise RowError("GLOBALEVENTID", f"{event_id!r} is not a number")
    try:
        when = _parse_timestamp(row["MentionTimeDate"])
    except ValueError:
        raise RowError("MentionTimeDate", f"{row['MentionTimeDate']!r} is not YYYYMMDDHHMMSS") from None
    url = row["MentionIdentifier"]
    if not url:
        raise RowError("MentionIdentifier", "a mention names its document")
    translation = row["MentionDocTranslationInfo"]
    language = "en"
    if translation.startswith("srclc:"):
        language = translation.split(";")[0].removeprefix("srclc:")[:3]
    confidence = number(row, "Confidence")
    source = Source(publisher=_publisher_of(url, row["MentionSourceName"]), url=url, published=when.date(),
                    language=language)
    claim = Claim(source=str(source.id), dataset="gdelt", record_id=event_id, confidence=confidence)
    # The outlet on every line, not once per file: a mention of an event not loaded is skipped
    # with its line's outlet (loaders.pipeline), so a later line cannot count on an earlier one's.
    yield LocatedRecord(source, emitter.file, line)
    yield LocatedRecord(EventClaim(event=f"gdelt:{event_id}", claim=claim), emitter.file, line)


def _record_id(row: dict[str, str]) -> str | None:
    return f"gdelt:{row['GLOBALEVENTID']}" if row["GLOBALEVENTID"].isdigit() else None


def read(path: Path, progress: ReadProgress | None = None) -> Iterator[LocatedRecord | RecordError]:
    """The records of a GDELT 2.0 Events export, or the claims of a Mentions file, streamed row by
    row: told apart by the file's name, or else by the number of columns of its first line."""
    found = rows(path, "\t", quoted=False, progress=progress)
    first = next(found, None)
    width = len(first[1]) if isinstance(first, tuple) and first[0] == 1 else 1  # no row on line 1: blank
    name = path.name.lower()
    if ".mentions." in name or (".export." not in name and width == len(MENTION_COLUMNS)):
        build, columns = _mention_records, MENTION_COLUMNS
    else:
        build, columns = _event_records, EVENT_COLUMNS
    yield from read_rows(path, chain([] if first is None else [first], found), build, required=(),
                         columns=columns, record_id=_record_id)
