"""The streaming Turtle, JSON-LD and RDF/XML writers: what they write parses back (rdflib) to the
graph they were given, for literals full of what escaping gets wrong (quotes, backslashes, line
breaks, control characters, any Unicode, language tags, datatypes) and IRIs that fit no prefix.
The seed's export in every format is compared with N-Triples in tests/test_rdf.py."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.rdf.mapping import Triple
from graph.rdf.namespaces import GEOKG, RDF, RDFS, SKOS, XSD
from graph.rdf.streaming import JsonLdWriter, RdfXmlWriter, TurtleWriter, stream

BASE = "https://data.example.org/kg/"
IDENTIFIER = st.from_regex(r"[a-z0-9][a-z0-9_.:-]{0,20}", fullmatch=True)
LANGUAGE = st.from_regex(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", fullmatch=True)
#: Any character a UTF-8 document can hold (no lone surrogates).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
#: What XML 1.0 can hold: no control characters but tab, line feed and carriage return.
XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff",
                                 min_codepoint=0x9).filter(lambda c: c >= " " or c in "\t\n\r"),
                   max_size=40)


def iris() -> st.SearchStrategy[URIRef]:
    kinds = st.sampled_from(["actor", "event", "claim", "event-type", "relationship"])
    data = st.builds(lambda kind, identifier: URIRef(f"{BASE}{kind}/{identifier}"), kinds, IDENTIFIER)
    nested = st.builds(lambda identifier, tail: URIRef(f"{BASE}event/{identifier}/role/{tail}"),
                       IDENTIFIER, IDENTIFIER)
    foreign = st.builds(lambda identifier: URIRef(f"http://www.wikidata.org/entity/Q{identifier}"),
                        st.integers(1, 10**8).map(str))
    unbound = st.builds(lambda path: URIRef(f"urn:x-test:{path}"), IDENTIFIER)
    return st.one_of(data, nested, foreign, unbound, st.just(URIRef(f"{BASE}event-type/")))


def literals(text: st.SearchStrategy[str]) -> st.SearchStrategy[Literal]:
    return st.one_of(
        text.map(Literal),
        st.builds(lambda value, lang: Literal(value, lang=lang), text, LANGUAGE),
        st.builds(lambda value: Literal(value, datatype=XSD.string), text),
        st.builds(lambda value: Literal(value, datatype=GEOKG.CAMEOCode), text),
        st.dates().map(lambda day: Literal(day.isoformat(), datatype=XSD.date)),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(
            lambda number: Literal(str(number), datatype=XSD.decimal)),
    )


PREDICATES = st.sampled_from([RDF.type, RDFS.label, SKOS.prefLabel, GEOKG.quote, GEOKG.goldstein,
                              URIRef("urn:x-test:predicate"),
                              URIRef("http://example.org/vocab/has-part")])


def batches(text: st.SearchStrategy[str]) -> st.SearchStrategy[list[list[Triple]]]:
    triple = st.tuples(iris(), PREDICATES, st.one_of(iris(), literals(text)))
    return st.lists(st.lists(triple, max_size=12), min_size=1, max_size=4)


def written(writer: TurtleWriter | JsonLdWriter | RdfXmlWriter,
            triples: list[list[Triple]]) -> bytes:
    return b"".join(stream(writer, triples))


def same_graph(triples: list[list[Triple]], document: bytes, rdflib_format: str) -> None:
    expected = Graph()
    for batch in triples:
        for triple in batch:
            expected.add(triple)
    parsed = Graph().parse(data=document, format=rdflib_format)
    assert isomorphic(parsed, expected), document.decode("utf-8", "replace")
    assert set(parsed) == set(expected)


CHECKED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CHECKED
@given(batches(ANY_TEXT))
def test_turtle_parses_back_to_the_same_graph(triples: list[list[Triple]]):
    same_graph(triples, written(TurtleWriter(BASE), triples), "turtle")


@CHECKED
@given(batches(ANY_TEXT))
def test_json_ld_parses_back_to_the_same_graph(triples: list[list[Triple]]):
    same_graph(triples, written(JsonLdWriter(BASE), triples), "json-ld")


@CHECKED
@given(batches(XML_TEXT))
def test_rdf_xml_parses_back_to_the_same_graph(triples: list[list[Triple]]):
    same_graph(triples, written(RdfXmlWriter(BASE), triples), "xml")


def test_turtle_groups_a_batch_by_subject_and_uses_the_prefixes():
    actor, event = URIRef(f"{BASE}actor/prk"), URIRef(f"{BASE}event/ev:1")
    document = written(TurtleWriter(BASE), [[
        (actor, RDF.type, GEOKG.State), (event, RDFS.label, Literal('A "quoted"\ntitle', lang="en")),
        (actor, SKOS.prefLabel, Literal("North Korea", lang="en"))]]).decode()
    assert "@prefix actor: <https://data.example.org/kg/actor/> ." in document
    assert document.count("actor:prk ") == 1  # one block per subject of the batch
    assert 'actor:prk a geokg:State ;\n    skos:prefLabel "North Korea"@en .' in document
    assert 'event:ev:1 rdfs:label "A \\"quoted\\"\\ntitle"@en .' in document


def test_every_writer_writes_a_batch_as_it_comes():
    """A chunk per batch, after the header: nothing waits for the end of the export."""
    pulled: list[int] = []

    def source() -> Iterator[list[Triple]]:
        for number in range(3):
            pulled.append(number)
            yield [(URIRef(f"{BASE}actor/a{number}"), RDFS.label, Literal(f"A{number}"))]

    for writer in (TurtleWriter(BASE), JsonLdWriter(BASE), RdfXmlWriter(BASE)):
        pulled.clear()
        chunks = stream(writer, source())
        next(chunks)  # the header
        assert b"a0" in next(chunks) and pulled == [0]
