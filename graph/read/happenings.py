"""Reading happenings: ``GET /happenings/{id}`` (a view over the stored ``Happening`` node, its
members and what they name). Never imports FastAPI."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from graph.read.base import NotFoundError, ReadRepository
from graph.read.views import ActorRef, PlaceRef, View


class ParticipantRoleView(View):
    actor: ActorRef
    role: str


class MemberSourceView(View):
    id: str
    publisher: str | None = None
    url: str | None = None
    published: date | None = None


class MemberView(View):
    """A record that reports the happening, and why it is there."""

    id: str
    dataset: str = Field(description="gdelt, acled, polecat, …, or curated (a native record).")
    sources: list[MemberSourceView] = []
    date: str = Field(description="The record's own time (time_start).")
    time_precision: str
    type: str
    cameo: str | None = None
    status: str
    title: str
    rule: str = Field(description="The rule that put the record there (docs/happenings.md).")
    score: float


class CorroborationView(View):
    records: int
    sources: int = Field(description="Distinct sources (documents, URLs) of its records' claims.")
    publishers: int
    datasets: int
    dataset_names: list[str]
    first_reported: date | None = None
    mentions: int = Field(0, description="GDELT mentions attached to its records.")


class Span(View):
    earliest: date
    latest: date


class Range(View):
    min: float
    max: float


class DisagreementsView(View):
    """Where its records disagree; ``null`` where they agree."""

    start_dates: Span | None = Field(None, description="Its records' first days, when they differ.")
    fatalities: Range | None = Field(None, description="Fatality figures, when they differ.")
    event_codes: list[str] | None = Field(None, description="CAMEO codes, when several.")
    statuses: list[str] | None = Field(None, description="Statuses, when several.")


class HappeningView(View):
    id: str = Field(description="Its canonical id (a superseded id answers with a redirect to it).")
    aliases: list[str] = Field([], description="Ids it had before records joined or merged it.")
    start: date
    end: date
    precision: str
    status: str = Field(description="occurred once any record says so; else claimed, planned, denied.")
    announced: date | None = Field(None, description="When a planned record of it was first reported.")
    type: str
    cameo_root: str | None = None
    participants: list[ParticipantRoleView] = []
    places: list[PlaceRef] = []
    corroboration: CorroborationView
    disagreements: DisagreementsView
    members: list[MemberView]
    rule_version: str


def _disagreements(h: dict[str, Any]) -> DisagreementsView:
    low, high = h.get("fatalities_min"), h.get("fatalities_max")
    codes, statuses = h.get("cameo_codes") or [], h.get("statuses") or []
    return DisagreementsView(
        start_dates=Span(earliest=h["earliest_start"], latest=h["latest_start"])
        if h["earliest_start"] != h["latest_start"] else None,
        fatalities=Range(min=low, max=high) if low is not None and high is not None and low != high
        else None,
        event_codes=codes if len(codes) > 1 else None,
        statuses=statuses if len(statuses) > 1 else None,
    )


class HappeningReader(ReadRepository):
    def happening(self, happening_id: str) -> HappeningView:
        """The happening with this id or alias (the view names its canonical id)."""
        rows = self._read("happening_details", id=happening_id)
        if not rows:
            raise NotFoundError("happening", happening_id)
        row = rows[0]
        h = row["happening"]
        members = [{**m, "date": m["time_start"],
                    "dataset": next((d for d in sorted(filter(None, m["datasets"]))), "curated")}
                   for m in row["members"]]
        return HappeningView.model_validate({
            **h, "aliases": h.get("aliases") or [], "participants": row["participants"],
            "places": row["places"], "corroboration": h, "disagreements": _disagreements(h),
            "members": members,
        })
