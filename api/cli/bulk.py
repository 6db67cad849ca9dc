"""``geokg import bulk``: a first load of a big backfill through ``neo4j-admin database import``."""

from __future__ import annotations

import shutil
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from api.cli.console import console, err_console
from api.cli.load import print_report
from graph.server import ServerError
from graph.server.bulk_import import BulkImportError, bulk_import, require_empty
from graph.server.config import Layout
from graph.settings import get_settings
from graph.store.bulk_csv import BulkCsvWriter, BulkFormatError
from loaders.native import read_files
from loaders.pipeline import load_records
from loaders.rdf import read_rdf
from loaders.records import LocatedRecord
from loaders.report import RecordError


class BulkFormat(StrEnum):
    NATIVE = "native"
    RDF = "rdf"


def read_input(files: list[Path], format: BulkFormat) -> tuple[list[LocatedRecord], list[RecordError]]:
    if format is BulkFormat.NATIVE:
        return read_files(files)
    items: list[LocatedRecord] = []
    errors: list[RecordError] = []
    for file in files:
        more, bad = read_rdf(file, None)
        items += more
        errors += bad
    return items, errors


def import_bulk(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[BulkFormat, typer.Option("--format", "-f", help="What the files hold: "
                      "native JSON / JSON Lines records, or an RDF export.")] = BulkFormat.NATIVE,
    strict: Annotated[bool, typer.Option(help="Import nothing if any record is bad.")] = False,
    csv_dir: Annotated[Path | None, typer.Option(
        help="Where to write the CSVs (default: <neo4j home>/import/bulk).")] = None,
    keep_csv: Annotated[bool, typer.Option(help="Keep the CSVs after a successful import.")] = False,
) -> None:
    """First load of a big backfill into the project's own EMPTY local server: writes the graph
    `geokg load` would make as neo4j-admin import CSVs, stops the server, imports, starts it,
    applies the schema. Refuses a database that holds data."""
    settings = get_settings()
    began = time.perf_counter()
    try:
        require_empty(settings)
    except (BulkImportError, ServerError) as error:
        err_console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    phases = [("check the database is empty", time.perf_counter() - began)]
    started = time.perf_counter()
    try:
        items, errors = read_input(files, format)
    except ValueError as error:
        err_console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    phases.append(("read, validate", time.perf_counter() - started))

    started = time.perf_counter()
    work_dir = csv_dir or Layout.of(settings).import_dir / "bulk"
    shutil.rmtree(work_dir, ignore_errors=True)
    writer = BulkCsvWriter(work_dir)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("writing CSV", total=len(items))
        try:
            report = load_records(items, writer, parse_errors=errors, strict=strict,
                                  on_batch=lambda n: progress.advance(task, n))
        except BulkFormatError as error:
            err_console.print(f"[red]cannot bulk-import: {error}; load it with `geokg load`[/red]")
            raise typer.Exit(2) from None
    bulk_files = writer.finish()
    phases.append(("check references, write CSV", time.perf_counter() - started))
    if not report.written:
        print_report(report)
        raise typer.Exit(2)

    try:
        outcome = bulk_import(settings, bulk_files, work_dir)
    except (BulkImportError, ServerError) as error:
        err_console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    phases += outcome.phases
    total = time.perf_counter() - began
    if not keep_csv:
        shutil.rmtree(work_dir, ignore_errors=True)

    print_report(report)
    timings = Table("phase", "seconds")
    for phase, seconds in phases:
        timings.add_row(phase, f"{seconds:.1f}")
    events = report.counts["event"].created if "event" in report.counts else 0
    timings.add_section()
    timings.add_row("total", f"{total:.1f}")
    console.print(timings)
    console.print(f"imported {outcome.nodes} nodes, {outcome.relationships} relationships, "
                  f"{outcome.properties} properties; {events / total:,.0f} events/s overall")
    if report.errors:
        raise typer.Exit(2)
