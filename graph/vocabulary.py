"""The event-type vocabulary: one table (``event_types.toml``) mapping each type to CAMEO and PLOVER."""

from __future__ import annotations

import tomllib
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field


class EventFamily(StrEnum):
    """Families of event types; each is also a second label on its events, for the Browser."""

    DIPLOMACY = "diplomacy"
    STATEMENT = "statement"
    COOPERATION = "cooperation"
    MILITARY_AID = "military_aid"
    AGREEMENT = "agreement"
    REJECTION = "rejection"
    THREAT = "threat"
    CONFLICT = "conflict"

    @property
    def label(self) -> str:
        return "".join(part.capitalize() for part in self.value.split("_"))


class EventType(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    family: EventFamily
    cameo: str = Field(pattern=r"^\d{2,4}$")
    cameo_label: str
    goldstein: float = Field(ge=-10, le=10)
    quad_class: int = Field(ge=1, le=4)
    plover_type: str | None = None
    plover_mode: str | None = None
    notes: str | None = None


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """Every event type of the vocabulary by id, validated once and cached."""
    raw = tomllib.loads(resources.files("graph").joinpath("event_types.toml").read_text("utf-8"))
    return {key: EventType(id=key, **value) for key, value in raw.items()}


def event_type(type_id: str) -> EventType:
    try:
        return event_types()[type_id]
    except KeyError:
        known = ", ".join(sorted(event_types()))
        raise ValueError(f"unknown event type {type_id!r}; known types: {known}") from None
