"""The values the matcher reads and writes: a record as a ``Report``, a happening as a ``Grouping``.

``graph.happenings.matching`` re-exports them; they live apart so that ``sides`` can name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ReportActor:
    id: str                 # resolved actor id as stored ("rus", "vladimir_putin", "cameo:gov")
    kind: str               # ActorKind value: state, person, government, military, ...
    country: str | None     # ISO alpha-3 as stored on the Actor node
    role: str               # Role value: initiator, target, participant, ...
    represents: str | None  # the actor id it acts for (Putin -> "rus"), if any


@dataclass(frozen=True, slots=True)
class ReportPlace:
    id: str
    country: str | None
    latitude: float | None
    longitude: float | None
    kind: str | None        # PlaceKind value (country, region, city, site) if known
    name: str | None = None  # as stored; GDELT: "Pyongyang, P'yongyang-si, North Korea"


@dataclass(frozen=True, slots=True)
class Report:
    """One record (an :Event node) as the matcher sees it."""

    id: str
    dataset: str                    # gdelt, acled, polecat, icews, or curated (native/seed/POSTed)
    extraction: str | None          # curated records sharing an extraction never join each other
    type: str                       # vocabulary event type id
    cameo: str | None               # CAMEO code if any (root = first two digits)
    status: str                     # occurred | planned | claimed | denied
    precision: str                  # day | month | year | interval
    earliest: date                  # first day the record's time can be
    latest: date                    # last day
    actors: tuple[ReportActor, ...]
    place: ReportPlace | None
    first_reported: date | None
    sources: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Membership:
    record: str      # Report.id
    rule: str        # lone | same-day | next-day | planned-then-occurred | coarse-contained
    score: float     # 0..1


@dataclass(frozen=True, slots=True)
class Grouping:
    id: str                          # happening_id(member ids)
    members: tuple[Membership, ...]  # sorted by record id
