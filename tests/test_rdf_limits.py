"""The RDF import's memory bound (GEOKG_RDF_MAX_MEMORY_MB): a parse that needs more is refused with
the setting named, exit 2, nothing written; one within it goes through."""

from __future__ import annotations

import os
import subprocess
from functools import partial
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from loaders.rdf_guard import UnsafeRdf, run_bounded
from tests.commands import geokg
from tests.conftest import wipe


def test_a_task_over_its_memory_is_refused_naming_the_setting():
    with pytest.raises(UnsafeRdf, match=r"more than 256 MB \(GEOKG_RDF_MAX_MEMORY_MB\)"):
        run_bounded(partial(bytearray, 1024 * 2**20), 60, 256)
    assert run_bounded(partial(bytearray, 16 * 2**20), 60, 1024) == bytearray(16 * 2**20)


def test_geokg_import_rdf_refuses_a_file_over_the_memory_bound(changed_seed_graph: Driver,
                                                                settings: Settings, tmp_path: Path):
    exported = tmp_path / "seed.ttl"
    assert CliRunner().invoke(app, ["export", "rdf", "-o", str(exported)]).exit_code == 0
    wipe(changed_seed_graph, settings.neo4j_database)
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "COLUMNS": "200"}
    bounded = subprocess.run([geokg(), "import", "rdf", str(exported)], capture_output=True, text=True,
                             env={**env, "GEOKG_RDF_MAX_MEMORY_MB": "48"}, timeout=300)
    assert bounded.returncode == 2, bounded.stdout + bounded.stderr
    assert "GEOKG_RDF_MAX_MEMORY_MB" in " ".join(bounded.stderr.split())
    count = "MATCH (n) WHERE NOT n:EventType RETURN count(n) AS n"
    assert changed_seed_graph.execute_query(count).records[0]["n"] == 0
    enough = subprocess.run([geokg(), "import", "rdf", str(exported)], capture_output=True, text=True,
                            env=env, timeout=300)
    assert enough.returncode == 0, enough.stdout + enough.stderr
    assert changed_seed_graph.execute_query(count).records[0]["n"] > 50


def test_an_rdf_file_with_no_record_to_import_is_refused_not_imported_as_nothing(tmp_path: Path):
    collection = tmp_path / "collection.ttl"  # valid Turtle, one long list, no geokg node
    collection.write_text("@prefix ex: <http://example.org/> .\nex:s ex:p ("
                          + " ".join(f"ex:n{i}" for i in range(5000)) + ") .\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "rdf", str(collection)])
    said = " ".join(result.output.split())
    assert result.exit_code == 2, said
    assert "refused: it holds 10001 triples but no record to import" in said


def test_a_long_rdf_collection_over_the_memory_bound_is_refused_naming_the_setting(tmp_path: Path):
    collection = tmp_path / "collection.ttl"
    collection.write_text("@prefix ex: <http://example.org/> .\nex:s ex:p ("
                          + " ".join(f"ex:n{i}" for i in range(100_000)) + ") .\n", encoding="utf-8")
    result = subprocess.run([geokg(), "import", "rdf", str(collection)], capture_output=True,
                            text=True, env={**os.environ, "GEOKG_RDF_MAX_MEMORY_MB": "200"}, timeout=300)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "GEOKG_RDF_MAX_MEMORY_MB" in " ".join(result.stderr.split())
