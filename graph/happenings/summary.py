"""What the records of one happening agree and disagree on, computed from the reports alone (pure).

The store adds what the reports do not carry (publishers, fatalities) from the graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graph.happenings.report import Report
from graph.happenings.sides import code_of

#: Which status a happening takes from its members, strongest first: one member saying it
#: occurred makes it occurred.
STATUS_ORDER = ("occurred", "claimed", "planned", "denied")


@dataclass(frozen=True, slots=True)
class Corroboration:
    records: int
    sources: int                   # distinct source ids of the members' claims
    datasets: tuple[str, ...]      # distinct datasets, sorted
    status: str                    # the strongest status a member reports (STATUS_ORDER)
    start: date                    # dated as the members of that status say (their earliest day)
    end: date                      # ... and their latest
    precision: str                 # the finest precision among those members
    type: str                      # the most reported type among them (ties: smallest id)
    cameo_root: str | None
    first_reported: date | None    # the earliest first report of any member
    announced: date | None         # the earliest first report of a planned member, if any
    mentions: int                  # GDELT mentions, summed
    days: tuple[date, ...]         # distinct first days of the members: several = disagreement
    codes: tuple[str, ...]         # distinct CAMEO codes of the members: several = disagreement
    statuses: tuple[str, ...]      # distinct statuses, in STATUS_ORDER

    @property
    def disagrees(self) -> tuple[str, ...]:
        """What the members disagree on: ``date``, ``code``, ``status``."""
        return tuple(name for name, values in (("date", self.days), ("code", self.codes),
                                               ("status", self.statuses)) if len(values) > 1)


_PRECISION_ORDER = ("day", "interval", "month", "year")


def summarise(reports: Iterable[Report]) -> Corroboration:
    """The corroboration of one happening's member reports (at least one)."""
    members = sorted(reports, key=lambda r: r.id)
    if not members:
        raise ValueError("a happening has at least one record")
    statuses = tuple(s for s in STATUS_ORDER if any(r.status == s for r in members))
    status = statuses[0] if statuses else members[0].status
    leading = [r for r in members if r.status == status]
    finest = min(leading, key=lambda r: (_rank(r.precision), r.latest - r.earliest, r.id))
    dated = [r for r in leading if _rank(r.precision) == _rank(finest.precision)]
    types = sorted({r.type for r in leading}, key=lambda t: (-sum(r.type == t for r in leading), t))
    codes = tuple(sorted({c for r in members if (c := code_of(r))}))
    code = code_of(finest)
    reported = [r.first_reported for r in members if r.first_reported]
    planned = [r.first_reported for r in members if r.status == "planned" and r.first_reported]
    return Corroboration(
        records=len(members), sources=len({s for r in members for s in r.sources}),
        datasets=tuple(sorted({r.dataset for r in members})), status=status,
        start=min(r.earliest for r in dated), end=max(r.latest for r in dated),
        precision=finest.precision, type=types[0], cameo_root=code[:2] if code else None,
        first_reported=min(reported, default=None), announced=min(planned, default=None),
        mentions=sum(r.mentions for r in members),
        days=tuple(sorted({r.earliest for r in members})), codes=codes, statuses=statuses,
    )


def _rank(precision: str) -> int:
    return _PRECISION_ORDER.index(precision) if precision in _PRECISION_ORDER else len(_PRECISION_ORDER)
