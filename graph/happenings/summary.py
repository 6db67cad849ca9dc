"""What a happening says of itself, computed from its members (pure Python, no Neo4j).

The stored ``Happening`` properties (docs/happenings.md, "Stored shape"): its time, status and type
as its members report them, its corroboration (records, distinct sources, publishers, data sets,
first reported, GDELT mentions) and where its members disagree (their start days, statuses,
CAMEO codes within the root, fatality figures).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from graph.happenings.matching import Grouping, Report

#: Which status a happening takes when its members differ: it occurred once any member says so.
STATUS_ORDER = ("occurred", "claimed", "planned", "denied")
#: Finer first: a happening is dated by its members of the finest precision.
PRECISION_ORDER = ("day", "month", "year", "interval")
#: The quantities that count the dead (ACLED's ``fatalities``; a curated record's ``killed``).
FATALITY_WORDS = frozenset({"fatalities", "killed", "deaths", "dead"})


@dataclass(frozen=True, slots=True)
class Member:
    """A record as the store read it: what the matcher sees, plus what only the summary needs."""

    report: Report
    publishers: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    quantities: tuple[tuple[str, float], ...] = ()
    happening: str | None = None
    """The happening it belongs to now (``None`` before its first grouping)."""
    keys: tuple[str, ...] = ()
    """The blocking keys it is filed under now."""


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


def _fatalities(member: Member) -> float | None:
    figures = [value for what, value in member.quantities if what.lower() in FATALITY_WORDS]
    return max(figures) if figures else None


def summarise(grouping: Grouping, members: Sequence[Member], rule_version: str) -> dict[str, Any]:
    """The properties of the happening ``grouping`` over its ``members`` (in any order).

    Status: the first of ``STATUS_ORDER`` any member reports. Time: the span of the members of
    that status with the finest precision (an occurred report dates a planned happening), the
    curated ones among them if any (an analyst's date over a data set's day-late row).
    ``announced``: when a planned member was first reported. Type: the curated members' type if
    any, else the commonest, ties to the smaller id."""
    reports = sorted((m.report for m in members), key=lambda r: r.id)
    status = min((r.status for r in reports), key=lambda s: _rank(STATUS_ORDER, s))
    dating = [r for r in reports if r.status == status]
    precision = min((r.precision for r in dating), key=lambda p: _rank(PRECISION_ORDER, p))
    dating = [r for r in dating if r.precision == precision]
    dating = [r for r in dating if r.dataset == "curated"] or dating
    curated = [r.type for r in reports if r.dataset == "curated"]
    counted = Counter(curated or [r.type for r in reports])
    kind = min(counted, key=lambda t: (-counted[t], t))
    cameo = next((r.cameo for r in reports if r.type == kind and r.cameo), None)
    planned = [r.first_reported or r.earliest for r in reports if r.status == "planned"]
    reported = [r.first_reported for r in reports if r.first_reported]
    datasets = sorted({m.report.dataset for m in members})
    fatalities = [f for m in members if (f := _fatalities(m)) is not None]
    starts = [r.earliest for r in reports]
    properties: dict[str, Any] = {
        "start": min(r.earliest for r in dating),
        "end": max(r.latest for r in dating),
        "precision": precision,
        "status": status,
        "type": kind,
        "cameo_root": cameo[:2] if cameo else None,
        "records": len(reports),
        "sources": len({s for r in reports for s in r.sources}),
        "publishers": len({p for m in members for p in m.publishers if p}),
        "datasets": len(datasets),
        "dataset_names": datasets,
        "first_reported": min(reported) if reported else None,
        "announced": min(planned) if planned else None,
        "mentions": sum(r.mentions for r in reports),
        "earliest_start": min(starts),
        "latest_start": max(starts),
        "statuses": sorted({r.status for r in reports}),
        "cameo_codes": sorted({r.cameo for r in reports if r.cameo}),
        "fatalities_min": min(fatalities) if fatalities else None,
        "fatalities_max": max(fatalities) if fatalities else None,
        "rule_version": rule_version,
    }
    membership = [[m.record, m.rule, round(m.score, 6)] for m in grouping.members]
    digest = orjson.dumps([properties, membership], option=orjson.OPT_SORT_KEYS, default=str)
    properties["content_hash"] = hashlib.sha256(digest).hexdigest()[:32]
    return properties


def day(value: Any) -> date | None:
    """A stored date (Neo4j's or Python's) as a ``datetime.date``."""
    if value is None or isinstance(value, date):
        return value
    native: date = value.to_native()
    return native
