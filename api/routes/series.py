"""Relationships over time: a pair's and an actor's series, as JSON, CSV or an SVG chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from api.deps import Count, KnownAsOf, SeriesRepositoryDep, WindowDep
from graph.outputs.series_file import SeriesFormat, series_file
from graph.read.buckets import Interval, TooManyBucketsError
from graph.read.series_views import ActorSeriesView, DyadSeriesView

router = APIRouter(tags=["series"])
Format = Annotated[Literal["json", "csv", "svg"], Query(
    description="json (default), csv (one row per bucket, nested figures as dotted columns) or "
    "svg (a chart drawn with matplotlib).")]
IntervalParam = Annotated[Interval, Query(description="Bucket size.")]
CHART_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}, "image/svg+xml": {}}},
                   404: {"description": "No such actor"}}
T = TypeVar("T")
V = TypeVar("V", DyadSeriesView, ActorSeriesView)


def _bounded(read: Callable[[], T]) -> T:
    """Run a series read; a window of too many buckets is a 422 on `interval`."""
    try:
        return read()
    except TooManyBucketsError as error:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "interval"),
                                       "msg": str(error), "input": None}]) from None


def _as(view: V, format: str) -> V | Response:
    """The view itself (FastAPI makes it JSON), or the file of that format."""
    if format == "json":
        return view
    file = series_file(view, SeriesFormat(format))
    return Response(file.text, media_type=file.media_type,
                    headers={"Content-Disposition": f'inline; filename="{file.filename}"'})


@router.get("/relationships/{a}/{b}/series", response_model=DyadSeriesView, responses=CHART_RESPONSES)
def dyad_series(
    a: Annotated[str, Path(examples=["prk"])],
    b: Annotated[str, Path(examples=["rus"])],
    series: SeriesRepositoryDep,
    window: WindowDep,
    known_as_of: KnownAsOf = None,
    interval: IntervalParam = Interval.MONTH,
    ids_per_bucket: Annotated[int, Query(ge=0, le=500, description="At most this many event ids "
                                         "per bucket.")] = 50,
    format: Format = "json",
    count: Count = "happenings",
) -> DyadSeriesView | Response:
    """One bucket per interval over the window, empty ones as zeros: events (occurred and planned
    apart), per CAMEO quad class, Goldstein total and mean, net cooperation, distinct sources, the
    split by direction (a → b, b → a, mutual), the precision of the events' dates and their ids.
    Each event counts once, in the bucket of its start; the window keeps events that start in it.
    `count=happenings` (the default) counts each happening once, in the bucket of its start, its
    first record standing for it; `count=records` every record. Every bucket reports both
    `happenings` and `records`."""
    view = _bounded(lambda: series.dyad_series(a, b, window, interval, known_as_of, ids_per_bucket,
                                               count))
    return _as(view, format)


@router.get("/actors/{actor_id}/series", response_model=ActorSeriesView, responses=CHART_RESPONSES)
def actor_series(
    actor_id: Annotated[str, Path(examples=["prk"])],
    series: SeriesRepositoryDep,
    window: WindowDep,
    known_as_of: KnownAsOf = None,
    interval: IntervalParam = Interval.MONTH,
    top: Annotated[int, Query(ge=0, le=20, description="How many top counterparts.")] = 5,
    format: Format = "json",
    count: Count = "happenings",
) -> ActorSeriesView | Response:
    """The actor's interaction volume, quad classes and mean Goldstein per bucket, overall and with
    each of its top counterparts of the window. CSV: one row per series and bucket (`series` is
    the actor's id for the overall figures, else the counterpart's). `count` as for the pair's
    series."""
    view = _bounded(lambda: series.actor_series(actor_id, window, interval, known_as_of, top,
                                                count))
    return _as(view, format)
