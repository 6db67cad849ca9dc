"""The networkx view of an actor network: centrality, communities, GraphML."""

from __future__ import annotations

import io

import networkx as nx
from pydantic import BaseModel

from graph.read_models import NetworkView, WindowView


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
    betweenness = nx.betweenness_centrality(graph)
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
                          truncated=view.truncated)


def to_graphml(view: NetworkView) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(view), buffer)
    return buffer.getvalue()
