"""Round trip: export the seed graph as RDF, wipe Neo4j, import the file, ask the API again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from neo4j import Driver
from rdflib import Graph
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from graph.store.schema import apply_schema
from tests.api_server import serve_api
from tests.conftest import SEED, load_paths, wipe

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
