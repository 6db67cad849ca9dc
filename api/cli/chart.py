"""``geokg chart``: a series of the graph as an SVG chart or a CSV file on disk, as the API gives it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from api.cli.console import console, err_console
from api.cli.options import KnownAsOf, Since, Until, known_day, window
from graph.outputs.series_file import SeriesFormat, SeriesView, series_file
from graph.read.base import NotFoundError
from graph.read.buckets import Interval, TooManyBucketsError
from graph.read.series import SeriesRepository
from graph.settings import get_settings
from graph.store.driver import create_driver

T = TypeVar("T")

chart_app = typer.Typer(help="Series of the graph as SVG charts or CSV files.", no_args_is_help=True)

IntervalOption = Annotated[Interval, typer.Option(help="Bucket size.")]
Output = Annotated[Path, typer.Option("--output", "-o", help="The file to write: .svg for a chart, "
                                      ".csv for the series as a spreadsheet.")]


def _with_series(query: Callable[[SeriesRepository], T]) -> T:
    """Run one series read on a driver of its own; an unknown actor or too many buckets end the
    command with the message and exit 1."""
    settings = get_settings()
    with create_driver(settings) as driver:
        try:
            return query(SeriesRepository(driver, settings.neo4j_database, settings.query_timeout_s))
        except (NotFoundError, TooManyBucketsError) as error:
            err_console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from None


def _write(view: SeriesView, output: Path) -> None:
    """The series as ``output``'s suffix says: CSV for ``.csv``, else an SVG chart."""
    format = SeriesFormat.CSV if output.suffix == ".csv" else SeriesFormat.SVG
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(series_file(view, format).text, encoding="utf-8")


@chart_app.command("dyad")
def dyad(a: str, b: str, output: Output, since: Since = None, until: Until = None,
         interval: IntervalOption = Interval.MONTH, known_as_of: KnownAsOf = None) -> None:
    """A pair's series: events per bucket by CAMEO quad class and their mean Goldstein score."""
    time_window, known = window(since, until), known_day(known_as_of)
    view = _with_series(lambda series: series.dyad_series(a, b, time_window, interval, known))
    _write(view, output)
    events = sum(bucket.events for bucket in view.buckets)
    console.print(f"{output}: {view.a.name} – {view.b.name}, {len(view.buckets)} buckets, {events} events")


@chart_app.command("actor")
def actor(actor_id: str, output: Output, since: Since = None, until: Until = None,
          interval: IntervalOption = Interval.MONTH, known_as_of: KnownAsOf = None,
          top: Annotated[int, typer.Option(min=0, max=20, help="Top counterparts drawn.")] = 5) -> None:
    """An actor's series: its events per bucket by quad class and a line per top counterpart."""
    time_window, known = window(since, until), known_day(known_as_of)
    view = _with_series(lambda series: series.actor_series(actor_id, time_window, interval, known, top))
    _write(view, output)
    console.print(f"{output}: {view.actor.name}, {len(view.buckets)} buckets, "
                  f"{len(view.counterparts)} counterparts")
