"""Attach records to happenings as they are written: the store's half of issue 17.

``attach(tx, event_ids)`` runs inside the transaction that wrote the events (graph/store/
write_batches.py), so a record and its happening commit together and a retried batch regroups
again. It

1. reads the records and files each under its blocking keys (``matching.blocking_keys``): one
   ``(:Event)-[:KEYED {key, earliest, latest}]->(:HappeningKey {key})`` per key (Neo4j 5 cannot
   index the elements of a list; the relationship index on ``(key, latest)`` finds candidates);
2. takes the closure: every record reachable from them through a shared key within
   ``matching.reach_days``, transitively, plus the other members of their current happenings.
   Every key the closure touches is write-locked (``lock_happening_keys``) before its candidates
   are read, so two writers whose records could meet in one happening group one after the other;
3. runs ``matching.group`` over the closure and replaces the closure's happenings (and each
   member's ``Event.happening``): a happening
   whose id, members and summary are unchanged is not written; a superseded id becomes an alias
   of the new happening holding most of its members (ties: the smaller id).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from neo4j import ManagedTransaction

from graph.happenings import stored
from graph.happenings.matching import (
    Grouping,
    Report,
    ReportActor,
    ReportPlace,
    blocking_keys,
    group,
    reach_days,
)
from graph.happenings.rules import MatchRules
from graph.happenings.stored import Member, day
from queries import load_query

Tx = Any  # a ManagedTransaction, or a session's auto-commit run (both have ``run``)


@cache
def current_rules() -> MatchRules:
    """The rules in force (``MatchRules.load()``), read once per process."""
    return MatchRules.load()


def rule_version(rules: MatchRules) -> str:
    """A short digest of the thresholds: stored on each happening, so a rebuild after a change
    of rules rewrites every happening it regroups differently (and only those)."""
    # Sets sorted: their iteration order changes from one process to the next.
    dumped = json.dumps(rules.model_dump(), sort_keys=True, default=sorted).encode()
    return hashlib.sha256(dumped).hexdigest()[:12]


def _dataset(datasets: Iterable[str | None]) -> str:
    named = sorted(d for d in datasets if d)
    return named[0] if named else "curated"


def member_from_row(row: Mapping[str, Any]) -> Member:
    """A ``happening_reports`` row as the matcher's ``Report`` and the summary's extras."""
    dataset = _dataset(row["datasets"])
    sources = tuple(sorted(row["sources"]))
    place = row["place"]
    report = Report(
        id=row["id"], dataset=dataset,
        extraction=(sources[0] if sources else row["id"]) if dataset == "curated" else None,
        type=row["type"], cameo=row["cameo"], status=row["status"] or "occurred",
        precision=row["precision"], earliest=_day(row["earliest"]), latest=_day(row["latest"]),
        actors=tuple(sorted(
            (ReportActor(id=a["id"], kind=a["kind"], country=a["country"], role=a["role"],
                         represents=a["represents"]) for a in row["actors"]),
            key=lambda a: (a.id, a.role))),
        place=ReportPlace(id=place["id"], country=place["country"], latitude=place["latitude"],
                          longitude=place["longitude"], kind=place["kind"],
                          name=place["name"]) if place else None,
        first_reported=day(row["first_reported"]), sources=sources, mentions=row["mentions"] or 0,
    )
    quantities = tuple(zip(row["quantity_what"] or [], row["quantity_value"] or [], strict=True))
    return Member(report=report, publishers=tuple(sorted(p for p in row["publishers"] if p)),
                  datasets=tuple(sorted(d for d in row["datasets"] if d)),
                  quantities=quantities, happening=row["happening"], keys=tuple(row["keys"] or ()))


def _day(value: Any) -> date:
    found = day(value)
    assert found is not None  # every event has a valid_from
    return found


def read_members(tx: Tx, ids: Collection[str]) -> dict[str, Member]:
    if not ids:
        return {}
    result = tx.run(load_query("happening_reports"), ids=sorted(ids))
    # Records read as they come, each made a plain dict once: Record.data() would copy every
    # nested value again, and a Record's lookup by name costs a search of its keys per field.
    names = result.keys()
    return {member.report.id: member
            for member in (member_from_row(dict(zip(names, record, strict=True))) for record in result)}


def _spans(reports: Iterable[Report], keys: Mapping[str, frozenset[str]], reach: int) -> list[dict[str, Any]]:
    """One (key, from, to) row per key and stretch of time to search, overlapping spans joined."""
    by_key: dict[str, list[tuple[date, date]]] = defaultdict(list)
    margin = timedelta(days=reach)
    for report in reports:
        for key in keys[report.id]:
            by_key[key].append((report.earliest - margin, report.latest + margin))
    rows = []
    for key in sorted(by_key):
        spans = sorted(by_key[key])
        start, end = spans[0]
        for lo, hi in spans[1:]:
            if lo > end:
                rows.append({"key": key, "from": start, "to": end})
                start = lo
            end = max(end, hi)
        rows.append({"key": key, "from": start, "to": end})
    return rows


def file_keys(tx: Tx, members: Iterable[Member], keys: Mapping[str, frozenset[str]]) -> None:
    """Store each record's blocking keys (its KEYED relationships), replacing the old ones; the
    key nodes must exist (``lock_happening_keys`` makes them)."""
    rows = [{"id": m.report.id, "keys": sorted(keys[m.report.id]), "earliest": m.report.earliest,
             "latest": m.report.latest} for m in sorted(members, key=lambda m: m.report.id)
            if set(m.keys) != keys[m.report.id]]
    if rows:
        tx.run(load_query("set_happening_keys"), rows=rows).consume()


@dataclass(frozen=True)
class Stored:
    """A happening as it stands: what a regrouping compares against and supersedes."""

    aliases: tuple[str, ...]
    content_hash: str | None
    members: frozenset[str]


def stored_happenings(tx: Tx, ids: Collection[str]) -> dict[str, Stored]:
    """The happenings these records belong to now."""
    return {r["id"]: Stored(tuple(r["aliases"] or ()), r["content_hash"], frozenset(r["members"]))
            for r in tx.run(load_query("current_happenings"), ids=sorted(ids))}


def closure(tx: Tx, members: dict[str, Member], rules: MatchRules, lock: bool,
            locked: set[str] | None = None) -> tuple[dict[str, Member], dict[str, Stored]]:
    """``members`` grown to every record that could join a happening with one of them: through a
    shared key within reach, or a shared current happening; and the happenings they belong to
    now. With ``lock``, each key is write-locked before its candidates are read (``locked``
    holds those already locked)."""
    reach = reach_days(rules)
    locked = set() if locked is None else locked
    stored: dict[str, Stored] = {}
    frontier = list(members.values())
    while frontier:
        keys = {m.report.id: blocking_keys(m.report, rules) for m in frontier}
        fresh = sorted(set().union(*keys.values()) - locked)
        if lock and fresh:
            tx.run(load_query("lock_happening_keys"), keys=fresh).consume()
        locked.update(fresh)
        found = {r["id"] for r in tx.run(load_query("happening_candidates"),
                                         rows=_spans((m.report for m in frontier), keys, reach))}
        current = stored_happenings(tx, [m.report.id for m in frontier if m.happening])
        stored.update(current)
        mates = {record for happening in current.values() for record in happening.members}
        new = read_members(tx, (found | mates) - members.keys())
        members.update(new)
        frontier = list(new.values())
    return members, stored


@dataclass
class Plan:
    """What a regrouping writes: happenings to delete, rows for ``write_happenings``."""

    deleted: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    happenings: int = 0


def plan(groupings: list[Grouping], members: Mapping[str, Member], old: Mapping[str, Stored],
         version: str) -> Plan:
    """The writes that turn the ``old`` happenings of these members into ``groupings``."""
    new_ids = {g.id for g in groupings}
    home = {m.record: g.id for g in groupings for m in g.members}
    aliases: dict[str, set[str]] = {g.id: set(old[g.id].aliases) if g.id in old else set()
                                    for g in groupings}
    result = Plan(happenings=len(groupings))
    for old_id in sorted(set(old) - new_ids):
        result.deleted.append(old_id)
        heirs = Counter(home[m] for m in old[old_id].members if m in home)
        if heirs:
            heir = min(heirs, key=lambda h: (-heirs[h], h))
            aliases[heir].update({old_id, *old[old_id].aliases})
    for grouping in groupings:
        properties = stored.properties(grouping, [members[m.record] for m in grouping.members], version)
        kept = sorted(aliases[grouping.id] - new_ids)
        before = old.get(grouping.id)
        if (before and before.content_hash == properties["content_hash"]
                and sorted(before.aliases) == kept
                and before.members == {m.record for m in grouping.members}):
            continue
        result.rows.append({
            "id": grouping.id, "properties": {**properties, "aliases": kept},
            "members": [{"record": m.record, "rule": m.rule, "score": m.score}
                        for m in grouping.members],
            "aliases": kept,
        })
    return result


def write_plan(tx: Tx, planned: Plan) -> None:
    if planned.deleted:
        tx.run(load_query("delete_happenings"), ids=planned.deleted).consume()
    if planned.rows:
        tx.run(load_query("write_happenings"), rows=planned.rows).consume()


def attach(tx: ManagedTransaction, event_ids: Collection[str], rules: MatchRules | None = None) -> Plan:
    """Group the records ``event_ids`` (just written in ``tx``) with every record they could join,
    and replace the happenings of that closure; returns what was written."""
    if not event_ids:
        return Plan()
    rules = rules or current_rules()
    seeds = read_members(tx, event_ids)
    keys = {record: blocking_keys(m.report, rules) for record, m in seeds.items()}
    # Their keys, new and old, are locked first, in one sorted pass, before any is (re)filed.
    first = sorted(set().union(*keys.values(), *(m.keys for m in seeds.values())))
    tx.run(load_query("lock_happening_keys"), keys=first).consume()
    locked = set(first)
    file_keys(tx, seeds.values(), keys)
    members, stored = closure(tx, dict(seeds), rules, lock=True, locked=locked)
    groupings = group([m.report for m in members.values()], rules)
    planned = plan(groupings, members, stored, rule_version(rules))
    write_plan(tx, planned)
    return planned
