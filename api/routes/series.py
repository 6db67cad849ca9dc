"""Relationships over time: a pair's and an actor's series, as JSON, CSV (``….csv``) or an SVG
chart (``….svg``), one media type per path (``api.media``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response

from api.deps import Count, KnownAsOf, SeriesRepositoryDep, WindowDep
from api.media import MOVED, CsvResponse, SvgResponse, file_responses, moved_to_file
from graph.outputs.series_file import SeriesFormat, series_file
from graph.read.buckets import Interval, TooManyBucketsError
from graph.read.series_views import ActorSeriesView, DyadSeriesView

router = APIRouter(tags=["series"])
#: The JSON paths' old way to ask for a file: now a redirect to the file's path.
Format = Annotated[Literal["json", "csv", "svg"], Query(
    deprecated=True, description="json (default); csv and svg redirect (308) to the same path with "
    "`.csv` / `.svg` added.")]
IntervalParam = Annotated[Interval, Query(description="Bucket size.")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such actor"}}
CSV = file_responses(CsvResponse, "One row per bucket, nested figures as dotted columns, lists as "
                     "space-separated ids, empty cells for nulls")
SVG = file_responses(SvgResponse, "A chart drawn with matplotlib")
T = TypeVar("T")


def _bounded(read: Callable[[], T]) -> T:
    """Run a series read; a window of too many buckets is a 422 on `interval`."""
    try:
        return read()
    except TooManyBucketsError as error:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "interval"),
                                       "msg": str(error), "input": None}]) from None


def _file(view: DyadSeriesView | ActorSeriesView, format: SeriesFormat) -> Response:
    file = series_file(view, format)
    return Response(file.text, media_type=file.media_type,
                    headers={"Content-Disposition": f'inline; filename="{file.filename}"'})


def dyad_read(
    a: Annotated[str, Path(examples=["prk"])],
    b: Annotated[str, Path(examples=["rus"])],
    series: SeriesRepositoryDep,
    window: WindowDep,
    known_as_of: KnownAsOf = None,
    interval: IntervalParam = Interval.MONTH,
    ids_per_bucket: Annotated[int, Query(ge=0, le=500, description="At most this many event ids "
                                         "per bucket.")] = 50,
    count: Count = "happenings",
) -> Callable[[], DyadSeriesView]:
    """The read of the pair's series, whatever it is answered as (not made for a redirect)."""
    return lambda: _bounded(lambda: series.dyad_series(a, b, window, interval, known_as_of,
                                                       ids_per_bucket, count))


def actor_read(
    actor_id: Annotated[str, Path(examples=["prk"])],
    series: SeriesRepositoryDep,
    window: WindowDep,
    known_as_of: KnownAsOf = None,
    interval: IntervalParam = Interval.MONTH,
    top: Annotated[int, Query(ge=0, le=20, description="How many top counterparts.")] = 5,
    count: Count = "happenings",
) -> Callable[[], ActorSeriesView]:
    """The read of the actor's series, whatever it is answered as (not made for a redirect)."""
    return lambda: _bounded(lambda: series.actor_series(actor_id, window, interval, known_as_of, top,
                                                        count))


DyadRead = Annotated[Callable[[], DyadSeriesView], Depends(dyad_read)]
ActorRead = Annotated[Callable[[], ActorSeriesView], Depends(actor_read)]


@router.get("/relationships/{a}/{b}/series", response_model=DyadSeriesView,
            responses={**NOT_FOUND, **MOVED})
def dyad_series(read: DyadRead, request: Request,
                format: Format = "json") -> DyadSeriesView | RedirectResponse:
    """One bucket per interval over the window, empty ones as zeros: events (occurred and planned
    apart), per CAMEO quad class, Goldstein total and mean, net cooperation, distinct sources, the
    split by direction (a → b, b → a, mutual), the precision of the events' dates and their ids.
    Each event counts once, in the bucket of its start; the window keeps events that start in it.
    `count=happenings` (the default) counts each happening once, in the bucket of its start, its
    first record standing for it; `count=records` every record. Every bucket reports both
    `happenings` and `records`. The same as CSV at `series.csv`, as an SVG chart at `series.svg`."""
    return read() if format == "json" else moved_to_file(request, format)


@router.get("/relationships/{a}/{b}/series.csv", response_class=CsvResponse, responses={**CSV, **NOT_FOUND})
def dyad_series_csv(read: DyadRead) -> Response:
    """The pair's series as CSV: one row per bucket."""
    return _file(read(), SeriesFormat.CSV)


@router.get("/relationships/{a}/{b}/series.svg", response_class=SvgResponse, responses={**SVG, **NOT_FOUND})
def dyad_series_svg(read: DyadRead) -> Response:
    """The pair's series as an SVG chart: events stacked by quad class, and the mean Goldstein score."""
    return _file(read(), SeriesFormat.SVG)


@router.get("/actors/{actor_id}/series", response_model=ActorSeriesView, responses={**NOT_FOUND, **MOVED})
def actor_series(read: ActorRead, request: Request,
                 format: Format = "json") -> ActorSeriesView | RedirectResponse:
    """The actor's interaction volume, quad classes and mean Goldstein per bucket, overall and with
    each of its top counterparts of the window. The same as CSV at `series.csv` (one row per series
    and bucket, `series` being the actor's id for the overall figures, else the counterpart's), as
    an SVG chart at `series.svg`. `count` as for the pair's series."""
    return read() if format == "json" else moved_to_file(request, format)


@router.get("/actors/{actor_id}/series.csv", response_class=CsvResponse, responses={**CSV, **NOT_FOUND})
def actor_series_csv(read: ActorRead) -> Response:
    """The actor's series as CSV: one row per series and bucket."""
    return _file(read(), SeriesFormat.CSV)


@router.get("/actors/{actor_id}/series.svg", response_class=SvgResponse, responses={**SVG, **NOT_FOUND})
def actor_series_svg(read: ActorRead) -> Response:
    """The actor's series as an SVG chart: a line per top counterpart."""
    return _file(read(), SeriesFormat.SVG)
