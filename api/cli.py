"""The ``geokg`` command: run the local Neo4j, apply the schema, load files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from api.cli_browser import browser_app
from api.cli_bulk import import_bulk
from api.cli_chart import chart_app
from api.cli_rdf import export_app, import_app
from api.load_command import console, err_console, load_files_and_report
from api.serve import serve_api
from graph.driver import create_driver
from graph.schema import apply_schema, missing_seek_indexes
from graph.server import ServerError, ServerStatus, server_status, start_server, stop_server
from graph.settings import get_settings
from loaders.formats import FORMATS
from loaders.native import native_format_schema

app = typer.Typer(help="geokg: a geopolitical event knowledge graph on Neo4j.", no_args_is_help=True)
neo4j_app = typer.Typer(help="Run the project's own Neo4j 5.26 server.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(browser_app, name="browser")
app.add_typer(chart_app, name="chart")
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")
import_app.command("bulk")(import_bulk)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Provision Neo4j from Maven Central on first use, start it, wait until Bolt answers."""
    try:
        status = start_server(get_settings())
    except ServerError as error:
        err_console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Neo4j {status.version or ''} running (pid {status.pid})")
    console.print(f"  Bolt:    {status.bolt_uri}")
    console.print(f"  Browser: {status.browser_url}")
    _warn_if_stale(status)


def _warn_if_stale(status: ServerStatus) -> None:
    if status.config_stale:
        err_console.print("[yellow]this server runs with an older neo4j.conf than the settings give: "
                          "`geokg neo4j stop` then `geokg neo4j start` to apply it[/yellow]")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the project's Neo4j server."""
    stopped = stop_server(get_settings())
    console.print("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the project's Neo4j server runs, and where."""
    status = server_status(get_settings())
    if not status.running:
        console.print("Neo4j is not running")
        raise typer.Exit(3)
    console.print(f"Neo4j {status.version or ''} running (pid {status.pid}) at {status.bolt_uri}")
    _warn_if_stale(status)


@app.command("schema")
def schema() -> None:
    """Create the constraints, indexes and event-type nodes (idempotent)."""
    settings = get_settings()
    with create_driver(settings) as driver:
        count = apply_schema(driver, settings.neo4j_database)
    console.print(f"schema applied: {count} constraints and indexes")


@app.command("load")
def load(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    strict: Annotated[bool, typer.Option(help="Write nothing if any record is bad.")] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format",
        help=f"One of {', '.join(FORMATS)}; guessed from each file's name and header if left out.",
    )] = None,
) -> None:
    """Load event files (native JSON Lines, GDELT 2.0, ACLED, POLECAT, an analyst's CSV), zipped or
    not, a batch at a time; re-running a load duplicates nothing."""
    if fmt is not None and fmt not in FORMATS:
        err_console.print(f"[red]--format must be one of {', '.join(FORMATS)}[/red]")
        raise typer.Exit(2)
    load_files_and_report(files, fmt, strict=strict)


@app.command("serve")
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
    """Apply the schema when the database lacks the seek-key indexes the reads need; say nothing
    when Neo4j is unreachable (the API starts and `/health` reports it); stop when it is reachable
    but cannot be migrated, rather than answer window reads that miss older relationships."""
    settings = get_settings()
    with create_driver(settings) as driver:
        try:
            missing = missing_seek_indexes(driver, settings.neo4j_database)
        except (ServiceUnavailable, SessionExpired, OSError):
            return
        if not missing:
            return
        console.print(f"the database lacks the indexes {', '.join(missing)}: applying the schema "
                      "(copies the seek keys onto older relationships first)")
        try:
            apply_schema(driver, settings.neo4j_database)
        except Neo4jError as error:
            err_console.print(f"[red]cannot bring the database up to date ({error.message}); run "
                              "`geokg schema` as a user allowed to create indexes, then serve[/red]")
            raise typer.Exit(1) from None


@app.command("format-schema")
def format_schema() -> None:
    """Print the JSON Schema of the native record format (docs/native-format.schema.json)."""
    typer.echo(native_format_schema(), nl=False)
