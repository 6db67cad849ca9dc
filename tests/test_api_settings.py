"""What the API's settings promise (README, "Access" and "Errors"): reads closed by
``GEOKG_READ_API_KEY``, cross-origin calls allowed only from ``GEOKG_CORS_ORIGINS``, a read over
``GEOKG_QUERY_TIMEOUT_S`` answered 504, and a write that cannot reach Neo4j retried for
``GEOKG_NEO4J_RETRY_S`` then answered 503. Each against the real server, through the HTTP API."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import urlparse

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr

from graph.model import Actor, Event, Source
from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.pipeline import load_records
from loaders.records import LocatedRecord
from tests.api_server import serve_api
from tests.tcp_proxy import TcpProxy

READ_KEY, WRITE_KEY = "read-key-for-tests", "write-key-for-tests"
ORIGIN = "https://analyst.example.org"


@pytest.fixture
def closed_reads(seed_graph: Driver, settings: Settings) -> Iterator[httpx.Client]:
    keyed = settings.model_copy(update={"read_api_key": SecretStr(READ_KEY),
                                        "api_key": SecretStr(WRITE_KEY), "cors_origins": ORIGIN})
    with serve_api(keyed) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


@pytest.mark.parametrize("path", ["/actors/prk", "/events", "/network", "/relationships/prk/rus",
                                  "/export/rdf?format=ntriples&actor=prk"])
def test_a_read_key_closes_every_read(closed_reads: httpx.Client, path: str):
    refused = closed_reads.get(path)
    assert refused.status_code == 401 and refused.json()["detail"][0]["loc"] == ["header", "x-api-key"]
    assert closed_reads.get(path, headers={"X-API-Key": "wrong"}).status_code == 401
    assert closed_reads.get(path, headers={"X-API-Key": READ_KEY}).status_code == 200
    assert closed_reads.get(path, headers={"X-API-Key": WRITE_KEY}).status_code == 200


@pytest.mark.parametrize("path", ["/health", "/docs", "/openapi.json", "/browser/guide",
                                  "/browser/style.grass"])
def test_health_docs_and_the_browser_files_stay_open(closed_reads: httpx.Client, path: str):
    assert closed_reads.get(path).status_code == 200


def test_the_read_key_does_not_open_writes(closed_reads: httpx.Client):
    response = closed_reads.post("/events", json=[], headers={"X-API-Key": READ_KEY})
    assert response.status_code == 401


def test_only_the_configured_origin_may_call_from_a_web_page(closed_reads: httpx.Client):
    preflight = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-api-key"}
    allowed = closed_reads.options("/actors/prk", headers={"Origin": ORIGIN, **preflight})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ORIGIN
    other = closed_reads.options("/actors/prk", headers={"Origin": "https://elsewhere.example", **preflight})
    assert "access-control-allow-origin" not in other.headers
    simple = closed_reads.get("/actors/prk", headers={"Origin": ORIGIN, "X-API-Key": READ_KEY})
    assert simple.headers["access-control-allow-origin"] == ORIGIN
    # The Browser fetches the guide from any origin.
    guide = closed_reads.get("/browser/guide", headers={"Origin": "https://elsewhere.example"})
    assert guide.headers["access-control-allow-origin"] == "*"


def test_no_origin_may_call_by_default(api: httpx.Client):
    response = api.get("/actors/prk", headers={"Origin": ORIGIN})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers


def layered_graph(driver: Driver, settings: Settings, layers: int = 6, width: int = 12) -> tuple[str, str]:
    """Two actors joined by width ** (layers - 1) shortest chains of events, each layer of actors
    meeting every actor of the next: enough chains that listing them all outlasts a short timeout."""
    actors = [[f"layer_{i}_{j}" for j in range(width if 0 < i < layers else 1)] for i in range(layers + 1)]
    records: list[Actor | Source | Event] = [
        Actor(id=a, name=a, kind="state") for layer in actors for a in layer]
    records.append(Source(id="src:layers", publisher="L", url="urn:layers", published="2025-01-01",
                          language="en"))
    for i in range(layers):
        for a in actors[i]:
            for b in actors[i + 1]:
                records.append(Event.model_validate({
                    "id": f"ev:layers-{a}-{b}", "type": "telephone_call", "when": {"start": "2025-01-01"},
                    "participants": [{"actor": actor, "role": "participant"} for actor in (a, b)],
                    "title": "t", "summary": "s",
                    "claims": [{"source": "src:layers", "quote": "q", "language": "en"}]}))
    writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
    report = load_records([LocatedRecord(r, "layers", i) for i, r in enumerate(records)], writer)
    assert not report.errors
    return actors[0][0], actors[-1][0]


def test_a_read_over_the_query_timeout_is_a_504(changed_seed_graph: Driver, settings: Settings):
    source, target = layered_graph(changed_seed_graph, settings)
    quick = settings.model_copy(update={"query_timeout_s": 0.5})
    with serve_api(quick) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        started = time.monotonic()
        response = client.get("/paths", params={"from": source, "to": target, "max_hops": 6})
        took = time.monotonic() - started
    assert response.status_code == 504, response.text[:300]
    assert response.json()["detail"][0]["type"] == "timeout" and took < 30


def test_a_write_retries_then_answers_503_while_neo4j_is_away(seed_graph: Driver, settings: Settings):
    bolt = urlparse(settings.neo4j_uri)
    proxy = TcpProxy(bolt.hostname or "127.0.0.1", bolt.port or 7687)
    proxy.start()
    keyed = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}",
                                        "api_key": SecretStr(WRITE_KEY), "neo4j_retry_s": 3.0})
    record = {"record": "actor", "id": "retry_state", "name": "Retry State", "kind": "state"}
    try:
        with serve_api(keyed) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
            assert client.get("/actors/prk").status_code == 200
            proxy.stop()
            started = time.monotonic()
            response = client.post("/events", json=[record], headers={"X-API-Key": WRITE_KEY})
            took = time.monotonic() - started
    finally:
        proxy.stop()
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert 3.0 <= took < 3.0 + 20, took
    found = seed_graph.execute_query("MATCH (a:Actor {id: 'retry_state'}) RETURN count(a) AS n")
    assert found.records[0]["n"] == 0
