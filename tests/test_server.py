"""The local Neo4j server, for real: provisioned from Maven Central, started, queried.

The first run provisions ``settings.neo4j_home`` with Maven (a minute or so with a cold
``~/.m2``); later runs reuse the server that is already running. No test here stops it:
other tests and other people share it.
"""

from __future__ import annotations

import urllib.request

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.server import ServerError, ServerStatus, server_status, start_server
from graph.server.config import Layout, bolt_port
from graph.server.provision import find_java
from graph.settings import Settings, get_settings


@pytest.fixture(scope="module")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="module")
def server(settings: Settings) -> ServerStatus:
    return start_server(settings)


def test_status_reports_running_5_26(settings: Settings, server: ServerStatus) -> None:
    status = server_status(settings)
    assert status.running
    assert status.pid == server.pid
    assert status.version is not None and status.version.startswith("5.26")
    assert status.bolt_uri == settings.neo4j_uri
    assert status.browser_url == f"http://127.0.0.1:{settings.neo4j_http_port}/browser/"
    assert status.home == Layout.of(settings).home


def test_second_start_is_idempotent(settings: Settings, server: ServerStatus) -> None:
    again = start_server(settings)
    assert again.running
    assert again.pid == server.pid


def test_queries_run_and_apoc_is_loaded(settings: Settings, server: ServerStatus) -> None:
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with GraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD edition RETURN edition")
        assert records[0]["edition"] == "community"
        records, _, _ = driver.execute_query("RETURN apoc.version() AS v")
        assert records[0]["v"].startswith("5.26")


def test_browser_answers(server: ServerStatus) -> None:
    with urllib.request.urlopen(server.browser_url, timeout=10) as response:
        assert response.status == 200
        assert b"Neo4j Browser" in response.read()


def test_wrong_password_is_refused(settings: Settings, server: ServerStatus) -> None:
    wrong = settings.neo4j_password.get_secret_value() + "-wrong"
    with (
        GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, wrong)) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def test_server_listens_on_loopback_only(settings: Settings, server: ServerStatus) -> None:
    conf = Layout.of(settings).conf_file.read_text(encoding="utf-8")
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "server.https.enabled=false" in conf


def test_remote_uri_is_refused() -> None:
    with pytest.raises(ServerError, match="does not point at this machine"):
        bolt_port("bolt://db.example.org:7687")


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:7688", "neo4j://127.0.0.1:7688", "neo4j://localhost:7688"])
def test_direct_and_routing_uris_name_the_local_port(uri: str) -> None:
    assert bolt_port(uri) == 7688


@pytest.mark.parametrize("uri", ["neo4j+s://127.0.0.1:7687", "bolt+ssc://127.0.0.1:7687", "http://127.0.0.1:7687"])
def test_schemes_the_local_server_cannot_answer_are_refused(uri: str) -> None:
    with pytest.raises(ServerError, match="bolt:// or neo4j://"):
        bolt_port(uri)


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ServerError, match="Java 17 not found: install openjdk-17-jre-headless"):
        find_java()


def test_status_says_when_the_settings_would_write_another_config(
    settings: Settings, server: ServerStatus
) -> None:
    assert server_status(settings).config_stale is False
    bigger = settings.model_copy(update={"neo4j_heap": "3g"})
    assert server_status(bigger).config_stale is True
