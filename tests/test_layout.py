"""The code map holds: imports go one way (``queries`` ← ``graph`` ← ``loaders`` ← ``api``; inside
``graph``, the domain ← ``happenings`` ← ``store`` ← ``read`` ← ``outputs``/``rdf``, with the
tooling beside them), no module imports itself back through others, and ``graph``'s root holds
the domain alone."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from graph.settings import PROJECT_ROOT

PACKAGES = ("queries", "graph", "loaders", "api")
#: What each part of ``graph`` may import of ``graph`` (its own modules always).
GRAPH_PARTS: dict[str, set[str]] = {
    "": set(),
    "happenings": {""},
    "store": {"", "happenings"},
    "read": {"", "store", "happenings"},
    "outputs": {"", "store", "read"},
    "rdf": {"", "store", "read"},
    "server": {"", "store", "happenings"},
    "browser": {""},
}


def modules() -> dict[str, Path]:
    """Every module of the four packages, by dotted name."""
    found = {}
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The project modules ``name`` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base])
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    known = modules()
    return {module for module in out if module in known and module != name}


def graph_part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in GRAPH_PARTS) else ""


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for name, path in modules().items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in imports_of(name, path))
    return graph


def test_the_import_graph_is_read_from_the_code():
    edges = set(import_graph().edges)
    assert ("api.main", "graph.read.repository") in edges
    assert ("graph.read.series", "graph.read.base") in edges
    assert ("graph", "graph.model") not in edges


def wrong_way(source: str, target: str) -> str | None:
    """Why ``source`` may not import ``target``, or ``None`` when it may."""
    if PACKAGES.index(target.split(".")[0]) > PACKAGES.index(source.split(".")[0]):
        return "a package above it"
    if source.startswith("graph") and target.startswith("graph"):
        source_part, target_part = graph_part(source), graph_part(target)
        if target_part != source_part and target_part not in GRAPH_PARTS[source_part]:
            return f"graph/{target_part} from graph/{source_part or '(root)'}"
    return None


def test_the_rule_tells_wrong_ways():
    assert wrong_way("graph.read.series", "loaders.pipeline") == "a package above it"
    assert wrong_way("graph.store.codec", "graph.read.views") == "graph/read from graph/store"
    assert wrong_way("graph.model", "graph.store.codec") == "graph/store from graph/(root)"
    assert wrong_way("graph.outputs.charts", "graph.read.series_views") is None
    assert wrong_way("api.routes.series", "graph.outputs.series_file") is None


def test_imports_go_one_way():
    wrong = [f"{a} imports {b}: {why}" for a, b in sorted(import_graph().edges)
             if (why := wrong_way(a, b))]
    assert wrong == []


def test_there_is_no_import_cycle():
    graph = import_graph()
    # A package's __init__ that assembles its own modules is not a cycle of ideas; leave it out.
    graph.remove_edges_from([(a, b) for a, b in graph.edges if b.startswith(f"{a}.")])
    assert list(nx.simple_cycles(graph)) == []


def test_graph_root_holds_the_domain_only():
    root = sorted(p.stem for p in (PROJECT_ROOT / "graph").glob("*.py") if p.stem != "__init__")
    assert len(root) <= 8, root
    for name, path in modules().items():
        if name.startswith("graph"):
            assert not any(line.startswith(("from fastapi", "import fastapi"))
                           for line in path.read_text("utf-8").splitlines()), name
