"""Happenings in the RDF export (real Neo4j): the seed's Kim–Putin call with a GDELT and a
POLECAT record of it exports as one ``geokg:Happening`` that its three records report, each
membership with its rule and score; the export conforms to the shapes in every format; and a
round trip through ``geokg import rdf`` gives the same happenings (ids, members, rules, scores,
stored properties) and the same triples, and a second import changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from rdflib import Graph
from typer.testing import CliRunner

from api.cli import app
from graph.rdf.export import RdfExport, RdfFormat
from graph.rdf.namespaces import DCTERMS, GEOKG, OWL, RDF, SEM, Iris
from graph.read.export_reader import ExportReader
from graph.settings import Settings
from graph.store.schema import apply_schema
from graph.temporal import TimeWindow
from tests.conftest import SEED, wipe
from tests.test_happenings import CALL, GDELT, POLECAT, grouping, load
from tests.test_rdf import shacl_violations

runner = CliRunner()


@pytest.fixture
def call_in_three(empty_graph: Driver, settings: Settings) -> Driver:
    """The seed, then the GDELT and POLECAT samples (each holds a record of the call)."""
    for paths in ((SEED,), GDELT, POLECAT):
        assert load(empty_graph, settings, paths).counts  # the samples hold bad rows too
    return empty_graph


def exported(driver: Driver, settings: Settings, fmt: RdfFormat = RdfFormat.NTRIPLES,
             window: TimeWindow | None = None, actor: str | None = None) -> Graph:
    export = RdfExport(ExportReader(driver, settings.neo4j_database, batch_size=50),
                       settings.base_iri, window or TimeWindow(), actor)
    return Graph().parse(data=b"".join(export.serialize(fmt)), format=fmt.rdflib_name)


def documented_query() -> str:
    """The SPARQL example of docs/rdf.md's section on happenings."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "rdf.md").read_text("utf-8")
    section = text[text.index("## Happenings"):]
    return section[section.index("```sparql") + len("```sparql"):section.index("```\n\n")]


def happenings(driver: Driver) -> dict[str, dict[str, Any]]:
    """Every happening's stored properties and members (record, rule, score), read directly."""
    members = grouping(driver)
    records, _, _ = driver.execute_query("MATCH (h:Happening) RETURN h {.*} AS h")
    return {r["h"]["id"]: {**r["h"], "members": members[r["h"]["id"]]} for r in records}


def test_the_call_exports_as_one_happening_its_three_records_report(call_in_three: Driver,
                                                                     settings: Settings):
    stored = happenings(call_in_three)
    call = next(h for h in stored.values() if any(m[0] == CALL for m in h["members"]))
    assert len(call["members"]) == 3
    iris = Iris(settings.base_iri)
    rdf = exported(call_in_three, settings)

    node = iris.happening(call["id"])
    assert set(rdf.objects(iris.event(CALL), GEOKG.reports)) == {node}
    assert (node, RDF.type, GEOKG.Happening) in rdf
    assert (node, RDF.type, SEM.Event) not in rdf  # an event by the vocabulary, not a record
    assert str(rdf.value(node, DCTERMS.identifier)) == call["id"]
    reporting = set(rdf.subjects(GEOKG.reports, node))
    assert reporting == {iris.event(record) for record, _, _ in call["members"]}
    assert rdf.value(node, GEOKG.datasetCount).toPython() == 3
    assert {str(d) for d in rdf.objects(node, GEOKG.reportingDataset)} == {
        "curated", "gdelt", "polecat"}
    assert rdf.value(node, GEOKG.status) == GEOKG.Occurred
    assert str(rdf.value(node, SEM.hasEarliestBeginTimeStamp)) == "2025-08-12"
    assert {iris.actor("kim_jong_un"), iris.actor("vladimir_putin")} <= set(
        rdf.objects(node, SEM.hasActor))
    memberships = {
        str(rdf.value(m, GEOKG.record)).rsplit("/", 1)[-1]:
            (str(rdf.value(m, GEOKG.matchRule)), rdf.value(m, GEOKG.matchScore).toPython())
        for m in rdf.subjects(GEOKG.happening, node)}
    assert memberships == {record: (rule, Decimal(repr(score)))
                           for record, rule, score in call["members"]}

    # Every happening of the graph, each reported by exactly its members.
    exported_ids = {str(rdf.value(h, DCTERMS.identifier))
                    for h in rdf.subjects(RDF.type, GEOKG.Happening)}
    assert exported_ids == set(stored)
    for hid, happening in stored.items():
        assert {str(e) for e in rdf.subjects(GEOKG.reports, iris.happening(hid))} == {
            str(iris.event(record)) for record, _, _ in happening["members"]}
        assert set(rdf.objects(iris.happening(hid), OWL.sameAs)) == {
            iris.happening(alias) for alias in happening.get("aliases") or ()}

    rows = rdf.query(documented_query())
    assert {(str(r.record).rsplit("/", 1)[-1], str(r.rule), r.score.toPython()) for r in rows} == {
        (record, rule, Decimal(repr(score))) for record, rule, score in call["members"]}
    assert {frozenset(str(r.datasets).split()) for r in rows} == {
        frozenset({"curated", "gdelt", "polecat"})}  # GROUP_CONCAT has no order

    conforms, _, report = shacl_violations(rdf)
    assert conforms, report
    for fmt in (RdfFormat.TURTLE, RdfFormat.JSONLD, RdfFormat.RDFXML):
        assert set(exported(call_in_three, settings, fmt)) == set(rdf), fmt


def test_a_membership_without_its_score_breaks_the_shapes(call_in_three: Driver,
                                                          settings: Settings):
    rdf = exported(call_in_three, settings)
    membership = Iris(settings.base_iri).membership(CALL)
    rdf.remove((membership, GEOKG.matchScore, None))
    conforms, violations, _ = shacl_violations(rdf)
    assert not conforms and (str(membership), str(GEOKG.matchScore)) in violations


def test_a_filtered_export_holds_the_happenings_of_its_records_and_only_their_memberships(
    call_in_three: Driver, settings: Settings
):
    stored = happenings(call_in_three)
    rdf = exported(call_in_three, settings, window=TimeWindow(since="2025-08-12", until="2025-08-12"),
                   actor="kim_jong_un")
    events = set(rdf.subjects(RDF.type, SEM.Event))
    assert Iris(settings.base_iri).event(CALL) in events
    reporting = set(rdf.subjects(GEOKG.reports, None))
    assert reporting == events  # every exported record, and only those, with its happening
    exported_ids = {str(rdf.value(h, DCTERMS.identifier))
                    for h in rdf.subjects(RDF.type, GEOKG.Happening)}
    assert exported_ids and exported_ids < set(stored)
    assert set(rdf.subjects(RDF.type, GEOKG.Membership)) == {
        Iris(settings.base_iri).membership(str(rdf.value(e, DCTERMS.identifier))) for e in events}
    conforms, _, report = shacl_violations(rdf)
    assert conforms, report


def import_rdf(path: Path) -> str:
    result = runner.invoke(app, ["import", "rdf", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_round_trip_keeps_the_happenings_and_a_reimport_changes_nothing(
    call_in_three: Driver, settings: Settings, tmp_path: Path
):
    before = happenings(call_in_three)
    triples = set(exported(call_in_three, settings))
    path = tmp_path / "all.ttl"
    result = runner.invoke(app, ["export", "rdf", "--format", "turtle", "-o", str(path)])
    assert result.exit_code == 0, result.output

    wipe(call_in_three, settings.neo4j_database)
    apply_schema(call_in_three, settings.neo4j_database)
    import_rdf(path)
    assert happenings(call_in_three) == before  # GDELT mentions (geokg:mention) and their count included
    assert set(exported(call_in_three, settings)) == triples

    again = import_rdf(path)
    event_row = next(line for line in again.splitlines() if "│ event" in line)
    created, updated, unchanged = (cell.strip() for cell in event_row.split("│")[2:5])
    assert (created, updated) == ("0", "0") and int(unchanged) > 0
    assert happenings(call_in_three) == before
