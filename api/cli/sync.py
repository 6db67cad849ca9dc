"""``geokg sync gdelt`` and ``geokg sync status``: GDELT 2.0's 15-minute slices loaded as GDELT
publishes them, each once, and what the graph holds of them (``loaders.gdelt_feed``)."""

from __future__ import annotations

import signal
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.markup import escape

from api.cli.console import console, err_console
from api.cli.load import neo4j_away
from api.cli.options import (
    Actors,
    CameoRoot,
    Countries,
    EventSince,
    EventUntil,
    MinArticles,
    MinMentions,
    MinSources,
    Quad,
    filter_of,
)
from graph.settings import get_settings
from graph.store.driver import create_driver
from graph.store.feed import SliceCounts
from graph.store.schema import apply_schema
from graph.store.writer import CONNECTION_LOST
from loaders.gdelt_feed.fetch import Fetcher
from loaders.gdelt_feed.lists import parse_time
from loaders.gdelt_feed.sync import Interrupted, RunSummary, SliceOutcome, Sync, feed_status

#: The missing slices ``sync status`` lists by name, at most.
_LISTED = 50

sync_app = typer.Typer(help="Follow a published feed (GDELT 2.0) into the graph.", no_args_is_help=True)

BaseUrl = Annotated[str | None, typer.Option(
    help="Where the lists and files are (a mirror, file:// a local copy); GEOKG_GDELT_BASE_URL, "
         "else GDELT's own.")]
SliceSince = Annotated[str | None, typer.Option(
    help="The first slice (UTC): YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYYMMDDHHMMSS; read from "
         "masterfilelist.txt. Without it, the latest slice (lastupdate.txt).")]
SliceUntil = Annotated[str | None, typer.Option(help="The last slice (UTC), included; as --since.")]


def _slice_time(option: str, value: str | None) -> str | None:
    try:
        return parse_time(value) if value else None
    except ValueError as error:
        err_console.print(f"[red]--{option}: {error}[/red]")
        raise typer.Exit(2) from None


def _print_outcome(outcome: SliceOutcome) -> None:
    if outcome.status == "loaded":
        c = outcome.counts
        console.print(f"loaded {outcome.stamp}: {c.created} created, {c.updated} updated, "
                      f"{c.unchanged} unchanged, {c.rejected} rejected, {c.skipped} skipped "
                      f"(event not loaded), {c.filtered} filtered out")
        for error in outcome.report.errors if outcome.report else []:
            err_console.print(f"[yellow]rejected[/yellow] {escape(str(error))}", soft_wrap=True)
    else:
        err_console.print(f"[red]{outcome.status}[/red] {outcome.stamp}: {escape(outcome.reason or '')}",
                          soft_wrap=True)


def _print_summary(summary: RunSummary) -> None:
    if summary.list_error:
        err_console.print(f"[red]cannot read the list: {escape(summary.list_error)}[/red]", soft_wrap=True)
    console.print(f"{summary.count('loaded')} slice(s) loaded, {summary.count('failed')} failed "
                  f"(tried again next run), {summary.already_loaded} already loaded"
                  + (f" ({summary.other_filter} loaded before under other filters, loaded again under "
                     "these)" if summary.other_filter else ""))
    if summary.bad_lines:
        err_console.print(f"[yellow]{summary.bad_lines} line(s) of the list are not 'size md5 url'[/yellow]")


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event SIGINT and SIGTERM set: the run ends after the slice it is loading."""
    stop = threading.Event()

    def handle(signum: int, _: object) -> None:
        err_console.print(f"{signal.Signals(signum).name}: stopping after the current slice "
                          "(again to stop at once)")
        stop.set()
        restore()  # a second signal acts as it would have: Ctrl-C twice stops at once

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    previous = {s: signal.signal(s, handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        restore()


@sync_app.command("gdelt")
def sync_gdelt(
    base_url: BaseUrl = None,
    since: SliceSince = None,
    until: SliceUntil = None,
    follow: Annotated[bool, typer.Option(help="Keep polling until SIGINT/SIGTERM.")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between polls with --follow.", min=1)] = 900.0,
    countries: Countries = None,
    actors: Actors = None,
    cameo_root: CameoRoot = None,
    quad: Quad = None,
    event_since: EventSince = None,
    event_until: EventUntil = None,
    min_mentions: MinMentions = None,
    min_sources: MinSources = None,
    min_articles: MinArticles = None,
) -> None:
    """Load GDELT 2.0's slices (export, then mentions) not yet in the graph, each once: checked
    (size, MD5, zip) before loading, recorded once loaded; a bad or missing slice is reported and
    tried again next run. The filters are geokg load's (--event-since/--event-until its --since/
    --until). Exit 2 if a slice failed, 1 if Neo4j went away."""
    first, last = _slice_time("since", since), _slice_time("until", until)
    keep = filter_of(countries, actors, cameo_root, quad, event_since, event_until, min_mentions,
                     min_sources, min_articles, date_prefix="event-")
    settings = get_settings()
    failed = False
    with (_stop_on_signals() as stop,
          Fetcher(timeout_s=settings.gdelt_timeout_s, retries=settings.gdelt_retries, sleep=stop.wait)
          as fetcher):
        try:
            with create_driver(settings) as driver:
                apply_schema(driver, settings.neo4j_database)
                run = Sync(driver, settings, base_url or settings.gdelt_base_url, fetcher, stop=stop,
                           keep=keep, report=_print_outcome)
                runs = run.follow(interval, first, last) if follow else iter([run.run(first, last)])
                for summary in runs:
                    _print_summary(summary)
                    failed = failed or summary.count("failed") > 0 or summary.list_error is not None
        except Interrupted as stopped:
            err_console.print(f"[red]slice {stopped.outcome.stamp}: {escape(stopped.outcome.reason or '')}"
                              "[/red]; run again once Neo4j is back: it is loaded again, nothing doubled.")
            raise typer.Exit(1) from None
        except CONNECTION_LOST as error:
            raise neo4j_away(error) from None
    if failed and not follow:
        raise typer.Exit(2)


@sync_app.command("status")
def sync_status(
    since: SliceSince = None,
    until: SliceUntil = None,
) -> None:
    """What the graph holds of GDELT 2.0's slices: loaded, failed (with why) and missing (neither,
    between the first and last slice recorded or --since/--until)."""
    first, last = _slice_time("since", since), _slice_time("until", until)
    settings = get_settings()
    try:
        with create_driver(settings) as driver:
            status = feed_status(driver, settings.neo4j_database, first, last)
    except CONNECTION_LOST as error:
        raise neo4j_away(error) from None
    console.print(f"loaded: {len(status.loaded)}"
                  + (f" ({status.loaded[0].slice} to {status.loaded[-1].slice})" if status.loaded else ""))
    if status.loaded:
        total = {k: sum(getattr(r.counts, k) for r in status.loaded) for k in SliceCounts.model_fields}
        console.print("  " + ", ".join(f"{n} {k}" for k, n in total.items())
                      + " (skipped: mentions of events not loaded; filtered: events the filters left out)")
    for key, n in Counter(k for r in status.loaded for k in r.filters).most_common():
        console.print(f"  {n} loaded {'under ' + escape(key) if key else 'unfiltered'}", soft_wrap=True)
    console.print(f"failed: {len(status.failed)}")
    for record in status.failed:
        console.print(f"  {record.slice}: {escape(record.reason or '')} (tried {record.attempts}×)",
                      soft_wrap=True)
    console.print(f"missing: {len(status.missing)}")
    for stamp in status.missing[:_LISTED]:
        console.print(f"  {stamp}")
    if len(status.missing) > _LISTED:
        console.print(f"  … and {len(status.missing) - _LISTED} more (narrow with --since/--until)")
