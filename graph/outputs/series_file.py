"""A series as a file: CSV (one row per bucket, for an actor one per series and bucket) or an SVG
chart, with its media type and a file name. The API's ``series.csv`` and ``series.svg`` paths and
``geokg chart`` both write through here, so the two give the same bytes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graph.outputs.charts import actor_chart, dyad_chart
from graph.outputs.tables import to_csv
from graph.read.series_views import ActorSeriesView, Bucket, DyadBucket, DyadSeriesView

SeriesView = DyadSeriesView | ActorSeriesView


class SeriesFormat(StrEnum):
    CSV = "csv"
    SVG = "svg"


MEDIA_TYPES = {SeriesFormat.CSV: "text/csv", SeriesFormat.SVG: "image/svg+xml"}


@dataclass(frozen=True)
class SeriesFile:
    text: str
    media_type: str
    filename: str


def series_csv(view: SeriesView) -> str:
    """A pair's series: one row per bucket. An actor's: one row per series and bucket, ``series``
    being the actor's id for its overall figures, else the counterpart's."""
    if isinstance(view, DyadSeriesView):
        return to_csv([bucket.model_dump(mode="json") for bucket in view.buckets], DyadBucket.template())
    rows = [{"series": view.actor.id, **bucket.model_dump(mode="json")} for bucket in view.buckets]
    rows += [{"series": item.counterpart.id, **bucket.model_dump(mode="json")}
             for item in view.counterparts for bucket in item.buckets]
    return to_csv(rows, {"series": "", **Bucket.template()})


def series_file(view: SeriesView, format: SeriesFormat) -> SeriesFile:
    """The series in ``format``, named after its actors and interval (``prk-rus-month.csv``)."""
    if format is SeriesFormat.CSV:
        text = series_csv(view)
    elif isinstance(view, DyadSeriesView):
        text = dyad_chart(view)
    else:
        text = actor_chart(view)
    stem = f"{view.a.id}-{view.b.id}" if isinstance(view, DyadSeriesView) else view.actor.id
    return SeriesFile(text, MEDIA_TYPES[format], f"{stem}-{view.interval.value}.{format.value}")
