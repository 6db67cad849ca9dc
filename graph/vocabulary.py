"""The event-type vocabulary: the curated types of ``event_types.toml``, and one type per CAMEO code.

The curated layer names the ~30 types analysts use by hand (``telephone_call``); every code of the
CAMEO codebook (``graph/codebooks/cameo_events.tsv``) is a type too (``cameo_0231``), so an event
from a CAMEO-coded data set keeps its exact code. A CAMEO type's family follows its root code.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from graph.codebooks import CameoCode, cameo_codes


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


#: The family of a CAMEO type, by root code (01..20).
ROOT_FAMILIES: dict[str, EventFamily] = {
    "01": EventFamily.STATEMENT, "02": EventFamily.STATEMENT, "03": EventFamily.COOPERATION,
    "04": EventFamily.DIPLOMACY, "05": EventFamily.DIPLOMACY, "06": EventFamily.COOPERATION,
    "07": EventFamily.COOPERATION, "08": EventFamily.AGREEMENT, "09": EventFamily.STATEMENT,
    "10": EventFamily.STATEMENT, "11": EventFamily.REJECTION, "12": EventFamily.REJECTION,
    "13": EventFamily.THREAT, "14": EventFamily.REJECTION, "15": EventFamily.THREAT,
    "16": EventFamily.REJECTION, "17": EventFamily.CONFLICT, "18": EventFamily.CONFLICT,
    "19": EventFamily.CONFLICT, "20": EventFamily.CONFLICT,
}


def cameo_type_id(code: str) -> str:
    """The vocabulary id of a CAMEO code's own type: ``0231`` gives ``cameo_0231``."""
    return f"cameo_{code}"


def _cameo_type(code: CameoCode) -> EventType:
    return EventType(
        id=cameo_type_id(code.code), label=code.label, family=ROOT_FAMILIES[code.root],
        cameo=code.code, cameo_label=code.label, goldstein=code.goldstein,
        quad_class=code.quad_class, plover_type=code.plover_type, plover_mode=code.plover_mode,
        notes=f"CAMEO code {code.code}; PLOVER from CAMEO2PLOVER (2021)"
              + (f", context {code.plover_context}" if code.plover_context else "")
              + ("" if code.plover_type else "; PLOVER drops this CAMEO category"),
    )


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """Every event type of the vocabulary by id (curated, then CAMEO), validated once and cached."""
    raw = tomllib.loads(resources.files("graph").joinpath("event_types.toml").read_text("utf-8"))
    curated = {key: EventType(id=key, **value) for key, value in raw.items()}
    return curated | {cameo_type_id(c.code): _cameo_type(c) for c in cameo_codes().values()}


@lru_cache(maxsize=1)
def _curated_by_code() -> dict[str, str]:
    by_code: dict[str, str] = {}
    for kind in event_types().values():
        if not kind.id.startswith("cameo_"):
            by_code.setdefault(kind.cameo, kind.id)
    return by_code


def type_for_cameo(code: str) -> str:
    """The type of an event coded ``code``: the curated type with exactly that code, else its own.

    Either way the event keeps its exact CAMEO code (``041`` is ``telephone_call``, ``0231`` is
    ``cameo_0231``); raises ValueError for a code the codebook does not have.
    """
    if code not in cameo_codes():
        raise ValueError(f"{code!r} is not a CAMEO event code")
    return _curated_by_code().get(code) or cameo_type_id(code)


def event_type(type_id: str) -> EventType:
    try:
        return event_types()[type_id]
    except KeyError:
        known = ", ".join(t for t in sorted(event_types()) if not t.startswith("cameo_"))
        raise ValueError(f"unknown event type {type_id!r}; known types: {known}, "
                         "or cameo_<code> for any CAMEO code (docs/codebooks.md)") from None
