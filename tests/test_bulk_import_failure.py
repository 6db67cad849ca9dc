"""A bulk import that fails leaves the server running on the store it had: the import tool
rejecting a CSV, a step around it failing, the command stopped by a signal.

Each test stops and starts the tests' own server (as tests/test_bulk_import.py does)."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.server import bulk_import as bulk
from graph.server import server_status
from graph.settings import Settings
from graph.store.bulk_csv import BulkFiles, ImportInput


def store(driver: Driver, database: str) -> list[Any]:
    """What the empty database holds: the event-type nodes, with their properties."""
    records, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p "
                                         "ORDER BY n.id", database_=database)
    return [(r["l"], sorted(r["p"].items())) for r in records]


def rejected_csv(folder: Path) -> BulkFiles:
    """Actors whose id repeats: the import tool stops at the duplicate."""
    header, data = folder / "Actor.header.csv", folder / "Actor.csv"
    header.write_text("id:ID(Actor),name\n", encoding="utf-8")
    data.write_text("a,One\nb,Two\na,Again\n", encoding="utf-8")
    return BulkFiles([ImportInput("nodes", "Actor", header, data, multiline=False)])


def assert_server_runs_on_the_old_store(driver: Driver, settings: Settings, before: list[Any]) -> None:
    assert server_status(settings).running
    assert store(driver, settings.neo4j_database) == before and before


def test_an_import_the_tool_rejects_leaves_the_server_running_on_the_old_store(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    before = store(empty_graph, settings.neo4j_database)
    with pytest.raises(bulk.BulkImportError, match="import full failed"):
        bulk.bulk_import(settings, rejected_csv(tmp_path), tmp_path)
    assert "Error importing csv file" in (tmp_path / "import.log").read_text(encoding="utf-8")
    assert_server_runs_on_the_old_store(empty_graph, settings, before)


def test_a_failing_step_before_the_import_restarts_the_server(
    empty_graph: Driver, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def broken(*_: object) -> int:
        raise OSError("neo4j-admin database info could not run")

    monkeypatch.setattr(bulk, "last_transaction", broken)
    before = store(empty_graph, settings.neo4j_database)
    with pytest.raises(OSError, match="could not run"):
        bulk.bulk_import(settings, rejected_csv(tmp_path), tmp_path)
    assert_server_runs_on_the_old_store(empty_graph, settings, before)


def test_a_signal_during_the_import_restarts_the_server_and_says_so(
    empty_graph: Driver, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def terminated(*_: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill` would, while the tool runs

    monkeypatch.setattr(bulk, "run_import_tool", terminated)
    before = store(empty_graph, settings.neo4j_database)
    with pytest.raises(bulk.BulkImportError, match="stopped by SIGTERM; the server was started again"):
        bulk.bulk_import(settings, rejected_csv(tmp_path), tmp_path)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL or callable(signal.getsignal(signal.SIGTERM))
    assert_server_runs_on_the_old_store(empty_graph, settings, before)
