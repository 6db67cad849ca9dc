"""Happenings in the RDF export: each a ``geokg:Happening`` (a ``sem:Event`` of its own), which
the records that report it point to (``geokg:reports``).

Each membership is also a resource of its own, ``{event}/happening``, a ``geokg:Membership``
naming the record, the happening, the rule that put the record there and its score: plain
triples that SHACL checks, where reifying the ``geokg:reports`` triple would need
``rdf:Statement``s or RDF-star. A record reports exactly one happening, so the membership's IRI
hangs off the record's. An id the happening superseded (``aliases``) is an ``owl:sameAs`` IRI.

A happening is typed ``geokg:Happening`` only (``sem:Event`` by the vocabulary's subclass axiom):
the shapes check it with its own shape, and ``geokg import rdf`` reads records, not happenings,
and groups them again as every write does (same records, same happenings and ids).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from rdflib import Literal

from graph.rdf.mapping import STATUS_TERMS, Triple, day, decimal, text, typed
from graph.rdf.namespaces import DCTERMS, GEOKG, OWL, RDF, SEM, XSD, Iris


def stored_day(value: Any) -> date | None:
    """A date as the driver reads it (``neo4j.time.Date``) as a ``datetime.date``."""
    return value.to_native() if value is not None and not isinstance(value, date) else value


def count(value: int) -> Literal:
    return typed(str(int(value)), XSD.integer)


def happening_triples(iris: Iris, row: Mapping[str, Any]) -> Iterator[Triple]:
    """The triples of one ``export_happenings`` row: the happening as its node stores it, its
    reporting records (those the export holds) and their memberships."""
    happening = row["happening"]
    node = iris.happening(happening["id"])
    yield node, RDF.type, GEOKG.Happening
    yield node, DCTERMS.identifier, text(happening["id"])
    yield node, SEM.eventType, iris.event_type(happening["type"])
    yield node, GEOKG.status, STATUS_TERMS[happening["status"]]
    for predicate, key in ((SEM.hasEarliestBeginTimeStamp, "start"),
                           (SEM.hasLatestEndTimeStamp, "end"),
                           (GEOKG.firstReported, "first_reported"), (GEOKG.announced, "announced")):
        value = stored_day(happening.get(key))
        if value is not None:
            yield node, predicate, day(value)
    yield node, GEOKG.timePrecision, text(happening["precision"])
    for predicate, key in ((GEOKG.recordCount, "records"), (GEOKG.sourceCount, "sources"),
                           (GEOKG.publisherCount, "publishers"), (GEOKG.datasetCount, "datasets"),
                           (GEOKG.mentionCount, "mentions")):
        yield node, predicate, count(happening.get(key) or 0)
    for name in happening.get("dataset_names") or ():
        yield node, GEOKG.reportingDataset, text(name)
    for actor in sorted(row["actors"]):
        yield node, SEM.hasActor, iris.actor(actor)
    for alias in happening.get("aliases") or ():
        yield node, OWL.sameAs, iris.happening(alias)
    for member in row["members"]:
        record = iris.event(member["record"])
        membership = iris.membership(member["record"])
        yield record, GEOKG.reports, node
        yield membership, RDF.type, GEOKG.Membership
        yield membership, GEOKG.record, record
        yield membership, GEOKG.happening, node
        yield membership, GEOKG.matchRule, text(member["rule"])
        yield membership, GEOKG.matchScore, decimal(member["score"])


def happening_batches(iris: Iris, pages: Iterator[Sequence[Mapping[str, Any]]]
                      ) -> Iterator[list[Triple]]:
    """The triples of each page of happenings (``ExportReader.happenings``)."""
    for rows in pages:
        yield [t for row in rows for t in happening_triples(iris, row)]
