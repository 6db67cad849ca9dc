"""How ``matching.group()`` builds happenings: links, bounded merges, coarse records, repeats.

The steps, over the reports sorted by id (so that every tie breaks by id, never by input order):

0. **repeats**: machine-coded records identical in everything the rule reads (data set, keys,
   days, place, code, status) are one report for matching; the others follow it ("repeat");
1. **links** between fine reports sharing a key: days within the tolerance, compatible places,
   not two curated records of one extraction, not two records of one data set too many days apart;
2. **merges**, best link first (score, then ids), unless the merged group would break a bound
   (``_Group.can_join``);
3. **coarse reports** join the one fine group they contain, if there is exactly one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.happenings import sides
from graph.happenings.places import place_match, telling_place
from graph.happenings.report import Report, ReportActor, ReportPlace
from graph.happenings.rules import MatchRules

Link = tuple[float, str]
#: A link as found: its score, its rule name, and whether the two records agree on a place.
Found = tuple[float, str, bool]


@dataclass(slots=True)
class Item:
    report: Report
    keys: frozenset[str]
    start: int
    end: int
    fine: bool
    code: str | None
    place: ReportPlace | None  # as the rule reads it (places.telling_place)
    weight: int = 1            # records it stands for (itself and its repeats)


def curated(report: Report) -> bool:
    return report.dataset == "curated" and report.extraction is not None


class _Places:
    """Place compatibility by place id, computed once per pair."""

    def __init__(self, rules: MatchRules) -> None:
        self.rules = rules
        self.known: dict[tuple[str, str], bool] = {}

    def fit(self, a: ReportPlace, b: ReportPlace) -> bool:
        key = (a.id, b.id)
        if key not in self.known:
            self.known[key] = place_match(a, b, self.rules)[0]
        return self.known[key]


class _Group:
    """A group being built: its members and what bounds further joins."""

    __slots__ = ("members", "lo", "hi", "starts", "days", "places", "extractions")

    def __init__(self, index: int, item: Item) -> None:
        self.members = [index]
        self.lo = self.hi = item.start
        self.starts = {item.start: item.weight}
        self.days = {item.report.dataset: (item.start, item.start)}
        self.places = {item.place.id: item.place} if item.place else {}
        self.extractions = {item.report.extraction} if curated(item.report) else set()

    def day(self) -> int:
        """The day most members start on (the earliest of equals): the happening's own day."""
        return min(self.starts.items(), key=lambda entry: (-entry[1], entry[0]))[0]

    def can_join(self, other: _Group, rules: MatchRules, places: _Places) -> bool:
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
        return all(places.fit(a, b) for key, a in self.places.items()
                   for other_key, b in other.places.items() if key != other_key)

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        self.lo, self.hi = min(self.lo, other.lo), max(self.hi, other.hi)
        for start, count in other.starts.items():
            self.starts[start] = self.starts.get(start, 0) + count
        for dataset, (lo, hi) in other.days.items():
            mine = self.days.get(dataset, (lo, hi))
            self.days[dataset] = (min(lo, mine[0]), max(hi, mine[1]))
        self.places.update(other.places)
        self.extractions |= other.extractions


def items_of(reports: Iterable[Report], rules: MatchRules) -> list[Item]:
    """One item per distinct report, sorted by id; two different reports with one id are an error."""
    by_id: dict[str, Report] = {}
    for report in reports:
        known = by_id.setdefault(report.id, report)
        if known is not report and known != report:
            raise ValueError(f"two different reports share the id {report.id!r}")
    keys = sides.Keys(rules)
    own: dict[tuple[ReportActor, ...], frozenset[str]] = {}
    fine_span = rules.time.fine_span_days
    found = []
    for r in sorted(by_id.values(), key=lambda r: r.id):
        place = r.place
        if place is not None and place.kind == "country":
            if r.actors not in own:
                own[r.actors] = frozenset(sides.side(actor, rules) for actor in r.actors)
            place = telling_place(place, own[r.actors])
        start, end = r.earliest.toordinal(), r.latest.toordinal()
        found.append(Item(r, keys(r), start, end, end - start <= fine_span, sides.code_of(r), place))
    return found


def repeats(items: list[Item]) -> dict[int, int]:
    """Each repeat's representative (the smallest index among identical machine-coded records)."""
    first: dict[tuple[object, ...], int] = {}
    follows: dict[int, int] = {}
    for index, item in enumerate(items):
        if item.report.dataset == "curated":
            continue
        report = item.report
        signature = (report.dataset, item.keys, item.start, item.end, item.place.id if item.place else None,
                     item.code, report.status)
        leader = first.setdefault(signature, index)
        if leader != index:
            follows[index] = leader
            items[leader].weight += 1
    return follows


def link(a: Item, b: Item, rules: MatchRules, places: _Places) -> Found | None:
    """The score and rule name of a direct link between two fine reports, or None."""
    gap = max(0, max(a.start, b.start) - min(a.end, b.end))
    if gap > rules.time.day_tolerance:
        return None
    ra, rb = a.report, b.report
    if ra.dataset == rb.dataset and abs(a.start - b.start) > rules.time.same_dataset_days:
        return None
    if curated(ra) and ra.extraction == rb.extraction:
        return None
    if a.place is None or b.place is None:
        confirmed = False
    elif a.place.id == b.place.id:
        confirmed = True
    elif not places.fit(a.place, b.place):
        return None
    else:
        confirmed = place_match(a.place, b.place, rules)[1]
    scores = rules.scores
    score = 1.0 - scores.per_day_apart * gap
    score -= 0.0 if a.code == b.code else scores.other_code_in_root
    score -= 0.0 if confirmed else scores.place_unconfirmed
    if ra.status != rb.status and "planned" in (ra.status, rb.status):
        rule = "planned-then-occurred"
    else:
        rule = "same-day" if gap == 0 else "next-day"
    return round(max(0.0, score), 4), rule, confirmed


def links(items: list[Item], active: list[int], rules: MatchRules,
          places: _Places) -> dict[tuple[int, int], Found]:
    buckets: dict[str, list[int]] = defaultdict(list)
    for index in active:
        if items[index].fine:
            for key in items[index].keys:
                buckets[key].append(index)
    reach = rules.time.day_tolerance + rules.time.fine_span_days
    found: dict[tuple[int, int], Found] = {}
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
                if pair not in found and (found_link := link(first, second, rules, places)):
                    found[pair] = found_link
    return found


class _Merger:
    """Joins groups under their bounds; each record's group is ``owner[record]``."""

    def __init__(self, groups: dict[int, _Group], rules: MatchRules, places: _Places) -> None:
        self.groups, self.rules, self.places = groups, rules, places
        self.owner = {i: i for i in groups}
        self.refused: set[tuple[int, int, int, int]] = set()

    def join(self, i: int, j: int) -> None:
        a, b = self.owner[i], self.owner[j]
        if a == b:
            return
        first, second = self.groups[a], self.groups[b]
        state = (a, len(first.members), b, len(second.members))
        if state in self.refused:
            return
        if not first.can_join(second, self.rules, self.places):
            self.refused.add(state)  # groups only change by growing: the same sizes, the same answer
            return
        if len(first.members) < len(second.members):
            a, b, first = b, a, second
        first.absorb(self.groups[b])
        for member in self.groups.pop(b).members:
            self.owner[member] = a


def build(reports: Iterable[Report], rules: MatchRules) -> tuple[list[Item], dict[int, int], dict[int, Link]]:
    """Every item, each item's group (an index), and how each member of a larger group joined it."""
    items = items_of(reports, rules)
    follows = repeats(items)
    active = [i for i in range(len(items)) if i not in follows]
    places = _Places(rules)
    found = links(items, active, rules, places)
    groups = {i: _Group(i, items[i]) for i in active if items[i].fine}
    merger = _Merger(groups, rules, places)
    ordered = sorted(found.items(), key=lambda entry: (-entry[1][0], entry[0]))
    # first the records that agree on a place, best link first ...
    for (i, j), (_, _, confirmed) in ordered:
        if confirmed:
            merger.join(i, j)
    # ... then the rest, the most strongly linked groups first (so that a record without a place
    # joins the group it links to most, not the first one its id meets)
    strength: dict[tuple[int, int], float] = defaultdict(float)
    for (i, j), (score, _, confirmed) in ordered:
        a, b = merger.owner[i], merger.owner[j]
        if not confirmed and a != b:
            strength[(a, b) if a < b else (b, a)] += score * items[i].weight * items[j].weight
    for (a, b), _ in sorted(strength.items(), key=lambda entry: (-entry[1], entry[0])):
        merger.join(a, b)
    owner = merger.owner

    how: dict[int, Link] = {}
    for (i, j), (score, rule, _) in ordered:
        if owner[i] == owner[j]:
            how.setdefault(i, (score, rule))
            how.setdefault(j, (score, rule))
    _attach_coarse(items, active, groups, owner, how, rules, places)
    for index, leader in follows.items():
        owner[index] = owner.get(leader, leader)
        how[index] = (1.0, "repeat")
        how.setdefault(leader, (1.0, "repeat"))
    return items, owner, how


def _attach_coarse(items: list[Item], active: list[int], groups: dict[int, _Group], owner: dict[int, int],
                   how: dict[int, Link], rules: MatchRules, places: _Places) -> None:
    """Join each coarse report to the one fine group it contains, if there is exactly one."""
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index in active:
        if items[index].fine:
            for key in items[index].keys:
                by_key[key].append((items[index].start, index))
    for entries in by_key.values():
        entries.sort()
    chosen: dict[int, list[int]] = defaultdict(list)
    for index in active:
        item = items[index]
        if item.fine:
            continue
        candidates = set()
        for key in item.keys:
            entries = by_key.get(key, [])
            for _, other in entries[bisect_left(entries, (item.start, -1)):
                                    bisect_right(entries, (item.end, len(items)))]:
                there = items[other].place
                if item.place is None or there is None or places.fit(item.place, there):
                    candidates.add(owner[other])
        probe = _Group(index, item)
        place = item.place
        fitting = [g for g in candidates if not (probe.extractions & groups[g].extractions)
                   and (place is None or all(places.fit(place, p) for p in groups[g].places.values()))]
        if len(fitting) == 1:
            chosen[fitting[0]].append(index)
    for target, indices in chosen.items():
        extractions = [items[i].report.extraction for i in indices if curated(items[i].report)]
        for index in indices:
            report = items[index].report
            if curated(report) and extractions.count(report.extraction) > 1:
                continue  # two records of one extraction: neither joins
            owner[index] = target
            how[index] = (rules.scores.coarse_contained, "coarse-contained")
            for member in groups[target].members:  # a lone fine record: the day the others fit in
                how.setdefault(member, (1.0, "dated-anchor"))
