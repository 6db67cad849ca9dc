"""Who and what a record is about, as the matcher compares them: resolved sides and type categories.

A **side** is the state an actor acts for, when it acts for one: the state itself, an actor of a
state kind (``rules.toml``: government, military) with that country, or an actor that
``represents`` the state (Putin for Russia). Every other actor is its own side (a person acting for
nobody, an armed group, an actor without a country).

A record's **categories** are its CAMEO root (``r04``), the named categories of ``rules.toml``
that hold that root, and its code's PLOVER type (``p:COERCE``: how POLECAT codes it). Its
**keys** combine sides and categories: ``rus>prk|r19`` (Russia acted on North Korea, CAMEO root
19), ``prk~rus|r04`` (a symmetric type: either direction), ``prk|r01`` (one side only).
Two records can join only when they share a key.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.codebooks import cameo_codes
from graph.vocabulary import event_types

if TYPE_CHECKING:
    from graph.happenings.report import Report, ReportActor
    from graph.happenings.rules import MatchRules

#: Roles that act (the first of a directed dyad), and those acted on.
SOURCE_ROLES = frozenset({"initiator", "supplier", "visitor"})
TARGET_ROLES = frozenset({"target", "recipient", "host"})
#: Roles whose holders all deal with each other (signatories, parties, participants).
MUTUAL_ROLES = frozenset({"signatory", "party", "participant"})


def side(actor: ReportActor, rules: MatchRules) -> str:
    """The side an actor is on: the state it acts for (lower-case alpha-3 id), else itself."""
    if actor.represents:
        return actor.represents.lower()
    if actor.kind in rules.sides.state_kinds and actor.country:
        return actor.country.lower()
    return actor.id


def code_of(report: Report) -> str | None:
    """The record's CAMEO code: its own, else its type's (every vocabulary type has one)."""
    if report.cameo:
        return report.cameo
    kind = event_types().get(report.type)
    return kind.cameo if kind else None


@lru_cache(maxsize=1)
def _plover_roots() -> dict[str, frozenset[str]]:
    """The CAMEO roots each PLOVER type covers, by the codebook's crosswalk (COERCE: 16, 17, 19)."""
    roots: dict[str, set[str]] = defaultdict(set)
    for code in cameo_codes().values():
        if code.plover_type:
            roots[code.plover_type].add(code.root)
    return {kind: frozenset(found) for kind, found in roots.items()}


def categories(report: Report, rules: MatchRules) -> tuple[tuple[str, bool], ...]:
    """``r<root>``, the named categories holding that root and, if ``types.plover``, the code's
    PLOVER type ``p:<TYPE>`` (a type without a code: ``t:<type>``), each with whether it is symmetric."""
    code = code_of(report)
    if not code:
        return ((f"t:{report.type}", False),)
    found = rules.categories_of(code[:2])
    known = cameo_codes().get(code)
    if rules.types.plover and known and known.plover_type:
        roots = _plover_roots()[known.plover_type]
        found = (*found, (f"p:{known.plover_type}", roots <= rules.types.symmetric_roots))
    return found


def dyads(report: Report, rules: MatchRules, symmetric: bool) -> frozenset[str]:
    """The side pairs of a record: ``a>b`` directed, ``a~b`` unordered, or ``a`` when it has one side."""
    sources: set[str] = set()
    targets: set[str] = set()
    every: set[str] = set()
    for actor in report.actors:
        name = side(actor, rules)
        every.add(name)
        if actor.role in SOURCE_ROLES or actor.role in MUTUAL_ROLES:
            sources.add(name)
        if actor.role in TARGET_ROLES or actor.role in MUTUAL_ROLES:
            targets.add(name)
    if symmetric:
        ordered = sorted(every)
        pairs = {f"{a}~{b}" for i, a in enumerate(ordered) for b in ordered[i + 1:]}
    else:
        pairs = {f"{a}>{b}" for a in sources for b in targets if a != b}
    return frozenset(pairs) if pairs else frozenset(every)


def keys(report: Report, rules: MatchRules) -> frozenset[str]:
    found: set[str] = set()
    for category, symmetric in categories(report, rules):
        found.update(f"{pair}|{category}" for pair in dyads(report, rules, symmetric))
    return frozenset(found)
