"""The ranks a native record stores beside its values (docs/merge-policy.md): the write queries
keep, of what several records say of one node, the value of the highest rank."""

from __future__ import annotations

from typing import Any

from graph.model import NameRank


def curated_ranks(country: str | None, coordinates: bool | None = None) -> dict[str, Any]:
    """A native record's ranks: its name always wins, its country and (for a place, ``coordinates``
    not ``None``) its coordinates where it gives them; a ``None`` rank leaves the node's as it is."""
    rank = int(NameRank.CURATED)
    ranks: dict[str, Any] = {"name_rank": rank, "country_rank": rank if country else None}
    if coordinates is not None:
        ranks["coordinates_rank"] = rank if coordinates else None
    return ranks
