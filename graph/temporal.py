"""Valid time with its precision: partial dates (``2025``, ``2025-04``, ``2025-08-13``) and intervals.

A partial date stands for every day it covers: ``2024-06`` is 2024-06-01 .. 2024-06-30. Queries
compare spans, so an event known only to the month overlaps any window that touches that month.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from functools import lru_cache

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

PARTIAL_DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD, inclusive"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class PartialDate(BaseModel):
    """A calendar date known to the day, the month or the year."""

    model_config = ConfigDict(frozen=True)

    text: str
    precision: Precision
    earliest: date
    latest: date

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """The date ``text`` names; a few thousand texts are remembered (a load parses each event's
        dates several times, and the dates of a data set repeat)."""
        return _parsed(text)


@lru_cache(maxsize=4096)
def _parsed(text: str) -> PartialDate:
    """``PartialDate.parse`` (a frozen model, so one instance serves every caller)."""
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        if month is None:
            return PartialDate(
                text=text, precision=Precision.YEAR,
                earliest=date(year, 1, 1), latest=date(year, 12, 31),
            )
        if day is None:
            last_day = calendar.monthrange(year, month)[1]
            return PartialDate(
                text=text, precision=Precision.MONTH,
                earliest=date(year, month, 1), latest=date(year, month, last_day),
            )
        exact = date(year, month, day)
    except (ValueError, calendar.IllegalMonthError) as error:
        raise ValueError(f"{text!r} is not a real calendar date ({error})") from None
    return PartialDate(text=text, precision=Precision.DAY, earliest=exact, latest=exact)


class ValidTime(BaseModel):
    """When something happened or held: a partial date, or an interval between two.

    ``end`` is inclusive. ``ongoing`` marks an interval still running when it was reported
    (a deployment "since last autumn"); it has no end. ``note`` says how the date was resolved
    (a relative expression, or a date added from the public record).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: str = Field(examples=["2025-08-13", "2024-09", "2019"])
    end: str | None = Field(default=None, examples=["2025-04"])
    ongoing: bool = False
    note: str | None = None

    @field_validator("start", "end")
    @classmethod
    def _is_partial_date(cls, value: str | None) -> str | None:
        if value is not None:
            PartialDate.parse(value)
        return value

    @model_validator(mode="after")
    def _check_order(self) -> ValidTime:
        end = self.end_date
        if end is not None:
            if self.ongoing:
                raise ValueError("an ongoing interval has no end; give 'end' or 'ongoing', not both")
            if end.latest < self.start_date.earliest:
                raise ValueError(f"end {self.end!r} is before start {self.start!r}")
        return self

    @property
    def start_date(self) -> PartialDate:
        return PartialDate.parse(self.start)

    @property
    def end_date(self) -> PartialDate | None:
        return PartialDate.parse(self.end) if self.end else None

    @property
    def is_interval(self) -> bool:
        return self.end is not None or self.ongoing

    @property
    def precision(self) -> str:
        """``day``/``month``/``year`` for a point in time, ``interval`` for a span."""
        return "interval" if self.is_interval else self.start_date.precision.value

    @property
    def valid_from(self) -> date:
        return self.start_date.earliest

    @property
    def valid_to(self) -> date | None:
        """The last day the span may cover; ``None`` while it is ongoing."""
        if self.ongoing:
            return None
        return (self.end_date or self.start_date).latest

    def as_properties(self) -> dict[str, object]:
        """The flat properties stored on a node or relationship for this time."""
        end = self.end_date
        return {
            "time_start": self.start,
            "time_end": self.end,
            "time_precision": self.precision,
            "start_precision": self.start_date.precision.value,
            "end_precision": end.precision.value if end else None,
            "ongoing": self.ongoing,
            "time_note": self.note,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
        }


class WindowError(ValueError):
    """A bad time window, naming the parameter at fault (``since``, ``until`` or ``as_of``, each
    behind the prefix the window was built with); the message is ``"<parameter>: <reason>"``."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


class TimeWindow(BaseModel):
    """A query's time filter: ``since``/``until`` (inclusive), or ``as_of`` one day.

    Events match when their span overlaps ``[since, until]``; with ``as_of`` they match when they
    began on or before that day. Standing relationships match when their validity overlaps the
    window, or, with ``as_of``, when it contains that day.
    """

    model_config = ConfigDict(frozen=True)

    since: str | None = None
    until: str | None = None
    as_of: str | None = None

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> TimeWindow:
        prefix = (info.context or {}).get("prefix", "")
        for name in ("since", "until", "as_of"):
            value = getattr(self, name)
            if value is not None:
                try:
                    PartialDate.parse(value)
                except ValueError as error:
                    raise WindowError(prefix + name, str(error)) from None
        if self.as_of and (self.since or self.until):
            raise WindowError(prefix + "as_of", f"give {prefix}as_of alone, or {prefix}since/"
                              f"{prefix}until, not both")
        start, end = self.event_bounds
        if start and end and start > end:
            raise WindowError(prefix + "since", f"{self.since!r} is after {prefix}until {self.until!r}")
        return self

    @classmethod
    def of(cls, since: str | None = None, until: str | None = None,
           as_of: str | None = None, *, prefix: str = "") -> TimeWindow:
        """The window from a user's text, or a ``WindowError`` naming the parameter at fault;
        ``prefix`` names parameters that bear one (``a_since`` for period A). Every window a user
        gives (HTTP query, command-line option) is built here."""
        try:
            return cls.model_validate({"since": since, "until": until, "as_of": as_of},
                                      context={"prefix": prefix})
        except ValidationError as error:
            cause = error.errors()[0].get("ctx", {}).get("error")
            if isinstance(cause, WindowError):
                raise cause from None
            raise

    @property
    def event_bounds(self) -> tuple[date | None, date | None]:
        if self.as_of:
            return None, PartialDate.parse(self.as_of).latest
        start = PartialDate.parse(self.since).earliest if self.since else None
        end = PartialDate.parse(self.until).latest if self.until else None
        return start, end

    @property
    def relation_bounds(self) -> tuple[date | None, date | None]:
        if self.as_of:
            day = PartialDate.parse(self.as_of)
            return day.earliest, day.latest
        return self.event_bounds

    def parameters(self) -> dict[str, date | None]:
        """The Cypher parameters every windowed query takes."""
        since, until = self.event_bounds
        relation_since, relation_until = self.relation_bounds
        return {
            "since": since, "until": until,
            "relation_since": relation_since, "relation_until": relation_until,
        }
