"""The bounds the README gives each answer: `/network`'s `limit` and `truncated`, `/paths`'
`limit`, centrality's cap on actor pairs, its `as_of`, and its wait for a free analysis slot."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from neo4j import Driver

from api.routes import analytics
from graph.outputs import network_analysis
from graph.settings import Settings
from tests.api_server import serve_api
from tests.test_api_settings import layered_graph


def edge_key(edge: dict) -> tuple:
    return edge["source"], edge["target"], edge["type"]


def test_network_limit_cuts_the_edges_and_says_so(api: httpx.Client):
    everything = api.get("/network").json()
    edges = len(everything["edges"])
    assert edges > 10 and not everything["truncated"]
    exact = api.get("/network", params={"limit": edges}).json()
    assert len(exact["edges"]) == edges and not exact["truncated"]
    cut = api.get("/network", params={"limit": edges - 1}).json()
    assert len(cut["edges"]) == edges - 1 and cut["truncated"]
    assert {edge_key(e) for e in cut["edges"]} <= {edge_key(e) for e in everything["edges"]}
    ends = {e["source"] for e in cut["edges"]} | {e["target"] for e in cut["edges"]}
    assert {node["id"] for node in cut["nodes"]} == ends


def test_paths_limit_bounds_the_chains(changed_seed_graph: Driver, settings: Settings, api: httpx.Client):
    source, target = layered_graph(changed_seed_graph, settings, layers=3, width=3)
    every = api.get("/paths", params={"from": source, "to": target, "limit": 100}).json()["paths"]
    assert len(every) == 3 ** 2  # one chain through each actor of the two middle layers
    two = api.get("/paths", params={"from": source, "to": target, "limit": 2}).json()["paths"]
    assert two == every[:2]


def test_centrality_reads_at_most_its_pair_cap(api: httpx.Client, monkeypatch: pytest.MonkeyPatch):
    full = api.get("/analytics/centrality").json()
    assert not full["truncated"] and len(full["actors"]) > 5
    monkeypatch.setattr(analytics, "CENTRALITY_EDGE_LIMIT", 3)
    capped = api.get("/analytics/centrality").json()
    assert capped["truncated"] and 2 <= len(capped["actors"]) <= 6


def test_centrality_as_of_counts_what_had_begun(api: httpx.Client):
    before = api.get("/analytics/centrality", params={"as_of": "2019-12-31"}).json()
    network = api.get("/network", params={"as_of": "2019-12-31"}).json()
    interacting = {e["source"] for e in network["edges"] if e["type"] == "INTERACTED_WITH"} | {
        e["target"] for e in network["edges"] if e["type"] == "INTERACTED_WITH"}
    assert interacting and {a["id"] for a in before["actors"]} == interacting
    assert "vladimir_putin" not in interacting  # no event of his began before 2020 in the seed
    later = api.get("/analytics/centrality", params={"as_of": "2025-08-13"}).json()
    assert len(later["actors"]) > len(before["actors"])


@pytest.fixture
def busy_slots() -> Iterator[None]:
    """Every analysis slot of this process taken, as by other requests' running analyses."""
    taken = 0
    try:
        while network_analysis._slots.acquire(blocking=False):
            taken += 1
        assert taken == network_analysis.WORKERS
        yield
    finally:
        for _ in range(taken):
            network_analysis._slots.release()


def test_centrality_waits_for_a_slot_within_its_budget(seed_graph: Driver, settings: Settings,
                                                       busy_slots: None):
    quick = settings.model_copy(update={"query_timeout_s": 1.0})
    with serve_api(quick) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        response = client.get("/analytics/centrality")
    assert response.status_code == 504
    assert f"{network_analysis.WORKERS} others are running" in response.json()["detail"][0]["msg"]
