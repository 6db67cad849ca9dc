"""The matching rule's interface: which records report one real-world event (docs/happenings.md).

The store (and anything else) passes ``Report`` values and gets ``Grouping`` values back;
``grouping`` holds how ``group()`` builds them, ``sides`` and ``places`` what it compares, and
``rules.toml`` its thresholds. ``group()`` is pure and deterministic: it depends only on the *set*
of reports. Links exist only between reports that share a blocking key within ``reach_days`` (or,
for a coarse report, inside its span), so the groups of a set closed under "shares a key within
reach" are the groups the whole graph gives it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from graph.happenings import grouping, sides
from graph.happenings.report import Grouping, Membership, Report, ReportActor, ReportPlace
from graph.happenings.rules import MatchRules

__all__ = ["Grouping", "Membership", "Report", "ReportActor", "ReportPlace", "blocking_keys", "group",
           "happening_id", "is_fine", "reach_days"]


def happening_id(record_ids: Iterable[str]) -> str:
    """``hap_`` and 16 hex digits of the SHA-256 of the smallest member id.

    The id changes only when a record with a smaller id joins or two happenings merge; the store
    keeps the old ids as aliases.
    """
    smallest = min(record_ids)
    return "hap_" + hashlib.sha256(smallest.encode("utf-8")).hexdigest()[:16]


#: The ``sides.Keys`` of the rules last asked about; it holds those rules, so their id is not reused.
_keys: dict[int, sides.Keys] = {}
#: Signatures a shared ``sides.Keys`` remembers before it starts afresh (a bound on memory).
_KEYS_REMEMBERED = 200_000


def blocking_keys(report: Report, rules: MatchRules) -> frozenset[str]:
    """The keys under which a report's possible partners are found (``sides.Keys``)."""
    keys = _keys.get(id(rules))
    if keys is None or len(keys) > _KEYS_REMEMBERED:
        _keys.clear()
        keys = _keys[id(rules)] = sides.Keys(rules)
    return keys(report)


def reach_days(rules: MatchRules) -> int:
    """How far beyond a report's [earliest, latest] a direct partner's [earliest, latest] can lie.

    A fine partner lies within the day tolerance; a coarse record's partners lie inside its span.
    Longer chains (up to ``max_span_days``) are found by following partners transitively.
    """
    return rules.time.day_tolerance


def is_fine(report: Report, rules: MatchRules) -> bool:
    """Whether a record is dated closely enough (``time.fine_span_days``) to link by day."""
    return (report.latest - report.earliest).days <= rules.time.fine_span_days


def group(reports: Iterable[Report], rules: MatchRules) -> list[Grouping]:
    """The happenings of a set of reports: every report in exactly one, sorted by smallest member id.

    Pure and deterministic: the same set in any order gives the same groupings (``grouping``).
    """
    items, owner, how = grouping.build(reports, rules)
    members_of: dict[int, list[int]] = defaultdict(list)
    for index in range(len(items)):
        members_of[owner.get(index, index)].append(index)
    result = []
    for indices in members_of.values():
        indices.sort()
        lone = len(indices) == 1
        members = tuple(Membership(items[i].report.id, "lone", 1.0) if lone
                        else Membership(items[i].report.id, how[i][1], how[i][0]) for i in indices)
        result.append(Grouping(happening_id(m.record for m in members), members))
    result.sort(key=lambda g: g.members[0].record)
    return result
