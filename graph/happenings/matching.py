"""The matching rule: which records report one real-world event (docs/happenings.md).

``group()`` is pure and deterministic: it depends only on the *set* of reports. It works in three
steps over the reports sorted by id:

1. **links**: two fine (day-dated) reports that share a blocking key (``sides.keys``: the same
   sides and type category), whose days are within the tolerance and whose places are compatible;
   each link has a score;
2. **merges**: links are taken best first (score, then the records' ids) and join their two
   groups unless the joined group would break a bound: fine members' first days more than
   ``max_span_days`` apart, two records of one dataset more than ``same_dataset_days`` apart, two
   places not compatible, or two curated records of one extraction;
3. **coarse records** (a month, a year, a long interval) join the one fine group they contain that
   shares a key with them, and stay alone when there are none or several.

Links exist only between reports that share a key within ``reach_days``, so the groups of a set
closed under "shares a key within reach" are the groups the whole graph gives it.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.happenings import sides
from graph.happenings.report import Grouping, Membership, Report, ReportActor, ReportPlace
from graph.happenings.rules import MatchRules

__all__ = ["Grouping", "Membership", "Report", "ReportActor", "ReportPlace", "blocking_keys", "group",
           "happening_id", "reach_days"]


def happening_id(record_ids: Iterable[str]) -> str:
    """``hap_`` and 16 hex digits of the SHA-256 of the smallest member id.

    The id changes only when a record with a smaller id joins or two happenings merge; the store
    keeps the old ids as aliases.
    """
    smallest = min(record_ids)
    return "hap_" + hashlib.sha256(smallest.encode("utf-8")).hexdigest()[:16]


def blocking_keys(report: Report, rules: MatchRules) -> frozenset[str]:
    """The keys under which a report's possible partners are found (``sides.keys``)."""
    return sides.keys(report, rules)


def reach_days(rules: MatchRules) -> int:
    """How far beyond a report's [earliest, latest] a direct partner's [earliest, latest] can lie.

    A fine partner lies within the day tolerance; a coarse record's partners lie inside its span.
    Longer chains (up to ``max_span_days``) are found by following partners transitively.
    """
    return rules.time.day_tolerance


def is_fine(report: Report, rules: MatchRules) -> bool:
    return (report.latest - report.earliest).days <= rules.time.fine_span_days


# --- places --------------------------------------------------------------------------------------

def _km(a: ReportPlace, b: ReportPlace) -> float:
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _pinned(place: ReportPlace, rules: MatchRules) -> bool:
    """Whether a place is a point (a city or site with coordinates) rather than an area."""
    return (place.kind not in rules.place.coarse_kinds and place.latitude is not None
            and place.longitude is not None)


def place_match(a: ReportPlace | None, b: ReportPlace | None, rules: MatchRules) -> tuple[bool, bool]:
    """(compatible, confirmed): absent or area places are compatible within one country; two
    points within ``max_km``. Confirmed when both name the same feature or two points agree."""
    if a is None or b is None:
        return True, False
    if a.id == b.id:
        return True, True
    if _pinned(a, rules) and _pinned(b, rules):
        near = _km(a, b) <= rules.place.max_km
        return near, near
    return (a.country is None or b.country is None or a.country.upper() == b.country.upper()), False


# --- grouping ------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Item:
    report: Report
    keys: frozenset[str]
    start: int
    end: int
    fine: bool
    code: str | None
    place: ReportPlace | None  # as the rule reads it (_telling_place)


class _Group:
    """A group being built: its members and what bounds further joins."""

    __slots__ = ("members", "lo", "hi", "starts", "days", "places", "extractions")

    def __init__(self, index: int, item: _Item) -> None:
        self.members = [index]
        self.lo = self.hi = item.start
        self.starts = {item.start: 1}
        self.days = {item.report.dataset: (item.start, item.start)}
        place = item.place
        self.places = {place.id: place} if place else {}
        self.extractions = {item.report.extraction} if _curated(item.report) else set()

    def can_join(self, other: _Group, rules: MatchRules) -> bool:
        if max(self.hi, other.hi) - min(self.lo, other.lo) > rules.time.max_span_days:
            return False
        if abs(self.day() - other.day()) > rules.time.day_tolerance:
            return False
        if self.extractions & other.extractions:
            return False
        for dataset, (lo, hi) in other.days.items():
            mine = self.days.get(dataset)
            if mine and max(hi, mine[1]) - min(lo, mine[0]) > rules.time.same_dataset_days:
                return False
        return all(place_match(a, b, rules)[0] for key, a in self.places.items()
                   for other_key, b in other.places.items() if key != other_key)

    def day(self) -> int:
        """The day most members start on (the earliest of equals): the happening's own day."""
        return min(self.starts.items(), key=lambda entry: (-entry[1], entry[0]))[0]

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        for start, count in other.starts.items():
            self.starts[start] = self.starts.get(start, 0) + count
        self.lo, self.hi = min(self.lo, other.lo), max(self.hi, other.hi)
        for dataset, (lo, hi) in other.days.items():
            mine = self.days.get(dataset, (lo, hi))
            self.days[dataset] = (min(lo, mine[0]), max(hi, mine[1]))
        self.places.update(other.places)
        self.extractions |= other.extractions


def _curated(report: Report) -> bool:
    return report.dataset == "curated" and report.extraction is not None


def _link(a: _Item, b: _Item, rules: MatchRules) -> tuple[float, str] | None:
    """The score and rule name of a direct link between two fine reports, or None."""
    gap = max(0, max(a.start, b.start) - min(a.end, b.end))
    if gap > rules.time.day_tolerance:
        return None
    ra, rb = a.report, b.report
    if ra.dataset == rb.dataset and abs(a.start - b.start) > rules.time.same_dataset_days:
        return None
    if _curated(ra) and ra.extraction == rb.extraction:
        return None
    compatible, confirmed = place_match(a.place, b.place, rules)
    if not compatible:
        return None
    scores = rules.scores
    score = 1.0 - scores.per_day_apart * gap
    score -= 0.0 if a.code == b.code else scores.other_code_in_root
    score -= 0.0 if confirmed else scores.place_unconfirmed
    if ra.status != rb.status and "planned" in (ra.status, rb.status):
        rule = "planned-then-occurred"
    else:
        rule = "same-day" if gap == 0 else "next-day"
    return round(max(0.0, score), 4), rule


def _items(reports: Iterable[Report], rules: MatchRules) -> list[_Item]:
    by_id: dict[str, Report] = {}
    for report in reports:
        if by_id.setdefault(report.id, report) != report:
            raise ValueError(f"two different reports share the id {report.id!r}")
    return [_Item(r, sides.keys(r, rules), r.earliest.toordinal(), r.latest.toordinal(),
                  is_fine(r, rules), sides.code_of(r), telling_place(r, rules))
            for r in sorted(by_id.values(), key=lambda r: r.id)]


def telling_place(report: Report, rules: MatchRules) -> ReportPlace | None:
    """The record's place, unless it is only the country of one of its own sides (GDELT geocodes
    many rows to the country an article names): that tells no two events of the dyad apart."""
    place = report.place
    if (place is not None and place.kind == "country" and place.country
            and place.country.lower() in {sides.side(actor, rules) for actor in report.actors}):
        return None
    return place


def _links(items: list[_Item], rules: MatchRules) -> dict[tuple[int, int], tuple[float, str]]:
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.fine:
            for key in item.keys:
                buckets[key].append(index)
    reach = rules.time.day_tolerance + rules.time.fine_span_days
    found: dict[tuple[int, int], tuple[float, str]] = {}
    for members in buckets.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (items[i].start, i))
        for n, i in enumerate(members):
            first = items[i]
            for j in members[n + 1:]:
                second = items[j]
                if second.start > first.start + reach:
                    break
                pair = (i, j) if i < j else (j, i)
                if pair not in found and (link := _link(first, second, rules)):
                    found[pair] = link
    return found


def group(reports: Iterable[Report], rules: MatchRules) -> list[Grouping]:
    """The happenings of a set of reports: every report in exactly one, sorted by smallest member id.

    Pure and deterministic: the same set in any order gives the same groupings.
    """
    items = _items(reports, rules)
    links = _links(items, rules)
    groups: dict[int, _Group] = {i: _Group(i, item) for i, item in enumerate(items) if item.fine}
    owner = {i: i for i in groups}

    ordered = sorted(links.items(), key=lambda entry: (-entry[1][0], entry[0]))
    for (i, j), _ in ordered:
        a, b = owner[i], owner[j]
        if a == b or not groups[a].can_join(groups[b], rules):
            continue
        if len(groups[a].members) < len(groups[b].members):
            a, b = b, a
        groups[a].absorb(groups[b])
        for member in groups.pop(b).members:
            owner[member] = a

    how: dict[int, tuple[float, str]] = {}
    for (i, j), (score, rule) in ordered:
        if owner[i] == owner[j]:
            how.setdefault(i, (score, rule))
            how.setdefault(j, (score, rule))
    _attach_coarse(items, groups, owner, how, rules)

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


def _attach_coarse(items: list[_Item], groups: dict[int, _Group], owner: dict[int, int],
                   how: dict[int, tuple[float, str]], rules: MatchRules) -> None:
    """Join each coarse report to the one fine group it contains, if there is exactly one."""
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.fine:
            for key in item.keys:
                by_key[key].append((item.start, index))
    for entries in by_key.values():
        entries.sort()
    chosen: dict[int, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.fine:
            continue
        candidates = set()
        for key in item.keys:
            entries = by_key.get(key, [])
            for _, other in entries[bisect_left(entries, (item.start, -1)):
                                    bisect_right(entries, (item.end, len(items)))]:
                if place_match(item.place, items[other].place, rules)[0]:
                    candidates.add(owner[other])
        probe = _Group(index, item)
        fitting = [g for g in candidates if not (probe.extractions & groups[g].extractions)
                   and all(place_match(item.place, p, rules)[0] for p in groups[g].places.values())]
        if len(fitting) == 1:
            chosen[fitting[0]].append(index)
    for target, indices in chosen.items():
        extractions = [items[i].report.extraction for i in indices if _curated(items[i].report)]
        for index in indices:
            report = items[index].report
            if _curated(report) and extractions.count(report.extraction) > 1:
                continue
            owner[index] = target
            how[index] = (rules.scores.coarse_contained, "coarse-contained")
            for member in groups[target].members:  # a lone fine record: the day the others fit in
                how.setdefault(member, (1.0, "dated-anchor"))
