"""RDF back into the graph: an export (or a researcher's edit of one) as native records.

The inverse of ``graph.rdf.mapping``: each ``sem:Actor``, ``sem:Place``, ``geokg:Source``,
``sem:Event`` and ``geokg:StandingRelationship`` of the file becomes the native record it was
made from (a ``geokg:DatasetOnlyActor`` or ``DatasetOnlyPlace`` the data sets' sighting that
made it), and goes through the same validation, reference checks and writer as ``geokg load``.
A node's id is its ``dcterms:identifier``, or else the last segment of its IRI, so a node a
researcher added under another base still gets one. RDF has no order: lists come back sorted.
A bad record is reported by its position among the file's records (``line``) and its id.
The file is parsed within bounds and never reaches beyond itself (``loaders.rdf_guard``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from rdflib import Graph, Literal, URIRef
from rdflib.exceptions import UniquenessError
from rdflib.term import Node

from graph.model import DatasetActor, DatasetPlace, Event, EventClaim
from graph.rdf.export import RdfFormat
from graph.rdf.mapping import ACTOR_KIND_CLASSES, PLACE_KIND_CLASSES, PREDICATES, ROLE_TYPES, STATUS_TERMS
from graph.rdf.namespaces import DCTERMS, GEOKG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, WD, local_id
from graph.settings import get_settings
from graph.vocabulary import event_types
from loaders.native import parse_records
from loaders.rdf_guard import InvalidRdf, UnsafeRdf, check_jsonld, check_rdfxml, check_size, run_bounded
from loaders.records import LocatedRecord
from loaders.report import RecordError

EXTENSIONS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.NTRIPLES, ".jsonld": RdfFormat.JSONLD,
              ".json": RdfFormat.JSONLD, ".rdf": RdfFormat.RDFXML, ".xml": RdfFormat.RDFXML,
              ".owl": RdfFormat.RDFXML}
ACTOR_KINDS = {term: kind for kind, term in ACTOR_KIND_CLASSES.items()}
PLACE_KINDS = {term: kind for kind, term in PLACE_KIND_CLASSES.items()}
STATUSES = {term: status for status, term in STATUS_TERMS.items()}
ROLES = {term: role for role, term in ROLE_TYPES.items()}
RELATIONSHIP_TYPES = {term: kind for kind, term in PREDICATES.items()}

Raw = dict[str, Any]
#: The records only the data-set readers make (a mention, ``geokg:mention``, is an ``event_claim``),
#: which the native format does not take.
DATASET_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "dataset_actor": TypeAdapter(DatasetActor), "dataset_place": TypeAdapter(DatasetPlace),
    "event_claim": TypeAdapter(EventClaim)}


def _intensity(type_id: str | None, goldstein: str | None) -> float | str | None:
    """The event's own score (``None`` where it is its type's); a non-number is left for the
    model's validation to reject with the field's name."""
    try:
        score = None if goldstein is None else float(goldstein)
    except ValueError:
        return goldstein
    return Event.own_intensity(type_id, score) if type_id in event_types() else score


class MappingError(ValueError):
    """A node the inverse mapping cannot read (a property given twice where once is allowed)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


def format_for(path: Path) -> RdfFormat:
    """The RDF format a file's extension names (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``)."""
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise ValueError(f"cannot tell the RDF format of {path.name}; give --format ({known})") from None


class RdfRecords:
    """Reads native records out of one rdflib graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def one(self, node: Node, prop: URIRef) -> Node | None:
        try:
            return self.graph.value(node, prop, any=False)
        except UniquenessError:
            name = self.graph.namespace_manager.normalizeUri(prop)
            raise MappingError(name, f"{name} is given more than once") from None

    def text(self, node: Node, prop: URIRef) -> str | None:
        value = self.one(node, prop)
        return None if value is None else str(value)

    def id_of(self, node: Node) -> str:
        identifier = self.graph.value(node, DCTERMS.identifier)
        return str(identifier) if identifier is not None else local_id(str(node))

    def ref(self, node: Node, prop: URIRef) -> str | None:
        """The id of the one node ``prop`` points to, if any."""
        value = self.one(node, prop)
        return None if value is None else self.id_of(value)

    def ids(self, node: Node, prop: URIRef) -> list[str]:
        return sorted(self.id_of(value) for value in self.graph.objects(node, prop))

    def flag(self, node: Node, prop: URIRef) -> bool:
        value = self.one(node, prop)
        return isinstance(value, Literal) and value.toPython() is True

    def when(self, node: Node) -> Raw:
        point = self.one(node, SEM.hasTimeStamp)
        start = point if point is not None else self.one(node, SEM.hasBeginTimeStamp)
        return {"start": None if start is None else str(start),
                "end": self.text(node, SEM.hasEndTimeStamp), "ongoing": self.flag(node, GEOKG.ongoing),
                "note": self.text(node, GEOKG.timeNote)}

    def names(self, node: Node) -> Raw:
        """The name, names in other languages, country and Wikidata id of an actor or a place."""
        alt = [value for value in self.graph.objects(node, SKOS.altLabel) if isinstance(value, Literal)]
        wikidata = sorted(str(iri).removeprefix(str(WD)) for iri in self.graph.objects(node, OWL.sameAs)
                          if str(iri).startswith(str(WD)))
        return {"name": self.text(node, SKOS.prefLabel), "country": self.text(node, GEOKG.countryCode),
                "names": [{"text": str(v), "lang": v.language}
                          for v in sorted(alt, key=lambda v: (v.language or "", str(v)))],
                "wikidata": wikidata[0] if wikidata else None}

    def kind(self, node: Node, kinds: dict[URIRef, str]) -> str | None:
        return next((kinds[t] for t in self.graph.objects(node, RDF.type) if t in kinds), None)

    def claim(self, claim: Node) -> Raw:
        """Quoted claims name their source with ``prov:wasQuotedFrom``, a data set's claims
        (no quote) with ``prov:wasDerivedFrom``."""
        return {"source": self.ref(claim, PROV.wasQuotedFrom) or self.ref(claim, PROV.wasDerivedFrom),
                "quote": self.text(claim, GEOKG.quote),
                "language": getattr(self.one(claim, GEOKG.quote), "language", None),
                "translation": self.text(claim, GEOKG.translation),
                "dataset": self.text(claim, GEOKG.dataset), "record_id": self.text(claim, GEOKG.recordId),
                "confidence": self.text(claim, GEOKG.confidence),
                "attributed_to": self.ids(claim, PROV.wasAttributedTo),
                "via": self.ids(claim, GEOKG.relayedBy)}

    def claims(self, owner: Node) -> list[Raw]:
        """The owner's own claims (a mention, ``geokg:mention``, is an ``event_claim`` record)."""
        return [self.claim(claim) for claim in sorted(self.graph.objects(owner, GEOKG.supportedBy))
                if not self.flag(claim, GEOKG.mention)]

    def event_claim(self, claim: Node) -> Raw:
        """A mention: a claim another source added to an event its record does not hold."""
        events = sorted(self.graph.subjects(GEOKG.supportedBy, claim))
        if len(events) > 1:
            raise MappingError("geokg:supportedBy", "a mention supports more than one event")
        return {"record": "event_claim", "event": self.id_of(events[0]) if events else None,
                "claim": self.claim(claim)}

    def pairs(self, node: Node, prop: URIRef) -> list[tuple[str | None, str | None]]:
        """(``schema:propertyID``, ``schema:value``) of each identifier ``prop`` points to."""
        return sorted(((self.text(v, SCHEMA.propertyID), self.text(v, SCHEMA.value))
                       for v in self.graph.objects(node, prop)), key=str)

    # Records

    def actor(self, node: Node) -> Raw:
        external = dict(self.pairs(node, SCHEMA.identifier))
        return {"record": "actor", "id": self.id_of(node), **self.names(node),
                "kind": self.kind(node, ACTOR_KINDS),
                "aliases": sorted(str(a) for a in self.graph.objects(node, SCHEMA.alternateName)),
                "external_ids": external, "description": self.text(node, DCTERMS.description)}

    def place(self, node: Node) -> Raw:
        own = not self.flag(node, GEOKG.datasetCoordinates)  # else they are the data sets'
        return {"record": "place", "id": self.id_of(node), **self.names(node),
                "kind": self.kind(node, PLACE_KINDS),
                "latitude": self.text(node, SCHEMA.latitude) if own else None,
                "longitude": self.text(node, SCHEMA.longitude) if own else None}

    def dataset_actor(self, node: Node) -> Raw:
        """What the data sets added to an actor: raw names, (key, value) ids, the resolution rule."""
        return {"record": "dataset_actor", "id": self.id_of(node), "name": self.text(node, SKOS.prefLabel),
                "kind": self.kind(node, ACTOR_KINDS), "country": self.text(node, GEOKG.countryCode),
                "aliases": sorted(str(a) for a in self.graph.objects(node, GEOKG.datasetAlias)),
                "external_ids": self.pairs(node, GEOKG.datasetIdentifier),
                "resolution": self.text(node, GEOKG.resolution)}

    def dataset_place(self, node: Node) -> Raw:
        """What the data sets added to a place: its (key, value) ids, and the coordinates they gave
        (``geokg:datasetCoordinates``; else the coordinates are the place record's)."""
        located = self.flag(node, GEOKG.datasetCoordinates)
        return {"record": "dataset_place", "id": self.id_of(node), "name": self.text(node, SKOS.prefLabel),
                "kind": self.kind(node, PLACE_KINDS), "country": self.text(node, GEOKG.countryCode),
                "latitude": self.text(node, SCHEMA.latitude) if located else None,
                "longitude": self.text(node, SCHEMA.longitude) if located else None,
                "external_ids": self.pairs(node, GEOKG.datasetIdentifier)}

    def source(self, node: Node) -> Raw:
        return {"record": "source", "id": self.id_of(node),
                "publisher": self.text(node, SCHEMA.publisher), "url": self.text(node, SCHEMA.url),
                "published": self.text(node, SCHEMA.datePublished),
                "language": self.text(node, SCHEMA.inLanguage), "title": self.text(node, SCHEMA.headline)}

    def event(self, node: Node) -> Raw:
        type_id = self.ref(node, SEM.eventType)
        goldstein = self.text(node, GEOKG.goldstein)
        status = self.one(node, GEOKG.status)
        roles = [{"actor": self.ref(role, RDF.value),
                  "role": ROLES.get(self.one(role, SEM.roleType), self.text(role, SEM.roleType)),
                  "through": self.ref(role, GEOKG.through),
                  "represents": self.ref(role, GEOKG.represents)}
                 for role in self.graph.objects(node, SEM.hasActor)
                 if (role, RDF.type, SEM.Role) in self.graph]
        quantities = sorted(self.graph.objects(node, GEOKG.quantity), key=lambda q: (len(q), q))
        return {
            "record": "event", "id": self.id_of(node), "type": type_id, "when": self.when(node),
            "status": STATUSES.get(status, self.text(node, GEOKG.status)),
            "participants": Event.participants_from(
                sorted(roles, key=lambda r: (str(r["actor"]), str(r["role"])))),
            "place": self.ref(node, SEM.hasPlace),
            "title": self.text(node, RDFS.label), "summary": self.text(node, DCTERMS.description),
            "intensity": _intensity(type_id, goldstein),
            "quantities": [{"what": self.text(q, GEOKG.measure), "value": self.text(q, RDF.value),
                            "approximate": self.flag(q, GEOKG.approximate),
                            "estimated_by": self.ids(q, GEOKG.estimatedBy)} for q in quantities],
            "claims": self.claims(node), "notes": self.text(node, SKOS.editorialNote),
            "external_ids": dict(self.pairs(node, SCHEMA.identifier)),
            "metrics": {self.text(m, GEOKG.measure): self.text(m, RDF.value)
                        for m in self.graph.objects(node, GEOKG.metric)},
            "dataset_recorded": self.text(node, GEOKG.datasetRecorded),
        }

    def relationship(self, node: Node) -> Raw:
        predicate = self.one(node, RDF.predicate)
        return {
            "record": "relationship", "id": self.id_of(node),
            "type": RELATIONSHIP_TYPES.get(predicate, self.text(node, RDF.predicate)),
            "subject": self.ref(node, RDF.subject), "object": self.ref(node, RDF.object),
            "when": self.when(node), "derived_from": self.ref(node, GEOKG.derivedFromEvent),
            "claims": self.claims(node), "notes": self.text(node, SKOS.editorialNote),
        }

    def raw_records(self) -> Iterator[tuple[str, Node, Callable[[Node], Raw]]]:
        """(kind, node, reader) for every record of the graph, in write order. An actor or place
        typed ``geokg:DatasetOnlyActor``/``DatasetOnlyPlace`` (only the event data sets made it) is
        read as their sighting, a ``dataset_actor``/``dataset_place`` record alone, so that it never
        becomes a curated one."""
        kinds = (("actor", SEM.Actor, self.actor), ("place", SEM.Place, self.place),
                 ("source", GEOKG.Source, self.source), ("event", SEM.Event, self.event),
                 ("relationship", GEOKG.StandingRelationship, self.relationship))
        dataset_only = {*self.graph.subjects(RDF.type, GEOKG.DatasetOnlyActor),
                        *self.graph.subjects(RDF.type, GEOKG.DatasetOnlyPlace)}
        for kind, rdf_class, reader in kinds:
            for node in sorted(set(self.graph.subjects(RDF.type, rdf_class)) - dataset_only):
                yield kind, node, reader
        additions = (("dataset_actor", SEM.Actor, self.dataset_actor),
                     ("dataset_place", SEM.Place, self.dataset_place))
        for node in sorted(set(self.graph.subjects(GEOKG.mention, Literal(True)))):
            yield "event_claim", node, self.event_claim
        for kind, rdf_class, reader in additions:
            for node in sorted(set(self.graph.subjects(RDF.type, rdf_class))):
                added = (self.graph.value(node, GEOKG.datasetIdentifier),
                         self.graph.value(node, GEOKG.datasetAlias), self.graph.value(node, GEOKG.resolution),
                         self.graph.value(node, GEOKG.datasetCoordinates))
                if node in dataset_only or any(value is not None for value in added):
                    yield kind, node, reader


def records_from_graph(graph: Graph, file: str) -> tuple[list[LocatedRecord], list[RecordError]]:
    """The valid records of an RDF graph, and an error for each node that is not one."""
    reader = RdfRecords(graph)
    raw: list[tuple[int, Raw]] = []
    errors: list[RecordError] = []
    for line, (kind, node, read) in enumerate(reader.raw_records(), start=1):
        try:
            raw.append((line, {k: v for k, v in read(node).items() if v is not None}))
        except MappingError as error:
            errors.append(RecordError(kind=kind, file=file, line=line, field=error.field,
                                      reason=str(error), record_id=reader.id_of(node)))
    native = [(line, record) for line, record in raw if record["record"] not in DATASET_ADAPTERS]
    records, invalid = parse_records(native, file)
    for line, record in raw:
        adapter = DATASET_ADAPTERS.get(record["record"])
        if adapter is None:
            continue
        try:
            records.append(LocatedRecord(adapter.validate_python(record), file, line))
        except ValidationError as error:
            invalid += [RecordError(kind=record["record"], file=file, line=line,
                                    field=".".join(map(str, detail["loc"])), reason=detail["msg"],
                                    record_id=record.get("id")) for detail in error.errors()]
    return records, errors + invalid


def _parse_file(path: str, fmt: RdfFormat) -> tuple[list[LocatedRecord], list[RecordError]]:
    """Parse and map one file (in the bounded worker process of ``read_rdf``)."""
    data = Path(path).read_bytes()
    if fmt is RdfFormat.JSONLD:
        check_jsonld(data)
    elif fmt is RdfFormat.RDFXML:
        check_rdfxml(data)
    graph = Graph().parse(data=data, format=fmt.rdflib_name, publicID=Path(path).resolve().as_uri())
    records, errors = records_from_graph(graph, path)
    if not records and not errors:  # else the import would end well, having written nothing
        raise UnsafeRdf(f"it holds {len(graph)} triples but no record to import (no sem:Actor, "
                        "sem:Place, geokg:Source, sem:Event or geokg:StandingRelationship node): "
                        "is it a geokg export?")
    return records, errors


def read_rdf(path: Path, fmt: RdfFormat | None = None) -> tuple[list[LocatedRecord], list[RecordError]]:
    """Every valid record of an RDF file, and an error for every invalid one. A file that does not
    parse, or that ``loaders.rdf_guard`` refuses (too large, too slow, a context or entity to
    fetch), raises ``ValueError`` with the reason."""
    fmt = fmt or format_for(path)
    settings = get_settings()
    try:
        check_size(path, settings.rdf_max_bytes)
        return run_bounded(partial(_parse_file, str(path), fmt), settings.rdf_parse_timeout_s,
                           settings.rdf_max_memory_mb)
    except (InvalidRdf, OSError) as error:
        raise ValueError(f"not valid {fmt.value}: {error}") from None
    except UnsafeRdf as error:
        raise ValueError(f"refused: {error}") from None
