"""Fixtures against the real Neo4j server. Nothing here is mocked.

The tests wipe the database they run against, so they refuse to run unless
``GEOKG_TEST_DATABASE_IS_DISPOSABLE=1`` says the server is a test server (``scripts/test``
starts one of its own, beside any server you use for real data). An unreachable server fails
the run; it never skips.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from graph.settings import Settings, get_settings
from graph.store.driver import create_driver
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from loaders.native import read_files
from loaders.pipeline import load_records
from loaders.report import LoadReport
from tests.api_server import serve_api

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed_2025-08-13.jsonl"


def database_is_disposable() -> bool:
    """Whether ``GEOKG_TEST_DATABASE_IS_DISPOSABLE=1`` says the database the NEO4J_* settings name
    may be wiped: the tests and ``python -m tests.screenshots`` wipe it to load the seed."""
    return os.environ.get("GEOKG_TEST_DATABASE_IS_DISPOSABLE") == "1"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[Driver]:
    if not database_is_disposable():
        pytest.fail(
            "the tests wipe the database: run them with scripts/test, or set "
            "GEOKG_TEST_DATABASE_IS_DISPOSABLE=1 against a server you can lose"
        )
    neo4j_driver = create_driver(settings)
    try:
        neo4j_driver.verify_connectivity()
    except Exception as error:  # any failure to reach the server fails the run
        pytest.fail(f"Neo4j is unreachable at {settings.neo4j_uri}: {error}")
    yield neo4j_driver
    neo4j_driver.close()


def wipe(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:  # IN TRANSACTIONS needs an auto-commit run
        # Relationships first, in small transactions: a big graph's DETACH DELETE outgrows memory.
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def load_paths(driver: Driver, settings: Settings, *paths: Path, strict: bool = False) -> LoadReport:
    items, errors = read_files(list(paths))
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=7)
    return load_records(items, writer, parse_errors=errors, strict=strict)


class LoadedGraph:
    """What the test database holds now, so that each test gets what it asks for in any order
    and the seed is loaded again only after a test wiped or changed it."""

    seed = False


def load_seed(driver: Driver, settings: Settings) -> None:
    wipe(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    report = load_paths(driver, settings, SEED)
    assert not report.errors, report.errors


@pytest.fixture
def empty_graph(driver: Driver, settings: Settings) -> Driver:
    """A wiped database with the schema applied, for a test that writes what it needs."""
    LoadedGraph.seed = False
    wipe(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    return driver


@pytest.fixture
def seed_graph(driver: Driver, settings: Settings) -> Driver:
    """The seed article's graph, for read-only tests: loaded unless it is what the database holds."""
    if not LoadedGraph.seed:
        load_seed(driver, settings)
        LoadedGraph.seed = True
    return driver


@pytest.fixture
def changed_seed_graph(seed_graph: Driver) -> Iterator[Driver]:
    """The seed graph for a test that writes to it; the next test that needs the seed reloads it."""
    LoadedGraph.seed = False
    yield seed_graph


@pytest.fixture(scope="session")
def api_client(settings: Settings) -> Iterator[httpx.Client]:
    """An HTTP client for the API served over real HTTP, whatever the database holds."""
    with serve_api(settings) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


@pytest.fixture
def api(seed_graph: Driver, api_client: httpx.Client) -> httpx.Client:
    """The API on the seed graph."""
    return api_client
