"""The `geokg` commands the README lists, run as a user runs them: `serve` (workers, the schema
check, its refusal), `schema`, `neo4j status|stop`, `load --format`, `export rdf` with its filters
and formats, `import rdf --format`, and `import bulk --format rdf --keep-csv` and `--strict`."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from rdflib import Graph
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from graph.store.schema import apply_schema
from tests.api_server import free_port
from tests.commands import geokg
from tests.conftest import SEED, load_paths, wipe
from tests.test_datasets import GDELT

runner = CliRunner()


def node_count(driver: Driver) -> int:
    return driver.execute_query("MATCH (n) WHERE NOT n:EventType RETURN count(n) AS n").records[0]["n"]


def serve(settings: Settings, *arguments: str, uri: str | None = None) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "NEO4J_URI": uri or settings.neo4j_uri, "COLUMNS": "200"}
    process = subprocess.Popen([geokg(), "serve", "--port", str(port), *arguments], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return process, f"http://127.0.0.1:{port}"


def wait_for(base_url: str, process: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            httpx.get(f"{base_url}/health", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("the API did not answer")


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.terminate()
    return process.communicate(timeout=30)


def test_serve_answers_from_several_workers(seed_graph: Driver, settings: Settings):
    process, base_url = serve(settings, "--workers", "2")
    try:
        wait_for(base_url, process)
        answers = [httpx.get(f"{base_url}/actors/prk", timeout=10) for _ in range(6)]
        assert {a.status_code for a in answers} == {200} and answers[0].json()["name"]
    finally:
        stdout, _ = stop(process)
    assert "with 2 worker(s)" in " ".join(stdout.split())


def test_serve_says_it_skipped_the_schema_check_when_neo4j_is_away(settings: Settings):
    process, base_url = serve(settings, uri=f"bolt://127.0.0.1:{free_port()}")
    try:
        wait_for(base_url, process)
        assert httpx.get(f"{base_url}/health", timeout=10).status_code == 503
    finally:
        _, stderr = stop(process)
    assert "serving without checking its schema" in " ".join(stderr.split())


def test_serve_refuses_a_database_it_cannot_bring_up_to_date(empty_graph: Driver, settings: Settings):
    """Duplicate actor ids (a database written without the constraint) stop the schema step."""
    database = settings.neo4j_database
    empty_graph.execute_query("DROP INDEX interaction_from", database_=database)
    empty_graph.execute_query("DROP CONSTRAINT actor_id", database_=database)
    empty_graph.execute_query("CREATE (:Actor {id: 'twice'}), (:Actor {id: 'twice'})", database_=database)
    try:
        process, _ = serve(settings)
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 1
        assert "cannot bring the database up to date" in " ".join(stderr.split())
        assert "applying the schema" in stdout
    finally:
        wipe(empty_graph, database)
        apply_schema(empty_graph, database)


def test_schema_creates_what_is_missing(empty_graph: Driver, settings: Settings):
    empty_graph.execute_query("DROP INDEX event_type", database_=settings.neo4j_database)
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0 and "schema applied" in result.output
    names = empty_graph.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS names").records[0]
    assert "event_type" in names["names"]


def test_neo4j_status_and_stop(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    running = runner.invoke(app, ["neo4j", "status"])
    assert running.exit_code == 0 and settings.neo4j_uri.rsplit(":", 1)[1] in running.output
    elsewhere = {**os.environ, "GEOKG_NEO4J_HOME": str(tmp_path / "no-server")}
    status = subprocess.run([geokg(), "neo4j", "status"], env=elsewhere, capture_output=True, text=True)
    assert status.returncode == 3 and "not running" in status.stdout
    stopped = subprocess.run([geokg(), "neo4j", "stop"], env=elsewhere, capture_output=True, text=True)
    assert stopped.returncode == 0 and "was not running" in stopped.stdout
    assert not (tmp_path / "no-server").exists() or not any((tmp_path / "no-server").iterdir())


def test_load_format_is_the_one_given(empty_graph: Driver, tmp_path: Path):
    slice_ = tmp_path / "slice.txt"
    slice_.write_bytes(GDELT.read_bytes())
    assert runner.invoke(app, ["load", "--format", "nonsense", str(slice_)]).exit_code == 2
    misread = runner.invoke(app, ["load", "--format", "acled", str(slice_)])
    assert misread.exit_code == 2 and "slice.txt" in misread.output
    assert empty_graph.execute_query("MATCH (e:Event) RETURN count(e) AS n").records[0]["n"] == 0
    told = runner.invoke(app, ["load", "--format", "gdelt", str(slice_)])
    assert told.exit_code == 2, told.output  # the sample's three bad rows are rejected
    assert empty_graph.execute_query("MATCH (e:Event) RETURN count(e) AS n").records[0]["n"] == 6


def export(*arguments: str, tmp_path: Path, name: str) -> Graph:
    out = tmp_path / name
    result = runner.invoke(app, ["export", "rdf", *arguments, "-o", str(out)])
    assert result.exit_code == 0, result.output
    fmt = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}[name.rsplit(".", 1)[1]]
    return Graph().parse(out, format=fmt)


def test_export_rdf_formats_hold_the_same_triples(seed_graph: Driver, tmp_path: Path):
    every = set(export("--format", "ntriples", tmp_path=tmp_path, name="all.nt"))
    assert len(every) > 1000
    for fmt, name in (("turtle", "all.ttl"), ("jsonld", "all.jsonld"), ("rdfxml", "all.rdf")):
        assert len(set(export("--format", fmt, tmp_path=tmp_path, name=name)) ^ every) == 0, fmt


def test_export_rdf_filters_as_the_api_does(seed_graph: Driver, tmp_path: Path, api: httpx.Client):
    everything = len(export("--format", "ntriples", tmp_path=tmp_path, name="all.nt"))
    for arguments in (["--actor", "prk"], ["--since", "2024", "--until", "2024"], ["--as-of", "2019-12-31"]):
        cli = set(export("--format", "ntriples", *arguments, tmp_path=tmp_path, name="part.nt"))
        params = {"format": "ntriples", arguments[0].lstrip("-").replace("-", "_"): arguments[1]}
        if len(arguments) == 4:
            params[arguments[2].lstrip("-")] = arguments[3]
        served = Graph().parse(data=api.get("/export/rdf", params=params).text, format="nt")
        assert cli == set(served) and 0 < len(cli) < everything, arguments


def test_import_rdf_format_reads_a_file_its_name_does_not_tell(changed_seed_graph: Driver,
                                                               settings: Settings, tmp_path: Path):
    data = tmp_path / "seed.data"
    assert runner.invoke(app, ["export", "rdf", "--format", "ntriples", "-o", str(data)]).exit_code == 0
    before = node_count(changed_seed_graph)
    wipe(changed_seed_graph, settings.neo4j_database)
    unknown = runner.invoke(app, ["import", "rdf", str(data)])
    assert unknown.exit_code == 2
    told = runner.invoke(app, ["import", "rdf", "--format", "ntriples", str(data)])
    assert told.exit_code == 0, told.output
    assert node_count(changed_seed_graph) == before


def test_import_bulk_rdf_keeps_its_csvs_when_asked(empty_graph: Driver, settings: Settings, tmp_path: Path):
    load_paths(empty_graph, settings, SEED)
    exported = tmp_path / "seed.nt"
    assert runner.invoke(app, ["export", "rdf", "--format", "ntriples", "-o", str(exported)]).exit_code == 0
    before = node_count(empty_graph)
    wipe(empty_graph, settings.neo4j_database)
    apply_schema(empty_graph, settings.neo4j_database)
    csv_dir = tmp_path / "csv"
    result = runner.invoke(app, ["import", "bulk", "--format", "rdf", "--keep-csv", "--csv-dir", str(csv_dir),
                                 str(exported)])
    assert result.exit_code == 0, result.output
    assert node_count(empty_graph) == before
    assert {"Actor.csv", "Event.csv", "import.log"} <= {p.name for p in csv_dir.iterdir()}


def test_import_bulk_strict_imports_nothing_when_a_record_is_bad(empty_graph: Driver, tmp_path: Path):
    records = [line for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    broken = json.loads(next(line for line in records if '"record": "event"' in line))
    broken["participants"][0]["actor"] = "nobody_at_all"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([*records, json.dumps(broken | {"id": "ev:dangling"})]) + "\n", "utf-8")
    result = runner.invoke(app, ["import", "bulk", "--strict", "--csv-dir", str(tmp_path / "csv"), str(bad)])
    assert result.exit_code == 2 and "nobody_at_all" in result.output
    assert node_count(empty_graph) == 0
