"""The FastAPI application: one driver for the process, made in the lifespan, closed on shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from api.cors import install_cors
from api.deps import require_read_key
from api.errors import install_error_handlers
from api.openapi import complete_openapi
from api.redirects import OwnRedirects
from api.routes import (
    actors,
    analytics,
    browser_guide,
    events,
    export,
    happenings,
    health,
    network,
    paths,
    relationships,
    series,
)
from graph.read.export_reader import ExportReader
from graph.read.happenings import HappeningReader
from graph.read.repository import GraphRepository
from graph.read.series import SeriesRepository
from graph.settings import Settings, get_settings
from graph.store.driver import create_driver
from graph.store.writer import GraphWriter

DESCRIPTION = """
Who dealt with whom, when, how, and according to whom: a temporal graph of geopolitical events.

**Time.** `since`/`until` are inclusive and take `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. An event
known only to the month or year matches a window that its span overlaps; an ongoing one matches
every later window. `as_of=D` shows what held on day D: events up to D, and standing
relationships (alliance, leadership, war) whose validity contains D. Planned events carry
`status: planned` and are counted apart from occurred ones.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = create_driver(settings, reads_only=True)  # fails fast while Neo4j is away
        write_driver = create_driver(settings)  # retries deadlocks between writers
        app.state.settings = settings
        app.state.export_reader = ExportReader(
            driver, settings.neo4j_database, settings.batch_size, settings.query_timeout_s
        )
        app.state.repository = GraphRepository(driver, settings.neo4j_database, settings.query_timeout_s)
        app.state.happenings = HappeningReader(driver, settings.neo4j_database,
                                               settings.query_timeout_s)
        app.state.series = SeriesRepository(driver, settings.neo4j_database, settings.query_timeout_s)
        # Writes share the readers' bookmarks: a client's next read sees its write.
        app.state.writer = GraphWriter(write_driver, settings.neo4j_database, settings.batch_size,
                                       bookmarks=driver.execute_query_bookmark_manager)
        try:
            yield
        finally:
            driver.close()
            write_driver.close()

    # Swagger UI and ReDoc from the package's own files, not a CDN: /docs works on a closed network.
    # Each operation's id is its function's name (`dyad_series_csv`): what a generated client
    # names its call (FastAPI's default adds the path and method).
    app = FastAPIOffline(title="geokg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                         generate_unique_id_function=lambda route: route.name)
    install_error_handlers(app)
    install_cors(app, settings.cors_origins)
    app.add_middleware(OwnRedirects, public_url=settings.public_url)
    complete_openapi(app)
    # Reads are closed only when a read key is configured (and then the schema says so).
    closed = [Depends(require_read_key)] if settings.read_api_key else []
    for module in (health, browser_guide):
        app.include_router(module.router)
    for module in (actors, series, relationships, events, happenings, network, paths, analytics,
                   export):
        app.include_router(module.router, dependencies=closed)
    return app
