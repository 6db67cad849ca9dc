"""The ``geokg`` command: one module per command group, assembled here.

It may import ``graph`` and ``loaders``; the HTTP app (``api.main``) only by name, for uvicorn.
"""

from __future__ import annotations

import typer

from api.cli.browser import browser_app
from api.cli.bulk import import_bulk
from api.cli.chart import chart_app
from api.cli.happenings import happenings_app
from api.cli.load import load
from api.cli.neo4j import neo4j_app
from api.cli.rdf import export_app, import_app
from api.cli.schema import format_schema, schema
from api.cli.serve import serve

app = typer.Typer(help="geokg: a geopolitical event knowledge graph on Neo4j.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.command("schema")(schema)
app.command("load")(load)
app.command("serve")(serve)
app.command("format-schema")(format_schema)
app.add_typer(browser_app, name="browser")
app.add_typer(chart_app, name="chart")
app.add_typer(happenings_app, name="happenings")
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")
import_app.command("bulk")(import_bulk)
