"""What the series and shifts read models look like: figures per calendar bucket, per period."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from pydantic import Field

from graph.read.buckets import BucketSpan, Interval
from graph.read.views import ActorRef, View, WindowView

QUAD_NAMES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
PRECISIONS = ("day", "month", "year", "interval")
COUNTING = ("With count=happenings (the default) each happening counts once, in the bucket of "
            "its start, its first record giving its figures; with count=records each record "
            "counts once, in the bucket of its own start. A start of month precision falls in "
            "the bucket of the 1st of its month, of year precision in that of 1 January, an "
            "interval (ongoing or not) in that of its first day; `precision` counts them by "
            "precision. Every bucket also gives `happenings` and `records`, whatever count says.")


class QuadCounts(View):
    """Events per CAMEO quad class."""

    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0


class PrecisionCounts(View):
    """Events by the precision of their date: a day, a month, a year, or an interval."""

    day: int = 0
    month: int = 0
    year: int = 0
    interval: int = 0


class Figures(View):
    events: int = Field(0, description="Happenings or records, as `count` asks; the other "
                        "figures count the same.")
    occurred: int = 0
    planned: int = Field(0, description="Announced, not yet happened; `events` also counts claimed "
                         "and denied ones.")
    quad_classes: QuadCounts = Field(default_factory=QuadCounts)
    goldstein_total: float = 0.0
    goldstein_mean: float | None = None
    net_cooperation: int = Field(0, description="Cooperative (quad classes 1, 2) minus conflictual "
                                 "(3, 4) events.")

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Figures:
        """Figures from a query row holding events, occurred, planned, the four quad class counts
        and goldstein_total."""
        return cls.summed([row])

    @classmethod
    def summed(cls, rows: Iterable[Mapping[str, Any]]) -> Figures:
        rows = list(rows)
        events = sum(row["events"] for row in rows)
        quads = QuadCounts(**{name: sum(row[name] for row in rows) for name in QUAD_NAMES})
        total = round(sum(row["goldstein_total"] for row in rows), 3)
        return cls(
            events=events, occurred=sum(row["occurred"] for row in rows),
            planned=sum(row["planned"] for row in rows), quad_classes=quads,
            goldstein_total=total, goldstein_mean=round(total / events, 3) if events else None,
            net_cooperation=(quads.verbal_cooperation + quads.material_cooperation
                             - quads.verbal_conflict - quads.material_conflict),
        )


class BucketDates(View):
    start: date = Field(description="First day counted (the bucket's, clipped to the window).")
    end: date = Field(description="Last day counted (the bucket's, clipped to the window).")
    label: str = Field(examples=["2024-06", "2024-Q2", "2024-W25", "2024"])


class Bucket(Figures, BucketDates):
    """A bucket's dates, then its figures."""

    happenings: int = Field(0, description="Happenings starting in the bucket (each real-world "
                            "event once), whatever `count` says.")
    records: int = Field(0, description="Records (reports) starting in the bucket, whatever "
                         "`count` says.")

    @classmethod
    def of(cls, span: BucketSpan, figures: Figures, happenings: int = 0, records: int = 0) -> Bucket:
        return cls(start=span.start, end=span.end, label=span.label, happenings=happenings,
                   records=records, **figures.model_dump())

    @classmethod
    def template(cls) -> dict[str, Any]:
        """An empty bucket of this kind as JSON: the shape of a CSV row (its header)."""
        return cls(start=date.min, end=date.min, label="").model_dump(mode="json")


class Directions(View):
    a_to_b: Figures = Field(default_factory=Figures)
    b_to_a: Figures = Field(default_factory=Figures)
    mutual: Figures = Field(default_factory=Figures, description="Mutual events (signatories, "
                            "parties), and any with edges both ways.")


class DyadBucket(Bucket):
    sources: int = Field(0, description="Distinct sources reporting the bucket's events.")
    precision: PrecisionCounts = Field(default_factory=PrecisionCounts)
    directions: Directions = Field(default_factory=Directions)
    event_ids: list[str] = Field(default_factory=list, description="In time order, at most "
                                 "`ids_per_bucket` of them.")
    event_ids_truncated: bool = False


class SeriesMeta(View):
    interval: Interval
    window: WindowView
    since: date | None = Field(None, description="First day counted (the window's, or the first "
                               "event's when the window has no start).")
    until: date | None = None
    known_as_of: date | None = None
    counting: str = COUNTING


class DyadSeriesView(SeriesMeta):
    a: ActorRef
    b: ActorRef
    buckets: list[DyadBucket]


class CounterpartSeries(View):
    counterpart: ActorRef
    events: int = Field(description="Events with the actor in the whole window.")
    buckets: list[Bucket]


class ActorSeriesView(SeriesMeta):
    actor: ActorRef
    buckets: list[Bucket]
    counterparts: list[CounterpartSeries] = Field(description="The top counterparts of the window, "
                                                  "most events first.")


class PeriodView(View):
    since: str
    until: str


class PeriodFigures(View):
    events: int
    goldstein_total: float
    goldstein_mean: float | None = None


class DyadShift(View):
    a: ActorRef
    b: ActorRef
    period_a: PeriodFigures
    period_b: PeriodFigures
    volume_change: int = Field(description="Events in B minus events in A.")
    goldstein_change: float | None = Field(description="Mean Goldstein in B minus in A; null unless "
                                           "both periods hold at least min_events.")


class ShiftsView(View):
    period_a: PeriodView
    period_b: PeriodView
    actor: ActorRef | None = None
    known_as_of: date | None = None
    min_events: int
    dyads_compared: int = Field(description="Dyads with events starting in either period.")
    appeared: list[DyadShift] = Field(description="None in A, most events in B first.")
    vanished: list[DyadShift] = Field(description="None in B, most events in A first.")
    warmed: list[DyadShift] = Field(description="Mean Goldstein up the most first.")
    cooled: list[DyadShift] = Field(description="Mean Goldstein down the most first.")
    grew: list[DyadShift] = Field(description="In both periods, most events gained first.")
    shrank: list[DyadShift] = Field(description="In both periods, most events lost first.")
