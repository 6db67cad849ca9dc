"""What a load did: counts per record kind, and every rejected record named by file, line and field."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field


class RecordError(BaseModel):
    kind: str = Field("record", description="actor, place, source, event or relationship.")
    file: str
    line: int
    field: str
    reason: str
    record_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        named = f" ({self.record_id})" if self.record_id else ""
        return f"{where}{named}: {self.field}: {self.reason}"


class KindCounts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


class LineRange(BaseModel):
    """Records of one file from ``first`` to ``last`` (to the end of the load when ``last`` is None)."""

    file: str
    first: int
    last: int | None

    def __str__(self) -> str:
        if self.last is None:
            return f"{self.file}:{self.first} and every record after it (not read)"
        return f"{self.file}:{self.first}" + (f"-{self.last}" if self.last != self.first else "")


#: Why a mention (``event_claim``) was skipped: its event is not in the graph (nor in the load).
SKIPPED_EVENT_NOT_LOADED = "event not loaded"


class LoadReport(BaseModel):
    counts: dict[str, KindCounts] = Field(default_factory=dict)
    errors: list[RecordError] = Field(default_factory=list)
    skipped: dict[str, int] = Field(
        default_factory=dict,
        description="Records left out on purpose, not errors, by reason: 'event not loaded' counts "
                    "the mentions of events that are not in the graph.")
    written: bool = True
    interrupted: str | None = Field(
        None, description="Why the load stopped before its end (Neo4j went away), if it did.")
    not_written: list[LineRange] = Field(
        default_factory=list, description="The records an interrupted load did not write.")
    filtered: dict[str, int] = Field(
        default_factory=dict, description="The events the load filters left out (not rejected), "
        "by the first filter each failed; `derived_from` counts the standing relationships left "
        "out with the event they derive from.")

    def add_outcomes(self, kind: str, outcomes: Counter[str]) -> None:
        counts = self.counts.setdefault(kind, KindCounts())
        counts.created += outcomes["created"]
        counts.updated += outcomes["updated"]
        counts.unchanged += outcomes["unchanged"]

    def reject(self, kind: str, *errors: RecordError) -> None:
        """Count one rejected record of ``kind``, with every error found in it."""
        self.counts.setdefault(kind, KindCounts()).rejected += 1
        self.errors.extend(errors)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + n

    def total(self, outcome: str) -> int:
        return sum(getattr(c, outcome) for c in self.counts.values())
