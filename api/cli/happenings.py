"""``geokg happenings rebuild``: recompute the happenings of a window or of the whole graph."""

from __future__ import annotations

import typer

from api.cli.console import console
from api.cli.options import Since, Until, window
from graph.happenings.rebuild import rebuild as rebuild_happenings
from graph.settings import get_settings
from graph.store.driver import create_driver

happenings_app = typer.Typer(help="The happenings: one per real-world event, grouping its records.",
                             no_args_is_help=True)


@happenings_app.command("rebuild")
def rebuild(since: Since = None, until: Until = None) -> None:
    """Regroup every record whose time reaches into the window (the whole graph without one), with
    the rules in force; happenings found as they are stay untouched. Run it while no load writes."""
    start, end = window(since, until).event_bounds
    settings = get_settings()
    with create_driver(settings) as driver:
        report = rebuild_happenings(driver, settings.neo4j_database, start, end)
    rate = report.records / report.seconds if report.seconds else 0.0
    console.print(f"{report.records} records in {report.happenings} happenings: {report.written} "
                  f"written, {report.removed} removed ({report.seconds:.1f} s, {rate:,.0f} records/s)")
