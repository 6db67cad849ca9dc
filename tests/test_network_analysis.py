"""The networkx analysis of a network view: bounded betweenness, and the worker process path."""

from __future__ import annotations

import random
import threading
import time

import networkx as nx
import pytest

from graph.cancel import Cancelled
from graph.outputs import network_analysis
from graph.outputs.network_analysis import (
    BETWEENNESS_WORK,
    MIN_BETWEENNESS_SOURCES,
    AnalyticsTimeout,
    betweenness_sources,
    centrality_view,
    centrality_within,
    interaction_graph,
    measure,
)
from graph.read.views import ActorRef, NetworkEdge, NetworkView, WindowView


def power_law_view(interactions: int, actors: int = 3000, seed: int = 1) -> NetworkView:
    """A window's network shaped like the benchmark's: a few actors in most interactions."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(actors)]
    pairs: dict[tuple[int, int], int] = {}
    for _ in range(interactions):
        a, b = rng.choices(range(actors), weights, k=2)
        if a != b:
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    ids = sorted({x for pair in pairs for x in pair})
    return NetworkView(
        window=WindowView(since="2024-06-01", until="2024-06-30"),
        nodes=[ActorRef(id=f"a{x}", name=f"Actor {x}") for x in ids],
        edges=[NetworkEdge(id=f"INTERACTED_WITH:a{a}:TO:a{b}", source=f"a{a}", target=f"a{b}",
                           type="INTERACTED_WITH", events=count)
               for (a, b), count in pairs.items()])


def test_betweenness_is_exact_on_a_small_network():
    graph = nx.path_graph(50)
    assert betweenness_sources(graph) == 50
    assert measure(graph).betweenness == pytest.approx(nx.betweenness_centrality(graph))


def test_betweenness_work_is_bounded_on_a_large_network():
    graph = interaction_graph(power_law_view(20_000))
    size = graph.number_of_nodes() + graph.number_of_edges()
    sources = betweenness_sources(graph)
    assert MIN_BETWEENNESS_SOURCES <= sources < graph.number_of_nodes()
    assert sources * size <= max(BETWEENNESS_WORK, MIN_BETWEENNESS_SOURCES * size)
    view = centrality_view(power_law_view(20_000), measure(graph))
    assert view.betweenness_sources == sources
    assert {a.id for a in view.actors} == set(graph.nodes)


def test_a_worker_process_gives_the_inline_answer(monkeypatch: pytest.MonkeyPatch):
    view = power_law_view(2_000)
    inline = centrality_within(view, 30)
    monkeypatch.setattr(network_analysis, "INLINE_SIZE", 0)
    in_worker = centrality_within(view, 30)
    assert in_worker == inline
    assert inline.actors and inline.communities


def test_a_worker_over_its_budget_is_stopped(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(network_analysis, "INLINE_SIZE", 0)
    with pytest.raises(AnalyticsTimeout, match="took more than"):
        centrality_within(power_law_view(20_000), 0.01)


def test_a_worker_whose_result_is_no_longer_wanted_is_stopped(monkeypatch: pytest.MonkeyPatch):
    """The API sets ``stop`` when the client goes away: the worker (seconds of work here, on a busy
    machine or a quiet one) is killed within a poll of it."""
    monkeypatch.setattr(network_analysis, "INLINE_SIZE", 0)
    centrality_within(power_law_view(2_000), 30)  # the worker processes' server is up
    view = power_law_view(80_000)
    stop = threading.Event()
    threading.Timer(0.05, stop.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        centrality_within(view, 60, stop)
    assert time.monotonic() - started < 0.05 + 2 * network_analysis.STOP_POLL_S + 2
    assert network_analysis._slots.acquire(blocking=False)  # its slot is free again
    network_analysis._slots.release()


def test_an_empty_window_has_no_actors():
    view = NetworkView(window=WindowView(), nodes=[], edges=[])
    result = centrality_within(view, 1)
    assert result.actors == [] and result.communities == []
