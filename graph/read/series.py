"""Relationships over time: a pair's or an actor's figures per calendar bucket, and the dyads that
shifted most between two periods.

Counting convention (documented in the README, tested): with ``count="happenings"`` (the
default) a happening counts once, in the bucket of its start, its first record (by time then id)
giving its direction, status and Goldstein score; with ``count="records"`` a record counts once,
in the bucket of its start (``valid_from``), whatever its precision. A series window keeps what
starts inside it. Every bucket also says how many happenings and records start in it, whatever
``count`` says, so the two can be compared. The queries aggregate in Neo4j and return only the
buckets holding events; the buckets in between are made here, as zeros, so a series has no gaps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from graph.read.base import NotFoundError, ReadRepository, Row
from graph.read.buckets import BucketSpan, Interval, bucket_key, bucket_spans, check_bucket_count, next_key
from graph.read.series_views import (
    PRECISIONS,
    ActorSeriesView,
    Bucket,
    CounterpartSeries,
    Directions,
    DyadBucket,
    DyadSeriesView,
    DyadShift,
    Figures,
    PeriodFigures,
    PeriodView,
    PrecisionCounts,
    ShiftsView,
)
from graph.read.views import WindowView
from graph.temporal import TimeWindow

SHIFT_KINDS = ("appeared", "vanished", "warmed", "cooled", "grew", "shrank")


class SeriesRepository(ReadRepository):
    """Read-only series queries; like ``GraphRepository``, each method runs named queries in read
    transactions with a timeout, and never imports FastAPI."""

    def dyad_series(
        self, a: str, b: str, window: TimeWindow, interval: Interval,
        known_as_of: date | None = None, ids_per_bucket: int = 50, count: str = "happenings",
    ) -> DyadSeriesView:
        since, until = _checked_bounds(window, interval)
        rows = self._read("dyad_series", a=a, b=b, since=since, until=until, interval=interval.value,
                          known_as_of=known_as_of, max_event_ids=ids_per_bucket, count=count)
        if not rows:
            self.require_actors(a, b)
        row = rows[0]
        tallies = _tallies(row)
        spans = _spans(since, until, interval, [*(r["bucket"] for r in row["buckets"]), *tallies])
        found = {r["bucket"]: r for r in row["buckets"]}
        buckets = [_dyad_bucket(span, found.get(span.key), *tallies.get(span.key, (0, 0)))
                   for span in spans]
        return DyadSeriesView(
            a=row["a"], b=row["b"], buckets=buckets,
            **_meta(window, interval, spans, known_as_of),
        )

    def actor_series(
        self, actor_id: str, window: TimeWindow, interval: Interval,
        known_as_of: date | None = None, top: int = 5, count: str = "happenings",
    ) -> ActorSeriesView:
        since, until = _checked_bounds(window, interval)
        rows = self._read("actor_series", id=actor_id, since=since, until=until,
                          interval=interval.value, known_as_of=known_as_of, top=top, count=count)
        if not rows:
            raise NotFoundError("actor", actor_id)
        row = rows[0]
        series = {item["series"]: item for item in row["series"]}
        overall = series.get(actor_id, {"buckets": [], "record_counts": [], "happening_counts": []})
        tallies = _tallies(overall)
        spans = _spans(since, until, interval, [*(r["bucket"] for r in overall["buckets"]), *tallies])
        counterparts = [
            CounterpartSeries(counterpart=item["counterpart"], events=item["events"],
                              buckets=_plain_buckets(spans, series[item["counterpart"]["id"]]))
            for item in sorted(row["counterparts"], key=lambda c: (-c["events"], c["counterpart"]["id"]))
        ]
        return ActorSeriesView(
            actor=row["actor"], buckets=_plain_buckets(spans, overall),
            counterparts=counterparts, **_meta(window, interval, spans, known_as_of),
        )

    def shifts(
        self, period_a: TimeWindow, period_b: TimeWindow, actor: str | None = None,
        known_as_of: date | None = None, min_events: int = 1, limit: int = 10,
        count: str = "happenings",
    ) -> ShiftsView:
        """The dyads whose volume or mean Goldstein changed most from period A to period B."""
        (a_since, a_until), (b_since, b_until) = period_a.event_bounds, period_b.event_bounds
        params = {"a_since": a_since, "a_until": a_until, "b_since": b_since, "b_until": b_until,
                  "known_as_of": known_as_of, "min_events": min_events, "limit": limit,
                  "count": count}
        if actor is None:
            row = self._read("shifts_graph", **params)[0]
        else:
            row = self._read("shifts_actor", actor=actor, **params)[0]
            if row["actor"] is None:
                raise NotFoundError("actor", actor)
        return ShiftsView(
            period_a=PeriodView(since=str(a_since), until=str(a_until)),
            period_b=PeriodView(since=str(b_since), until=str(b_until)),
            actor=row.get("actor"), known_as_of=known_as_of, min_events=min_events,
            dyads_compared=row["dyads_compared"],
            **{kind: [_shift(item) for item in row[kind]] for kind in SHIFT_KINDS},
        )


def _checked_bounds(window: TimeWindow, interval: Interval) -> tuple[date | None, date | None]:
    since, until = window.event_bounds
    if since and until:
        check_bucket_count(since, until, interval)
    return since, until


def _spans(since: date | None, until: date | None, interval: Interval,
           keys: Sequence[date]) -> list[BucketSpan]:
    """The buckets of the window; an open end closes at the first or last bucket holding events."""
    if not keys and (since is None or until is None):
        return []
    first = since or min(keys)
    last = until or next_key(bucket_key(max(keys), interval), interval) - timedelta(days=1)
    return bucket_spans(first, last, interval)


def _meta(window: TimeWindow, interval: Interval, spans: list[BucketSpan],
          known_as_of: date | None) -> dict[str, Any]:
    return {"interval": interval, "window": WindowView(**window.model_dump()),
            "since": spans[0].start if spans else None, "until": spans[-1].end if spans else None,
            "known_as_of": known_as_of}


def _tallies(row: Mapping[str, Any]) -> dict[date, tuple[int, int]]:
    """Each bucket's (happenings, records) starting in it, from a series row's two count lists."""
    happenings = {item["bucket"]: item["n"] for item in row["happening_counts"]}
    records = {item["bucket"]: item["n"] for item in row["record_counts"]}
    return {key: (happenings.get(key, 0), records.get(key, 0)) for key in happenings | records}


def _dyad_bucket(span: BucketSpan, row: Mapping[str, Any] | None, happenings: int,
                 records: int) -> DyadBucket:
    if row is None:
        return DyadBucket(start=span.start, end=span.end, label=span.label,
                          happenings=happenings, records=records)
    parts = {part["direction"]: part for part in row["directions"]}
    figures = Figures.summed(parts.values())
    return DyadBucket(
        **Bucket.of(span, figures, happenings, records).model_dump(),
        sources=row["sources"],
        precision=PrecisionCounts(**{p: sum(part[p] for part in parts.values()) for p in PRECISIONS}),
        directions=Directions(**{name: Figures.from_row(part) for name, part in parts.items()}),
        event_ids=row["event_ids"], event_ids_truncated=figures.events > len(row["event_ids"]),
    )


def _plain_buckets(spans: list[BucketSpan], series: Mapping[str, Any]) -> list[Bucket]:
    found: dict[date, Row] = {row["bucket"]: row for row in series["buckets"]}
    tallies = _tallies(series)
    return [Bucket.of(span, Figures.from_row(found[span.key]) if span.key in found else Figures(),
                      *tallies.get(span.key, (0, 0)))
            for span in spans]


def _period(events: int, total: float) -> PeriodFigures:
    total = round(total, 3)
    return PeriodFigures(events=events, goldstein_total=total,
                         goldstein_mean=round(total / events, 3) if events else None)


def _shift(item: Mapping[str, Any]) -> DyadShift:
    change = item["goldstein_change"]
    return DyadShift(
        a=item["a"], b=item["b"],
        period_a=_period(item["a_events"], item["a_goldstein_total"]),
        period_b=_period(item["b_events"], item["b_goldstein_total"]),
        volume_change=item["volume_change"],
        goldstein_change=round(change, 3) if change is not None else None,
    )
