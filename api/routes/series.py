"""Relationships over time: a pair's and an actor's series, as JSON, CSV or an SVG chart, and the
dyads that shifted most between two periods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import ValidationError

from api.deps import WindowDep
from api.series_deps import KnownAsOf, SeriesRepositoryDep
from graph.buckets import Interval, TooManyBucketsError
from graph.charts import actor_chart, dyad_chart
from graph.series_views import ActorSeriesView, Bucket, DyadBucket, DyadSeriesView, ShiftsView
from graph.tables import to_csv
from graph.temporal import PARTIAL_DATE_HELP, TimeWindow

router = APIRouter(tags=["series"])
Format = Annotated[Literal["json", "csv", "svg"], Query(
    description="json (default), csv (one row per bucket, nested figures as dotted columns) or "
    "svg (a chart drawn with matplotlib).")]
IntervalParam = Annotated[Interval, Query(description="Bucket size.")]
CHART_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}, "image/svg+xml": {}}},
                   404: {"description": "No such actor"}}
T = TypeVar("T")


def _bounded(read: Callable[[], T]) -> T:
    """Run a series read; a window of too many buckets is a 422 on `interval`."""
    try:
        return read()
    except TooManyBucketsError as error:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "interval"),
                                       "msg": str(error), "input": None}]) from None


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


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
) -> DyadSeriesView | Response:
    """One bucket per interval over the window, empty ones as zeros: events (occurred and planned
    apart), per CAMEO quad class, Goldstein total and mean, net cooperation, distinct sources, the
    split by direction (a → b, b → a, mutual), the precision of the events' dates and their ids.
    Each event counts once, in the bucket of its start; the window keeps events that start in it."""
    view = _bounded(lambda: series.dyad_series(a, b, window, interval, known_as_of, ids_per_bucket))
    name = f"{view.a.id}-{view.b.id}-{interval.value}"
    if format == "csv":
        rows = [bucket.model_dump(mode="json") for bucket in view.buckets]
        return _download(to_csv(rows, DyadBucket.template()), "text/csv", f"{name}.csv")
    if format == "svg":
        return _download(dyad_chart(view), "image/svg+xml", f"{name}.svg")
    return view


@router.get("/actors/{actor_id}/series", response_model=ActorSeriesView, responses=CHART_RESPONSES)
def actor_series(
    actor_id: Annotated[str, Path(examples=["prk"])],
    series: SeriesRepositoryDep,
    window: WindowDep,
    known_as_of: KnownAsOf = None,
    interval: IntervalParam = Interval.MONTH,
    top: Annotated[int, Query(ge=0, le=20, description="How many top counterparts.")] = 5,
    format: Format = "json",
) -> ActorSeriesView | Response:
    """The actor's interaction volume, quad classes and mean Goldstein per bucket, overall and with
    each of its top counterparts of the window. CSV: one row per series and bucket (`series` is
    the actor's id for the overall figures, else the counterpart's)."""
    view = _bounded(lambda: series.actor_series(actor_id, window, interval, known_as_of, top))
    name = f"{view.actor.id}-{interval.value}"
    if format == "csv":
        rows = [{"series": view.actor.id, **bucket.model_dump(mode="json")} for bucket in view.buckets]
        rows += [{"series": item.counterpart.id, **bucket.model_dump(mode="json")}
                 for item in view.counterparts for bucket in item.buckets]
        return _download(to_csv(rows, {"series": "", **Bucket.template()}), "text/csv", f"{name}.csv")
    if format == "svg":
        return _download(actor_chart(view), "image/svg+xml", f"{name}.svg")
    return view


def _period(name: str, since: str, until: str) -> TimeWindow:
    """Period A or B as a window, or a 422 naming the parameter at fault."""
    try:
        return TimeWindow(since=since, until=until)
    except ValidationError as error:
        message = str(error.errors()[0]["ctx"]["error"])
        parameter = f"{name}_{message.split(':', 1)[0]}"
        raise RequestValidationError([{"type": "value_error", "loc": ("query", parameter),
                                       "msg": f"{name}_{message.replace(' until ', f' {name}_until ')}",
                                       "input": None}]) from None


def _period_param(which: str, bound: str, example: str) -> object:
    return Query(description=f"{bound.capitalize()} of period {which}: {PARTIAL_DATE_HELP}.",
                 examples=[example])


@router.get("/analytics/shifts", response_model=ShiftsView, tags=["analytics"],
            responses={404: {"description": "No such actor"}})
def shifts(
    series: SeriesRepositoryDep,
    a_since: Annotated[str, _period_param("A", "start", "2024")],
    a_until: Annotated[str, _period_param("A", "end", "2024")],
    b_since: Annotated[str, _period_param("B", "start", "2025")],
    b_until: Annotated[str, _period_param("B", "end", "2025")],
    actor: Annotated[str | None, Query(description="Only the dyads of this actor.",
                                       examples=["prk"])] = None,
    known_as_of: KnownAsOf = None,
    min_events: Annotated[int, Query(ge=1, le=10000, description="Warmed/cooled need at least this "
                                     "many events in each period.")] = 1,
    limit: Annotated[int, Query(ge=1, le=100, description="Dyads per list.")] = 10,
) -> ShiftsView:
    """The dyads (unordered actor pairs) whose volume or mean Goldstein changed most from period A
    to period B: appeared, vanished, warmed, cooled, grew, shrank, each with the figures of both
    periods. An event belongs to a period when it starts in it. The whole graph, or one actor's."""
    period_a, period_b = _period("a", a_since, a_until), _period("b", b_since, b_until)
    return series.shifts(period_a, period_b, actor, known_as_of, min_events, limit)
