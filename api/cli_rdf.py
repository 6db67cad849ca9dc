"""``geokg export rdf`` and ``geokg import rdf``: the graph to RDF and back."""

from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from api.load_command import err_console, load_and_report
from graph.driver import create_driver
from graph.rdf.export import RdfExport, RdfFormat
from graph.rdf.reader import ExportReader
from graph.repository import GraphRepository, NotFoundError
from graph.settings import get_settings
from graph.temporal import PARTIAL_DATE_HELP as DATE_HELP
from graph.temporal import TimeWindow, WindowError
from loaders.rdf import read_rdf

export_app = typer.Typer(help="Export the graph.", no_args_is_help=True)
import_app = typer.Typer(help="Import files into the graph.", no_args_is_help=True)


@export_app.command("rdf")
def export_rdf(
    format: Annotated[RdfFormat, typer.Option("--format", "-f", help="Serialisation.")] = RdfFormat.TURTLE,
    since: Annotated[str | None, typer.Option(help=f"Events from ({DATE_HELP}).")] = None,
    until: Annotated[str | None, typer.Option(help=f"Events up to ({DATE_HELP}).")] = None,
    as_of: Annotated[str | None, typer.Option(help="What held on that day.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only events this actor took part in.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")] = None,
) -> None:
    """Export the graph (or the events of a window or an actor, with what they need) as RDF.
    N-Triples is streamed a batch at a time; the other formats are built in memory."""
    try:
        window = TimeWindow.of(since=since, until=until, as_of=as_of)
    except WindowError as error:
        err_console.print(f"[red]--{error.parameter.replace('_', '-')}: {error.reason}[/red]")
        raise typer.Exit(2) from None
    settings = get_settings()
    started = time.perf_counter()
    with create_driver(settings) as driver:
        reader = ExportReader(driver, settings.neo4j_database, settings.batch_size,
                              settings.query_timeout_s)
        if actor:
            try:
                GraphRepository(driver, settings.neo4j_database).require_actors(actor)
            except NotFoundError as error:
                err_console.print(f"[red]{error}[/red]")
                raise typer.Exit(1) from None
        export = RdfExport(reader, settings.base_iri, window, actor)
        with output.open("wb") if output else nullcontext(sys.stdout.buffer) as out:
            for chunk in export.serialize(format):
                out.write(chunk)
            out.flush()
    seconds = time.perf_counter() - started
    err_console.print(f"{export.triples} triples ({format.value}) in {seconds:.1f} s"
                      + (f" to {output}" if output else ""))


@import_app.command("rdf")
def import_rdf(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[RdfFormat | None, typer.Option(
        "--format", "-f", help="Serialisation (default: from the file's extension).")] = None,
    strict: Annotated[bool, typer.Option(help="Write nothing if any record is bad.")] = False,
) -> None:
    """Load an RDF export (or an edited or merged one) back into the graph, through the same
    checks and writer as `geokg load`; re-importing duplicates nothing."""
    try:
        items, errors = read_rdf(file, format)
    except ValueError as error:
        err_console.print(f"[red]{file}: {error}[/red]")
        raise typer.Exit(2) from None
    load_and_report(items, errors, strict=strict)
