"""A happening's stored properties (docs/happenings.md): ``summary.summarise`` over its member
reports (time, status, type, corroboration and what the members disagree on), plus what only the
store reads from the graph: publishers and fatality figures. Pure Python, no Neo4j.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from graph.happenings.matching import Grouping, Report
from graph.happenings.summary import summarise

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


def _fatalities(member: Member) -> float | None:
    figures = [value for what, value in member.quantities if what.lower() in FATALITY_WORDS]
    return max(figures) if figures else None


def properties(grouping: Grouping, members: Sequence[Member], rule_version: str) -> dict[str, Any]:
    """The stored properties of the happening ``grouping`` over its ``members`` (in any order),
    with a ``content_hash`` of them and the membership, so an unchanged happening is not
    rewritten."""
    summary = summarise(m.report for m in members)
    fatalities = [f for m in members if (f := _fatalities(m)) is not None]
    result: dict[str, Any] = {
        "start": summary.start,
        "end": summary.end,
        "precision": summary.precision,
        "status": summary.status,
        "type": summary.type,
        "cameo_root": summary.cameo_root,
        "records": summary.records,
        "sources": summary.sources,
        "publishers": len({p for m in members for p in m.publishers if p}),
        "datasets": len(summary.datasets),
        "dataset_names": list(summary.datasets),
        "first_reported": summary.first_reported,
        "announced": summary.announced,
        "mentions": summary.mentions,
        "earliest_start": min(summary.days),
        "latest_start": max(summary.days),
        "statuses": list(summary.statuses),
        "cameo_codes": list(summary.codes),
        "fatalities_min": min(fatalities) if fatalities else None,
        "fatalities_max": max(fatalities) if fatalities else None,
        "rule_version": rule_version,
    }
    membership = [[m.record, m.rule, round(m.score, 6)] for m in grouping.members]
    digest = orjson.dumps([result, membership], option=orjson.OPT_SORT_KEYS, default=str)
    result["content_hash"] = hashlib.sha256(digest).hexdigest()[:32]
    return result


def day(value: Any) -> date | None:
    """A stored date (Neo4j's or Python's) as a ``datetime.date``."""
    if value is None or isinstance(value, date):
        return value
    native: date = value.to_native()
    return native
