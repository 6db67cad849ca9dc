"""``/network.graphml`` as third-party tools read it: valid against the GraphML 1.0 schema
(xmllint, with the schema vendored under tests/data/graphml-xsd and no network), and read by
networkx and by igraph's C reader with the edges, ids and values of the JSON network."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import igraph
import networkx as nx

XSD = Path(__file__).parent / "data" / "graphml-xsd"


def schema_check(document: bytes, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    xmllint = shutil.which("xmllint")
    assert xmllint, "xmllint is missing: scripts/test installs it (Debian's libxml2-utils)"
    path = tmp_path / "network.graphml"
    path.write_bytes(document)
    return subprocess.run(
        [xmllint, "--nonet", "--noout", "--schema", str(XSD / "graphml.xsd"), str(path)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "XML_CATALOG_FILES": str(XSD / "catalog.xml")},
    )


def test_the_schema_check_catches_duplicate_edge_ids(tmp_path: Path):
    """What the GraphML of networkx's default edge keys looked like: two edges with id "0"."""
    duplicated = nx.MultiDiGraph()
    duplicated.add_edge("a", "b")
    duplicated.add_edge("b", "c")
    buffer = io.BytesIO()
    nx.write_graphml(duplicated, buffer)
    result = schema_check(buffer.getvalue(), tmp_path)
    assert result.returncode != 0 and "Duplicate key-sequence" in result.stderr, result.stderr


def test_network_graphml_is_valid_against_the_graphml_schema(api: httpx.Client, tmp_path: Path):
    response = api.get("/network.graphml")
    assert response.status_code == 200
    result = schema_check(response.content, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("validates"), result.stderr


def test_graphml_edges_keep_their_own_ids_and_leave_missing_values_out(api: httpx.Client):
    network = api.get("/network").json()
    edges = {edge["id"]: edge for edge in network["edges"]}
    assert len(edges) == len(network["edges"]), "edge ids are unique"
    standing = [edge for edge in network["edges"] if edge["type"] != "INTERACTED_WITH"]
    pairs = [(edge["source"], edge["target"]) for edge in network["edges"]]
    assert standing and len(set(pairs)) < len(pairs), "the seed has parallel edges to tell apart"

    graph = nx.read_graphml(io.BytesIO(api.get("/network.graphml").content))
    assert isinstance(graph, nx.MultiDiGraph)
    read = {key: (source, target, data) for source, target, key, data
            in graph.edges(keys=True, data=True)}
    assert set(read) == set(edges)
    for edge_id, (source, target, data) in read.items():
        edge = edges[edge_id]
        assert (source, target, data["type"]) == (edge["source"], edge["target"], edge["type"])
        if edge["type"] == "INTERACTED_WITH":
            assert edge_id == f"INTERACTED_WITH:{source}:TO:{target}"
            assert data["events"] == edge["events"]
            assert data["goldstein_total"] == edge["goldstein_total"]
        else:
            assert "goldstein_total" not in data and "events" not in data, data
            assert ("last" in data) == (edge["last"] is not None)
    nodes = {node["id"]: node for node in network["nodes"]}
    for node_id, data in graph.nodes(data=True):
        assert data["name"] == nodes[node_id]["name"]
        assert ("country" in data) == (nodes[node_id]["country"] is not None)


def test_igraphs_c_reader_reads_the_network(api: httpx.Client, tmp_path: Path):
    network = api.get("/network").json()
    path = tmp_path / "network.graphml"
    path.write_bytes(api.get("/network.graphml").content)
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.is_directed()
    assert graph.vcount() == len(network["nodes"]) and graph.ecount() == len(network["edges"])
    names = graph.vs["id"]
    # Compared without the edge ids: igraph 1.0's reader fills its edge "id" attribute with
    # vertex ids (the schema check and networkx above check the ids themselves).
    read = sorted((names[e.source], names[e.target], e["type"], e["first"], e["last"])
                  for e in graph.es)
    assert read == sorted((e["source"], e["target"], e["type"], e["first"], e["last"] or "")
                          for e in network["edges"])
