"""The event model: the records a load accepts, validated by pydantic before anything is written.

Every record of the native format is one of ``Actor``, ``Place``, ``Source``, ``Event`` and
``Relationship`` (``NativeRecord``), told apart by its ``record`` field; the data-set readers add
``DatasetActor``, ``DatasetPlace`` and ``EventClaim`` (all together, ``StoredRecord``). Ids are
stable: given by the author, or, for sources and events, derived from their content so that a
re-load finds the same node.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)

from graph.temporal import ValidTime
from graph.vocabulary import event_type

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.:-]{0,127}$", examples=["kim_jong_un"])]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["PRK"])]


def canonical_language(tag: object) -> object:
    """A BCP 47 tag in its canonical case (RFC 5646 2.1.1: tags are case-insensitive): the
    language lowercase, a script titlecase (``Hans``), a region uppercase (``CN``), the rest, and
    everything after a singleton (``x-``), lowercase. So ``ZH-HANS-CN`` is ``zh-Hans-CN``, one
    value however a file or a tool cased it. Anything but a string is left to the type check."""
    if not isinstance(tag, str):
        return tag
    first, *rest = tag.split("-")
    parts, singleton = [first.lower()], False
    for part in rest:
        singleton = singleton or len(part) == 1
        parts.append(part.lower() if singleton or not part.isalpha() or len(part) not in (2, 4)
                     else part.upper() if len(part) == 2 else part.title())
    return "-".join(parts)


LanguageTag = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", examples=["ar"]),
                        BeforeValidator(canonical_language)]
WikidataId = Annotated[str, Field(pattern=r"^Q[1-9]\d*$", examples=["Q7747"])]


def stable_id(prefix: str, *parts: object) -> str:
    """A deterministic id: the same parts always give the same id."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"{prefix}:{digest[:16]}"


#: The longest text a field takes (a quote of a few paragraphs fits many times over).
MAX_TEXT_LENGTH = 50_000
#: Characters no text may hold: C0 controls other than tab, line feed and carriage return, lone
#: surrogates, U+FFFE/U+FFFF. None of them is allowed in XML 1.0, so a graph holding one could not
#: be exported as GraphML or RDF/XML and read back.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _forbidden_character(value: Any) -> str | None:
    """The first forbidden character in a value's text (strings, lists, dicts, nested models)."""
    if isinstance(value, str):
        found = _FORBIDDEN_CHARACTERS.search(value)
        return found.group() if found else None
    if isinstance(value, dict):
        items: Any = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple):
        items = value
    elif isinstance(value, Strict):  # validated already: its own fields were checked
        return None
    elif isinstance(value, BaseModel):
        items = [getattr(value, name) for name in type(value).model_fields]
    else:
        return None
    return next((c for c in map(_forbidden_character, items) if c is not None), None)


def _visible(value: str, info: ValidationInfo) -> str:
    """A name or title someone can read: at least one letter, digit, symbol or punctuation mark
    (Unicode categories L, N, S, P). One made only of zero-width joiners, BOMs, bidi overrides
    (format, Cf), spaces (Z) or controls (Cc) would show as nothing, or as a blank, in every view."""
    if not any(unicodedata.category(c)[0] in "LNSP" for c in value):
        raise ValueError(f"{info.field_name} holds no visible character (a letter, digit, symbol "
                         "or punctuation mark), only spaces, controls or invisible format characters")
    return value


#: A name or a title: text that shows.
VisibleText = Annotated[str, AfterValidator(_visible)]


class Strict(BaseModel):
    """Input models: no unknown field, finite numbers only, bounded text without control characters."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False,
                              str_max_length=MAX_TEXT_LENGTH)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        character = _forbidden_character(value)
        if character is not None:
            raise ValueError(f"the control character U+{ord(character):04X} is not allowed in text")
        return value


def _tag_required(schema: dict[str, Any]) -> None:
    """A record's JSON Schema lists its ``record`` tag as required: the tag has a default for the
    readers that build records in Python, but a JSON record without it matches no kind (the
    discriminated union refuses it), and generated clients must always send it."""
    schema["required"] = ["record", *[name for name in schema.get("required", []) if name != "record"]]


class Record(Strict):
    model_config = ConfigDict(use_enum_values=True, json_schema_extra=_tag_required)


class ActorKind(StrEnum):
    STATE = "state"
    PERSON = "person"
    GOVERNMENT = "government"
    ORGANISATION = "organisation"
    MILITARY = "military"
    ARMED_GROUP = "armed_group"
    INTELLIGENCE_AGENCY = "intelligence_agency"
    MEDIA = "media"
    INTERGOVERNMENTAL = "intergovernmental"
    GROUP = "group"


class Name(Strict):
    """A name in one language (``{"text": "بوتين", "lang": "ar"}``)."""

    text: VisibleText = Field(min_length=1)
    lang: LanguageTag


class Actor(Record):
    record: Literal["actor"] = "actor"
    id: Identifier
    name: VisibleText = Field(min_length=1, description="Canonical English name.")
    kind: ActorKind
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-3 code.")
    names: list[Name] = Field(default_factory=list, description="Names in other languages.")
    aliases: list[VisibleText] = Field(default_factory=list)
    wikidata: WikidataId | None = None
    external_ids: dict[str, str] = Field(default_factory=dict)
    description: str | None = None

    def search_text(self) -> str:
        """Every name the actor goes by, for the full-text index."""
        return " | ".join([self.name, *(n.text for n in self.names), *self.aliases])


class PlaceKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    SITE = "site"


class Place(Record):
    record: Literal["place"] = "place"
    id: Identifier
    name: VisibleText = Field(min_length=1)
    kind: PlaceKind
    country: CountryCode | None = None
    names: list[Name] = Field(default_factory=list)
    wikidata: WikidataId | None = None
    latitude: float | None = Field(None, ge=-90, le=90, description="WGS 84 degrees north.")
    longitude: float | None = Field(None, ge=-180, le=180, description="WGS 84 degrees east.")

    def search_text(self) -> str:
        return " | ".join([self.name, *(n.text for n in self.names)])


class Source(Record):
    """A document that reports events: an article, a statement, a dataset row."""

    record: Literal["source"] = "source"
    id: Identifier | None = None
    publisher: VisibleText = Field(min_length=1)
    url: str = Field(min_length=1, description="URL, or another URI where the document has none.")
    published: date
    language: LanguageTag
    title: VisibleText | None = None

    @model_validator(mode="after")
    def _derive_id(self) -> Source:
        if self.id is None:
            object.__setattr__(self, "id", stable_id("src", self.url))
        return self


class Role(StrEnum):
    INITIATOR = "initiator"
    TARGET = "target"
    SIGNATORY = "signatory"
    PARTY = "party"
    SUPPLIER = "supplier"
    RECIPIENT = "recipient"
    VISITOR = "visitor"
    HOST = "host"
    PARTICIPANT = "participant"


#: Roles that act on the "receiving" roles; derived dyads run from the first to the second.
DIRECTED_ROLES: dict[str, set[str]] = {
    Role.INITIATOR: {Role.TARGET, Role.RECIPIENT, Role.HOST},
    Role.SUPPLIER: {Role.RECIPIENT, Role.TARGET},
    Role.VISITOR: {Role.HOST},
}
#: Roles whose holders all deal with each other (the signatories of a treaty).
MUTUAL_ROLES: set[str] = {Role.SIGNATORY, Role.PARTY, Role.PARTICIPANT}


class Participant(Strict):
    model_config = ConfigDict(use_enum_values=True)

    actor: Identifier
    role: Role
    represents: Identifier | None = Field(
        None, description="The state or body the actor acts for (Putin for Russia)."
    )


class Participation(BaseModel):
    """An actor's part in an event: its own, or ``through`` the participant that represents it."""

    model_config = ConfigDict(frozen=True)

    actor: str
    role: str
    through: str | None = None
    represents: str | None = None


class Dyad(NamedTuple):
    """Two actors an event links: ``source`` acted on ``target``, or, if ``mutual``, both alike."""

    source: str
    target: str
    mutual: bool


class EventStatus(StrEnum):
    OCCURRED = "occurred"
    PLANNED = "planned"
    CLAIMED = "claimed"
    DENIED = "denied"


class Claim(Strict):
    """One source's report of an event: the quoted sentence in its own language, and who said it.

    A claim that comes from an event data set (GDELT, ACLED, POLECAT) names the data set and its
    record instead of quoting: such data sets publish codes, not sentences.
    """

    source: Identifier
    quote: str | None = Field(None, min_length=1, description="The sentence as the source prints it.")
    language: LanguageTag | None = Field(None, description="The quote's language; required with a quote.")
    dataset: str | None = Field(
        None, pattern=r"^[a-z][a-z0-9_]{0,31}$", examples=["gdelt"],
        description="The event data set the claim comes from, when it quotes nothing.",
    )
    record_id: str | None = Field(
        None, min_length=1, max_length=128, examples=["1250112345"],
        description="The record of that data set (GDELT GLOBALEVENTID, ACLED event_id_cnty, ...).",
    )
    confidence: float | None = Field(
        None, ge=0, le=100, description="The data set's confidence in the claim, 0-100 (GDELT mentions).",
    )
    translation: str | None = Field(None, description="An English rendering of the quote.")
    attributed_to: list[Identifier] = Field(
        default_factory=list, description="Actors the source attributes the claim to."
    )
    via: list[Identifier] = Field(
        default_factory=list, description="Intermediaries that relayed it (a news agency)."
    )

    def id_for(self, owner_kind: str, owner_id: str) -> str:
        """The claim's node id under its event or relationship: its content, so a re-load finds
        it; a data set's claim, quoting nothing, by its record. Namespaced by the kind of record
        (``"event"`` or ``"relationship"``), so an event and a relationship with one id never
        share a claim."""
        record = [self.dataset, self.record_id] if self.dataset else []
        return stable_id("claim", owner_kind, owner_id, self.source, self.quote, sorted(self.attributed_to),
                         sorted(self.via), *record)

    @model_validator(mode="after")
    def _quoted_or_from_a_dataset(self) -> Claim:
        if self.quote is None and (self.dataset is None or self.record_id is None):
            raise ValueError("a claim quotes its source, or names the 'dataset' and 'record_id' "
                             "it comes from")
        if self.quote is not None and self.language is None:
            raise ValueError("a quote needs its 'language'")
        if (self.dataset is None) != (self.record_id is None):
            raise ValueError("'dataset' and 'record_id' go together")
        return self


class Quantity(Strict):
    """A figure an event reports ("about 15,000 soldiers"), with how sure it is."""

    what: str = Field(min_length=1, examples=["soldiers"])
    value: float
    approximate: bool = False
    estimated_by: list[Identifier] = Field(default_factory=list)


class Event(Record):
    record: Literal["event"] = "event"
    id: Identifier | None = None
    type: str = Field(description="An event type id of the vocabulary (docs/event-types.md).")
    when: ValidTime
    status: EventStatus = EventStatus.OCCURRED
    participants: list[Participant] = Field(min_length=1)
    place: Identifier | None = None
    title: VisibleText = Field(min_length=1)
    summary: str = Field(min_length=1, description="An English summary.")
    intensity: float | None = Field(
        None, ge=-10, le=10, description="Goldstein score; the type's own when not given."
    )
    quantities: list[Quantity] = Field(default_factory=list)
    claims: list[Claim] = Field(min_length=1)
    notes: str | None = None
    external_ids: dict[str, str] = Field(
        default_factory=dict, examples=[{"gdelt": "1250112345"}],
        description="The event's ids in the data sets it comes from.",
    )
    metrics: dict[str, float] = Field(
        default_factory=dict, examples=[{"num_mentions": 12, "avg_tone": -2.4}],
        description="A data set's figures about the coverage of the event (GDELT num_mentions, "
                    "num_sources, num_articles, avg_tone; POLECAT intensity).",
    )
    dataset_recorded: datetime | None = Field(
        None, description="When the data set recorded the event (GDELT DATEADDED, ACLED timestamp).",
    )

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        event_type(value)
        return value

    @model_validator(mode="after")
    def _derive_id(self) -> Event:
        if self.id is None:
            # Claims are content, not identity: a corroborating source must not make a new event.
            actors = sorted((p.actor, p.role) for p in self.participants)
            object.__setattr__(self, "id", stable_id("ev", self.type, self.when.start, actors))
        return self

    def participations(self) -> list[Participation]:
        """The participants, then the actors they represent (unless those take part themselves),
        each through its representative first by id."""
        direct = [Participation(actor=p.actor, role=p.role, represents=p.represents)
                  for p in self.participants]
        named = {p.actor for p in direct}
        represented: dict[tuple[str, str], Participation] = {}
        for p in sorted(self.participants, key=lambda p: p.actor):  # the same, in any order
            if p.represents and p.represents not in named:
                key = (p.represents, p.role)
                represented.setdefault(key, Participation(actor=p.represents, role=p.role,
                                                          through=p.actor))
        return direct + list(represented.values())

    @staticmethod
    def participants_from(participations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """An event's participants from its participations (the inverse of ``participations``):
        the direct ones, with whom they represent; those taking part ``through`` another drop out."""
        return [
            {"actor": p["actor"], "role": p["role"],
             **({"represents": p["represents"]} if p.get("represents") else {})}
            for p in participations if not p.get("through")
        ]

    @staticmethod
    def own_intensity(type_id: str, goldstein: float | None) -> float | None:
        """An event's own Goldstein score from a stored one: ``None`` where it is its type's."""
        if goldstein is None or goldstein == event_type(type_id).goldstein:
            return None
        return goldstein

    def dyads(self) -> list[Dyad]:
        """Actor pairs this event links, in the direction of the action (mutual pairs sorted).

        Pairs form on two levels that never mix: between participants who act for someone
        (Kim and Putin), and between everyone else, the actors represented included (North Korea
        and Russia). So a leader never pairs with his own state, nor with the other side's.
        """
        pairs: set[Dyad] = set()
        parts = self.participations()
        for a in parts:
            for b in parts:
                if a.actor == b.actor or bool(a.represents) != bool(b.represents):
                    continue
                directed = b.role in DIRECTED_ROLES.get(a.role, set())
                mutual = a.role in MUTUAL_ROLES and b.role in MUTUAL_ROLES and a.actor < b.actor
                if directed:
                    pairs.add(Dyad(a.actor, b.actor, mutual=False))
                elif mutual:
                    pairs.add(Dyad(a.actor, b.actor, mutual=True))
        return sorted(pairs)


class RelationshipType(StrEnum):
    """Standing relationships between actors; the allow-list of relationship types they use."""

    ALLY_OF = "ALLY_OF"
    LEADS = "LEADS"
    AT_WAR_WITH = "AT_WAR_WITH"
    MEMBER_OF = "MEMBER_OF"
    PART_OF = "PART_OF"
    PARTNER_OF = "PARTNER_OF"



class Relationship(Record):
    """A relationship that holds over an interval (an alliance, a leadership, a war)."""

    record: Literal["relationship"] = "relationship"
    id: Identifier | None = None
    type: RelationshipType
    subject: Identifier
    object: Identifier
    when: ValidTime | None = Field(
        None, description="Validity interval; when left out, from the start of `derived_from`."
    )
    derived_from: Identifier | None = Field(None, description="The event that established it.")
    claims: list[Claim] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Relationship:
        if self.subject == self.object:
            raise ValueError("a relationship links two different actors")
        if self.when is None and self.derived_from is None:
            raise ValueError("give 'when', or 'derived_from' an event to take the start date from")
        if self.id is None:
            start = self.when.start if self.when else None
            rel_id = stable_id("rel", self.type, self.subject, self.object, start, self.derived_from)
            object.__setattr__(self, "id", rel_id)
        return self


class NameRank(IntEnum):
    """Whose name (and coordinates, and country) a node keeps when several records give one: the
    highest rank, at equal rank the smallest value (docs/merge-policy.md)."""

    MENTION = 1
    """A data set's raw name for it (GDELT's ``VLADIMIR PUTIN``, an ACLED or POLECAT actor name)."""
    CODEBOOK = 2
    """A canonical name a codebook gives (the ISO 3166 name of a state, ``Russia: military``)."""
    CURATED = 3
    """A native record's (the seed's, an analyst's POST): always wins, last write first."""


class DatasetActor(Record):
    """An actor as an event data set names it, resolved to one node per real-world actor.

    Unlike an ``Actor`` record, it never replaces what a native record gave: it creates the actor
    when it is new and otherwise adds the data set's raw names and identifiers to it; its name,
    kind and country replace a data set's only by ``name_rank`` (docs/merge-policy.md), so the
    seed's names survive a GDELT load and the graph does not depend on the order of the files.
    """

    record: Literal["dataset_actor"] = "dataset_actor"
    id: Identifier
    name: VisibleText = Field(min_length=1, description="Its name, kept by name_rank (docs/merge-policy.md).")
    kind: ActorKind
    country: CountryCode | None = None
    aliases: list[VisibleText] = Field(default_factory=list, description="The raw names the data sets use.")
    external_ids: list[tuple[str, str]] = Field(
        default_factory=list,
        examples=[[["gdelt.actor_code", "RUSGOV"], ["gdelt.actor_name", "VLADIMIR PUTIN"]]],
        description="(key, value) pairs; a key repeats when a data set names the actor in several ways.",
    )
    resolution: str = Field(min_length=1, description="Which rule gave the id (docs/codebooks.md).")
    name_rank: NameRank = Field(NameRank.MENTION, description="Where the name comes from (NameRank).")


class DatasetPlace(Record):
    """A place as an event data set gives it; like ``DatasetActor``, merged by ``name_rank``."""

    record: Literal["dataset_place"] = "dataset_place"
    id: Identifier
    name: VisibleText = Field(min_length=1)
    kind: PlaceKind
    country: CountryCode | None = None
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    external_ids: list[tuple[str, str]] = Field(default_factory=list, examples=[[["geonames", "2039352"]]])
    name_rank: NameRank = Field(NameRank.MENTION, description="Where the name comes from (NameRank).")


class EventClaim(Record):
    """Another source's report of an event already known (a GDELT mention), added to its claims."""

    record: Literal["event_claim"] = "event_claim"
    event: Identifier
    claim: Claim

    @property
    def id(self) -> str:
        """The id the claim would have among the event's own claims (so an export and re-import
        of the event finds the same claim node)."""
        return self.claim.id_for("event", self.event)


#: Every kind of record the writer stores: the native ones and the data-set readers' additions.
StoredRecord = Actor | Place | Source | Event | Relationship | DatasetActor | DatasetPlace | EventClaim

#: A record of the native format (a line of a JSON Lines file), told apart by its ``record`` field.
NativeRecord = Annotated[Actor | Place | Source | Event | Relationship, Field(discriminator="record")]
RECORD_ADAPTER: TypeAdapter[NativeRecord] = TypeAdapter(NativeRecord)
