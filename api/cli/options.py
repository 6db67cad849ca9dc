"""Options the commands share, and how a window given on the command line is checked: through
``TimeWindow.of``, as the API does, a bad one ending the command with exit 2 and the option named."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from api.cli.console import err_console
from graph.temporal import PARTIAL_DATE_HELP, TimeWindow, WindowError
from loaders.filters import FilterError, LoadFilter, load_filter

Since = Annotated[str | None, typer.Option(help=f"Start of the window: {PARTIAL_DATE_HELP}.")]
Until = Annotated[str | None, typer.Option(help=f"End of the window: {PARTIAL_DATE_HELP}.")]
AsOf = Annotated[str | None, typer.Option(help="What held on that day (events up to it, standing "
                                          "relationships valid on it); not with --since/--until.")]
KnownAsOf = Annotated[str | None, typer.Option(help="Only what some source had reported by this "
                                               "day (YYYY-MM-DD).")]


def window(since: str | None, until: str | None, as_of: str | None = None) -> TimeWindow:
    """The window of ``--since``/``--until``/``--as-of``, or exit 2 naming the option at fault."""
    try:
        return TimeWindow.of(since, until, as_of)
    except WindowError as error:
        err_console.print(f"[red]--{error.parameter.replace('_', '-')}: {error.reason}[/red]")
        raise typer.Exit(2) from None


def known_day(known_as_of: str | None) -> date | None:
    """The day of ``--known-as-of``, or exit 2."""
    try:
        return date.fromisoformat(known_as_of) if known_as_of else None
    except ValueError:
        err_console.print(f"[red]--known-as-of: {known_as_of!r} is not YYYY-MM-DD[/red]")
        raise typer.Exit(2) from None


# The load filters (loaders/filters.py), for every command that loads events.
Countries = Annotated[str | None, typer.Option(
    help="Keep only events with a participant of these countries, either side (ISO alpha-3, "
    "comma-separated: RUS,PRK).", rich_help_panel="Filters")]
Actors = Annotated[str | None, typer.Option(
    help="Keep only events with one of these actors: resolved ids (vladimir_putin, rus) or a data "
    "set's codes or names (RUSGOV), comma-separated.", rich_help_panel="Filters")]
CameoRoot = Annotated[str | None, typer.Option(
    help="Keep only events of these CAMEO root codes (01..20, comma-separated: 03,04).",
    rich_help_panel="Filters")]
Quad = Annotated[str | None, typer.Option(
    help="Keep only events of these CAMEO quad classes (1..4, comma-separated).", rich_help_panel="Filters")]
LoadSince = Annotated[str | None, typer.Option(
    "--since", help=f"Keep only events whose date reaches this day or later ({PARTIAL_DATE_HELP}).",
    rich_help_panel="Filters")]
LoadUntil = Annotated[str | None, typer.Option(
    "--until", help=f"Keep only events whose date starts by this day ({PARTIAL_DATE_HELP}).",
    rich_help_panel="Filters")]
#: The same date filter, for a command whose --since/--until choose something else (``geokg sync``'s slices).
EventSince = Annotated[str | None, typer.Option(
    "--event-since", help=f"Keep only events whose date reaches this day or later ({PARTIAL_DATE_HELP}).",
    rich_help_panel="Filters")]
EventUntil = Annotated[str | None, typer.Option(
    "--event-until", help=f"Keep only events whose date starts by this day ({PARTIAL_DATE_HELP}).",
    rich_help_panel="Filters")]
MinMentions = Annotated[int | None, typer.Option(
    help="Keep only GDELT events with at least this many mentions (NumMentions).", rich_help_panel="Filters")]
MinSources = Annotated[int | None, typer.Option(
    help="Keep only GDELT events with at least this many sources (NumSources).", rich_help_panel="Filters")]
MinArticles = Annotated[int | None, typer.Option(
    help="Keep only GDELT events with at least this many articles (NumArticles).", rich_help_panel="Filters")]


def filter_of(countries: str | None = None, actors: str | None = None, cameo_root: str | None = None,
              quad: str | None = None, since: str | None = None, until: str | None = None,
              min_mentions: int | None = None, min_sources: int | None = None,
              min_articles: int | None = None, *, date_prefix: str = "") -> LoadFilter:
    """The load filter of the filter options, or exit 2 naming the option at fault (the date
    options as ``--{date_prefix}since``)."""
    try:
        return load_filter(countries, actors, cameo_root, quad, since, until, min_mentions, min_sources,
                           min_articles)
    except FilterError as error:
        option = error.option.replace('_', '-')
        err_console.print(f"[red]--{date_prefix if option in ('since', 'until') else ''}{option}: "
                          f"{error.reason}[/red]")
        raise typer.Exit(2) from None
