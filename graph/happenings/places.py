"""Where two records say their events happened, and whether that can be one place (docs/happenings.md).

A **point** is a city or site with coordinates. Two points are compatible within ``place.max_km``.
A city or site without coordinates (the seed's places have none) is compared by name with another
city or site: the first part of the name (before a comma), folded, must agree. A country or a
region is an **area**, compatible with anything in its country; an absent place with anything.
"""

from __future__ import annotations

import math

from graph.codebooks import fold
from graph.happenings.report import ReportPlace
from graph.happenings.rules import MatchRules


def km(a: ReportPlace, b: ReportPlace) -> float:
    """Great-circle distance (haversine, mean Earth radius) between two places with coordinates."""
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(h)))


def pinned(place: ReportPlace, rules: MatchRules) -> bool:
    """Whether a place is a point (a city or site with coordinates) rather than an area."""
    return (place.kind not in rules.place.coarse_kinds and place.latitude is not None
            and place.longitude is not None)


def place_match(a: ReportPlace | None, b: ReportPlace | None, rules: MatchRules) -> tuple[bool, bool]:
    """(compatible, confirmed). Confirmed when both name the same feature or two points agree."""
    if a is None or b is None:
        return True, False
    if a.id == b.id:
        return True, True
    if pinned(a, rules) and pinned(b, rules):
        near = km(a, b) <= rules.place.max_km
        return near, near
    coarse = rules.place.coarse_kinds
    if a.name and b.name and a.kind not in coarse and b.kind not in coarse:
        same = _town(a.name) == _town(b.name)
        return same, same
    return (a.country is None or b.country is None or a.country.upper() == b.country.upper()), False


def _town(name: str) -> str:
    """``Pyongyang, P'yongyang-si, North Korea`` and ``pyongyang`` both give ``pyongyang``."""
    return fold(name.split(",", 1)[0])


def telling_place(place: ReportPlace | None, own_sides: frozenset[str]) -> ReportPlace | None:
    """A record's place as the rule reads it: none when it is only the country of one of the
    record's own sides (``sides.side``; GDELT geocodes many rows to a country the article names),
    which tells no two events of that dyad apart."""
    if (place is not None and place.kind == "country" and place.country
            and place.country.lower() in own_sides):
        return None
    return place
