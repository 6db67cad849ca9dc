"""The public codebooks, shipped as package data in ``graph/codebooks/`` (provenance: docs/codebooks.md).

* ``cameo_events.tsv``: every CAMEO event code with its label, Goldstein score, quad class and
  PLOVER type, mode and context;
* ``cameo_actor_types.tsv``: CAMEO actor role codes (GOV, MIL, REB, MED, ...) and the actor kind
  each becomes;
* ``cameo_regions.tsv``: the CAMEO country codes that are not ISO 3166 alpha-3 (regions, and old
  codes of today's states);
* ``iso3166.tsv``: ISO 3166-1 countries: alpha-3, alpha-2, numeric and English names;
* ``country_names.tsv``: other names the data sets give countries (ICEWS's ``Occupied Palestinian
  Territory``, ACLED's ``Ivory Coast``), and the ISO state each names.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = resources.files("graph").joinpath(f"codebooks/{name}").read_text("utf-8")
    yield from csv.DictReader(text.splitlines(), delimiter="\t")


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped: the key names are compared by."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


class CameoCode(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


class ActorType(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    kind: str
    state_agent: bool
    """Whether holders act for their state (government, military, police, judiciary, ...)."""


class Country(BaseModel):
    model_config = ConfigDict(frozen=True)

    alpha3: str
    alpha2: str
    numeric: int
    name: str
    iso_name: str


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO event code (roots ``01``..``20`` included) by code."""
    return {
        row["code"]: CameoCode(
            code=row["code"], label=row["label"], goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]), plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None, plover_context=row["plover_context"] or None,
        )
        for row in _rows("cameo_events.tsv")
    }


@lru_cache(maxsize=1)
def actor_types() -> dict[str, ActorType]:
    return {
        row["code"]: ActorType(code=row["code"], label=row["label"], kind=row["kind"],
                               state_agent=row["state_agent"] == "yes")
        for row in _rows("cameo_actor_types.tsv")
    }


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO 3166-1 countries by alpha-3 code."""
    return {
        row["alpha3"]: Country(alpha3=row["alpha3"], alpha2=row["alpha2"], numeric=int(row["numeric"]),
                               name=row["name"], iso_name=row["iso_name"])
        for row in _rows("iso3166.tsv")
    }


@lru_cache(maxsize=1)
def _by_numeric() -> dict[int, Country]:
    return {c.numeric: c for c in countries().values()}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Country]:
    names: dict[str, Country] = {}
    for country in countries().values():
        names.setdefault(fold(country.iso_name), country)
        names[fold(country.name)] = country
    for row in _rows("country_names.tsv"):
        names.setdefault(fold(row["name"]), countries()[row["alpha3"]])
    return names


@lru_cache(maxsize=1)
def cameo_regions() -> dict[str, tuple[str, str | None]]:
    """CAMEO country codes that are not ISO alpha-3: label, and the ISO state where there is one."""
    return {row["code"]: (row["label"], row["iso_alpha3"] or None) for row in _rows("cameo_regions.tsv")}


def country_by_numeric(numeric: int) -> Country | None:
    return _by_numeric().get(numeric)


def country_by_name(name: str) -> Country | None:
    """The country an English name denotes (``Russia``, ``Russian Federation``, ``north korea``,
    ``Occupied Palestinian Territory``)."""
    return _by_name().get(fold(name))


def country_by_cameo(code: str) -> Country | None:
    """The state a CAMEO country code stands for: ISO alpha-3, or an old code (``ROM``); regions give None."""
    code = code.upper()
    if code in cameo_regions():
        iso = cameo_regions()[code][1]
        return countries().get(iso) if iso else None
    return countries().get(code)
