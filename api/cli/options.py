"""Options the commands share, and how a window given on the command line is checked: through
``TimeWindow.of``, as the API does, a bad one ending the command with exit 2 and the option named."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from api.cli.console import err_console
from graph.temporal import PARTIAL_DATE_HELP, TimeWindow, WindowError

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
