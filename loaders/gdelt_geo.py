"""GDELT's geography columns: a row's action geography as a ``DatasetPlace``, its country from
the FIPS 10-4 code GDELT gives (``ActionGeo_CountryCode``), mapped to ISO 3166 so that places
join the same country nodes as every other data set's (``graph/codebooks/fips10_4.tsv``).

FIPS 10-4 and ISO 3166 alpha-2 share letters but not meanings: FIPS ``AS`` is Australia (ISO
``AS`` is American Samoa), ``CH`` China (ISO: Switzerland), ``GM`` Germany (ISO: Gambia),
``RS`` Russia (ISO: Serbia). A code the table does not know (an ocean ``OS``, the Spratly
Islands ``PG``) leaves the country to the place's name, as a row without a code does.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from graph.codebooks import Country, countries, country_by_name
from graph.model import DatasetPlace, NameRank, PlaceKind
from loaders.headed import RowError, number
from loaders.resolve import slug

_PLACE_KINDS = {"1": PlaceKind.COUNTRY, "2": PlaceKind.REGION, "3": PlaceKind.CITY, "4": PlaceKind.CITY,
                "5": PlaceKind.REGION}


@lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    text = resources.files("graph").joinpath("codebooks/fips10_4.tsv").read_text("utf-8")
    return {row["fips"]: row["alpha3"] for row in csv.DictReader(text.splitlines(), delimiter="\t")}


def country_by_fips(code: str) -> Country | None:
    """The country a FIPS 10-4 code stands for (``RS`` → Russia), None for one without an ISO
    3166 country of its own."""
    alpha3 = _fips_table().get(code.strip().upper())
    return countries().get(alpha3) if alpha3 else None


def geo_country(row: dict[str, str], prefix: str = "ActionGeo") -> Country | None:
    """The country of a geography (``ActionGeo``, ``Actor1Geo``, ``Actor2Geo``): its FIPS code's,
    else the one the last part of its full name names."""
    found = country_by_fips(row[f"{prefix}_CountryCode"]) if row[f"{prefix}_CountryCode"] else None
    return found or country_by_name(row[f"{prefix}_FullName"].rsplit(",", 1)[-1])


def action_place(row: dict[str, str]) -> DatasetPlace | None:
    """Where the event happened, None when GDELT could not place it."""
    geo_type = row["ActionGeo_Type"]
    if geo_type in ("", "0") or not row["ActionGeo_FullName"]:
        return None
    if geo_type not in _PLACE_KINDS:
        raise RowError("ActionGeo_Type", f"{geo_type!r} is not a GDELT geography type (1-5)")
    name = row["ActionGeo_FullName"]
    country = geo_country(row)
    kind = _PLACE_KINDS[geo_type]
    feature = row["ActionGeo_FeatureID"]
    place_id = (slug(country.name) if kind == PlaceKind.COUNTRY and country
                else f"gdelt:{slug(feature or name)}")
    lat = number(row, "ActionGeo_Lat") if row["ActionGeo_Lat"] else None
    long = number(row, "ActionGeo_Long") if row["ActionGeo_Long"] else None
    ids = [("gdelt.feature_id", feature)] if feature else []
    ids += [("gdelt.adm1", row["ActionGeo_ADM1Code"])] if row["ActionGeo_ADM1Code"] else []
    if kind == PlaceKind.COUNTRY and country:  # a state's place takes its ISO 3166 name
        return DatasetPlace(id=place_id, name=country.name, kind=kind, country=country.alpha3, latitude=lat,
                            longitude=long, external_ids=ids, name_rank=NameRank.CODEBOOK)
    return DatasetPlace(id=place_id, name=name, kind=kind, country=country.alpha3 if country else None,
                        latitude=lat, longitude=long, external_ids=ids)
