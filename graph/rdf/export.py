"""The RDF export: the graph's records as triples, written in one of four formats.

Every format is written a batch at a time straight to the output, so a large export never sits
in memory whole and takes time linear in its size: N-Triples one line per triple (escaped as
rdflib escapes them), Turtle, JSON-LD and RDF/XML by the streaming writers of
``graph.rdf.streaming`` (rdflib's own serialisers need the whole graph in memory, and its Turtle
one grows faster than the graph).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from enum import StrEnum

from rdflib import Graph, Literal

from graph.cancel import check
from graph.rdf.happenings import happening_batches
from graph.rdf.mapping import RdfMapping, Triple
from graph.rdf.namespaces import Iris, bind_prefixes
from graph.rdf.streaming import JsonLdWriter, RdfXmlWriter, TurtleWriter, escape_literal, stream
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

    def comment(self, text: str) -> bytes:
        """A comment line that may end a document of this format (JSON has none: empty)."""
        if self is RdfFormat.JSONLD:
            return b""
        if self is RdfFormat.RDFXML:  # after the root element, where XML allows comments
            return f"<!-- {text.replace('--', '- -')} -->\n".encode()
        return f"# {text}\n".encode()


MEDIA_TYPES = {
    RdfFormat.TURTLE: "text/turtle",
    RdfFormat.NTRIPLES: "application/n-triples",
    RdfFormat.JSONLD: "application/ld+json",
    RdfFormat.RDFXML: "application/rdf+xml",
}


def ntriples_line(triple: Triple) -> str:
    """One N-Triples line (what rdflib's ``nt`` serialiser writes for the same triple)."""
    subject, predicate, obj = triple
    if isinstance(obj, Literal):
        suffix = (f"@{obj.language}" if obj.language
                  else f"^^<{obj.datatype}>" if obj.datatype else "")
        term = f'"{escape_literal(str(obj))}"{suffix}'
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
        """The event-type scheme, the triples of each batch of records, then the happenings
        those records report."""
        yield self._mapping.event_type_scheme()
        for records in self._reader.records(self._window, self._actor):
            check(self._stop, "the RDF export")
            yield [t for record in records for t in self._mapping.triples(record)]
        pages = self._reader.happenings(self._window, self._actor)
        for batch in happening_batches(self._mapping.iris, pages):
            check(self._stop, "the RDF export")
            yield batch

    def _counted(self) -> Iterator[list[Triple]]:
        for batch in self.batches():
            self.triples += len(batch)
            yield batch

    def ntriples(self) -> Iterator[bytes]:
        """The export as N-Triples, one chunk of bytes per batch."""
        for batch in self._counted():
            yield "".join(map(ntriples_line, batch)).encode("utf-8")

    def graph(self) -> Graph:
        """The whole export as one rdflib graph, with the project's prefixes bound."""
        graph = bind_prefixes(Graph(), self._mapping.iris.base)
        for batch in self.batches():
            graph.addN((s, p, o, graph) for s, p, o in batch)
        self.triples = len(graph)
        return graph

    def serialize(self, fmt: RdfFormat) -> Iterator[bytes]:
        """The export in ``fmt``, one chunk per batch (after a header of prefixes)."""
        if fmt is RdfFormat.NTRIPLES:
            return self.ntriples()
        writers: dict[RdfFormat, type[TurtleWriter | JsonLdWriter | RdfXmlWriter]] = {
            RdfFormat.TURTLE: TurtleWriter, RdfFormat.JSONLD: JsonLdWriter,
            RdfFormat.RDFXML: RdfXmlWriter}
        return stream(writers[fmt](self._mapping.iris.base), self._counted())
