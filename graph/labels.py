"""The allow-list of node labels. Labels never come from user input, only from these enums."""

from __future__ import annotations

from enum import StrEnum

from graph.model import ActorKind


class NodeLabel(StrEnum):
    ACTOR = "Actor"
    PLACE = "Place"
    SOURCE = "Source"
    EVENT = "Event"
    CLAIM = "Claim"
    EVENT_TYPE = "EventType"


class ActorKindLabel(StrEnum):
    """A second label per actor kind, so the Neo4j Browser can style actors by kind."""

    STATE = "State"
    PERSON = "Person"
    GOVERNMENT = "Government"
    ORGANISATION = "Organisation"
    MILITARY = "Military"
    ARMED_GROUP = "ArmedGroup"
    INTELLIGENCE_AGENCY = "IntelligenceAgency"
    MEDIA = "Media"
    INTERGOVERNMENTAL = "Intergovernmental"
    GROUP = "Group"

    @classmethod
    def for_kind(cls, kind: ActorKind | str) -> ActorKindLabel:
        return cls[ActorKind(kind).name]

