"""``geokg chart``: a series of the graph as an SVG chart (or CSV) on disk, as the API draws it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from api.load_command import console, err_console
from graph.buckets import Interval, TooManyBucketsError
from graph.charts import actor_chart, dyad_chart
from graph.driver import create_driver
from graph.repository import NotFoundError
from graph.series import SeriesRepository
from graph.series_views import DyadBucket
from graph.settings import get_settings
from graph.tables import to_csv
from graph.temporal import PARTIAL_DATE_HELP, TimeWindow

T = TypeVar("T")

chart_app = typer.Typer(help="Series of the graph as SVG charts or CSV files.", no_args_is_help=True)

Since = Annotated[str | None, typer.Option(help=f"Start of the window: {PARTIAL_DATE_HELP}.")]
Until = Annotated[str | None, typer.Option(help=f"End of the window: {PARTIAL_DATE_HELP}.")]
IntervalOption = Annotated[Interval, typer.Option(help="Bucket size.")]
KnownAsOf = Annotated[str | None, typer.Option(help="Only what some source had reported by this "
                                               "day (YYYY-MM-DD).")]
Output = Annotated[Path, typer.Option("--output", "-o", help="The file to write (.svg, or .csv for "
                                      "a pair's series as a spreadsheet).")]


def _window(since: str | None, until: str | None) -> TimeWindow:
    try:
        return TimeWindow(since=since, until=until)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _known(known_as_of: str | None) -> date | None:
    try:
        return date.fromisoformat(known_as_of) if known_as_of else None
    except ValueError:
        raise typer.BadParameter(f"known-as-of: {known_as_of!r} is not YYYY-MM-DD") from None


def _read(query: Callable[[SeriesRepository], T]) -> T:
    """Run one series read on a driver of its own; an unknown actor or too many buckets end the
    command with the message and exit 1."""
    settings = get_settings()
    with create_driver(settings) as driver:
        try:
            return query(SeriesRepository(driver, settings.neo4j_database, settings.query_timeout_s))
        except (NotFoundError, TooManyBucketsError) as error:
            err_console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from None


@chart_app.command("dyad")
def dyad(a: str, b: str, output: Output, since: Since = None, until: Until = None,
         interval: IntervalOption = Interval.MONTH, known_as_of: KnownAsOf = None) -> None:
    """A pair's series: events per bucket by CAMEO quad class and their mean Goldstein score."""
    window, known = _window(since, until), _known(known_as_of)
    view = _read(lambda series: series.dyad_series(a, b, window, interval, known))
    if output.suffix == ".csv":
        text = to_csv([bucket.model_dump(mode="json") for bucket in view.buckets], DyadBucket.template())
    else:
        text = dyad_chart(view)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    events = sum(bucket.events for bucket in view.buckets)
    console.print(f"{output}: {view.a.name} – {view.b.name}, {len(view.buckets)} buckets, {events} events")


@chart_app.command("actor")
def actor(actor_id: str, output: Output, since: Since = None, until: Until = None,
          interval: IntervalOption = Interval.MONTH, known_as_of: KnownAsOf = None,
          top: Annotated[int, typer.Option(min=0, max=20, help="Top counterparts drawn.")] = 5) -> None:
    """An actor's series: its events per bucket by quad class and a line per top counterpart."""
    window, known = _window(since, until), _known(known_as_of)
    view = _read(lambda series: series.actor_series(actor_id, window, interval, known, top))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(actor_chart(view), encoding="utf-8")
    console.print(f"{output}: {view.actor.name}, {len(view.buckets)} buckets, "
                  f"{len(view.counterparts)} counterparts")
