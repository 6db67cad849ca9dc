"""``geokg import bulk``: a first load of a big backfill through ``neo4j-admin database import``."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from api.cli.console import console, err_console
from api.cli.load import print_report
from graph.server import ServerError
from graph.server.bulk_import import WORK_FILES, BulkImportError, bulk_import, require_empty
from graph.server.config import Layout
from graph.settings import Settings, get_settings
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


def work_folder(csv_dir: Path | None, settings: Settings) -> Path:
    """Where the CSVs go: ``--csv-dir`` if it is new or empty, else exit 2 (its files are not the
    command's to overwrite or remove); by default a new folder in the server's import folder."""
    if csv_dir is None:
        return Layout.of(settings).import_dir / f"bulk-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
    if csv_dir.exists() and (not csv_dir.is_dir() or any(csv_dir.iterdir())):
        err_console.print(f"[red]--csv-dir {csv_dir} is not an empty folder: name a new or empty "
                          "one (the command removes what it writes there, and nothing else)[/red]")
        raise typer.Exit(2)
    return csv_dir


def remove_own_files(folder: Path, files: list[Path], made_folder: bool) -> None:
    """Remove the files the command wrote, and the folder if the command made it and it is empty."""
    for file in files:
        file.unlink(missing_ok=True)
    if made_folder and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def import_bulk(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[BulkFormat, typer.Option("--format", "-f", help="What the files hold: "
                      "native JSON / JSON Lines records, or an RDF export.")] = BulkFormat.NATIVE,
    strict: Annotated[bool, typer.Option(help="Import nothing if any record is bad.")] = False,
    csv_dir: Annotated[Path | None, typer.Option(
        help="Where to write the CSVs: a new or empty folder, refused otherwise (default: a new "
        "<neo4j home>/import/bulk-<time> folder). After a successful import the command removes "
        "the files it wrote there, and the folder if it made it; nothing else.")] = None,
    keep_csv: Annotated[bool, typer.Option(help="Keep the CSVs after a successful import.")] = False,
) -> None:
    """First load of a big backfill into the project's own EMPTY local server: writes the graph
    `geokg load` would make as neo4j-admin import CSVs, stops the server, imports, starts it,
    applies the schema. Refuses a database that holds data."""
    settings = get_settings()
    began = time.perf_counter()
    work_dir = work_folder(csv_dir, settings)
    made_work_dir = not work_dir.exists()
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
        remove_own_files(work_dir, [*writer.files(), *(work_dir / name for name in WORK_FILES)],
                         made_work_dir)

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
