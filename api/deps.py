"""Dependencies the routes declare: the repository, the writer, the time window, the API keys."""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyHeader
from pydantic import BeforeValidator, SecretStr

from api.errors import ApiError
from graph.read.export_reader import ExportReader
from graph.read.happenings import HappeningReader
from graph.read.repository import GraphRepository
from graph.read.series import SeriesRepository
from graph.settings import Settings
from graph.store.writer import GraphWriter
from graph.temporal import PARTIAL_DATE_HELP as DATE_HELP
from graph.temporal import TimeWindow, WindowError


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_repository(request: Request) -> GraphRepository:
    return request.app.state.repository


def get_series_repository(request: Request) -> SeriesRepository:
    return request.app.state.series


def get_happening_reader(request: Request) -> HappeningReader:
    return request.app.state.happenings


def get_writer(request: Request) -> GraphWriter:
    return request.app.state.writer


def get_export_reader(request: Request) -> ExportReader:
    return request.app.state.export_reader


#: A partial date as the schema states it (the calendar and the window's order are checked after).
PARTIAL_DATE_PATTERN = (r"^([1-9]\d{3}|0[1-9]\d\d|00[1-9]\d|000[1-9])"
                        r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def time_window(
    since: Annotated[str | None, Query(description=f"Start of the window: {DATE_HELP}.",
                                       pattern=PARTIAL_DATE_PATTERN, examples=["2025"])] = None,
    until: Annotated[str | None, Query(description=f"End of the window: {DATE_HELP}.",
                                       pattern=PARTIAL_DATE_PATTERN, examples=["2025-12-31"])] = None,
    as_of: Annotated[str | None, Query(description="What held on that day (e.g. 2025-01-01): "
                                       "events up to it, standing relationships valid on it; "
                                       "not with since/until.", pattern=PARTIAL_DATE_PATTERN)] = None,
) -> TimeWindow:
    """The window of ``since``/``until``/``as_of``."""
    return window_or_422(since, until, as_of)


def window_or_422(since: str | None, until: str | None, as_of: str | None = None, *,
                  prefix: str = "") -> TimeWindow:
    """The window, or a 422 whose ``loc`` names the query parameter at fault (``prefix`` names
    parameters that bear one, such as ``a_since``)."""
    try:
        return TimeWindow.of(since, until, as_of, prefix=prefix)
    except WindowError as error:
        given = {f"{prefix}since": since, f"{prefix}until": until, f"{prefix}as_of": as_of}
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", error.parameter), "msg": str(error),
              "input": given[error.parameter]}]
        ) from None


API_KEY_HEADER = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="GEOKG_API_KEY for writes; GEOKG_READ_API_KEY (or "
                              "GEOKG_API_KEY) for reads when reads are closed.")
KeyHeader = Annotated[str | None, Depends(API_KEY_HEADER)]


def _matches(given: str | None, *keys: SecretStr | None) -> bool:
    """Whether ``given`` is one of the configured keys, compared in constant time."""
    supplied = (given or "").encode()
    matched = False
    for key in keys:
        if key and key.get_secret_value():
            matched |= secrets.compare_digest(supplied, key.get_secret_value().encode())
    return matched


def _unauthorised() -> ApiError:
    return ApiError(status.HTTP_401_UNAUTHORIZED, ["header", "x-api-key"],
                    "a valid X-API-Key header is required", "unauthorized",
                    headers={"WWW-Authenticate": "X-API-Key"})


def require_api_key(settings: Annotated[Settings, Depends(get_settings_dep)], x_api_key: KeyHeader) -> None:
    """Writes need the configured key; with none configured, writes are refused outright."""
    if not (settings.api_key and settings.api_key.get_secret_value()):
        raise ApiError(status.HTTP_403_FORBIDDEN, ["header", "x-api-key"],
                       "writes are disabled: no GEOKG_API_KEY is set", "forbidden")
    if not _matches(x_api_key, settings.api_key):
        raise _unauthorised()


def require_read_key(settings: Annotated[Settings, Depends(get_settings_dep)], x_api_key: KeyHeader) -> None:
    """With GEOKG_READ_API_KEY set, reads need it (or the write key)."""
    if not _matches(x_api_key, settings.read_api_key, settings.api_key):
        raise _unauthorised()


RepositoryDep = Annotated[GraphRepository, Depends(get_repository)]
WriterDep = Annotated[GraphWriter, Depends(get_writer)]
HappeningReaderDep = Annotated[HappeningReader, Depends(get_happening_reader)]
ExportReaderDep = Annotated[ExportReader, Depends(get_export_reader)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
WindowDep = Annotated[TimeWindow, Depends(time_window)]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size (at most 500).")]
Cursor = Annotated[str | None, Query(description="The next_cursor of the previous page.",
                                     pattern=r"^[A-Za-z0-9_-]+={0,2}$", max_length=2000)]
Count = Annotated[Literal["happenings", "records"], Query(
    description="What a figure counts: happenings (each real-world event once, however many "
    "records report it) or records (every record of every data set).")]
MinDatasets = Annotated[int | None, Query(ge=1, le=100, description="Only happenings that at "
                                          "least this many data sets report.")]
MinSources = Annotated[int | None, Query(ge=1, le=100000, description="Only happenings that at "
                                         "least this many distinct sources report.")]
SeriesRepositoryDep = Annotated[SeriesRepository, Depends(get_series_repository)]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD``: pydantic would otherwise read a number as a Unix timestamp."""
    if isinstance(value, str) and not _ISO_DAY.match(value):
        raise ValueError("a day as YYYY-MM-DD")
    return value


KnownAsOf = Annotated[date | None, BeforeValidator(_iso_day), Query(
    description="Recorded time: only events some source had reported by that day (and standing "
    "relationships known by then), i.e. what the graph knew on that day.",
    examples=["2025-08-12"],
)]
