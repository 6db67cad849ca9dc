"""What `geokg load` and `geokg import rdf` share: write records, print the report, exit 2 on errors."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from graph.driver import create_driver
from graph.schema import apply_schema
from graph.settings import get_settings
from graph.writer import GraphWriter
from loaders.native import LocatedRecord
from loaders.pipeline import load_records
from loaders.report import LoadReport, RecordError

console = Console()
err_console = Console(stderr=True)


def print_report(report: LoadReport) -> None:
    table = Table("record", "created", "updated", "unchanged", "rejected")
    for kind, counts in report.counts.items():
        table.add_row(
            kind, str(counts.created), str(counts.updated), str(counts.unchanged),
            str(counts.rejected),
        )
    console.print(table)
    for error in report.errors:
        err_console.print(f"[yellow]rejected[/yellow] {escape(str(error))}", soft_wrap=True)
    if not report.written:
        err_console.print("[red]--strict: nothing was written because some records are bad[/red]")


def load_and_report(items: list[LocatedRecord], errors: list[RecordError], *, strict: bool) -> None:
    """Apply the schema, write the records with a progress bar, print the report."""
    settings = get_settings()
    with create_driver(settings) as driver, Progress(console=console, transient=True) as progress:
        apply_schema(driver, settings.neo4j_database)
        task = progress.add_task("loading", total=len(items))
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        report = load_records(
            items, writer, parse_errors=errors, strict=strict,
            on_batch=lambda n: progress.advance(task, n),
        )
    print_report(report)
    if report.errors:
        raise typer.Exit(2)
