"""An analyst's own spreadsheet: a CSV file and, beside it, a TOML mapping with the same stem.

The mapping names the columns (examples/analyst_events.toml documents every key); the type column
holds a vocabulary type id (``telephone_call``) or a CAMEO code (``041``). Actors named like a
country (``Russia``, ``RUS``) are that state; others are ids folded from their names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from graph.codebooks import cameo_codes, country_by_cameo, country_by_name
from graph.model import ActorKind, Claim, DatasetActor, Event, Participant, Role, Source
from graph.temporal import ValidTime
from graph.vocabulary import event_types, type_for_cameo
from loaders.emit import Emitter
from loaders.headed import RowError, read_rows
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.resolve import looks_like_person, slug, state
from loaders.tabular import rows


class Mapping(BaseModel):
    """Which column holds what; the optional ones may be left out."""

    model_config = ConfigDict(extra="forbid")

    dataset: str = "analyst"
    id: str
    date: str
    type: str
    actor: str
    target: str | None = None
    source_url: str
    source_name: str
    published: str | None = None
    summary: str
    language: str = "en"
    delimiter: str = ","


def mapping_path(path: Path) -> Path:
    """The TOML mapping beside a CSV, zipped or not: ``events.toml`` for ``events.csv(.zip)``."""
    name = path.name[:-4] if path.name.lower().endswith(".zip") else path.name
    return path.with_name(Path(name).with_suffix(".toml").name)


def mapping_for(path: Path) -> Mapping:
    return Mapping(**tomllib.loads(mapping_path(path).read_text("utf-8")))


def _actor(name: str, dataset: str) -> DatasetActor:
    country = country_by_cameo(name) if len(name) == 3 else None
    country = country or country_by_name(name)
    if country:
        return state(country, [(f"{dataset}.actor", name)], name)
    return DatasetActor(id=f"{slug(name)}", name=name,
                        kind=ActorKind.PERSON if looks_like_person(name) else ActorKind.ORGANISATION,
                        aliases=[name], external_ids=[(f"{dataset}.actor", name)],
                        resolution="analyst spreadsheet: folded name")


def _type(value: str) -> str:
    value = value.strip()
    if value in event_types():
        return value
    if value in cameo_codes():
        return type_for_cameo(value)
    raise RowError("type", f"{value!r} is neither an event type nor a CAMEO code")


def read(path: Path, progress: ReadProgress | None = None) -> Iterator[LocatedRecord | RecordError]:
    """The records of an analyst's CSV, as its TOML mapping describes the columns."""
    try:
        mapping = mapping_for(path)
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as error:
        yield RecordError(file=str(mapping_path(path)), line=0, field="(mapping)", reason=str(error))
        return

    def build(row: dict[str, str], emitter: Emitter, line: int) -> Iterator[LocatedRecord]:
        record_id = row[mapping.id].strip()
        if not record_id:
            raise RowError(mapping.id, "each row has an id")
        actors = [_actor(row[mapping.actor].strip(), mapping.dataset)]
        if mapping.target and row[mapping.target].strip():
            actors.append(_actor(row[mapping.target].strip(), mapping.dataset))
        roles = [Role.INITIATOR, Role.TARGET]
        published = row[mapping.published] if mapping.published else row[mapping.date]
        source = Source.model_validate({"publisher": row[mapping.source_name],
                                        "url": row[mapping.source_url], "published": published,
                                        "language": mapping.language})
        summary = row[mapping.summary].strip()
        event = Event(
            id=f"{mapping.dataset}:{slug(record_id)}", type=_type(row[mapping.type]),
            when=ValidTime(start=row[mapping.date].strip()),
            participants=[Participant(actor=a.id, role=r) for a, r in zip(actors, roles, strict=False)],
            title=summary[:120] or record_id, summary=summary or record_id,
            claims=[Claim(source=str(source.id), dataset=mapping.dataset, record_id=record_id)],
            external_ids={mapping.dataset: record_id},
        )
        yield from emitter.records(line, [*actors, source], event)

    required = [c for c in (mapping.id, mapping.date, mapping.type, mapping.actor, mapping.target,
                            mapping.source_url, mapping.source_name, mapping.summary, mapping.published) if c]
    found = rows(path, mapping.delimiter, quoted=True, progress=progress)
    yield from read_rows(path, found, build, required=required,
                         record_id=lambda row: f"{mapping.dataset}:{slug(row.get(mapping.id, ''))}")
