"""``geokg load``, and what it shares with ``geokg import rdf`` and ``geokg import bulk``: write
records, print the report, exit 2 on errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from api.cli.console import console, err_console
from api.cli.options import (
    Actors,
    CameoRoot,
    Countries,
    LoadSince,
    LoadUntil,
    MinArticles,
    MinMentions,
    MinSources,
    Quad,
    filter_of,
)
from graph.settings import get_settings
from graph.store.driver import create_driver
from graph.store.schema import apply_schema
from graph.store.writer import CONNECTION_LOST, GraphWriter
from loaders.filters import LoadFilter
from loaders.formats import FORMATS, read_all
from loaders.pipeline import load_records, load_stream
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import LoadReport, RecordError


def print_report(report: LoadReport) -> None:
    table = Table("record", "created", "updated", "unchanged", "rejected")
    for kind, counts in report.counts.items():
        table.add_row(
            kind, str(counts.created), str(counts.updated), str(counts.unchanged),
            str(counts.rejected),
        )
    console.print(table)
    for reason, n in report.skipped.items():
        console.print(f"skipped ({escape(reason)}): {n}")
    if report.filtered:
        events = sum(n for why, n in report.filtered.items() if why != "derived_from")
        by = ", ".join(f"{why.replace('_', '-')} {n}" for why, n in report.filtered.items())
        console.print(f"filtered out: {events} events, not rejected (by filter: {by})")
    for error in report.errors:
        err_console.print(f"[yellow]rejected[/yellow] {escape(str(error))}", soft_wrap=True)
    if not report.written:
        err_console.print("[red]--strict: nothing was written because some records are bad[/red]")
    if report.interrupted:
        err_console.print(f"[red]{escape(report.interrupted)}[/red]", soft_wrap=True)
        for lines in report.not_written:
            err_console.print(f"[red]not written[/red] {escape(str(lines))}", soft_wrap=True)
        err_console.print("Run the same load again once Neo4j is back: what was written is kept, "
                          "and the rest is added.")


def neo4j_away(error: Exception) -> typer.Exit:
    """Neo4j unreachable (at the start of a load, or mid-way for a load of one batch): say so, no
    traceback, exit 1."""
    settings = get_settings()
    err_console.print(f"[red]Neo4j is unreachable at {escape(settings.neo4j_uri)}[/red] "
                      f"({escape(type(error).__name__)}): the load stopped. Run it again once Neo4j "
                      "is back: anything written is kept, and nothing is doubled.", soft_wrap=True)
    return typer.Exit(1)


def _exit_for(report: LoadReport) -> None:
    if report.interrupted:
        raise typer.Exit(1)
    if report.errors:
        raise typer.Exit(2)


def load_and_report(items: list[LocatedRecord], errors: list[RecordError], *, strict: bool) -> None:
    """Apply the schema, write the records with a progress bar, print the report."""
    settings = get_settings()
    try:
        with create_driver(settings) as driver, Progress(console=console, transient=True) as progress:
            apply_schema(driver, settings.neo4j_database)
            task = progress.add_task("loading", total=len(items))
            writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size,
                                 retry_s=settings.neo4j_write_retry_s)
            report = load_records(
                items, writer, parse_errors=errors, strict=strict,
                on_batch=lambda n: progress.advance(task, n),
            )
    except CONNECTION_LOST as error:
        raise neo4j_away(error) from None
    print_report(report)
    _exit_for(report)


def load_files_and_report(paths: list[Path], fmt: str | None, *, strict: bool,
                          keep: LoadFilter | None = None) -> None:
    """Stream files of any format into the graph a batch at a time, with a progress bar of the
    bytes read (record counts are not known before the end), then print the report."""
    settings = get_settings()
    total = sum(p.stat().st_size for p in paths)
    read = ReadProgress()
    try:
        with create_driver(settings) as driver, Progress(console=console, transient=True) as progress:
            apply_schema(driver, settings.neo4j_database)
            task = progress.add_task("loading", total=total or 1)

            def advance(_: int) -> None:
                progress.update(task, completed=sum(read.bytes_read(p) for p in paths))

            writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size,
                                 retry_s=settings.neo4j_write_retry_s)
            report = load_stream(lambda: read_all(paths, fmt, read), writer, strict=strict,
                                 batch_size=settings.batch_size * 4, on_batch=advance, keep=keep)
    except CONNECTION_LOST as error:
        raise neo4j_away(error) from None
    print_report(report)
    _exit_for(report)


def load(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    strict: Annotated[bool, typer.Option(help="Write nothing if any record is bad.")] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format",
        help=f"One of {', '.join(FORMATS)}; guessed from each file's name and header if left out.",
    )] = None,
    countries: Countries = None,
    actors: Actors = None,
    cameo_root: CameoRoot = None,
    quad: Quad = None,
    since: LoadSince = None,
    until: LoadUntil = None,
    min_mentions: MinMentions = None,
    min_sources: MinSources = None,
    min_articles: MinArticles = None,
) -> None:
    """Load event files (native JSON Lines, GDELT 2.0 and 1.0, ACLED, POLECAT, ICEWS, an analyst's
    CSV), zipped or not, a batch at a time; re-running a load duplicates nothing. The filters keep
    only the events asked for; the report counts what they left out."""
    if fmt is not None and fmt not in FORMATS:
        err_console.print(f"[red]--format must be one of {', '.join(FORMATS)}[/red]")
        raise typer.Exit(2)
    keep = filter_of(countries, actors, cameo_root, quad, since, until, min_mentions, min_sources,
                     min_articles)
    load_files_and_report(files, fmt, strict=strict, keep=keep)
