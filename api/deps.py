"""Dependencies the routes declare: the repository, the writer, the time window, the API key."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from graph.rdf.reader import ExportReader
from graph.repository import GraphRepository
from graph.settings import Settings
from graph.temporal import PARTIAL_DATE_HELP as DATE_HELP
from graph.temporal import TimeWindow
from graph.writer import GraphWriter


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_repository(request: Request) -> GraphRepository:
    return request.app.state.repository


def get_writer(request: Request) -> GraphWriter:
    return request.app.state.writer


def get_export_reader(request: Request) -> ExportReader:
    return request.app.state.export_reader


def time_window(
    since: Annotated[str | None, Query(description=f"Start of the window: {DATE_HELP}.",
                                       examples=["2025"])] = None,
    until: Annotated[str | None, Query(description=f"End of the window: {DATE_HELP}.",
                                       examples=["2025-12-31"])] = None,
    as_of: Annotated[str | None, Query(description="What held on that day: events up to it, "
                                       "standing relationships valid on it.",
                                       examples=["2025-01-01"])] = None,
) -> TimeWindow:
    """The window, or a 422 that names the parameter at fault and why."""
    try:
        return TimeWindow(since=since, until=until, as_of=as_of)
    except ValidationError as error:
        message = str(error.errors()[0]["ctx"]["error"])
        parameter = message.split(":", 1)[0]
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", parameter), "msg": message,
              "input": {"since": since, "until": until, "as_of": as_of}[parameter]}]
        ) from None


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings_dep)],
    x_api_key: Annotated[str | None, Header(description="The key set in GEOKG_API_KEY.")] = None,
) -> None:
    """Writes need the configured key; with none configured, writes are refused outright."""
    configured = settings.api_key.get_secret_value() if settings.api_key else ""
    if not configured:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "writes are disabled: no GEOKG_API_KEY is set")
    if not x_api_key or not secrets.compare_digest(x_api_key.encode(), configured.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "a valid X-API-Key header is required",
                            headers={"WWW-Authenticate": "X-API-Key"})


RepositoryDep = Annotated[GraphRepository, Depends(get_repository)]
WriterDep = Annotated[GraphWriter, Depends(get_writer)]
ExportReaderDep = Annotated[ExportReader, Depends(get_export_reader)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
WindowDep = Annotated[TimeWindow, Depends(time_window)]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size (at most 500).")]
Cursor = Annotated[str | None, Query(description="The next_cursor of the previous page.")]
