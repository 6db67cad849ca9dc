"""``geokg serve``: uvicorn with the app factory, in one process or several sharing one socket,
after bringing an older database up to date."""

from __future__ import annotations

import socket
from typing import Annotated

import typer
import uvicorn
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired
from uvicorn.supervisors import Multiprocess

from api.cli.console import console, err_console
from api.http_server import ServerConfig
from graph.settings import get_settings
from graph.store.driver import create_driver
from graph.store.schema import apply_schema, missing_seek_indexes

APP = "api.main:create_app"


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (the API holds no state: "
                                         "each adds throughput, up to the cores).")] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs). A database made by a version before the
    seek keys is brought up to date first (`geokg schema`), since the window reads seek them."""
    migrate_if_needed()
    console.print(f"geokg API on http://{host}:{port} with {workers} worker(s)  "
                  f"(docs: http://{host}:{port}/docs)")
    serve_api(host, port, workers)


def migrate_if_needed() -> None:
    """Apply the schema when the database lacks the seek-key indexes the reads need; when Neo4j
    is unreachable, say that the check was skipped (the API starts and `/health` reports it); stop
    when it is reachable but cannot be migrated, rather than answer window reads that miss older
    relationships."""
    settings = get_settings()
    with create_driver(settings) as driver:
        try:
            missing = missing_seek_indexes(driver, settings.neo4j_database)
        except (ServiceUnavailable, SessionExpired, OSError):
            err_console.print(f"[yellow]Neo4j is unreachable at {settings.neo4j_uri}: serving without "
                              "checking its schema (/health says when it is back; run `geokg schema` "
                              "then if it was made by an older geokg)[/yellow]")
            return
        if not missing:
            return
        console.print(f"the database lacks the indexes {', '.join(missing)}: applying the schema "
                      "(fills in the seek keys and captions an older version did not write first)")
        try:
            apply_schema(driver, settings.neo4j_database)
        except Neo4jError as error:
            err_console.print(f"[red]cannot bring the database up to date ({error.message}); run "
                              "`geokg schema` as a user allowed to create indexes, then serve[/red]")
            raise typer.Exit(1) from None


def listening_socket(config: uvicorn.Config) -> socket.socket:
    """The socket the workers share, with TCP_NODELAY set, which Linux passes on to every
    connection it accepts. uvicorn's own shared socket lacks it; on asyncio's loop a worker then
    answers a small response after the client's delayed ACK, about 40 ms later (measured: p50 44 ms
    with two workers against 0.2 ms with one)."""
    sock = config.bind_socket()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def serve_api(host: str, port: int, workers: int = 1) -> None:
    """Serve the API until interrupted: one process, or ``workers`` processes on one socket."""
    config = ServerConfig(APP, get_settings(), factory=True, host=host, port=port, workers=workers)
    if workers == 1:
        uvicorn.Server(config).run()
        return
    Multiprocess(config, sockets=[listening_socket(config)]).run()
