"""What the repository returns: plain pydantic views of the graph, shaped for JSON."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class View(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ActorRef(View):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None


class NameView(View):
    text: str
    lang: str


class StandingRelationshipView(View):
    id: str
    type: str
    direction: str = Field(description="'out' when the actor asked about is the subject.")
    counterpart: ActorRef
    valid_from: date
    valid_to: date | None = None
    time_precision: str | None = None
    time_start: str | None = None
    time_end: str | None = None
    ongoing: bool = False
    time_note: str | None = None
    derived_from: str | None = None


class ActorView(ActorRef):
    aliases: list[str] = []
    names: list[NameView] = []
    wikidata: str | None = None
    external_ids: dict[str, list[str]] = Field(
        default_factory=dict,
        examples=[{"gdelt.actor_code": ["RUSGOV", "RUS"], "gdelt.actor_name": ["VLADIMIR PUTIN"],
                   "polecat.wikipedia": ["Vladimir_Putin"]}],
        description="Every identifier of the actor by key, its own and the raw ones the event data "
        "sets gave it (a data set may name one actor in several ways, so each key has a list).",
    )
    dataset_aliases: list[str] = Field(
        default_factory=list, description="The raw names the event data sets gave the actor.")
    resolution: str | None = Field(
        None, description="The rule that resolved the data sets' names to this actor (docs/codebooks.md).")
    description: str | None = None
    event_count: int = 0
    standing_relationships: list[StandingRelationshipView] = []
    recorded_at: datetime | None = None


class ActorPage(View):
    items: list[ActorView]
    next_cursor: str | None = None


class CounterpartView(View):
    counterpart: ActorRef
    events: int = Field(description="Events in the window that link the two actors.")
    occurred: int = 0
    planned: int = 0
    initiated: int = Field(0, description="Of those, events the actor asked about initiated.")
    first: date | None = None
    last: date | None = None
    event_types: list[str] = []
    goldstein_total: float = Field(0.0, description="Net cooperation (+) / conflict (−) score.")
    goldstein_mean: float | None = None
    quad_classes: dict[str, int] = Field(
        default_factory=dict,
        description="Events per CAMEO quad class: verbal_cooperation, material_cooperation, "
        "verbal_conflict, material_conflict.",
    )
    event_ids: list[str] = []
    standing_relationships: list[StandingRelationshipView] = []


class WindowView(View):
    since: str | None = None
    until: str | None = None
    as_of: str | None = None


class ActorRelationshipsView(View):
    actor: ActorRef
    window: WindowView
    counterparts: list[CounterpartView]


class ParticipantView(View):
    actor: ActorRef
    role: str
    through: str | None = Field(None, description="The participant that represents this actor.")
    represents: str | None = Field(None, description="The actor this participant acts for.")


class SourceView(View):
    id: str
    publisher: str
    url: str
    published: date
    language: str
    title: str | None = None


class ClaimView(View):
    quote: str | None = Field(None, description="The sentence as the source prints it; none from a data set.")
    language: str | None = None
    translation: str | None = None
    dataset: str | None = Field(None, description="The event data set the claim comes from (gdelt, …).")
    record_id: str | None = Field(None, description="Its record in that data set.")
    confidence: float | None = Field(None, description="The data set's confidence, 0-100 (GDELT mentions).")
    attributed_to: list[ActorRef] = []
    via: list[ActorRef] = []
    source: SourceView


class QuantityView(View):
    what: str
    value: float
    approximate: bool = False
    estimated_by: list[str] = Field(default_factory=list, description="Ids of the estimating actors.")


class PlaceRef(View):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class HappeningRef(View):
    """The happening a record reports, with how many records, sources and data sets report it."""

    id: str
    records: int
    sources: int
    datasets: int
    members: list[str] = Field([], description="The ids of its records, this one included.")


class EventView(View):
    id: str
    type: str
    family: str
    cameo: str
    plover_type: str | None = None
    plover_mode: str | None = None
    quad_class: int
    goldstein: float
    status: str
    title: str
    summary: str
    notes: str | None = None
    time_start: str
    time_end: str | None = None
    time_precision: str
    ongoing: bool = False
    time_note: str | None = None
    valid_from: date
    valid_to: date | None = None
    first_reported: date | None = None
    recorded_at: datetime | None = None
    place: PlaceRef | None = None
    participants: list[ParticipantView] = []
    quantities: list[QuantityView] = []
    claims: list[ClaimView] = []
    external_ids: dict[str, str] = Field(
        default_factory=dict, description="The event's ids in the data sets it comes from.")
    metrics: dict[str, float] = Field(
        default_factory=dict, description="The data sets' coverage figures (GDELT num_mentions, "
        "num_sources, num_articles, avg_tone; POLECAT intensity).")
    dataset_recorded: datetime | None = Field(
        None, description="When the data set recorded the event (GDELT DATEADDED, ACLED timestamp).")
    happening: HappeningRef | None = Field(
        None, description="The happening this record reports (GET /happenings/{id}).")


class EventPage(View):
    items: list[EventView]
    next_cursor: str | None = None


class TimelineView(View):
    a: ActorRef
    b: ActorRef
    window: WindowView
    events: list[EventView]
    standing_relationships: list[StandingRelationshipView]


class NetworkEdge(View):
    source: str
    target: str
    type: str = Field(description="INTERACTED_WITH (aggregated events) or a standing type.")
    events: int = 0
    goldstein_total: float | None = None
    event_types: list[str] = []
    first: date | None = None
    last: date | None = None


class NetworkView(View):
    window: WindowView
    nodes: list[ActorRef]
    edges: list[NetworkEdge]
    truncated: bool = False


class PathStep(View):
    kind: str
    id: str
    name: str | None = None
    title: str | None = None
    type: str | None = None
    valid_from: date | None = None
    status: str | None = None


class PathsView(View):
    source: str
    target: str
    window: WindowView
    paths: list[list[PathStep]]


class HealthView(View):
    status: str
    neo4j: str
    version: str | None = None
    edition: str | None = None
    nodes: int | None = None
    relationships: int | None = None
    detail: str | None = None
