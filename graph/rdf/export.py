"""The RDF export: the graph's records as triples, written in one of four formats.

N-Triples is written a batch at a time straight to the output (one line per triple, escaped as
rdflib escapes them), so a large export never sits in memory whole. Turtle, JSON-LD and
RDF/XML are written by rdflib from one in-memory graph of the whole export: bounded by the
filter, so narrow a large export with a window or an actor, or take N-Triples.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from rdflib import Graph, Literal

from graph.cancel import check
from graph.rdf.mapping import RdfMapping, Triple
from graph.rdf.namespaces import PREFIXES, Iris, bind_prefixes
from graph.read.export_reader import ExportReader
from graph.temporal import TimeWindow


class RdfFormat(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]

    @property
    def rdflib_name(self) -> str:
        return {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[self]

    @property
    def extension(self) -> str:
        return {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "rdfxml": "rdf"}[self]


MEDIA_TYPES = {
    RdfFormat.TURTLE: "text/turtle",
    RdfFormat.NTRIPLES: "application/n-triples",
    RdfFormat.JSONLD: "application/ld+json",
    RdfFormat.RDFXML: "application/rdf+xml",
}


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")


def ntriples_line(triple: Triple) -> str:
    """One N-Triples line (what rdflib's ``nt`` serialiser writes for the same triple)."""
    subject, predicate, obj = triple
    if isinstance(obj, Literal):
        suffix = (f"@{obj.language}" if obj.language
                  else f"^^<{obj.datatype}>" if obj.datatype else "")
        term = f'"{_escape(str(obj))}"{suffix}'
    else:
        term = f"<{obj}>"
    return f"<{subject}> <{predicate}> {term} .\n"


class RdfExport:
    """One export: its triples in batches, and how many were written so far."""

    def __init__(self, reader: ExportReader, base_iri: str, window: TimeWindow,
                 actor: str | None = None, stop: threading.Event | None = None) -> None:
        self._reader = reader
        self._stop = stop  # set when the export is no longer wanted: checked between batches
        self._mapping = RdfMapping(Iris(base_iri))
        self._window = window
        self._actor = actor
        self.triples = 0

    def batches(self) -> Iterator[list[Triple]]:
        """The event-type scheme, then the triples of each batch of records."""
        yield self._mapping.event_type_scheme()
        for records in self._reader.records(self._window, self._actor):
            check(self._stop, "the RDF export")
            yield [t for record in records for t in self._mapping.triples(record)]

    def ntriples(self) -> Iterator[bytes]:
        """The export as N-Triples, one chunk of bytes per batch."""
        for batch in self.batches():
            self.triples += len(batch)
            yield "".join(map(ntriples_line, batch)).encode("utf-8")

    def graph(self) -> Graph:
        """The whole export as one rdflib graph, with the project's prefixes bound."""
        graph = bind_prefixes(Graph(), self._mapping.iris.base)
        for batch in self.batches():
            graph.addN((s, p, o, graph) for s, p, o in batch)
        self.triples = len(graph)
        return graph

    def serialize(self, fmt: RdfFormat) -> Iterable[bytes]:
        """The export in ``fmt``: streamed for N-Triples, built whole for the other formats."""
        if fmt is RdfFormat.NTRIPLES:
            return self.ntriples()
        options: dict[str, Any] = {}
        if fmt is RdfFormat.JSONLD:  # compact IRIs of the vocabularies, as in Turtle
            options = {"context": {p: str(ns) for p, ns in PREFIXES.items()}, "auto_compact": True}
        return [self.graph().serialize(format=fmt.rdflib_name, encoding="utf-8", **options)]
