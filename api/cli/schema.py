"""``geokg schema`` and ``geokg format-schema``: the graph's schema, and the native format's."""

from __future__ import annotations

import typer

from api.cli.console import console
from graph.settings import get_settings
from graph.store.driver import create_driver
from graph.store.schema import apply_schema
from loaders.native import native_format_schema


def schema() -> None:
    """Create the constraints, indexes and event-type nodes (idempotent)."""
    settings = get_settings()
    with create_driver(settings) as driver:
        count = apply_schema(driver, settings.neo4j_database)
    console.print(f"schema applied: {count} constraints and indexes")


def format_schema() -> None:
    """Print the JSON Schema of the native record format (docs/native-format.schema.json)."""
    typer.echo(native_format_schema(), nl=False)
