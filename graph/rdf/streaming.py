"""Streaming writers of Turtle, JSON-LD and RDF/XML: each batch of triples is written as it comes.

rdflib's serialisers take a whole in-memory graph, and its Turtle writer grows faster than the
graph (it sorts and looks up every subject's references to decide what to nest): minutes and
hundreds of MB for a graph N-Triples writes in seconds. These writers keep nothing between
batches but the prefixes, so they run in time linear in the export and in the memory of one
batch: the triples of a batch are grouped by subject (a subject named again in a later batch
starts a new block, which every format allows), prefixes go up front, and each term is escaped
as its syntax requires. The export has no blank nodes, so every subject is an IRI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import cast
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.rdf.mapping import Triple
from graph.rdf.namespaces import KINDS, PREFIXES, RDF

#: A local name that Turtle's PN_LOCAL and JSON-LD compact IRIs take as it is (ASCII subset).
_LOCAL = re.compile(r"[A-Za-z0-9_:]([A-Za-z0-9_.:-]*[A-Za-z0-9_:-])?")
#: An XML NCName (ASCII subset): what an RDF/XML property element's local name must be.
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
#: Characters an IRI written between <> may not hold as they are (Turtle's IRIREF).
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


_RDF_TYPE = str(RDF.type)


def escape_literal(value: str) -> str:
    """A literal's text as Turtle and N-Triples quote it: backslash, quote, line feed, carriage
    return escaped; every other character as it is (both syntaxes allow it in UTF-8)."""
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r"))


def namespaces(base_iri: str) -> dict[str, str]:
    """Prefix → namespace: the vocabularies', then one per kind of data node under the base."""
    bound = {prefix: str(terms) for prefix, terms in PREFIXES.items()}
    for kind in KINDS:
        bound[kind.replace("-", "")] = f"{base_iri}{kind}/"
    return bound


def group_by_subject(triples: Iterable[Triple]) -> dict[str, list[tuple[URIRef, Node]]]:
    """The triples of a batch, subject by subject (as plain strings: rdflib's terms hash and
    compare in Python, ten times slower), in the order subjects first appear."""
    grouped: dict[str, list[tuple[URIRef, Node]]] = {}
    plain = str.__str__
    for subject, predicate, obj in triples:
        key = plain(subject)
        pairs = grouped.get(key)
        if pairs is None:
            grouped[key] = [(predicate, obj)]
        else:
            pairs.append((predicate, obj))
    return grouped


def is_type(predicate: URIRef) -> bool:
    """``predicate == RDF.type``, compared as strings (rdflib's ``==`` runs in Python)."""
    return str.__eq__(predicate, _RDF_TYPE) is True


class _Prefixes:
    """Splits IRIs into a bound prefix and a local name that fits ``local``, with one regular
    expression (longer namespaces first, so ``eventtype:`` is not taken for ``event:``)."""

    def __init__(self, bound: dict[str, str], local: re.Pattern[str]) -> None:
        self.bound = bound
        by_namespace = sorted(bound.items(), key=lambda item: -len(item[1]))
        self._prefix_of = {namespace: prefix for prefix, namespace in by_namespace}
        self._split = re.compile(
            "(" + "|".join(re.escape(namespace) for _, namespace in by_namespace) + ")"
            f"({local.pattern})")
        self._terms: dict[str, tuple[str, str] | None] = {}

    def split(self, iri: str) -> tuple[str, str] | None:
        """(prefix, local name), or None when no bound namespace gives a local name that fits."""
        match = self._split.fullmatch(iri)
        return (self._prefix_of[match.group(1)], match.group(2)) if match else None

    def term(self, iri: str) -> tuple[str, str] | None:
        """``split`` of a vocabulary term (a predicate, a class, a datatype), remembered: there
        are a few hundred of them, met on every line."""
        try:
            return self._terms[iri]
        except KeyError:
            found = self._terms[iri] = self.split(iri)
            return found


# Turtle


class TurtleWriter:
    """``@prefix`` lines, then a block per subject of each batch: ``s p o ;\n    p o .``"""

    def __init__(self, base_iri: str) -> None:
        self._prefixes = _Prefixes(namespaces(base_iri), _LOCAL)

    def header(self) -> bytes:
        return "".join(f"@prefix {prefix}: <{namespace}> .\n"
                       for prefix, namespace in self._prefixes.bound.items()).encode() + b"\n"

    def iri(self, iri: str, split: tuple[str, str] | None) -> str:
        if split:
            return f"{split[0]}:{split[1]}"
        return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"

    def term(self, node: Node) -> str:
        if isinstance(node, Literal):
            quoted = f'"{escape_literal(str(node))}"'
            if node.language:
                return f"{quoted}@{node.language}"
            if node.datatype:
                return f"{quoted}^^{self.iri(node.datatype, self._prefixes.term(node.datatype))}"
            return quoted
        iri = cast(str, node)  # not a literal: an IRI (the export has no blank nodes)
        return self.iri(iri, self._prefixes.split(iri))

    def batch(self, triples: Iterable[Triple]) -> bytes:
        blocks = []
        prefixes, iri, term = self._prefixes, self.iri, self.term
        for subject, pairs in group_by_subject(triples).items():
            lines = [
                ("a " + (iri(obj, prefixes.term(obj)) if isinstance(obj, URIRef) else term(obj)))
                if is_type(predicate) else
                (iri(predicate, prefixes.term(predicate)) + " " + term(obj))
                for predicate, obj in pairs]
            blocks.append(iri(subject, prefixes.split(subject)) + " "
                          + " ;\n    ".join(lines) + " .\n")
        return "".join(blocks).encode("utf-8")


# JSON-LD


class JsonLdWriter:
    """One document: ``{"@context": prefixes, "@graph": [node objects]}``. Properties and
    datatypes are compacted with the context's prefixes; node ids are written whole."""

    def __init__(self, base_iri: str) -> None:
        self._prefixes = _Prefixes(namespaces(base_iri), _LOCAL)
        self._first = True

    def header(self) -> bytes:
        return (b'{"@context": ' + json.dumps(self._prefixes.bound).encode() + b',\n"@graph": [\n')

    def footer(self) -> bytes:
        return b"\n]}\n"

    def _compact(self, iri: str) -> str:
        split = self._prefixes.term(iri)
        return f"{split[0]}:{split[1]}" if split else iri

    def _value(self, node: Node) -> dict[str, str]:
        if isinstance(node, Literal):
            value = {"@value": str(node)}
            if node.language:
                value["@language"] = node.language
            elif node.datatype:
                value["@type"] = self._compact(node.datatype)
            return value
        return {"@id": str(node)}

    def batch(self, triples: Iterable[Triple]) -> bytes:
        objects = []
        for subject, pairs in group_by_subject(triples).items():
            node: dict[str, object] = {"@id": subject}
            for predicate, obj in pairs:
                if is_type(predicate) and not isinstance(obj, Literal):
                    types = node.setdefault("@type", [])
                    assert isinstance(types, list)
                    types.append(str(obj))
                else:
                    values = node.setdefault(self._compact(predicate), [])
                    assert isinstance(values, list)
                    values.append(self._value(obj))
            objects.append(json.dumps(node, ensure_ascii=False))
        if not objects:
            return b""
        separator = "" if self._first else ",\n"
        self._first = False
        return (separator + ",\n".join(objects)).encode("utf-8")


# RDF/XML


class RdfXmlWriter:
    """``rdf:Description`` elements under one ``rdf:RDF``. A predicate outside the bound
    namespaces declares its own namespace on its element."""

    def __init__(self, base_iri: str) -> None:
        self._prefixes = _Prefixes(namespaces(base_iri), _NCNAME)

    def header(self) -> bytes:
        declared = "".join(f"\n   xmlns:{prefix}={quoteattr(namespace)}"
                           for prefix, namespace in self._prefixes.bound.items())
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declared}>\n'.encode()

    def footer(self) -> bytes:
        return b"</rdf:RDF>\n"

    def _element(self, predicate: str) -> tuple[str, str]:
        """The element name of a predicate, and the namespace declaration it needs, if any."""
        split = self._prefixes.term(predicate)
        if split:
            return f"{split[0]}:{split[1]}", ""
        match = re.search(r"[A-Za-z_][A-Za-z0-9_.-]*$", predicate)
        if not match:
            raise ValueError(f"RDF/XML cannot write the predicate <{predicate}>")
        namespace = predicate[:match.start()]
        return f"p:{match.group()}", f" xmlns:p={quoteattr(namespace)}"

    def batch(self, triples: Iterable[Triple]) -> bytes:
        out = []
        for subject, pairs in group_by_subject(triples).items():
            out.append(f"  <rdf:Description rdf:about={quoteattr(subject)}>\n")
            for predicate, obj in pairs:
                name, declaration = self._element(predicate)
                if isinstance(obj, Literal):
                    attribute = (f" xml:lang={quoteattr(obj.language)}" if obj.language else
                                 f" rdf:datatype={quoteattr(str(obj.datatype))}" if obj.datatype
                                 else "")
                    content = xml_escape(str(obj), {"\r": "&#13;"})
                    out.append(f"    <{name}{declaration}{attribute}>{content}</{name}>\n")
                else:
                    out.append(f"    <{name}{declaration} rdf:resource={quoteattr(str(obj))}/>\n")
            out.append("  </rdf:Description>\n")
        return "".join(out).encode("utf-8")


def stream(writer: TurtleWriter | JsonLdWriter | RdfXmlWriter,
           batches: Iterable[list[Triple]]) -> Iterator[bytes]:
    """The writer's header, one chunk per batch, then its footer, if it has one."""
    yield writer.header()
    for batch in batches:
        yield writer.batch(batch)
    if not isinstance(writer, TurtleWriter):
        yield writer.footer()
