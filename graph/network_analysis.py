"""The networkx view of an actor network: centrality, communities, GraphML.

Centrality is CPU work that grows fast with the network, so it runs under a time budget: small
networks in the caller's thread, larger ones in a worker process that is killed when the budget
runs out (``AnalyticsTimeout``), at most ``WORKERS`` at once. Above ``BETWEENNESS_SAMPLE`` actors,
betweenness is estimated from that many sampled source actors (networkx's ``k``, seeded).
"""

from __future__ import annotations

import io
import multiprocessing
import threading
import time
from multiprocessing.connection import Connection

import networkx as nx
from pydantic import BaseModel, Field

from graph.read_models import NetworkView, WindowView

#: Above this many actors, betweenness is estimated from this many sampled source actors.
BETWEENNESS_SAMPLE = 500


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
        0, description="How many source actors betweenness was computed from: all of them, or a "
        f"seeded sample of {BETWEENNESS_SAMPLE} in a larger network.")


class AnalyticsTimeout(RuntimeError):
    """The analysis did not finish within its time budget."""


#: Networks this small are analysed in the caller's thread (milliseconds); larger in a worker.
INLINE_ACTORS = 300
#: Analyses running at once, at most; the others wait within their own budget.
WORKERS = 2
_slots = threading.BoundedSemaphore(WORKERS)
_processes = multiprocessing.get_context("forkserver")
_processes.set_forkserver_preload(["graph.network_analysis"])


def to_networkx(view: NetworkView) -> nx.MultiDiGraph:
    """Actors as nodes; every edge of the view (interactions and standing relationships) kept."""
    graph = nx.MultiDiGraph()
    for node in view.nodes:
        graph.add_node(node.id, name=node.name, kind=node.kind or "", country=node.country or "")
    for edge in view.edges:
        graph.add_edge(
            edge.source, edge.target, type=edge.type, events=edge.events,
            goldstein_total=edge.goldstein_total or 0.0, event_types=",".join(edge.event_types),
            first=edge.first.isoformat() if edge.first else "",
            last=edge.last.isoformat() if edge.last else "",
        )
    return graph


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


def centrality(view: NetworkView) -> CentralityView:
    graph = interaction_graph(view)
    names = {node.id: node.name for node in view.nodes}
    if graph.number_of_nodes() == 0:
        return CentralityView(window=view.window, actors=[], communities=[], truncated=view.truncated)
    degree = nx.degree_centrality(graph)
    sources = min(graph.number_of_nodes(), BETWEENNESS_SAMPLE)
    betweenness = nx.betweenness_centrality(
        graph, k=sources if sources < graph.number_of_nodes() else None, seed=7)
    pagerank = nx.pagerank(graph, weight="weight")
    communities = [sorted(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=7)]
    communities.sort(key=lambda c: (-len(c), c))
    community_of = {actor: i for i, members in enumerate(communities) for actor in members}
    actors = [
        ActorCentrality(id=actor, name=names.get(actor, actor), degree=round(degree[actor], 6),
                        betweenness=round(betweenness[actor], 6), pagerank=round(pagerank[actor], 6),
                        community=community_of[actor])
        for actor in graph.nodes
    ]
    actors.sort(key=lambda a: (-a.pagerank, a.id))
    return CentralityView(window=view.window, actors=actors, communities=communities,
                          truncated=view.truncated, betweenness_sources=sources)


def _centrality_worker(view: NetworkView, results: Connection) -> None:
    try:
        results.send(centrality(view))
    except Exception as error:  # sent back and raised in the caller
        results.send(error)


def centrality_within(view: NetworkView, seconds: float) -> CentralityView:
    """``centrality(view)`` within ``seconds`` (waiting for a free worker included), or
    ``AnalyticsTimeout``; a worker over its budget is killed, so the work stops with the answer."""
    deadline = time.monotonic() + seconds
    if not _slots.acquire(timeout=seconds):
        raise AnalyticsTimeout(f"the analysis did not start within {seconds:g} s: "
                               f"{WORKERS} others are running; try again or narrow the window")
    try:
        if len(view.nodes) <= INLINE_ACTORS:
            return centrality(view)
        receiver, sender = _processes.Pipe(duplex=False)
        worker = _processes.Process(target=_centrality_worker, args=(view, sender), daemon=True)
        worker.start()
        sender.close()
        try:
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                raise AnalyticsTimeout(f"the analysis of {len(view.nodes)} actors took more than "
                                       f"{seconds:g} s; narrow the window")
            result = receiver.recv()
        finally:
            worker.kill()
            worker.join()
            receiver.close()
        if isinstance(result, Exception):
            raise result
        return result
    finally:
        _slots.release()


def to_graphml(view: NetworkView) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(view), buffer)
    return buffer.getvalue()
