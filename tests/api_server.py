"""The API served by uvicorn on a free loopback port in a background thread, for tests over HTTP."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from api.http_server import ServerConfig
from api.main import create_app
from graph.settings import Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_api(settings: Settings) -> Iterator[str]:
    """Yield the base URL of a running API; stop it on exit."""
    port = free_port()
    # The config `geokg serve` uses, so the tests meet the limits users get.
    config = ServerConfig(create_app(settings), settings, host="127.0.0.1", port=port,
                          log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
