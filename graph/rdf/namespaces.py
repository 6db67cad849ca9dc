"""The RDF namespaces of the export and the stable IRIs of the graph's nodes.

Data IRIs live under the configurable base (``GEOKG_BASE_IRI``): ``{base}actor/{id}``,
``{base}event/{id}``, … The project's own terms (``geokg:``) live in a fixed namespace, declared in
``graph/rdf/geokg.ttl``; the base only moves the data, never the vocabulary.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef, namespace


class Terms:
    """A namespace whose terms are made once (``SEM.hasActor``, ``GEOKG["allyOf"]``).

    rdflib makes a new ``URIRef`` on every attribute access of a namespace, which weighs on an
    export of millions of triples; this keeps each term after its first use. A closed rdflib
    namespace (``RDF``, ``SKOS``…) still refuses a term it does not define.
    """

    def __init__(self, wrapped: Any) -> None:
        self._wrapped = wrapped
        self._terms: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)  # found as a plain attribute from now on
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = URIRef(self._wrapped[name])
        return term

    def __str__(self) -> str:
        return str(self._wrapped)


SEM = Terms(Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/"))
GEOKG = Terms(Namespace("https://geokg.example.org/ns#"))
WD = Terms(Namespace("http://www.wikidata.org/entity/"))
SCHEMA = Terms(namespace.SDO)
DCTERMS, OWL, PROV = Terms(namespace.DCTERMS), Terms(namespace.OWL), Terms(namespace.PROV)
RDF, RDFS = Terms(namespace.RDF), Terms(namespace.RDFS)
SKOS, XSD = Terms(namespace.SKOS), Terms(namespace.XSD)

PREFIXES: dict[str, Terms] = {
    "geokg": GEOKG, "sem": SEM, "prov": PROV, "schema": SCHEMA, "skos": SKOS, "dcterms": DCTERMS,
    "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "wd": WD,
}


#: The kinds of data node, each with its IRIs under ``{base}{kind}/`` and a prefix of its name.
KINDS = ("actor", "place", "source", "event", "claim", "relationship", "event-type", "happening")


def bind_prefixes(graph: Graph, base_iri: str) -> Graph:
    """The usual prefixes, plus one per kind of data node under the base (``actor:``, ``event:``…)."""
    for prefix, terms in PREFIXES.items():
        graph.bind(prefix, Namespace(str(terms)), replace=True)
    for kind in KINDS:
        graph.bind(kind.replace("-", ""), Namespace(f"{base_iri}{kind}/"), replace=True)
    return graph


class Iris:
    """The IRIs of one export: every node's IRI is its kind and id under the base."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
        self._kept: dict[tuple[str, str], URIRef] = {}

    def _node(self, kind: str, identifier: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{identifier}")

    def _kept_node(self, kind: str, identifier: str) -> URIRef:
        """The IRI of a node named again and again (an actor, a place…), made once per export."""
        iri = self._kept.get((kind, identifier))
        if iri is None:
            iri = self._kept[(kind, identifier)] = self._node(kind, identifier)
        return iri

    def actor(self, identifier: str) -> URIRef:
        return self._kept_node("actor", identifier)

    def place(self, identifier: str) -> URIRef:
        return self._kept_node("place", identifier)

    def source(self, identifier: str) -> URIRef:
        return self._kept_node("source", identifier)

    def event(self, identifier: str) -> URIRef:
        return self._node("event", identifier)

    def claim(self, identifier: str) -> URIRef:
        return self._node("claim", identifier)

    def relationship(self, identifier: str) -> URIRef:
        return self._node("relationship", identifier)

    def event_type(self, identifier: str) -> URIRef:
        return self._kept_node("event-type", identifier)

    def event_family(self, family: str) -> URIRef:
        return self._node("event-type", f"family/{family}")

    @property
    def event_type_scheme(self) -> URIRef:
        return URIRef(f"{self.base}event-type/")


    def happening(self, identifier: str) -> URIRef:
        return self._node("happening", identifier)

    def membership(self, event_id: str) -> URIRef:
        """A record's membership of its happening (one per record: graph/rdf/happenings.py)."""
        return URIRef(f"{self.event(event_id)}/happening")

    def role(self, event_id: str, actor_id: str, role: str) -> URIRef:
        return URIRef(f"{self.event(event_id)}/role/{actor_id}/{role}")

    def quantity(self, event_id: str, position: int) -> URIRef:
        return URIRef(f"{self.event(event_id)}/quantity/{position}")

    def external_id(self, actor_id: str, scheme: str) -> URIRef:
        return URIRef(f"{self.actor(actor_id)}/external-id/{quote(scheme, safe='')}")

    def event_external_id(self, event_id: str, scheme: str) -> URIRef:
        return URIRef(f"{self.event(event_id)}/external-id/{quote(scheme, safe='')}")

    def metric(self, event_id: str, key: str) -> URIRef:
        return URIRef(f"{self.event(event_id)}/metric/{quote(key, safe='')}")

    def dataset_id(self, node: URIRef, key: str, value: str) -> URIRef:
        """A data set's identifier of an actor or place: a key may repeat, so the value is in the IRI."""
        return URIRef(f"{node}/dataset-id/{quote(key, safe='')}/{quote(value, safe='')}")


def local_id(iri: str) -> str:
    """The id an IRI names: its last path segment (``…/actor/prk`` → ``prk``)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]
