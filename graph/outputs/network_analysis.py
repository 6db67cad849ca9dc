"""The networkx view of an actor network: centrality, communities, GraphML.

Centrality is CPU work that grows with the network, so it runs under a time budget: small
networks in the caller's thread, larger ones in a worker process that is killed when the budget
runs out (``AnalyticsTimeout``), at most ``WORKERS`` at once. Betweenness, the costly part (one
breadth-first search per source actor), is exact while that fits ``BETWEENNESS_WORK``; in a larger
network it is estimated from a seeded sample of source actors (networkx's ``k``) sized to that
budget, never fewer than ``MIN_BETWEENNESS_SOURCES``, so the work stays bounded as windows grow.
"""

from __future__ import annotations

import io
import multiprocessing
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

import networkx as nx
import scipy.sparse  # noqa: F401  nx.pagerank's, imported on first use (200 ms): here at start-up
from pydantic import BaseModel, Field

from graph.cancel import check
from graph.read.views import NetworkView, WindowView

#: Betweenness's budget, in sources x (actors + interaction pairs) visited: about 75 ms here.
BETWEENNESS_WORK = 150_000
#: The smallest sample of source actors betweenness is estimated from.
MIN_BETWEENNESS_SOURCES = 32


class ActorCentrality(BaseModel):
    id: str
    name: str
    degree: float
    betweenness: float
    pagerank: float
    community: int


class CentralityView(BaseModel):
    window: WindowView
    actors: list[ActorCentrality]
    communities: list[list[str]]
    truncated: bool = False
    betweenness_sources: int = Field(
        0, description="How many source actors betweenness was computed from: all of them, or in "
        "a larger network a seeded sample sized to a fixed amount of work (at least "
        f"{MIN_BETWEENNESS_SOURCES}).")


class AnalyticsTimeout(RuntimeError):
    """The analysis did not finish within its time budget."""


#: Networks this small (actors + interaction pairs; about 250 ms of work at most) are analysed in
#: the caller's thread; larger ones in a worker process, which costs about 80 ms more.
INLINE_SIZE = 8_000
#: Analyses running at once, at most; the others wait within their own budget.
WORKERS = 2
#: How often a caller waiting for a worker looks whether its result is still wanted, in seconds.
STOP_POLL_S = 0.25
_slots = threading.BoundedSemaphore(WORKERS)
_processes = multiprocessing.get_context("forkserver")
_processes.set_forkserver_preload(["graph.outputs.network_analysis"])


def to_networkx(view: NetworkView) -> nx.MultiDiGraph:
    """Actors as nodes; every edge of the view (interactions and standing relationships) kept,
    keyed by its own id. A value the view lacks (an actor's unknown country, a standing
    relationship's Goldstein total or end) is left out, never written as an empty or zero one."""
    graph = nx.MultiDiGraph()
    for node in view.nodes:
        graph.add_node(node.id, **_present(name=node.name, kind=node.kind, country=node.country))
    for edge in view.edges:
        interactions = edge.type == "INTERACTED_WITH"
        graph.add_edge(
            edge.source, edge.target, key=edge.id, **_present(
                type=edge.type, events=edge.events if interactions else None,
                goldstein_total=edge.goldstein_total,
                event_types=",".join(edge.event_types) if interactions else None,
                first=edge.first.isoformat() if edge.first else None,
                last=edge.last.isoformat() if edge.last else None,
            ))
    return graph


def _present(**values: object) -> dict[str, object]:
    return {name: value for name, value in values.items() if value is not None}


def interaction_graph(view: NetworkView) -> nx.Graph:
    """The undirected interaction graph, weighted by the number of events between two actors."""
    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in view.nodes)
    for edge in view.edges:
        if edge.type != "INTERACTED_WITH":
            continue
        weight = graph.get_edge_data(edge.source, edge.target, {"weight": 0})["weight"]
        graph.add_edge(edge.source, edge.target, weight=weight + edge.events)
    return graph


def betweenness_sources(graph: nx.Graph) -> int:
    """How many source actors betweenness can afford in ``graph``: all, or a sample."""
    actors = graph.number_of_nodes()
    affordable = BETWEENNESS_WORK // max(1, actors + graph.number_of_edges())
    return min(actors, max(MIN_BETWEENNESS_SOURCES, affordable))


@dataclass(frozen=True)
class Measures:
    """What networkx computes on an interaction graph: plain values, cheap to send between processes."""
    degree: dict[str, float]
    betweenness: dict[str, float]
    pagerank: dict[str, float]
    communities: list[list[str]]
    betweenness_sources: int


def measure(graph: nx.Graph) -> Measures:
    sources = betweenness_sources(graph)
    betweenness = nx.betweenness_centrality(
        graph, k=sources if sources < graph.number_of_nodes() else None, seed=7)
    communities = [sorted(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=7)]
    communities.sort(key=lambda c: (-len(c), c))
    return Measures(nx.degree_centrality(graph), betweenness, nx.pagerank(graph, weight="weight"),
                    communities, sources)


def centrality_view(view: NetworkView, measures: Measures | None) -> CentralityView:
    """The response for ``view`` from its measures (None: a network without actors)."""
    if measures is None:
        return CentralityView(window=view.window, actors=[], communities=[], truncated=view.truncated)
    names = {node.id: node.name for node in view.nodes}
    community_of = {actor: i for i, members in enumerate(measures.communities) for actor in members}
    actors = [
        ActorCentrality(id=actor, name=names.get(actor, actor), degree=round(degree, 6),
                        betweenness=round(measures.betweenness[actor], 6),
                        pagerank=round(measures.pagerank[actor], 6), community=community_of[actor])
        for actor, degree in measures.degree.items()
    ]
    actors.sort(key=lambda a: (-a.pagerank, a.id))
    return CentralityView(window=view.window, actors=actors, communities=measures.communities,
                          truncated=view.truncated, betweenness_sources=measures.betweenness_sources)


def _measure_worker(graph: nx.Graph, results: Connection) -> None:
    try:
        results.send(measure(graph))
    except Exception as error:  # sent back and raised in the caller
        results.send(error)


def centrality_within(view: NetworkView, seconds: float,
                      stop: threading.Event | None = None) -> CentralityView:
    """Centrality, PageRank and communities of ``view``'s interaction graph within ``seconds``
    (waiting for a free worker included), or ``AnalyticsTimeout``; a worker over its budget, or
    still working when ``stop`` is set (``Cancelled``), is killed, so the work stops with the
    answer. Only the graph goes to a worker and only the measures come back; the response is
    built here."""
    graph = interaction_graph(view)
    if graph.number_of_nodes() == 0:
        return centrality_view(view, None)
    deadline = time.monotonic() + seconds
    if not _slots.acquire(timeout=seconds):
        raise AnalyticsTimeout(f"the analysis did not start within {seconds:g} s: "
                               f"{WORKERS} others are running; try again or narrow the window")
    try:
        if graph.number_of_nodes() + graph.number_of_edges() <= INLINE_SIZE:
            return centrality_view(view, measure(graph))
        receiver, sender = _processes.Pipe(duplex=False)
        worker = _processes.Process(target=_measure_worker, args=(graph, sender), daemon=True)
        worker.start()
        sender.close()
        try:
            while True:
                check(stop, "the centrality analysis")
                if receiver.poll(min(STOP_POLL_S, max(0.0, deadline - time.monotonic()))):
                    break
                if time.monotonic() >= deadline:
                    raise AnalyticsTimeout(f"the analysis of {len(view.nodes)} actors took more "
                                           f"than {seconds:g} s; narrow the window")
            result = receiver.recv()
        finally:
            worker.kill()
            worker.join()
            receiver.close()
        if isinstance(result, Exception):
            raise result
        return centrality_view(view, result)
    finally:
        _slots.release()


def to_graphml(view: NetworkView) -> bytes:
    """The network as GraphML 1.0 that the schema accepts: each edge's id is its own (the
    networkx key), unique in the graph, and only the values the view has are written."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(view), buffer)
    return buffer.getvalue()
