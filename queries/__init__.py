"""The Cypher catalog: one ``.cypher`` file per operation, loaded by name.

Each file runs as it is in the Neo4j Browser once its parameters are set with ``:param``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_query(name: str) -> str:
    """The text of ``queries/<name>.cypher``, read once; a missing name raises ``KeyError``."""
    path = resources.files(__name__).joinpath(f"{name}.cypher")
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in the catalog")
    return path.read_text(encoding="utf-8")


def query_names() -> list[str]:
    """Every query of the catalog, by name."""
    return sorted(
        entry.name.removesuffix(".cypher")
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(".cypher")
    )
