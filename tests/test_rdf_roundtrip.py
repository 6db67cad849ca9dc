"""Round trip: export the seed graph as RDF, wipe Neo4j, import the file, ask the API again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from typer.testing import CliRunner

from api.cli import app
from graph.rdf.export import RdfFormat
from graph.settings import Settings
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from loaders.pipeline import load_records
from loaders.rdf import read_rdf
from tests.api_server import serve_api
from tests.conftest import SEED, load_paths, wipe
from tests.test_bulk_import import differences, dump

runner = CliRunner()
QUESTIONS: list[tuple[str, dict[str, str]]] = [
    ("/actors/prk/relationships", {"since": "2025"}),
    ("/actors/prk/relationships", {"as_of": "2025-01-01"}),
    ("/relationships/kim_jong_un/vladimir_putin", {}),
    ("/relationships/rus/prk", {"since": "2024", "until": "2025"}),
    ("/events", {"limit": "500"}),
    ("/events", {"actor": "prk", "status": "occurred", "limit": "500"}),
    ("/network", {"since": "2019"}),
    ("/paths", {"from": "kim_jong_un", "to": "donald_trump"}),
]


def comparable(value: Any) -> Any:
    """The JSON without ``recorded_at``/``updated_at``: when the graph stored it (the import is
    later). Everything else, list order included, must come back the same."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in ("recorded_at", "updated_at")}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def answers(api: httpx.Client) -> dict[str, Any]:
    """The API's answers to the seed questions, and every actor as /actors/{id} shows it."""
    found: dict[str, Any] = {}
    for path, params in QUESTIONS:
        response = api.get(path, params=params)
        assert response.status_code == 200, response.text
        found[f"{path}?{params}"] = comparable(response.json())
    for actor in api.get("/actors", params={"limit": 500}).json()["items"]:
        view = comparable(api.get(f"/actors/{actor['id']}").json())
        # RDF holds sets: names and aliases come back sorted, the same members in another order.
        view["names"] = sorted(view["names"], key=lambda n: (n["lang"], n["text"]))
        view["aliases"] = sorted(view["aliases"])
        found[actor["id"]] = view
    return found


def test_export_wipe_import_gives_the_same_answers(empty_graph: Driver, settings: Settings,
                                                   tmp_path: Path):
    assert not load_paths(empty_graph, settings, SEED).errors
    exported = tmp_path / "seed.ttl"
    with serve_api(settings) as base_url, httpx.Client(base_url=base_url, timeout=30) as api:
        before = answers(api)
        ntriples_before = Graph().parse(data=api.get("/export/rdf?format=ntriples").text, format="nt")
        result = runner.invoke(app, ["export", "rdf", "--format", "turtle", "-o", str(exported)])
        assert result.exit_code == 0, result.output
        assert f"{len(ntriples_before)} triples" in result.output

        wipe(empty_graph, settings.neo4j_database)
        apply_schema(empty_graph, settings.neo4j_database)
        assert api.get("/events").json()["items"] == []
        result = runner.invoke(app, ["import", "rdf", str(exported)])
        assert result.exit_code == 0, result.output

        assert answers(api) == before
        ntriples_after = Graph().parse(data=api.get("/export/rdf?format=ntriples").text, format="nt")
        assert set(ntriples_after) == set(ntriples_before)


def test_importing_twice_changes_nothing_and_strict_writes_nothing_when_a_record_is_bad(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    assert not load_paths(empty_graph, settings, SEED).errors
    exported = tmp_path / "seed.nt"
    assert runner.invoke(app, ["export", "rdf", "-f", "ntriples", "-o", str(exported)]).exit_code == 0
    wipe(empty_graph, settings.neo4j_database)
    assert runner.invoke(app, ["import", "rdf", str(exported)]).exit_code == 0
    again = runner.invoke(app, ["import", "rdf", str(exported)])
    assert again.exit_code == 0
    event_row = next(line for line in again.output.splitlines() if "│ event" in line)
    created, updated, unchanged = (cell.strip() for cell in event_row.split("│")[2:5])
    assert (created, updated) == ("0", "0") and int(unchanged) > 0

    broken = tmp_path / "broken.nt"
    lines = exported.read_text("utf-8").splitlines()
    broken.write_text("\n".join(ln.replace("/ns#Occurred>", "/ns#Happened>") for ln in lines), "utf-8")
    wipe(empty_graph, settings.neo4j_database)
    result = runner.invoke(app, ["import", "rdf", "--strict", str(broken)])
    assert result.exit_code == 2 and "status" in result.output and "nothing was written" in result.output
    records, _, _ = empty_graph.execute_query("MATCH (n) WHERE NOT n:EventType RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_two_representatives_of_one_state_survive_the_round_trip(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    extra = tmp_path / "talks.jsonl"
    extra.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"record": "actor", "id": "choe_son_hui", "name": "Choe Son Hui", "kind": "person",
         "country": "PRK"},
        {"record": "event", "id": "ev:test-talks", "type": "consult", "when": {"start": "2025-08"},
         "participants": [
             {"actor": "kim_jong_un", "role": "participant", "represents": "prk"},
             {"actor": "choe_son_hui", "role": "participant", "represents": "prk"},
             {"actor": "vladimir_putin", "role": "participant", "represents": "rus"}],
         "title": "Talks", "summary": "Talks.",
         "claims": [{"source": "src:seed-000_395fba7793f6db4e", "quote": "x", "language": "en"}]},
    )))
    assert not load_paths(empty_graph, settings, SEED, extra).errors

    def participations() -> list[list[str | None]]:
        records, _, _ = empty_graph.execute_query(
            "MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Event {id: 'ev:test-talks'}) "
            "RETURN a.id AS actor, r.represents AS represents, r.through AS through ORDER BY actor")
        return [[r["actor"], r["represents"], r["through"]] for r in records]

    before = participations()
    assert ["choe_son_hui", "prk", None] in before
    exported = tmp_path / "all.nt"
    assert runner.invoke(app, ["export", "rdf", "-f", "ntriples", "-o", str(exported)]).exit_code == 0
    wipe(empty_graph, settings.neo4j_database)
    apply_schema(empty_graph, settings.neo4j_database)
    assert runner.invoke(app, ["import", "rdf", str(exported)]).exit_code == 0
    assert participations() == before


def rewritten_by_another_tool(graph: Graph) -> Graph:
    """The same graph as another tool may write it, in forms RDF takes as equal or equivalent:
    language tags in capitals (tags are case-insensitive), plain strings typed ``xsd:string`` (the
    same literal in RDF 1.1), decimals as doubles or integers and booleans as 1/0 (the same
    values), as a JSON-LD processor writes JSON numbers and some stores write booleans."""
    other = Graph()
    for subject, predicate, obj in graph:
        if isinstance(obj, Literal):
            if obj.language:
                obj = Literal(str(obj), lang=obj.language.upper())
            elif obj.datatype is None:
                obj = Literal(str(obj), datatype=XSD.string)
            elif obj.datatype == XSD.decimal:
                number = float(str(obj))
                obj = (Literal(str(int(number)), datatype=XSD.integer, normalize=False)
                       if number.is_integer() else
                       Literal(f"{number:E}", datatype=XSD.double, normalize=False))
            elif obj.datatype == XSD.boolean:
                obj = Literal("1" if obj.toPython() else "0", datatype=XSD.boolean, normalize=False)
        other.add((subject, predicate, obj))
    return other


@pytest.mark.parametrize("fmt", [RdfFormat.NTRIPLES, RdfFormat.RDFXML])
def test_an_equivalent_file_written_by_another_tool_imports_as_unchanged(
        empty_graph: Driver, settings: Settings, tmp_path: Path, fmt: RdfFormat):
    """The seed loaded, exported, rewritten by rdflib in other literal forms and another syntax,
    and imported into the graph that holds it: every record is unchanged, and the graph with it
    (with the event data sets too: tests/test_datasets_read.py)."""
    assert not load_paths(empty_graph, settings, SEED).errors
    exported = tmp_path / "all.nt"
    assert runner.invoke(app, ["export", "rdf", "-f", "ntriples", "-o", str(exported)]).exit_code == 0
    original = Graph().parse(exported, format="nt")
    other = rewritten_by_another_tool(original)
    assert set(other) != set(original) and len(other) == len(original)
    rewritten = tmp_path / f"other.{fmt.extension}"
    other.serialize(rewritten, format=fmt.rdflib_name)
    before = dump(empty_graph, settings.neo4j_database)

    items, errors = read_rdf(rewritten)
    assert not errors
    originals = {(type(i.record).__name__, i.record.id): i.record for i in read_rdf(exported)[0]}
    read = {(type(i.record).__name__, i.record.id): i.record for i in items}
    assert read.keys() == originals.keys()
    assert [(read[key], originals[key]) for key in read if read[key] != originals[key]] == []
    report = load_records(items, GraphWriter(empty_graph, settings.neo4j_database))
    assert (report.total("created"), report.total("updated")) == (0, 0), report.counts
    assert report.total("unchanged") == len(items)
    after = dump(empty_graph, settings.neo4j_database)
    assert differences(before.nodes, after.nodes) == []
    assert differences(before.relationships, after.relationships) == []
