"""The RDF mapping: model records in, triples out (the table is in the README, ``## RDF export``).

Events are ``sem:Event``s with their actors (``sem:hasActor``, and ``sem:Role`` nodes for the
roles), place and time; actors and places carry their names in every language; provenance is
PROV-O (claims quoted from source documents, attributed to actors); standing relationships are
reified ``rdf:Statement``s with a validity interval; event types form a SKOS concept scheme.
Every node has an IRI (no blank nodes), so every serialisation holds exactly the same triples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.model import (
    Actor,
    ActorKind,
    Claim,
    DatasetActor,
    DatasetPlace,
    Event,
    EventClaim,
    EventStatus,
    Place,
    PlaceKind,
    Relationship,
    RelationshipType,
    Role,
    Source,
)
from graph.rdf.namespaces import DCTERMS, GEOKG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, WD, XSD, Iris
from graph.read.export_reader import DatasetOnlyActor, DatasetOnlyPlace, ExportRecord
from graph.store.labels import ActorKindLabel
from graph.temporal import PartialDate, Precision, ValidTime
from graph.vocabulary import EventFamily, event_type, event_types

Triple = tuple[URIRef, URIRef, Node]

#: The XSD type of a partial date, by its precision.
STAMP_TYPES = {Precision.DAY: XSD.date, Precision.MONTH: XSD.gYearMonth, Precision.YEAR: XSD.gYear}
#: The schema.org class of each actor kind (besides sem:Actor and the geokg: kind class).
SCHEMA_ACTOR_CLASS = {"person": SCHEMA.Person, "state": SCHEMA.Country}
#: The schema.org class of each place kind (besides sem:Place and the geokg: kind class).
SCHEMA_PLACE_CLASS = {"country": SCHEMA.Country, "region": SCHEMA.AdministrativeArea,
                      "city": SCHEMA.City, "site": SCHEMA.Place}
TRUE = Literal(True)


def camel(name: str) -> str:
    """``AT_WAR_WITH`` → ``atWarWith``: a relationship type as its geokg: property name."""
    first, *rest = name.lower().split("_")
    return first + "".join(part.capitalize() for part in rest)


def pascal(name: str) -> str:
    """``armed_group`` → ``ArmedGroup``: an enum value as a geokg: class or individual name."""
    return "".join(part.capitalize() for part in name.split("_"))


#: The geokg: term of each value of the model's enums (the importer reads them back).
ACTOR_KIND_CLASSES = {k.value: GEOKG[ActorKindLabel.for_kind(k).value] for k in ActorKind}
PLACE_KIND_CLASSES = {k.value: GEOKG[pascal(k.value)] for k in PlaceKind}
STATUS_TERMS = {s.value: GEOKG[pascal(s.value)] for s in EventStatus}
ROLE_TYPES = {r.value: GEOKG[pascal(r.value)] for r in Role}
PREDICATES = {t.value: GEOKG[camel(t.value)] for t in RelationshipType}


@lru_cache(maxsize=65536)
def typed(lexical: str, datatype: URIRef) -> Literal:
    """A typed literal, made once: rdflib parses each one's value, and dates and scores recur."""
    return Literal(lexical, datatype=datatype)


def stamp(value: PartialDate) -> Literal:
    """A partial date as a literal typed by its precision (``2024-09`` → ``xsd:gYearMonth``)."""
    return typed(value.text, STAMP_TYPES[value.precision])


def day(value: date) -> Literal:
    return typed(value.isoformat(), XSD.date)


def decimal(value: float) -> Literal:
    """A number as ``xsd:decimal``, written out in full (``15000.0``, never ``1.5E4``)."""
    return typed(format(Decimal(repr(float(value))), "f"), XSD.decimal)


def text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, lang=lang)


class RdfMapping:
    """Maps records to triples under one base IRI."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris

    def triples(self, record: ExportRecord) -> list[Triple]:
        """The triples of one record, each once (a record may state a fact twice)."""
        mappers: dict[str, Callable[[Any], Iterable[Triple]]] = {
            "actor": self.actor, "place": self.place, "source": self.source,
            "event": self.event, "relationship": self.relationship,
            "dataset_actor": self.dataset_actor, "dataset_place": self.dataset_place,
            "dataset_only_actor": self.dataset_only_actor, "dataset_only_place": self.dataset_only_place,
            "event_claim": self.event_claim}
        return list(dict.fromkeys(mappers[record.record](record)))

    # Time

    def time(self, node: URIRef, when: ValidTime) -> Iterator[Triple]:
        """SEM time stamps typed by precision, plus the span's first and last possible day
        (``ValidTime.valid_from``/``valid_to``, with each date parsed once)."""
        start = PartialDate.parse(when.start)
        end = PartialDate.parse(when.end) if when.end else None
        if when.is_interval:
            yield node, SEM.hasBeginTimeStamp, stamp(start)
            if end:
                yield node, SEM.hasEndTimeStamp, stamp(end)
        else:
            yield node, SEM.hasTimeStamp, stamp(start)
        yield node, SEM.hasEarliestBeginTimeStamp, day(start.earliest)
        if when.ongoing:
            yield node, GEOKG.ongoing, TRUE
        else:
            yield node, SEM.hasLatestEndTimeStamp, day((end or start).latest)
        if when.note:
            yield node, GEOKG.timeNote, text(when.note)

    # Actors, places, sources

    def names(self, node: URIRef, name: str, names: Iterable[tuple[str, str]]) -> Iterator[Triple]:
        yield node, SKOS.prefLabel, text(name, "en")
        yield node, RDFS.label, text(name, "en")
        for value, lang in names:
            yield node, SKOS.altLabel, text(value, lang)
            yield node, RDFS.label, text(value, lang)

    def actor(self, actor: Actor) -> Iterator[Triple]:
        node = self.iris.actor(actor.id)
        yield node, RDF.type, SEM.Actor
        yield node, RDF.type, PROV.Agent
        yield node, RDF.type, ACTOR_KIND_CLASSES[actor.kind]
        yield node, RDF.type, SCHEMA_ACTOR_CLASS.get(actor.kind, SCHEMA.Organization)
        yield node, DCTERMS.identifier, text(actor.id)
        yield from self.names(node, actor.name, ((n.text, n.lang) for n in actor.names))
        for alias in actor.aliases:
            yield node, SCHEMA.alternateName, text(alias)
        if actor.country:
            yield node, GEOKG.countryCode, text(actor.country)
        if actor.wikidata:
            yield node, OWL.sameAs, WD[actor.wikidata]
        if actor.description:
            yield node, DCTERMS.description, text(actor.description)
        for scheme, value in sorted(actor.external_ids.items()):
            yield from self.property_value(node, SCHEMA.identifier,
                                           self.iris.external_id(actor.id, scheme), scheme, value)

    def property_value(self, node: URIRef, predicate: URIRef, external: URIRef, key: str,
                       value: str) -> Iterator[Triple]:
        """An identifier as a ``schema:PropertyValue`` (its key and value) that ``node`` points to."""
        yield node, predicate, external
        yield external, RDF.type, SCHEMA.PropertyValue
        yield external, SCHEMA.propertyID, text(key)
        yield external, SCHEMA.value, text(value)

    def place(self, place: Place) -> Iterator[Triple]:
        node = self.iris.place(place.id)
        yield node, RDF.type, SEM.Place
        yield node, RDF.type, PLACE_KIND_CLASSES[place.kind]
        yield node, RDF.type, SCHEMA_PLACE_CLASS[place.kind]
        yield node, DCTERMS.identifier, text(place.id)
        yield from self.names(node, place.name, ((n.text, n.lang) for n in place.names))
        if place.country:
            yield node, GEOKG.countryCode, text(place.country)
        if place.wikidata:
            yield node, OWL.sameAs, WD[place.wikidata]
        if place.latitude is not None and place.longitude is not None:
            yield node, SCHEMA.latitude, decimal(place.latitude)
            yield node, SCHEMA.longitude, decimal(place.longitude)

    def dataset_ids(self, node: URIRef, ids: Iterable[tuple[str, str]]) -> Iterator[Triple]:
        """A data set's (key, value) identifiers of an actor or place (``geokg:datasetIdentifier``,
        apart from the native ``schema:identifier``s, since a key may repeat)."""
        for key, value in ids:
            yield from self.property_value(node, GEOKG.datasetIdentifier,
                                           self.iris.dataset_id(node, key, value), key, value)

    def dataset_actor(self, actor: DatasetActor) -> Iterator[Triple]:
        """What the data sets added to an actor (its ``actor`` record gives the rest)."""
        node = self.iris.actor(actor.id)
        for alias in actor.aliases:
            yield node, GEOKG.datasetAlias, text(alias)
        yield from self.dataset_ids(node, actor.external_ids)
        yield node, GEOKG.resolution, text(actor.resolution)

    def dataset_only_actor(self, actor: DatasetOnlyActor) -> Iterator[Triple]:
        """An actor only the data sets made, typed ``geokg:DatasetOnlyActor``: an import reads it
        back as their sighting (a ``dataset_actor`` record), not as a curated actor."""
        yield from self.actor(actor.actor)
        yield self.iris.actor(actor.actor.id), RDF.type, GEOKG.DatasetOnlyActor
        yield from self.dataset_actor(actor.sighting)

    def dataset_place(self, place: DatasetPlace) -> Iterator[Triple]:
        """What the data sets added to a place (its ``place`` record gives the rest): their ids, and
        the coordinates they gave, flagged ``geokg:datasetCoordinates`` as not the curated record's."""
        node = self.iris.place(place.id)
        yield from self.dataset_ids(node, place.external_ids)
        if place.latitude is not None and place.longitude is not None:
            yield node, SCHEMA.latitude, decimal(place.latitude)
            yield node, SCHEMA.longitude, decimal(place.longitude)
            yield node, GEOKG.datasetCoordinates, TRUE

    def dataset_only_place(self, place: DatasetOnlyPlace) -> Iterator[Triple]:
        """A place only the data sets made, typed ``geokg:DatasetOnlyPlace`` (as an actor)."""
        yield from self.place(place.place)
        yield self.iris.place(place.place.id), RDF.type, GEOKG.DatasetOnlyPlace
        yield from self.dataset_place(place.sighting)

    def source(self, source: Source) -> Iterator[Triple]:
        assert source.id is not None  # set by the model's validator
        node = self.iris.source(source.id)
        yield node, RDF.type, GEOKG.Source
        yield node, RDF.type, PROV.Entity
        yield node, RDF.type, SCHEMA.CreativeWork
        yield node, DCTERMS.identifier, text(source.id)
        yield node, SCHEMA.publisher, text(source.publisher)
        yield node, SCHEMA.url, Literal(source.url, datatype=XSD.anyURI)
        yield node, SCHEMA.datePublished, day(source.published)
        yield node, SCHEMA.inLanguage, text(source.language)
        if source.title:
            yield node, SCHEMA.headline, text(source.title)

    # Provenance

    def claims(self, owner: URIRef, owner_kind: str, owner_id: str,
               claims: Iterable[Claim]) -> Iterator[Triple]:
        """Each claim quoted from its source and attributed to its speakers, or, from an event
        data set, derived from its source with the data set's name and record id; the owner (an
        event or a relationship) is derived from the claim's source document."""
        for claim in claims:
            node = self.iris.claim(claim.id_for(owner_kind, owner_id))  # the Claim node's own id
            source = self.iris.source(claim.source)
            yield owner, GEOKG.supportedBy, node
            yield owner, PROV.wasDerivedFrom, source
            yield node, RDF.type, GEOKG.Claim
            yield node, RDF.type, PROV.Entity
            if claim.quote is not None:
                yield node, GEOKG.quote, text(claim.quote, claim.language)
                yield node, PROV.wasQuotedFrom, source
            else:
                yield node, PROV.wasDerivedFrom, source
            if claim.dataset is not None and claim.record_id is not None:
                yield node, GEOKG.dataset, text(claim.dataset)
                yield node, GEOKG.recordId, text(claim.record_id)
            if claim.confidence is not None:
                yield node, GEOKG.confidence, decimal(claim.confidence)
            if claim.translation:
                yield node, GEOKG.translation, text(claim.translation, "en")
            for speaker in claim.attributed_to:
                yield node, PROV.wasAttributedTo, self.iris.actor(speaker)
            for relay in claim.via:
                yield node, GEOKG.relayedBy, self.iris.actor(relay)

    # Events and relationships

    def event(self, event: Event) -> Iterator[Triple]:
        assert event.id is not None  # set by the model's validator
        node = self.iris.event(event.id)
        kind = event_type(event.type)
        yield node, RDF.type, SEM.Event
        yield node, DCTERMS.identifier, text(event.id)
        yield node, RDFS.label, text(event.title, "en")
        yield node, DCTERMS.description, text(event.summary, "en")
        yield node, SEM.eventType, self.iris.event_type(event.type)
        yield node, GEOKG.status, STATUS_TERMS[event.status]
        goldstein = event.intensity if event.intensity is not None else kind.goldstein
        yield node, GEOKG.goldstein, decimal(goldstein)
        yield from self.time(node, event.when)
        if event.place:
            yield node, SEM.hasPlace, self.iris.place(event.place)
        for part in event.participations():
            actor = self.iris.actor(part.actor)
            role = self.iris.role(event.id, part.actor, part.role)
            yield node, SEM.hasActor, actor
            yield node, SEM.hasActor, role
            yield role, RDF.type, SEM.Role
            yield role, RDF.value, actor
            yield role, SEM.roleType, ROLE_TYPES[part.role]
            if part.through:
                yield role, GEOKG.through, self.iris.actor(part.through)
            if part.represents:
                yield role, GEOKG.represents, self.iris.actor(part.represents)
        for position, quantity in enumerate(event.quantities):
            measured = self.iris.quantity(event.id, position)
            yield node, GEOKG.quantity, measured
            yield measured, RDF.type, GEOKG.Quantity
            yield measured, GEOKG.measure, text(quantity.what)
            yield measured, RDF.value, decimal(quantity.value)
            if quantity.approximate:
                yield measured, GEOKG.approximate, TRUE
            for estimator in quantity.estimated_by:
                yield measured, GEOKG.estimatedBy, self.iris.actor(estimator)
        yield from self.claims(node, "event", event.id, event.claims)
        if event.notes:
            yield node, SKOS.editorialNote, text(event.notes)
        yield from self.dataset_facts(node, event)

    def event_claim(self, mention: EventClaim) -> Iterator[Triple]:
        """A claim another source added to an event (a GDELT mention), as the event's own claims
        are, flagged ``geokg:mention``: its event's record does not hold it."""
        yield from self.claims(self.iris.event(mention.event), "event", mention.event, [mention.claim])
        yield self.iris.claim(mention.id), GEOKG.mention, TRUE

    def dataset_facts(self, node: URIRef, event: Event) -> Iterator[Triple]:
        """An event's ids in the data sets (``schema:identifier``), their coverage figures
        (``geokg:metric``) and when they recorded it (``geokg:datasetRecorded``)."""
        assert event.id is not None  # set by the model's validator
        for scheme, identifier in sorted(event.external_ids.items()):
            yield from self.property_value(node, SCHEMA.identifier,
                                           self.iris.event_external_id(event.id, scheme), scheme,
                                           identifier)
        for key, figure in sorted(event.metrics.items()):
            metric = self.iris.metric(event.id, key)
            yield node, GEOKG.metric, metric
            yield metric, RDF.type, GEOKG.Metric
            yield metric, GEOKG.measure, text(key)
            yield metric, RDF.value, decimal(figure)
        if event.dataset_recorded is not None:
            yield node, GEOKG.datasetRecorded, typed(event.dataset_recorded.isoformat(), XSD.dateTime)

    def relationship(self, relationship: Relationship) -> Iterator[Triple]:
        """A reified statement (``rus geokg:allyOf prk``) holding over its validity interval."""
        assert relationship.id is not None and relationship.when is not None  # resolved on load
        node = self.iris.relationship(relationship.id)
        yield node, RDF.type, RDF.Statement
        yield node, RDF.type, SEM.Temporary
        yield node, RDF.type, GEOKG.StandingRelationship
        yield node, DCTERMS.identifier, text(relationship.id)
        yield node, RDF.subject, self.iris.actor(relationship.subject)
        yield node, RDF.predicate, PREDICATES[relationship.type]
        yield node, RDF.object, self.iris.actor(relationship.object)
        yield from self.time(node, relationship.when)
        if relationship.derived_from:
            yield node, GEOKG.derivedFromEvent, self.iris.event(relationship.derived_from)
        yield from self.claims(node, "relationship", relationship.id, relationship.claims)
        if relationship.notes:
            yield node, SKOS.editorialNote, text(relationship.notes)

    # The event-type vocabulary

    def event_type_scheme(self) -> list[Triple]:
        """The project's event types as a SKOS scheme: families on top, each type mapped to its
        CAMEO code (``skos:notation``) with its Goldstein score, quad class and PLOVER type."""
        scheme = self.iris.event_type_scheme
        triples: list[Triple] = [
            (scheme, RDF.type, SKOS.ConceptScheme),
            (scheme, SKOS.prefLabel, text("geokg event types", "en")),
        ]
        for family in EventFamily:
            top = self.iris.event_family(family.value)
            triples += [
                (top, RDF.type, SKOS.Concept), (top, SKOS.inScheme, scheme),
                (top, SKOS.topConceptOf, scheme), (scheme, SKOS.hasTopConcept, top),
                (top, SKOS.prefLabel, text(family.value.replace("_", " "), "en")),
            ]
        for kind in event_types().values():
            node = self.iris.event_type(kind.id)
            triples += [
                (node, RDF.type, SKOS.Concept), (node, RDF.type, SEM.EventType),
                (node, SKOS.inScheme, scheme), (node, DCTERMS.identifier, text(kind.id)),
                (node, SKOS.broader, self.iris.event_family(kind.family.value)),
                (node, SKOS.prefLabel, text(kind.label, "en")),
                (node, SKOS.notation, Literal(kind.cameo, datatype=GEOKG.CAMEOCode)),
                (node, GEOKG.cameoLabel, text(kind.cameo_label, "en")),
                (node, GEOKG.goldstein, decimal(kind.goldstein)),
                (node, GEOKG.quadClass, Literal(kind.quad_class)),
            ]
            if kind.plover_type:
                triples.append((node, SKOS.notation, Literal(kind.plover_type, datatype=GEOKG.PLOVERType)))
            if kind.plover_mode:
                triples.append((node, GEOKG.ploverMode, text(kind.plover_mode)))
            if kind.notes:
                triples.append((node, SKOS.scopeNote, text(kind.notes, "en")))
        return triples
