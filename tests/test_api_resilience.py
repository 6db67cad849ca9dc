"""The API when Neo4j goes away and comes back, and the write endpoint's key."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr

from graph.model import Actor
from graph.settings import Settings
from graph.store.writer import RECORD_KINDS, GraphWriter
from tests.api_server import serve_api
from tests.tcp_proxy import TcpProxy


def test_neo4j_away_is_a_503_and_the_api_recovers_by_itself(seed_graph: Driver, settings: Settings):
    bolt = urlparse(settings.neo4j_uri)
    proxy = TcpProxy(bolt.hostname or "127.0.0.1", bolt.port or 7687)
    proxy.start()
    through_proxy = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}"})
    with serve_api(through_proxy) as base_url, httpx.Client(base_url=base_url, timeout=30) as api:
        assert api.get("/actors/prk").status_code == 200
        proxy.stop()
        started = time.monotonic()
        down = api.get("/actors/prk")
        assert time.monotonic() - started < settings.neo4j_acquisition_timeout_s + 1  # no retry loop
        assert down.status_code == 503 and "unreachable" in down.json()["detail"][0]["msg"]
        assert int(down.headers["Retry-After"]) > 0
        health = api.get("/health")
        assert health.status_code == 503 and health.json()["neo4j"] == "unreachable"
        assert "Traceback" not in down.text
        proxy.start()
        deadline = time.monotonic() + 30
        while (status := api.get("/actors/prk").status_code) != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert status == 200
        assert api.get("/health").json()["neo4j"] == "reachable"
    proxy.stop()


RECORDS = [
    {"record": "actor", "id": "posted_state", "name": "Posted State", "kind": "state", "country": "PST"},
    {"record": "source", "id": "src:posted", "publisher": "Posted Wire", "url": "https://example.org/p",
     "published": "2025-09-01", "language": "en"},
    {"record": "event", "id": "ev:posted-call", "type": "telephone_call", "when": {"start": "2025-09-01"},
     "participants": [{"actor": "posted_state", "role": "initiator"}, {"actor": "prk", "role": "target"}],
     "title": "Posted call", "summary": "A call posted over HTTP.",
     "claims": [{"source": "src:posted", "quote": "They spoke.", "language": "en"}]},
    {"record": "event", "id": "ev:posted-bad", "type": "telephone_call", "when": {"start": "2025-02-30"},
     "participants": [{"actor": "posted_state", "role": "initiator"}], "title": "Bad", "summary": "Bad.",
     "claims": [{"source": "src:posted", "quote": "x", "language": "en"}]},
]


def test_posting_events_needs_the_key_before_the_body_is_read(changed_seed_graph: Driver,
                                                             settings: Settings):
    keyed = settings.model_copy(update={"api_key": SecretStr("s3cret-test-key")})
    with serve_api(keyed) as base_url, httpx.Client(base_url=base_url, timeout=30) as api:
        garbage = api.post("/events", content=b"{not json", headers={"Content-Type": "application/json"})
        assert garbage.status_code == 401
        assert api.post("/events", json=RECORDS, headers={"X-API-Key": "wrong"}).status_code == 401
        response = api.post("/events", json=RECORDS, headers={"X-API-Key": "s3cret-test-key"})
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["counts"]["event"] == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 1}
        assert [(e["line"], e["field"]) for e in report["errors"]] == [(4, "when.start")]
        assert api.get("/events/ev:posted-call").json()["participants"]
        again = api.post("/events", json=RECORDS, headers={"X-API-Key": "s3cret-test-key"}).json()
        assert again["counts"]["event"]["unchanged"] == 1
        not_json = api.post("/events", content=b"{", headers={"X-API-Key": "s3cret-test-key"})
        assert not_json.status_code == 422


def test_a_body_over_the_limit_is_refused(seed_graph: Driver, settings: Settings):
    small = settings.model_copy(update={"api_key": SecretStr("k3y-for-tests"), "max_post_bytes": 100})
    with serve_api(small) as base_url, httpx.Client(base_url=base_url, timeout=30) as api:
        response = api.post("/events", json=RECORDS, headers={"X-API-Key": "k3y-for-tests"})
        assert response.status_code == 413 and "100 bytes" in response.json()["detail"][0]["msg"]


def test_writes_are_refused_when_no_key_is_configured(seed_graph: Driver, settings: Settings):
    keyless = settings.model_copy(update={"api_key": None})
    with serve_api(keyless) as base_url, httpx.Client(base_url=base_url, timeout=30) as api:
        response = api.post("/events", json=RECORDS, headers={"X-API-Key": "anything"})
        assert response.status_code == 403 and "GEOKG_API_KEY" in response.json()["detail"][0]["msg"]


# Last: it replaces the seed graph the tests above share.
def test_an_ntriples_export_cut_by_an_outage_says_so_and_breaks_off(
    empty_graph: Driver, settings: Settings
):
    writer = GraphWriter(empty_graph, settings.neo4j_database, batch_size=1000)
    writer.write(RECORD_KINDS[0], [Actor(id=f"actor_{i}", name=f"Actor {i}", kind="state")
                                   for i in range(3000)])
    bolt = urlparse(settings.neo4j_uri)
    proxy = TcpProxy(bolt.hostname or "127.0.0.1", bolt.port or 7687)
    proxy.start()
    paged = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}", "batch_size": 10})
    with serve_api(paged) as base_url, httpx.Client(base_url=base_url, timeout=30) as api:
        received = b""
        with pytest.raises(httpx.RemoteProtocolError), api.stream(
                "GET", "/export/rdf", params={"format": "ntriples"}) as response:
            assert response.status_code == 200
            for chunk in response.iter_raw():
                if not received:
                    proxy.stop()  # Neo4j goes away after the first chunk
                received += chunk
        assert received.decode().splitlines()[-1].startswith("# geokg: export incomplete: cut after ")
        assert received.count(b"\n") < 3000 * 5
        started = time.monotonic()
        refused = api.get("/export/rdf", params={"format": "ntriples"})
        assert refused.status_code == 503 and refused.headers["Retry-After"]
        assert time.monotonic() - started < 2.0  # answered at once, before the first byte
    proxy.stop()
