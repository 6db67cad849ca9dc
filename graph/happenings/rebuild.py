"""Recompute the happenings of a window or of the whole graph: ``geokg happenings rebuild``.

The same steps as ``attach`` (file keys, take the closure, ``group``, replace), over every record
whose time reaches into the window, in batched transactions: the result equals what the writes
attached one by one (``tests/test_happenings.py``), since ``group`` depends only on the set of
records it sees and the closure brings in every record a window's record could join. A rebuild
takes no key locks across its transactions: run it while no load writes to the graph.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.happenings.attach import (
    Member,
    closure,
    current_rules,
    file_keys,
    plan,
    read_members,
    rule_version,
    stored_happenings,
)
from graph.happenings.matching import blocking_keys, group
from graph.happenings.rules import MatchRules
from queries import load_query

#: Records read, keyed or written per transaction.
BATCH = 5000


@dataclass(frozen=True)
class RebuildReport:
    records: int
    """Records grouped (the window's and those their happenings may reach)."""
    happenings: int
    written: int
    """Happenings written (new or changed); the others were found as they are."""
    removed: int
    seconds: float


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def rebuild(driver: Driver, database: str, since: date | None = None, until: date | None = None,
            rules: MatchRules | None = None, batch: int = BATCH) -> RebuildReport:
    """Regroup every record whose time reaches into [since, until] (open sides: the whole graph)."""
    began = time.perf_counter()
    rules = rules or current_rules()
    window = {"since": since or date.min, "until": until or date.max}
    records, _, _ = driver.execute_query(load_query("happening_window_records"), window,
                                         database_=database)
    ids = [r["id"] for r in records]
    members: dict[str, Member] = {}
    with driver.session(database=database) as session:
        for chunk in _chunks(ids, batch):
            members.update(session.execute_write(_refile, chunk, rules))
        if since or until:  # the records beyond the window that the window's records may join
            members, _ = session.execute_read(lambda tx: closure(tx, members, rules, lock=False))
        old = {}
        for chunk in _chunks(sorted(r for r, m in members.items() if m.happening), batch):
            old.update(session.execute_read(stored_happenings, chunk))
        groupings = group([m.report for m in members.values()], rules)
        planned = plan(groupings, members, old, rule_version(rules))
        for deleted in _chunks(planned.deleted, batch):
            session.execute_write(_run, "delete_happenings", ids=list(deleted))
        for rows in _chunks(planned.rows, batch // 5 or 1):
            session.execute_write(_run, "write_happenings", rows=list(rows))
    return RebuildReport(records=len(members), happenings=len(groupings), written=len(planned.rows),
                         removed=len(planned.deleted), seconds=time.perf_counter() - began)


def _refile(tx: ManagedTransaction, ids: Sequence[str], rules: MatchRules) -> dict[str, Member]:
    """Read a chunk of records and file them under the keys the rules give now."""
    members = read_members(tx, ids)
    keys = {record: blocking_keys(m.report, rules) for record, m in members.items()}
    moved = [m for record, m in members.items() if set(m.keys) != keys[record]]
    if moved:
        tx.run(load_query("lock_happening_keys"),
               keys=sorted(set().union(*(keys[m.report.id] for m in moved)))).consume()
        file_keys(tx, moved, keys)
    return members


def _run(tx: ManagedTransaction, query: str, **params: Any) -> None:
    tx.run(load_query(query), **params).consume()
