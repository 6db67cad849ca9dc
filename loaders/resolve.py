"""One node per real-world actor: how the data sets' actors become ids, deterministically.

The rules, in order (docs/codebooks.md explains them with examples):

* **states** by their ISO 3166 alpha-3 code, lower case, as the seed names them: GDELT ``RUS``
  (and the country of ``RUSGOV``), ACLED ``iso`` 643 or country "Russia", POLECAT ``RUS`` are all
  ``rus``;
* **people** by their name folded to ``first_last`` (accents, case and punctuation dropped), as the
  seed names them: GDELT ``VLADIMIR PUTIN``, POLECAT ``Vladimir Putin`` / ``Vladimir_Putin`` are all
  ``vladimir_putin``. A name is taken for a person's only when the data set gives a country and the
  name reads as one (two to four words, none of them an institution's word, not a country's name);
  a person coded as a state agent (GDELT GOV/MIL/..., a POLECAT government sector) represents the
  state;
* **generic sectors of a country**: ICEWS ``Government (Russia)`` is GDELT's ``RUSGOV``, ``rus_gov``
  (the sector named by its CAMEO actor type code), representing ``rus`` when it acts for the state;
* **institutions**: ACLED's ``Military Forces of North Korea (2011-)`` is ``prk_military_forces_2011``,
  ``PART_OF`` ``prk`` from 2011; GDELT ``RUSGOV`` with no person's name is ``rus_gov``; groups
  within a country (ACLED ``Civilians (Ukraine)``) are ``ukr_civilians``;
* anything else stays its own actor under its data set's code: ``cameo:natmil``, ``acled:...``,
  ``polecat:...``; never merged with another by guesswork. A GDELT code without a country
  (``GOV``, ``MED``) pools every row that gives it, whatever person or office the row names, so
  it is named from the CAMEO actor-type codebook ("Government (unspecified country)"), never
  after one of those raw names, which stay its data-set aliases.

Every actor keeps each data set's raw identifiers (``gdelt.actor_code``, ``gdelt.actor_name``,
``acled.actor``, ``polecat.name``, ``polecat.wikipedia``, ``icews.name``), so a user sees why names
became one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.codebooks import Country, actor_types, country_by_cameo, country_by_name, fold
from graph.model import ActorKind, DatasetActor, NameRank, Relationship, RelationshipType
from graph.temporal import ValidTime

_INSTITUTION_WORDS = frozenset({
    "ministry", "minister", "president", "presidency", "government", "army", "military", "forces",
    "force", "police", "parliament", "court", "agency", "committee", "party", "office", "nations",
    "union", "council", "department", "authorities", "authority", "state", "states", "republic",
    "kingdom", "news", "media", "troops", "soldier", "soldiers", "rebel", "rebels", "people",
    "citizens", "official", "officials", "spokesman", "spokesperson", "embassy", "navy", "air",
    "guard", "service", "bank", "company", "university", "association", "organization", "organisation",
    "intelligence", "security", "defense", "defence", "foreign", "national", "international",
    "communist", "workers", "leader", "prime", "secretary", "general", "cabinet", "administration",
    "kremlin", "house", "city", "province", "region", "group", "groups", "of", "the", "and", "for",
    "north", "south", "east", "west", "central", "united", "television", "radio",
})
_STATE_AGENT_SECTORS = ("government", "executive", "military", "legislat", "judic", "police",
                        "intelligence", "diplomat", "elite")


def slug(text: str) -> str:
    """``VLADIMIR PUTIN``, ``Vladimir_Putin`` and ``Vladímir Putin`` all give ``vladimir_putin``."""
    return fold(text.replace("_", " ")).replace(" ", "_")[:100]


def display_name(raw: str) -> str:
    """A readable name from a data set's raw one (GDELT writes names in capitals)."""
    text = raw.replace("_", " ").strip()
    return text.title() if text.isupper() else text


def looks_like_person(name: str) -> bool:
    words = fold(name.replace("_", " ")).split()
    return (2 <= len(words) <= 4 and all(w.isalpha() for w in words)
            and not _INSTITUTION_WORDS.intersection(words) and country_by_name(name) is None)


@dataclass
class Resolved:
    """An actor as an event uses it: its id, whom it acts for, and the records that define them."""

    actor: str
    represents: str | None = None
    actors: list[DatasetActor] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)


def state(country: Country, ids: list[tuple[str, str]], raw: str | None = None) -> DatasetActor:
    return DatasetActor(
        id=country.alpha3.lower(), name=country.name, kind=ActorKind.STATE, country=country.alpha3,
        aliases=[raw] if raw and fold(raw) != fold(country.name) else [], external_ids=ids,
        resolution="state by ISO 3166 alpha-3 code", name_rank=NameRank.CODEBOOK,
    )


def _person(raw: str, country: Country, ids: list[tuple[str, str]], acts_for_state: bool) -> Resolved:
    person = DatasetActor(
        id=slug(raw), name=display_name(raw), kind=ActorKind.PERSON, country=country.alpha3,
        aliases=[raw], external_ids=ids, resolution="person by folded name, with a country",
    )
    if not acts_for_state:
        return Resolved(person.id, actors=[person])
    home = state(country, [])
    return Resolved(person.id, represents=home.id, actors=[home, person])


def resolve_gdelt(code: str, name: str, country_code: str, type_code: str) -> Resolved | None:
    """A GDELT actor (Actor1* or Actor2* columns); None when the row has no such actor."""
    if not code and not name:
        return None
    ids = [("gdelt.actor_code", code)] + ([("gdelt.actor_name", name)] if name else [])
    country = country_by_cameo(country_code) if country_code else None
    kind = actor_types().get(type_code)
    if country and name and looks_like_person(name):
        return _person(name, country, ids, acts_for_state=bool(kind and kind.state_agent))
    if country and (code == country_code or not kind):
        return Resolved(country.alpha3.lower(), actors=[state(country, ids, name)])
    if country and kind:
        home = state(country, [])
        body = DatasetActor(
            id=f"{home.id}_{kind.code.lower()}", name=f"{country.name}: {kind.label.lower()}",
            kind=ActorKind(kind.kind), country=country.alpha3,
            aliases=[name] if name else [], external_ids=ids,
            resolution="CAMEO country and actor type", name_rank=NameRank.CODEBOOK,
        )
        represents = home.id if kind.state_agent else None
        return Resolved(body.id, represents=represents, actors=[home, body] if represents else [body])
    if code:  # named by its code, whatever raw names its rows give (those stay aliases)
        own = DatasetActor(
            id=f"cameo:{slug(code)}", name=cameo_code_name(code),
            kind=ActorKind(kind.kind) if kind else ActorKind.GROUP, aliases=[name] if name else [],
            external_ids=ids, resolution="CAMEO actor code without a country",
            name_rank=NameRank.CODEBOOK,
        )
        return Resolved(own.id, actors=[own])
    own = DatasetActor(
        id=f"cameo:{slug(name)}", name=display_name(name), kind=ActorKind(kind.kind) if kind else
        ActorKind.GROUP, aliases=[name], external_ids=ids,
        resolution="unresolved: its own actor by GDELT name",
    )
    return Resolved(own.id, actors=[own])


#: CAMEO actor types that belong to no country: a name without one says nothing missing.
_TRANSNATIONAL = frozenset({"AMN", "IRC", "GRP", "UNO", "PKO", "IGO", "IMG", "INT", "MNC"})


def cameo_code_name(code: str) -> str:
    """The name of a GDELT actor code that has no country, from the CAMEO actor-type codebook:
    ``GOV`` is "Government (unspecified country)", ``GOVLEG`` "Government, Legislature
    (unspecified country)", ``UNO`` "United Nations"; a three-letter part the codebook lacks is
    kept as it is ("CAMEO NAT, Military (unspecified country)")."""
    types = actor_types()
    parts = [code[i:i + 3].upper() for i in range(0, len(code), 3)]
    labels = [types[part].label if part in types else part for part in parts]
    if parts[0] not in types:
        labels[0] = f"CAMEO {labels[0]}"
    transnational = parts[0] in _TRANSNATIONAL
    return ", ".join(labels) + ("" if transnational else " (unspecified country)")


_ACLED_INSTITUTION = re.compile(r"^(?P<body>.+?) of (?P<country>.+?) \((?P<start>\d{4})-(?P<end>\d{4})?\)$")
_ACLED_GROUP = re.compile(r"^(?P<group>.+?) \((?P<country>[^()]+)\)$")


def _acled_kind(body: str) -> ActorKind:
    words = fold(body)
    if "military" in words or "army" in words:
        return ActorKind.MILITARY
    if "intelligence" in words:
        return ActorKind.INTELLIGENCE_AGENCY
    if "armed" in words or "militia" in words or "rebel" in words:
        return ActorKind.ARMED_GROUP
    if "police" in words or "government" in words:
        return ActorKind.GOVERNMENT
    return ActorKind.GROUP


def resolve_acled(name: str, kind: ActorKind | None = None) -> Resolved:
    """An ACLED actor name (``actor1``, ``assoc_actor_1``, ...); ``kind`` (its ``inter`` code's)
    is the kind of an actor whose name says none."""
    ids = [("acled.actor", name)]
    country = country_by_name(name)
    if country:
        return Resolved(country.alpha3.lower(), actors=[state(country, ids, name)])
    match = _ACLED_INSTITUTION.match(name)
    if match and (country := country_by_name(match["country"])):
        home = state(country, [])
        start = match["start"]
        body = DatasetActor(
            id=f"{home.id}_{slug(match['body'])}_{start}", name=name, kind=_acled_kind(match["body"]),
            country=country.alpha3, aliases=[name], external_ids=ids,
            resolution="ACLED institution of a state, from the year in its name",
        )
        end = match["end"]
        when = ValidTime(start=start, end=end) if end else ValidTime(start=start, ongoing=True)
        part_of = Relationship(type=RelationshipType.PART_OF, subject=body.id, object=home.id, when=when,
                               notes=f"ACLED names the actor {name!r}")
        return Resolved(body.id, represents=home.id, actors=[home, body], relationships=[part_of])
    match = _ACLED_GROUP.match(name)
    if match and (country := country_by_name(match["country"])):
        group = DatasetActor(
            id=f"{country.alpha3.lower()}_{slug(match['group'])}", name=name,
            kind=_acled_kind(match["group"]), country=country.alpha3, aliases=[name], external_ids=ids,
            resolution="ACLED group within a country",
        )
        return Resolved(group.id, actors=[group])
    named = _acled_kind(name)
    own = DatasetActor(id=f"acled:{slug(name)}", name=name,
                       kind=kind if kind and named == ActorKind.GROUP else named, aliases=[name],
                       external_ids=ids, resolution="unresolved: its own actor by ACLED name")
    return Resolved(own.id, actors=[own])


def _sector_kind(sector: str) -> ActorKind:
    words = fold(sector)
    for needle, kind in (("military", ActorKind.MILITARY), ("intelligence", ActorKind.INTELLIGENCE_AGENCY),
                         ("media", ActorKind.MEDIA), ("rebel", ActorKind.ARMED_GROUP),
                         ("insurgent", ActorKind.ARMED_GROUP)):
        if needle in words:
            return kind
    if any(s in words for s in _STATE_AGENT_SECTORS):
        return ActorKind.GOVERNMENT
    return ActorKind.ORGANISATION


def resolve_polecat(
    name: str, country_code: str, sector: str, raw_name: str, wikipedia: str
) -> Resolved | None:
    """A POLECAT actor or recipient (name, country, primary sector, raw name, Wikipedia id)."""
    if not name and not country_code:
        return None
    ids = [(key, value) for key, value in (("polecat.name", name), ("polecat.raw_name", raw_name),
                                           ("polecat.wikipedia", wikipedia)) if value]
    country = country_by_cameo(country_code) if country_code else None
    acts_for_state = any(s in fold(sector) for s in _STATE_AGENT_SECTORS)
    if country and (not name or country_by_name(name) == country):
        return Resolved(country.alpha3.lower(), actors=[state(country, ids, name or None)])
    if country and looks_like_person(name):
        return _person(name, country, ids, acts_for_state)
    key = f"{country.alpha3.lower()}_{slug(name)}" if country else f"polecat:{slug(name)}"
    body = DatasetActor(
        id=key, name=display_name(name), kind=_sector_kind(sector),
        country=country.alpha3 if country else None, aliases=[name], external_ids=ids,
        resolution=("POLECAT actor within a country" if country
                    else "unresolved: its own actor by POLECAT name"),
    )
    if country and acts_for_state:
        return Resolved(body.id, represents=country.alpha3.lower(), actors=[state(country, []), body])
    return Resolved(body.id, actors=[body])


#: ICEWS's generic actors, ``Sector (Country)``: the CAMEO actor type each sector word stands for.
ICEWS_SECTORS = {
    "government": "GOV", "military": "MIL", "police": "COP", "citizen": "CVL", "civilian": "CVL",
    "business": "BUS", "media": "MED", "opposition": "OPP", "rebel": "REB", "insurgent": "INS",
    "judiciary": "JUD", "legislature": "LEG", "education": "EDU", "health": "HLH", "labor": "LAB",
    "refugee": "REF", "criminal": "CRM", "protester": "CVL", "intelligence": "SPY",
}
_ICEWS_GENERIC = re.compile(r"^(?P<sector>[^()]+?) \((?P<country>[^()]+)\)$")


def _icews_generic(name: str, country: Country, ids: list[tuple[str, str]]) -> Resolved | None:
    """``Government (Russia)``: the country's sector, as GDELT's ``RUSGOV`` resolves."""
    match = _ICEWS_GENERIC.match(name)
    code = ICEWS_SECTORS.get(fold(match["sector"])) if match else None
    kind = actor_types().get(code) if code else None
    if match is None or kind is None or country_by_name(match["country"]) != country:
        return None
    home = state(country, [])
    body = DatasetActor(
        id=f"{home.id}_{kind.code.lower()}", name=f"{country.name}: {kind.label.lower()}",
        kind=ActorKind(kind.kind), country=country.alpha3, aliases=[name], external_ids=ids,
        resolution="CAMEO country and actor type", name_rank=NameRank.CODEBOOK,
    )
    represents = home.id if kind.state_agent else None
    return Resolved(body.id, represents=represents, actors=[home, body] if represents else [body])


def resolve_icews(name: str, sectors: str, country_name: str) -> Resolved | None:
    """An ICEWS source or target (name, sectors, country name); None when the row has neither."""
    if not name and not country_name:
        return None
    ids = [("icews.name", name)] if name else []
    country = country_by_name(country_name) if country_name else None
    if country and (not name or country_by_name(name) == country):
        return Resolved(country.alpha3.lower(), actors=[state(country, ids, name or None)])
    if country and (generic := _icews_generic(name, country, ids)):
        return generic
    acts_for_state = any(s in fold(sectors) for s in _STATE_AGENT_SECTORS)
    if country and looks_like_person(name):
        return _person(name, country, ids, acts_for_state)
    body = DatasetActor(
        id=f"{country.alpha3.lower()}_{slug(name)}" if country else f"icews:{slug(name)}",
        name=display_name(name), kind=_sector_kind(sectors), country=country.alpha3 if country else None,
        aliases=[name], external_ids=ids,
        resolution="ICEWS actor within a country" if country else "unresolved: its own actor by ICEWS name",
    )
    if country and acts_for_state:
        return Resolved(body.id, represents=country.alpha3.lower(), actors=[state(country, []), body])
    return Resolved(body.id, actors=[body])
