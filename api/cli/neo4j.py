"""``geokg neo4j start|stop|status``: the project's own Neo4j 5.26 server."""

from __future__ import annotations

import typer

from api.cli.console import console, err_console
from graph.server import ServerError, ServerStatus, server_status, start_server, stop_server
from graph.settings import get_settings

neo4j_app = typer.Typer(help="Run the project's own Neo4j 5.26 server.", no_args_is_help=True)


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
