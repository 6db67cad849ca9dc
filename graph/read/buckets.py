"""Calendar buckets for time series: ISO weeks (from Monday), months, quarters and years.

A series covers its window with consecutive buckets, empty ones included. The first and last
buckets are clipped to the window, so a bucket's ``start``/``end`` say which days it counts.
Bucket starts agree with Cypher's ``date.truncate(interval, day)`` for the same interval.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

MAX_BUCKETS = 3000


class Interval(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class TooManyBucketsError(ValueError):
    """The window holds more buckets than a series may have."""


class BucketSpan(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: date  # the calendar bucket's first day, as date.truncate gives it
    start: date
    end: date
    label: str


def bucket_key(day: date, interval: Interval) -> date:
    """The first day of the bucket holding ``day``."""
    if interval is Interval.WEEK:
        return day - timedelta(days=day.weekday())
    if interval is Interval.MONTH:
        return day.replace(day=1)
    if interval is Interval.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def next_key(key: date, interval: Interval) -> date:
    """The first day of the bucket after the one starting on ``key``."""
    if interval is Interval.WEEK:
        return key + timedelta(days=7)
    if interval is Interval.YEAR:
        return date(key.year + 1, 1, 1)
    months = 1 if interval is Interval.MONTH else 3
    month = key.month - 1 + months
    return date(key.year + month // 12, month % 12 + 1, 1)


def bucket_label(key: date, interval: Interval) -> str:
    """``2024-W25``, ``2024-06``, ``2024-Q2`` or ``2024``."""
    if interval is Interval.WEEK:
        year, week, _ = key.isocalendar()
        return f"{year}-W{week:02d}"
    if interval is Interval.MONTH:
        return f"{key.year}-{key.month:02d}"
    if interval is Interval.QUARTER:
        return f"{key.year}-Q{(key.month - 1) // 3 + 1}"
    return str(key.year)


def count_buckets(since: date, until: date, interval: Interval) -> int:
    """How many buckets ``[since, until]`` spans, without making them."""
    first, last = bucket_key(since, interval), bucket_key(until, interval)
    if interval is Interval.WEEK:
        return (last - first).days // 7 + 1
    months = (last.year - first.year) * 12 + last.month - first.month
    if interval is Interval.MONTH:
        return months + 1
    if interval is Interval.QUARTER:
        return months // 3 + 1
    return last.year - first.year + 1


def check_bucket_count(since: date, until: date, interval: Interval) -> None:
    count = count_buckets(since, until, interval)
    if count > MAX_BUCKETS:
        raise TooManyBucketsError(
            f"interval: {since}..{until} holds {count} {interval.value} buckets, more than "
            f"{MAX_BUCKETS}; narrow the window or take a longer interval"
        )


def bucket_spans(since: date, until: date, interval: Interval) -> list[BucketSpan]:
    """Every bucket from the one holding ``since`` to the one holding ``until``, clipped to them."""
    check_bucket_count(since, until, interval)
    spans: list[BucketSpan] = []
    key = bucket_key(since, interval)
    while key <= until:
        following = next_key(key, interval)
        spans.append(BucketSpan(key=key, start=max(key, since),
                                end=min(following - timedelta(days=1), until),
                                label=bucket_label(key, interval)))
        key = following
    return spans
