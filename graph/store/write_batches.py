"""One batch of rows written in one transaction, as flat passes (one ``UNWIND`` per relationship kind).

The first pass MERGEs each record and write-locks it before reading its old ``content_hash``, so
concurrent writers of one id serialise: the last to commit wins whole, and created / updated /
unchanged is decided under the lock. Only changed records go on to the next passes: their old
structure is deleted, then rebuilt with ``CREATE`` (nothing of it is left to match). The passes run
in order inside one managed transaction, the last attaching the changed events to their
happenings (graph/happenings/attach.py), which the driver retries on transient errors (deadlocks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from neo4j import ManagedTransaction

from graph.happenings.attach import attach
from graph.store.codec import Row, event_type_rows
from queries import load_query

#: Properties of an event copied onto each of its INTERACTED_WITH dyads.
DYAD_PROPERTIES = ("type", "cameo", "quad_class", "goldstein", "status", "valid_from", "valid_to",
                   "ongoing", "time_precision")
#: Properties of an event copied onto each of its PARTICIPATED_IN relationships (with the actor's id).
PARTICIPATION_PROPERTIES = ("time_precision", "valid_from")


def _outcomes(
    tx: ManagedTransaction, query: str, rows: list[Row]
) -> tuple[Counter[str], list[str], list[str]]:
    """Run a lock-and-classify pass: (counts, changed ids, updated ids). A row the pass does not
    return was found unchanged without taking a lock."""
    counts: Counter[str] = Counter({"unchanged": len(rows)})
    changed: list[str] = []
    updated: list[str] = []
    for record in tx.run(load_query(query), rows=rows):
        outcome = record["outcome"]
        counts[outcome] += 1
        counts["unchanged"] -= 1
        if outcome != "unchanged":
            changed.append(record["id"])
        if outcome == "updated":
            updated.append(record["id"])
    return counts, changed, updated


def _claim_rows(owner_kind: str, owner_id: str, claims: Iterable[Row]) -> Iterable[Row]:
    seen: set[str] = set()
    for claim in claims:
        if claim["id"] in seen:  # the same claim twice in one record is one claim
            continue
        seen.add(claim["id"])
        yield {
            "id": claim["id"], "source": claim["source"],
            "event": owner_id if owner_kind == "event" else None,
            "relationship": owner_id if owner_kind == "relationship" else None,
            "attributed_to": sorted(set(claim["attributed_to"])), "via": sorted(set(claim["via"])),
            **claim["properties"],
        }


def _link_sources(tx: ManagedTransaction, claims: list[Row]) -> None:
    rows = sorted(({"id": c["id"], "source": c["source"]} for c in claims),
                  key=lambda c: (c["source"], c["id"]))
    tx.run(load_query("link_claim_sources"), rows=rows).consume()


def write_events(tx: ManagedTransaction, rows: Sequence[Row]) -> Counter[str]:
    heads = [{"id": r["id"], "family_label": r["family_label"], "properties": r["properties"],
              "has_place": r["place"] is not None,
              "participations": len({(p["actor"], p["role"]) for p in r["participants"]}),
              "claims": len({c["id"] for c in r["claims"]})}
             for r in rows]
    counts, changed_ids, updated_ids = _outcomes(tx, "merge_events", heads)
    if updated_ids:
        updated_set = set(updated_ids)
        stale = [{"id": r["id"], "claims": [c["id"] for c in r["claims"]]}
                 for r in rows if r["id"] in updated_set]
        tx.run(load_query("clear_event_structure"), rows=stale).consume()
    if not changed_ids:
        return counts
    changed_set = set(changed_ids)
    changed = [r for r in rows if r["id"] in changed_set]
    links: list[Row] = []
    participations: list[Row] = []
    dyads: list[Row] = []
    claims: list[Row] = []
    for row in changed:
        event_id, props = row["id"], row["properties"]
        links.append({"id": event_id, "type": props["type"], "place": row["place"]})
        seen: set[tuple[str, str]] = set()
        when = {key: props[key] for key in PARTICIPATION_PROPERTIES}
        for p in row["participants"]:
            if (p["actor"], p["role"]) not in seen:
                seen.add((p["actor"], p["role"]))
                participations.append({"event": event_id, **p, **when})
        shared = {key: props.get(key) for key in DYAD_PROPERTIES}
        for dyad in row["dyads"]:
            dyads.append({"from": dyad["from"], "to": dyad["to"], "event_id": event_id,
                          "mutual": dyad["mutual"], **shared})
        claims.extend(_claim_rows("event", event_id, row["claims"]))
    # Creating a relationship write-locks both its nodes: the passes lock events, then actors (in
    # id order), then types and places, then sources (in id order), so concurrent batches take
    # their locks in one order and rarely deadlock (the transaction retries those that do).
    participations.sort(key=lambda p: (p["actor"], p["event"]))
    dyads.sort(key=lambda d: (d["from"], d["to"], d["event_id"]))
    claims.sort(key=lambda c: min(c["attributed_to"] + c["via"], default=""))
    tx.run(load_query("create_participations"), rows=participations).consume()
    if dyads:
        tx.run(load_query("create_interactions"), rows=dyads).consume()
    tx.run(load_query("create_claims"), rows=claims).consume()
    types = sorted({link["type"] for link in links})
    tx.run(load_query("ensure_event_types"), rows=event_type_rows(types)).consume()
    tx.run(load_query("create_event_links"), rows=links).consume()
    _link_sources(tx, claims)
    tx.run(load_query("set_first_reported"), ids=changed_ids).consume()
    attach(tx, changed_ids)  # in the same transaction: a record never stands without its happening
    return counts


def write_event_claims(tx: ManagedTransaction, rows: Sequence[Row]) -> Counter[str]:
    """Other sources' claims on events already written (GDELT mentions); the happenings of the
    events that gained one are regrouped, as their sources and mentions count in them."""
    counts: Counter[str] = Counter()
    gained: set[str] = set()
    for record in tx.run(load_query("merge_event_claims"), rows=list(rows)):
        counts[record["outcome"]] += record["records"]
        gained.update(record["events"])
    attach(tx, gained)
    return counts


def write_relationships(tx: ManagedTransaction, rows: Sequence[Row]) -> Counter[str]:
    heads = [{key: r[key] for key in ("id", "type", "subject", "object", "properties")} for r in rows]
    counts, changed_ids, _ = _outcomes(tx, "merge_relationships", heads)
    if changed_ids:
        tx.run(load_query("clear_relationship_claims"), ids=changed_ids).consume()
        changed_set = set(changed_ids)
        claims = [c for r in rows if r["id"] in changed_set
                  for c in _claim_rows("relationship", r["id"], r["claims"])]
        if claims:
            tx.run(load_query("create_claims"), rows=claims).consume()
            _link_sources(tx, claims)
    return counts


def _rounds(rows: Sequence[Row]) -> list[list[Row]]:
    """The rows in rounds holding each id once (the n-th row of an id in the n-th round): a query
    does not see what its own earlier rows wrote to a node, so two data-set sightings of one id
    that name it differently (kept apart to be ranked, docs/merge-policy.md) go one after another."""
    rounds: list[list[Row]] = []
    seen: Counter[str] = Counter()
    for row in rows:
        index = seen[row["id"]]
        seen[row["id"]] += 1
        if index == len(rounds):
            rounds.append([])
        rounds[index].append(row)
    return rounds


def write_nodes(query: str) -> Callable[[ManagedTransaction, Sequence[Row]], Counter[str]]:
    """Actors, places and sources: one pass per round of rows, which report their outcome in bulk."""

    def write(tx: ManagedTransaction, rows: Sequence[Row]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for batch in _rounds(rows):
            for record in tx.run(load_query(query), rows=batch):
                counts[record["outcome"]] += record["records"]
        return counts

    return write
