"""The thresholds of the happenings matching rule, as data (``rules.toml``; docs/happenings.md).

``MatchRules.load()`` reads the packaged ``rules.toml``, or the file that ``GEOKG_HAPPENING_RULES``
names, so an analyst can try other thresholds without touching code.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

RULES_ENV = "GEOKG_HAPPENING_RULES"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeRules(_Part):
    day_tolerance: int = Field(ge=0)
    fine_span_days: int = Field(ge=0)
    max_span_days: int = Field(ge=0)
    same_dataset_days: int = Field(ge=0)


class PlaceRules(_Part):
    max_km: float = Field(gt=0)
    coarse_kinds: frozenset[str]


class SideRules(_Part):
    state_kinds: frozenset[str]


class TypeRules(_Part):
    symmetric_roots: frozenset[str]
    plover: bool
    categories: dict[str, frozenset[str]] = Field(default_factory=dict)


class ScoreRules(_Part):
    per_day_apart: float = Field(ge=0, le=1)
    other_code_in_root: float = Field(ge=0, le=1)
    place_unconfirmed: float = Field(ge=0, le=1)
    coarse_contained: float = Field(ge=0, le=1)


class MatchRules(_Part):
    """Every threshold of the rule; frozen, so one value can be shared and cached against."""

    version: str = Field(min_length=1)
    time: TimeRules
    place: PlaceRules
    sides: SideRules
    types: TypeRules
    scores: ScoreRules

    @model_validator(mode="after")
    def _bounded(self) -> MatchRules:
        if self.time.max_span_days < self.time.day_tolerance:
            raise ValueError("time.max_span_days must be at least time.day_tolerance")
        return self

    @classmethod
    def load(cls, path: Path | str | None = None) -> MatchRules:
        """The rules of ``path``, else of ``$GEOKG_HAPPENING_RULES``, else the packaged defaults."""
        chosen = path or os.environ.get(RULES_ENV)
        if chosen:
            text = Path(chosen).read_text("utf-8")
        else:
            text = resources.files("graph.happenings").joinpath("rules.toml").read_text("utf-8")
        try:
            return cls.model_validate(tomllib.loads(text))
        except (tomllib.TOMLDecodeError, ValueError) as error:
            raise ValueError(f"happening rules {chosen or 'rules.toml (packaged)'}: {error}") from None
