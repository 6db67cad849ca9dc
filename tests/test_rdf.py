"""The RDF export of the seed graph, over real HTTP and the real Neo4j, read back with rdflib.

The round trip through a wiped database is in ``test_rdf_roundtrip.py``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from graph.model import ActorKind, EventStatus, PlaceKind, RelationshipType, Role
from graph.rdf.export import RdfExport, RdfFormat
from graph.rdf.mapping import (
    ACTOR_KIND_CLASSES,
    PLACE_KIND_CLASSES,
    PREDICATES,
    ROLE_TYPES,
    STAMP_TYPES,
    STATUS_TERMS,
)
from graph.rdf.namespaces import DCTERMS, GEOKG, PROV, RDFS, SEM, SKOS, WD, Iris
from graph.read.export_reader import ExportReader
from graph.settings import Settings
from graph.temporal import PartialDate, TimeWindow
from graph.vocabulary import event_types
from loaders.rdf import read_rdf, records_from_graph

CALL = "ev:2025-08-12-kim-putin-call"
SHAPES = Graph().parse(data=resources.files("graph.rdf").joinpath("shapes.ttl").read_text("utf-8"),
                       format="turtle")
VOCABULARY = Graph().parse(data=resources.files("graph.rdf").joinpath("geokg.ttl").read_text("utf-8"),
                           format="turtle")


def export(api: httpx.Client, fmt: str = "turtle", **params: str) -> Graph:
    response = api.get("/export/rdf", params={"format": fmt, **params})
    assert response.status_code == 200, response.text
    return Graph().parse(data=response.content, format=RdfFormat(fmt).rdflib_name)


@pytest.fixture(scope="module")
def iris(settings: Settings) -> Iris:
    return Iris(settings.base_iri)


@pytest.fixture
def seed_rdf(api: httpx.Client) -> Graph:
    return export(api)


def shacl_violations(graph: Graph) -> tuple[bool, set[tuple[str, str]], str]:
    """Whether the graph conforms, the (focus node, path) of every violation, and the report."""
    conforms, report, text = validate(graph, shacl_graph=SHAPES)
    found = {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
             for r in report.subjects(RDF.type, SH.ValidationResult)}
    return conforms, found, text


# Formats


@pytest.mark.parametrize("fmt", [f.value for f in RdfFormat])
def test_each_format_parses_back_to_the_same_triples_as_ntriples(api: httpx.Client, fmt: str):
    text = api.get("/export/rdf", params={"format": "ntriples"}).text
    assert text.endswith(" triples\n") and "# geokg: export complete, " in text.splitlines()[-1]
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    ntriples = Graph().parse(data="\n".join(lines), format="nt")
    assert len(ntriples) == len(lines) > 1000  # each triple written once
    parsed = export(api, fmt)
    assert len(parsed) == len(lines)
    assert set(parsed) == set(ntriples)
    conforms, _, report = shacl_violations(parsed)
    assert conforms, report


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_the_accept_header_chooses_the_format(api: httpx.Client, fmt: RdfFormat):
    response = api.get("/export/rdf", headers={"Accept": f"text/html;q=0.9, {fmt.media_type}"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    assert len(Graph().parse(data=response.content, format=fmt.rdflib_name)) > 1000


@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/json", RdfFormat.JSONLD), ("text/plain", RdfFormat.NTRIPLES),
    ("application/xml", RdfFormat.RDFXML), ("text/xml;q=0.5, image/png", RdfFormat.RDFXML),
    ("*/*", RdfFormat.TURTLE), ("text/html, text/*;q=0.2", RdfFormat.TURTLE),
    ("*/*, application/ld+json", RdfFormat.JSONLD), ("application/*", RdfFormat.NTRIPLES),
])
def test_a_general_media_type_chooses_the_format_that_fits_it(api: httpx.Client, accept: str,
                                                              fmt: RdfFormat):
    response = api.get("/export/rdf", headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    assert len(Graph().parse(data=response.content, format=fmt.rdflib_name)) > 1000


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_every_format_is_streamed_and_says_when_it_is_complete(api: httpx.Client, fmt: RdfFormat):
    response = api.get("/export/rdf", params={"format": fmt.value})
    assert "content-length" not in response.headers  # sent as it is written
    triples = len(Graph().parse(data=response.content, format=fmt.rdflib_name))
    if fmt is not RdfFormat.JSONLD:  # JSON has no comments: a cut document is left unclosed
        assert response.text.rstrip().splitlines()[-1].endswith(
            f"geokg: export complete, {triples} triples" + (" -->" if fmt is RdfFormat.RDFXML else ""))


def test_format_parameter_overrides_accept_and_unknown_accept_is_406(api: httpx.Client):
    response = api.get("/export/rdf", params={"format": "ntriples"},
                       headers={"Accept": "application/rdf+xml"})
    assert response.headers["content-type"].startswith("application/n-triples")
    assert api.get("/export/rdf", headers={"Accept": "image/png"}).status_code == 406
    assert api.get("/export/rdf").headers["content-type"].startswith("text/turtle")


def test_ntriples_are_streamed_a_batch_at_a_time(seed_graph: Driver, settings: Settings,
                                                 api: httpx.Client):
    reader = ExportReader(seed_graph, settings.neo4j_database, batch_size=5)
    chunks = list(RdfExport(reader, settings.base_iri, TimeWindow()).ntriples())
    events = len(api.get("/events", params={"limit": 500}).json()["items"])
    assert len(chunks) > events // 5  # the event-type scheme, then one chunk per batch of records
    streamed = Graph().parse(data=b"".join(chunks).decode(), format="nt")
    assert set(streamed) == set(export(api, "ntriples"))
    response = api.get("/export/rdf", params={"format": "ntriples"})
    assert "content-length" not in response.headers  # sent as it is written


def test_bad_filters_are_answered_like_the_rest_of_the_api(api: httpx.Client):
    missing = api.get("/export/rdf", params={"actor": "atlantis"})
    assert missing.status_code == 404 and "atlantis" in missing.json()["detail"][0]["msg"]
    bad = api.get("/export/rdf", params={"since": "2025", "until": "2024"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "since"]


# The mapping, checked against what the API says about the same graph


def test_sparql_finds_the_kim_putin_events_of_2025_the_api_lists(api: httpx.Client, seed_rdf: Graph,
                                                                 iris: Iris):
    query = """
        SELECT ?id WHERE {
          ?e a sem:Event ; dcterms:identifier ?id ; sem:hasActor ?kim, ?putin ;
             sem:hasEarliestBeginTimeStamp ?from .
          OPTIONAL { ?e sem:hasLatestEndTimeStamp ?to }
          FILTER (?from <= ?until && (!BOUND(?to) || ?to >= ?since))
        } ORDER BY ?from ?id"""
    year = PartialDate.parse("2025")
    rows = seed_rdf.query(query, initNs={"sem": SEM, "dcterms": DCTERMS}, initBindings={
        "kim": iris.actor("kim_jong_un"), "putin": iris.actor("vladimir_putin"),
        "since": Literal(year.earliest), "until": Literal(year.latest),
    })
    timeline = api.get("/relationships/kim_jong_un/vladimir_putin",
                       params={"since": "2025", "until": "2025"}).json()
    expected = [e["id"] for e in timeline["events"]]
    assert CALL in expected
    assert [str(row.id) for row in rows] == expected


@pytest.mark.parametrize("day", ["2024-01-01", "2024-06-19", "2024-12-03", "2024-12-04", "2025-01-01"])
def test_sparql_finds_the_allies_of_north_korea_the_api_shows_as_of_a_day(
    api: httpx.Client, seed_rdf: Graph, iris: Iris, day: str
):
    query = """
        SELECT DISTINCT ?ally WHERE {
          ?r a geokg:StandingRelationship ; rdf:predicate geokg:allyOf ;
             sem:hasEarliestBeginTimeStamp ?from .
          { ?r rdf:subject ?prk ; rdf:object ?other } UNION { ?r rdf:object ?prk ; rdf:subject ?other }
          ?other dcterms:identifier ?ally .
          OPTIONAL { ?r sem:hasLatestEndTimeStamp ?to }
          FILTER (?from <= ?day && (!BOUND(?to) || ?to >= ?day))
        }"""
    rows = seed_rdf.query(query, initNs={"sem": SEM, "geokg": GEOKG, "rdf": RDF, "dcterms": DCTERMS},
                          initBindings={"prk": iris.actor("prk"),
                                        "day": Literal(PartialDate.parse(day).earliest)})
    body = api.get("/actors/prk/relationships", params={"as_of": day}).json()
    allies = {c["counterpart"]["id"] for c in body["counterparts"]
              for r in c["standing_relationships"] if r["type"] == "ALLY_OF"}
    assert {str(row.ally) for row in rows} == allies
    assert bool(allies) == (day >= "2024-12-04")  # the treaty's entry into force, not its signing


def test_actors_have_labels_in_every_language_and_sameas_wikidata(api: httpx.Client, seed_rdf: Graph,
                                                                  iris: Iris):
    for actor in api.get("/actors", params={"limit": 500}).json()["items"]:
        node = iris.actor(actor["id"])
        labels = {(str(v), v.language) for v in seed_rdf.objects(node, RDFS.label)}
        assert labels == {(actor["name"], "en")} | {(n["text"], n["lang"]) for n in actor["names"]}
        same_as = set(seed_rdf.objects(node, URIRef("http://www.w3.org/2002/07/owl#sameAs")))
        assert same_as == ({WD[actor["wikidata"]]} if actor["wikidata"] else set())
    putin = {(str(v), v.language) for v in seed_rdf.objects(iris.actor("vladimir_putin"), RDFS.label)}
    assert {("بوتين", "ar"), ("Vladimir Putin", "en")} <= putin


def test_time_stamps_are_typed_by_precision(api: httpx.Client, seed_rdf: Graph, iris: Iris):
    for event in api.get("/events", params={"limit": 500}).json()["items"]:
        node = iris.event(event["id"])
        prop = SEM.hasBeginTimeStamp if event["time_precision"] == "interval" else SEM.hasTimeStamp
        stamp = seed_rdf.value(node, prop)
        assert str(stamp) == event["time_start"]
        assert stamp.datatype == STAMP_TYPES[PartialDate.parse(event["time_start"]).precision]
        end = seed_rdf.value(node, SEM.hasEndTimeStamp)
        assert (str(end) if end else None) == event["time_end"]
        assert (seed_rdf.value(node, GEOKG.ongoing) is not None) == event["ongoing"]
        assert seed_rdf.value(node, GEOKG.status) == STATUS_TERMS[event["status"]]


def test_claims_keep_quote_language_attribution_and_source(api: httpx.Client, seed_rdf: Graph, iris: Iris):
    event = api.get(f"/events/{CALL}").json()
    node = iris.event(CALL)
    claims = []
    for claim in seed_rdf.objects(node, GEOKG.supportedBy):
        quote = seed_rdf.value(claim, GEOKG.quote)
        claims.append((str(quote), quote.language, str(seed_rdf.value(claim, GEOKG.translation)),
                       sorted(str(seed_rdf.value(a, DCTERMS.identifier))
                              for a in seed_rdf.objects(claim, PROV.wasAttributedTo)),
                       sorted(str(seed_rdf.value(a, DCTERMS.identifier))
                              for a in seed_rdf.objects(claim, GEOKG.relayedBy)),
                       str(seed_rdf.value(seed_rdf.value(claim, PROV.wasQuotedFrom), DCTERMS.identifier))))
    expected = [(c["quote"], c["language"], c["translation"], sorted(a["id"] for a in c["attributed_to"]),
                 sorted(a["id"] for a in c["via"]), c["source"]["id"]) for c in event["claims"]]
    assert sorted(claims) == sorted(expected) and expected
    sources = {c["source"]["id"] for c in event["claims"]}
    assert set(seed_rdf.objects(node, PROV.wasDerivedFrom)) == {iris.source(s) for s in sources}


def test_roles_say_through_whom_a_state_takes_part(api: httpx.Client, seed_rdf: Graph, iris: Iris):
    event = api.get(f"/events/{CALL}").json()
    roles = {(seed_rdf.value(r, RDF.value), seed_rdf.value(r, SEM.roleType), seed_rdf.value(r, GEOKG.through))
             for r in seed_rdf.objects(iris.event(CALL), SEM.hasActor) if (r, RDF.type, SEM.Role) in seed_rdf}
    expected = {(iris.actor(p["actor"]["id"]), ROLE_TYPES[p["role"]],
                 iris.actor(p["through"]) if p["through"] else None) for p in event["participants"]}
    assert roles == expected and any(through for _, _, through in expected)


def test_event_types_form_a_skos_scheme_mapped_to_cameo(seed_rdf: Graph, iris: Iris):
    for kind in event_types().values():
        concept = iris.event_type(kind.id)
        notations = {n.datatype: str(n) for n in seed_rdf.objects(concept, SKOS.notation)}
        assert notations.get(GEOKG.CAMEOCode) == kind.cameo
        assert notations.get(GEOKG.PLOVERType) == kind.plover_type
        assert (concept, SKOS.inScheme, iris.event_type_scheme) in seed_rdf
    used = set(seed_rdf.objects(None, SEM.eventType))
    assert used and all((t, RDF.type, SKOS.Concept) in seed_rdf for t in used)


def test_standing_relationships_are_reified_with_their_validity(api: httpx.Client, seed_rdf: Graph,
                                                               iris: Iris):
    for relation in api.get("/actors/prk").json()["standing_relationships"]:
        node = iris.relationship(relation["id"])
        assert seed_rdf.value(node, RDF.predicate) == PREDICATES[relation["type"]]
        ends = {seed_rdf.value(node, RDF.subject), seed_rdf.value(node, RDF.object)}
        assert ends == {iris.actor("prk"), iris.actor(relation["counterpart"]["id"])}
        assert str(seed_rdf.value(node, SEM.hasEarliestBeginTimeStamp)) == relation["valid_from"]
        derived = seed_rdf.value(node, GEOKG.derivedFromEvent)
        assert derived == (iris.event(relation["derived_from"]) if relation["derived_from"] else None)


def test_the_base_iri_moves_the_data_and_the_import_finds_the_same_records(
    seed_graph: Driver, settings: Settings, seed_rdf: Graph
):
    reader = ExportReader(seed_graph, settings.neo4j_database)
    moved = RdfExport(reader, "https://research.example.net/kg", TimeWindow()).graph()
    events = set(moved.subjects(RDF.type, SEM.Event))
    assert events and all(str(e).startswith("https://research.example.net/kg/event/") for e in events)
    records, errors = records_from_graph(moved, "moved")
    original, _ = records_from_graph(seed_rdf, "seed")
    assert not errors
    assert sorted(r.record.model_dump_json() for r in records) == sorted(
        r.record.model_dump_json() for r in original)


# The vocabulary and the shapes


def test_every_geokg_term_is_declared_in_the_vocabulary(seed_rdf: Graph):
    declared = {s for s in VOCABULARY.subjects(RDF.type, None) if str(s).startswith(str(GEOKG))}
    used = {term for triple in [*seed_rdf, *SHAPES] for term in triple
            if isinstance(term, URIRef) and str(term).startswith(str(GEOKG))}
    used |= {d for d in (n.datatype for n in seed_rdf.objects() if isinstance(n, Literal)) if d}
    used = {t for t in used if str(t).startswith(str(GEOKG))}
    for enum, terms in ((ActorKind, ACTOR_KIND_CLASSES), (PlaceKind, PLACE_KIND_CLASSES),
                        (Role, ROLE_TYPES), (EventStatus, STATUS_TERMS), (RelationshipType, PREDICATES)):
        assert set(terms) == {member.value for member in enum}
        used |= set(terms.values())
    assert used and used <= declared, sorted(used - declared)


@pytest.mark.parametrize("params", [{"actor": "prk", "since": "2025"}, {"until": "2019"},
                                    {"as_of": "2024-06-19", "actor": "kim_jong_un"}])
def test_a_filtered_export_holds_the_events_the_api_lists_and_all_they_need(
    api: httpx.Client, params: dict[str, str]
):
    filtered = export(api, "ntriples", **params)
    exported = {str(filtered.value(e, DCTERMS.identifier)) for e in filtered.subjects(RDF.type, SEM.Event)}
    listed = api.get("/events", params={**params, "limit": 500}).json()["items"]
    assert exported == {e["id"] for e in listed} and exported
    conforms, _, report = shacl_violations(filtered)  # every actor, place, source named is there
    assert conforms, report
    assert len(filtered) < len(export(api, "ntriples"))


def test_a_hand_broken_file_fails_validation_naming_each_violation(seed_rdf: Graph, iris: Iris,
                                                                  tmp_path: Path):
    broken = Graph()
    broken += seed_rdf
    event = iris.event(CALL)
    broken.set((event, GEOKG.status, Literal("occurred")))
    claim = broken.value(event, GEOKG.supportedBy)
    broken.remove((claim, GEOKG.quote, None))
    path = tmp_path / "broken.ttl"
    path.write_text(broken.serialize(format="turtle"), "utf-8")
    conforms, violations, report = shacl_violations(Graph().parse(path))
    assert not conforms
    assert (str(event), str(GEOKG.status)) in violations
    assert (str(claim), "None") in violations  # neither quoted nor from a data set
    assert "a claim quotes its source (geokg:quote, prov:wasQuotedFrom), or comes from" in report


def test_importing_a_broken_file_names_each_bad_record_and_field(seed_rdf: Graph, iris: Iris,
                                                                 tmp_path: Path):
    broken = Graph()
    broken += seed_rdf
    broken.set((iris.event(CALL), SEM.eventType, iris.event_type("no_such_type")))
    relationship = next(broken.subjects(RDF.type, GEOKG.StandingRelationship))
    broken.add((relationship, RDF.subject, iris.actor("usa")))
    path = tmp_path / "broken.nt"
    path.write_text(broken.serialize(format="nt"), "utf-8")
    records, errors = read_rdf(path)
    found = {(e.record_id, e.field) for e in errors}
    assert (CALL, "type") in found
    assert (str(broken.value(relationship, DCTERMS.identifier)), "rdf:subject") in found
    happenings = set(seed_rdf.subjects(RDF.type, GEOKG.Happening))  # not records: regrouped
    assert len(records) == (len(set(seed_rdf.subjects(DCTERMS.identifier))) - len(event_types())
                            - len(happenings) - 2)
    with pytest.raises(ValueError, match="not valid rdfxml"):
        read_rdf(path, RdfFormat.RDFXML)
