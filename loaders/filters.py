"""Load filters: the events of a load to keep (by country, actor, CAMEO root, quad class, date and
GDELT's coverage figures), the same for every format, applied in the pipeline before anything is
written.

A data-set reader yields each row's prerequisites (its actors, their ``PART_OF`` links, its place
and source, marked ``prerequisite``) just before the row's event: an event left out takes them
with it, so a filtered load creates no actor, place or source for the events it left out. A
standing relationship derived from an event left out is left out too; every other record passes.
What was left out is counted by the first filter each event failed, apart from what was rejected.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from datetime import date

from pydantic import BaseModel, ConfigDict

from graph.codebooks import countries as iso_countries
from graph.model import Actor, DatasetActor, Event, Relationship
from graph.temporal import TimeWindow, WindowError
from graph.vocabulary import event_types
from loaders.records import LocatedRecord
from loaders.report import RecordError

#: Why a relationship was left out with the event it derives from.
DERIVED = "derived_from"
#: GDELT's coverage figures a filter can ask a minimum of, by the event metric that holds them.
MINIMA = {"min_mentions": "num_mentions", "min_sources": "num_sources", "min_articles": "num_articles"}


class FilterError(ValueError):
    """A filter option that cannot be read, naming it (``countries``, ``since``, ...)."""

    def __init__(self, option: str, reason: str) -> None:
        super().__init__(f"{option}: {reason}")
        self.option = option
        self.reason = reason


class LoadFilter(BaseModel):
    """Which events a load keeps: an event is kept when it passes every filter given.

    ``countries`` (ISO alpha-3) match an event one of whose participants, or the state one acts
    for, belongs to one of them (either side); ``actors`` match a participant's resolved id, the
    state it represents, or a data set's raw code or name for it (``RUSGOV``, ``VLADIMIR PUTIN``),
    case aside; ``since``/``until`` keep the events whose span overlaps the window, as the API's
    windows do; the minima hold only for events that carry the figure (GDELT's).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    countries: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    cameo_roots: frozenset[str] = frozenset()
    quads: frozenset[int] = frozenset()
    since: date | None = None
    until: date | None = None
    min_mentions: int | None = None
    min_sources: int | None = None
    min_articles: int | None = None

    @property
    def active(self) -> bool:
        return self != LoadFilter()

    @property
    def key(self) -> str:
        """The filter in words, the same for the same filter (``countries=PRK,RUS cameo_root=03``),
        '' for none: ``geokg sync`` records with each slice the filters it was loaded under."""
        values = {"countries": sorted(self.countries), "actors": sorted(self.actors),
                  "cameo_root": sorted(self.cameo_roots), "quad": sorted(str(q) for q in self.quads),
                  "since": [self.since.isoformat()] if self.since else [],
                  "until": [self.until.isoformat()] if self.until else [],
                  **{option: [str(getattr(self, option))] for option in MINIMA
                     if getattr(self, option) is not None}}
        return " ".join(f"{name}={','.join(value)}" for name, value in values.items() if value)

    def left_out_by(self, event: Event, actors: dict[str, tuple[str | None, tuple[str, ...]]]) -> str | None:
        """The first filter ``event`` fails, or None to keep it; ``actors`` gives each actor id
        its country and raw codes, as far as the load has told them."""
        end = event.when.valid_to  # None while ongoing
        if self.since and end and end < self.since:
            return "since"
        if self.until and event.when.valid_from > self.until:
            return "until"
        ids = {i for p in event.participants for i in (p.actor, p.represents) if i}
        if self.countries and not any(_country(i, actors) in self.countries for i in ids):
            return "countries"
        if self.actors and not any(self._names(i, actors) for i in ids):
            return "actors"
        kind = event_types()[event.type]
        if self.cameo_roots and kind.cameo[:2] not in self.cameo_roots:
            return "cameo_root"
        if self.quads and kind.quad_class not in self.quads:
            return "quad"
        for option, metric in MINIMA.items():
            least = getattr(self, option)
            if least is not None and metric in event.metrics and event.metrics[metric] < least:
                return option
        return None

    def _names(self, actor: str, actors: dict[str, tuple[str | None, tuple[str, ...]]]) -> bool:
        """Whether ``--actors`` names ``actor``, by its id or a data set's code or name for it."""
        codes = actors.get(actor, (None, ()))[1]
        return actor.casefold() in self.actors or any(c.casefold() in self.actors for c in codes)


def _country(actor: str, actors: dict[str, tuple[str | None, tuple[str, ...]]]) -> str | None:
    """An actor's country: as its record gave it, else the state its id names (``rus``)."""
    known = actors.get(actor)
    if known and known[0]:
        return known[0]
    return actor.upper() if actor.upper() in iso_countries() else None


def _items(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def load_filter(
    countries: str | None = None, actors: str | None = None, cameo_root: str | None = None,
    quad: str | None = None, since: str | None = None, until: str | None = None,
    min_mentions: int | None = None, min_sources: int | None = None, min_articles: int | None = None,
) -> LoadFilter:
    """The filter of the option values as a user writes them (``"RUS,PRK"``, ``"03,04"``,
    ``"2025-08"``), or a ``FilterError`` naming the option at fault. Every command that filters a
    load builds its filter here."""
    codes = [c.upper() for c in _items(countries)]
    if unknown := [c for c in codes if c not in iso_countries()]:
        raise FilterError("countries", f"{', '.join(unknown)}: not ISO 3166 alpha-3 codes (RUS, PRK, ...)")
    roots = [r.zfill(2) for r in _items(cameo_root)]
    if bad := [r for r in roots if not (r.isdigit() and 1 <= int(r) <= 20)]:
        raise FilterError("cameo_root", f"{', '.join(bad)}: CAMEO root codes are 01 to 20")
    quads = _items(quad)
    if bad := [q for q in quads if q not in ("1", "2", "3", "4")]:
        raise FilterError("quad", f"{', '.join(bad)}: quad classes are 1 to 4")
    try:
        start, end = TimeWindow.of(since, until).event_bounds
    except WindowError as error:
        raise FilterError(error.parameter, error.reason) from None
    for option, least in (("min_mentions", min_mentions), ("min_sources", min_sources),
                          ("min_articles", min_articles)):
        if least is not None and least < 0:
            raise FilterError(option, f"{least} is below 0")
    return LoadFilter(countries=frozenset(codes), actors=frozenset(a.casefold() for a in _items(actors)),
                      cameo_roots=frozenset(roots), quads=frozenset(int(q) for q in quads),
                      since=start, until=end, min_mentions=min_mentions, min_sources=min_sources,
                      min_articles=min_articles)


class _Actors:
    """What the load has said of each actor (country, raw codes), forgetting the oldest past
    ``size`` ids so that memory stays flat."""

    def __init__(self, size: int = 100_000) -> None:
        self.known: OrderedDict[str, tuple[str | None, tuple[str, ...]]] = OrderedDict()
        self._size = size

    def note(self, record: object) -> None:
        if isinstance(record, DatasetActor):
            codes = tuple(value for _, value in record.external_ids) + tuple(record.aliases)
        elif isinstance(record, Actor):
            codes = (*record.external_ids.values(), *record.aliases)
        else:
            return
        self.known[str(record.id)] = (record.country, codes)
        self.known.move_to_end(str(record.id))
        if len(self.known) > self._size:
            self.known.popitem(last=False)


def filtered(stream: Iterable[LocatedRecord | RecordError], keep: LoadFilter, left_out: Counter[str]
             ) -> Iterator[LocatedRecord | RecordError]:
    """``stream`` without the events ``keep`` leaves out (nor their prerequisites, nor the
    relationships derived from them), counting each in ``left_out`` by the filter it failed."""
    actors = _Actors()
    pending: list[LocatedRecord] = []  # a row's prerequisites, until its event says whether to keep them
    dropped: set[str] = set()  # native events left out, for the relationships derived from them
    for item in stream:
        if isinstance(item, RecordError):
            yield item
            continue
        actors.note(item.record)
        if item.prerequisite:
            pending.append(item)
            continue
        record = item.record
        why: str | None = None
        if isinstance(record, Event):
            why = keep.left_out_by(record, actors.known)
            if why and not pending:
                dropped.add(str(record.id))
        elif isinstance(record, Relationship) and record.derived_from in dropped:
            why = DERIVED
        if why:
            left_out[why] += 1
        else:
            yield from pending
            yield item
        pending = []
    yield from pending
