"""What a client may send and how slowly (README, "Limits"), over raw sockets against the server
as `geokg serve` configures it (``api.http_server.ServerConfig``): a head over its size is a 431,
a declared body over GEOKG_MAX_POST_BYTES a 413 before any of it is sent, slow heads and bodies
are cut off, redirects never repeat the Host header, and an export or analysis stops when its
client goes away."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr

from graph.settings import Settings
from tests.api_server import serve_api
from tests.test_api_settings import layered_graph

WRITE_KEY = "limits-write-key"


@contextmanager
def raw_connection(base_url: str) -> Iterator[socket.socket]:
    url = urlparse(base_url)
    with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=30) as sock:
        yield sock


def send(sock: socket.socket, data: bytes) -> bool:
    """Send ``data`` a piece at a time; False when the server closed the connection first."""
    try:
        for start in range(0, len(data), 16_384):
            sock.sendall(data[start:start + 16_384])
    except (BrokenPipeError, ConnectionResetError):
        return False
    return True


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    try:
        while chunk := sock.recv(65_536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def read_head(sock: socket.socket) -> bytes:
    received = b""
    while b"\r\n\r\n" not in received and (chunk := sock.recv(65_536)):
        received += chunk
    return received


def test_a_header_of_a_megabyte_is_a_431_and_the_server_goes_on(settings: Settings):
    with serve_api(settings) as base_url:
        with raw_connection(base_url) as sock:
            send(sock, b"GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n")
            answer = read_all(sock)
        assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
        assert b'"type": "too_large"' in answer and b"header line is over 16384 bytes" in answer
        # Many headers, each within the line limit, over the head's.
        with raw_connection(base_url) as sock:
            many = b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 8_000) for i in range(10))
            send(sock, b"GET /health HTTP/1.1\r\nHost: t\r\n" + many + b"\r\n")
            answer = read_all(sock)
        assert answer.startswith(b"HTTP/1.1 431 ") and b"head is over 65536 bytes" in answer
        # A large header within the limits is served, and so is the next request.
        big = httpx.get(f"{base_url}/health", headers={"X-Big": "c" * 15_000})
        assert big.status_code in (200, 503)
        assert httpx.get(f"{base_url}/health").status_code in (200, 503)


def test_a_declared_body_over_the_limit_is_a_413_before_it_is_sent(settings: Settings):
    keyed = settings.model_copy(update={"api_key": SecretStr(WRITE_KEY), "max_post_bytes": 1000})
    head = ("POST /events HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            "Content-Length: 1000000000000\r\n{key}\r\n")
    with serve_api(keyed) as base_url:
        with raw_connection(base_url) as sock:
            sock.sendall(head.format(key=f"X-API-Key: {WRITE_KEY}\r\n").encode())
            answer = read_head(sock)
        assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
        # The key is checked first: without it, a 401, whatever the length.
        with raw_connection(base_url) as sock:
            sock.sendall(head.format(key="").encode())
            assert read_head(sock).startswith(b"HTTP/1.1 401 ")
    closed = settings.model_copy(update={"api_key": None, "max_post_bytes": 1000})
    with serve_api(closed) as base_url, raw_connection(base_url) as sock:
        sock.sendall(head.format(key=f"X-API-Key: {WRITE_KEY}\r\n").encode())
        assert read_head(sock).startswith(b"HTTP/1.1 403 ")


def test_redirects_never_repeat_the_host_header(settings: Settings):
    forged = {"Host": "evil.example"}
    with serve_api(settings) as base_url:
        response = httpx.get(f"{base_url}/events/?limit=1", headers=forged)
        assert response.status_code == 307 and response.headers["location"] == "/events?limit=1"
    public = settings.model_copy(update={"public_url": "https://api.example.org/"})
    with serve_api(public) as base_url:
        response = httpx.get(f"{base_url}/events/", headers=forged)
        assert response.headers["location"] == "https://api.example.org/events"


def test_slow_heads_idle_connections_and_slow_bodies_are_cut_off(settings: Settings):
    quick = settings.model_copy(update={"http_header_timeout_s": 1.0, "http_body_timeout_s": 1.0,
                                        "http_keep_alive_s": 1, "api_key": SecretStr(WRITE_KEY)})
    with serve_api(quick) as base_url:
        # A head sent a byte at a time, forever.
        with raw_connection(base_url) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\nX-Slow: ")
            started = time.monotonic()
            while time.monotonic() - started < 10 and send(sock, b"x"):
                time.sleep(0.1)
            answer = read_all(sock)
            assert time.monotonic() - started < 5
        assert answer.startswith(b"HTTP/1.1 408 ")
        # A connection that never sends anything.
        with raw_connection(base_url) as sock:
            started = time.monotonic()
            assert read_all(sock).startswith(b"HTTP/1.1 408 ") and time.monotonic() - started < 5
        # A body that never ends: the connection is closed.
        with raw_connection(base_url) as sock:
            sock.sendall(f"POST /events HTTP/1.1\r\nHost: t\r\nX-API-Key: {WRITE_KEY}\r\n"
                         "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n[".encode())
            started = time.monotonic()
            read_all(sock)
            assert time.monotonic() - started < 5
        # An idle kept-alive connection, after its request.
        with raw_connection(base_url) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            started = time.monotonic()
            assert read_all(sock).startswith(b"HTTP/1.1 ") and time.monotonic() - started < 5
        assert httpx.get(f"{base_url}/health").status_code in (200, 503)


@pytest.fixture
def large_graph(changed_seed_graph: Driver, settings: Settings) -> Driver:
    """About 2,500 events: with small batches, an export that takes many seconds."""
    layered_graph(changed_seed_graph, settings, layers=4, width=24)
    return changed_seed_graph


def wait_for_log(caplog: pytest.LogCaptureFixture, text: str, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for record in caplog.records:
            if text in record.getMessage():
                return record.getMessage()
        time.sleep(0.05)
    return None


@pytest.mark.parametrize(("fmt", "name", "complete"), [
    ("ntriples", "N-Triples", "# geokg: export complete"),
    ("turtle", "Turtle", "# geokg: export complete"),
    ("rdfxml", "RDF/XML", "<!-- geokg: export complete")])
def test_an_abandoned_streamed_export_stops_reading(large_graph: Driver, settings: Settings,
                                                     caplog: pytest.LogCaptureFixture, fmt: str,
                                                     name: str, complete: str):
    caplog.set_level(logging.INFO, logger="geokg.api")
    small_batches = settings.model_copy(update={"batch_size": 5})
    with serve_api(small_batches) as base_url:
        with raw_connection(base_url) as sock:
            sock.sendall(f"GET /export/rdf?format={fmt} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
            assert read_head(sock).startswith(b"HTTP/1.1 200 ")
            sock.recv(65_536)
        closed = time.monotonic()
        stopped = wait_for_log(caplog, f"{name} export stopped after", 10)
        assert stopped is not None, "the export went on after its client left"
        assert time.monotonic() - closed < 10
        assert not wait_for_log(caplog, "export complete", 0)
        # The server is free again: a whole export answers.
        assert complete in httpx.get(
            f"{base_url}/export/rdf", params={"format": fmt, "since": "2026"}).text
