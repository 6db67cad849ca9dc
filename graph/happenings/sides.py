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


def categories(code: str | None, type_id: str, rules: MatchRules) -> tuple[tuple[str, bool], ...]:
    """``r<root>``, the named categories holding that root and, if ``types.plover``, the code's
    PLOVER type ``p:<TYPE>`` (a type without a code: ``t:<type>``), each with whether it is symmetric."""
    if not code:
        return ((f"t:{type_id}", False),)
    root = code[:2]
    symmetric = rules.types.symmetric_roots
    found = [(f"r{root}", root in symmetric)]
    found += sorted((name, roots <= symmetric)
                    for name, roots in rules.types.categories.items() if root in roots)
    known = cameo_codes().get(code)
    if rules.types.plover and known and known.plover_type:
        found.append((f"p:{known.plover_type}", _plover_roots()[known.plover_type] <= symmetric))
    return tuple(found)


def dyads(actors: tuple[ReportActor, ...], rules: MatchRules, symmetric: bool) -> tuple[str, ...]:
    """The side pairs of a record: ``a>b`` directed, ``a~b`` unordered, or ``a`` when it has one side."""
    sources: set[str] = set()
    targets: set[str] = set()
    every: set[str] = set()
    for actor in actors:
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
    return tuple(sorted(pairs or every))


class Keys:
    """A record's blocking keys, remembering the parts that many records share (their actors, their
    code) for as long as it lives."""

    def __init__(self, rules: MatchRules) -> None:
        self.rules = rules
        self._categories: dict[tuple[str | None, str], tuple[tuple[str, bool], ...]] = {}
        self._dyads: dict[tuple[tuple[ReportActor, ...], bool], tuple[str, ...]] = {}
        self._keys: dict[tuple[object, ...], frozenset[str]] = {}

    def __len__(self) -> int:
        """How many record signatures (actors, code, type) it remembers."""
        return len(self._keys)

    def __call__(self, report: Report) -> frozenset[str]:
        code = code_of(report)
        signature = (report.actors, code, report.type)
        found = self._keys.get(signature)
        if found is None:
            kinds = self._categories.get((code, report.type))
            if kinds is None:
                kinds = self._categories[(code, report.type)] = categories(code, report.type, self.rules)
            parts: set[str] = set()
            for category, symmetric in kinds:
                pairs = self._dyads.get((report.actors, symmetric))
                if pairs is None:
                    pairs = dyads(report.actors, self.rules, symmetric)
                    self._dyads[(report.actors, symmetric)] = pairs
                parts.update(f"{pair}|{category}" for pair in pairs)
            found = self._keys[signature] = frozenset(parts)
        return found
