"""The allow-list of actor kind labels. Labels never come from user input, only from this enum."""

from __future__ import annotations

from enum import StrEnum

from graph.model import ActorKind


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

