"""``geokg export rdf`` and ``geokg import rdf``: the graph to RDF and back."""

from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from api.cli.console import err_console
from api.cli.load import load_and_report
from api.cli.options import AsOf, Since, Until, window
from graph.rdf.export import RdfExport, RdfFormat
from graph.read.base import NotFoundError
from graph.read.export_reader import ExportReader
from graph.read.repository import GraphRepository
from graph.settings import get_settings
from graph.store.driver import create_driver
from loaders.rdf import read_rdf

export_app = typer.Typer(help="Export the graph.", no_args_is_help=True)
import_app = typer.Typer(help="Import files into the graph.", no_args_is_help=True)


@export_app.command("rdf")
def export_rdf(
    format: Annotated[RdfFormat, typer.Option("--format", "-f", help="Serialisation.")] = RdfFormat.TURTLE,
    since: Since = None,
    until: Until = None,
    as_of: AsOf = None,
    actor: Annotated[str | None, typer.Option(help="Only events this actor took part in.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")] = None,
) -> None:
    """Export the graph (or the events of a window or an actor, with what they need) as RDF.
    Every format is written a batch at a time, so memory stays flat."""
    time_window = window(since, until, as_of)
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
        export = RdfExport(reader, settings.base_iri, time_window, actor)
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
