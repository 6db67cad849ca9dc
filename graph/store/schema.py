"""Constraints, indexes and the event-type vocabulary nodes, applied idempotently."""

from __future__ import annotations

from neo4j import Driver

from graph.store.codec import event_type_rows
from graph.vocabulary import event_types
from queries import load_query


def schema_statements() -> list[str]:
    """The statements of ``queries/schema.cypher``, comments dropped, one per ``;``."""
    lines = [ln for ln in load_query("schema").splitlines() if not ln.lstrip().startswith("//")]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


#: What later versions store that earlier ones did not (the seek keys on relationships, the events'
#: and claims' captions), each with the index over it, created once it is filled in, and the query
#: that fills it in on a database made before it (the event_caption index marks both captions).
BACKFILLS = (("interaction_from", "backfill_interaction_keys"),
             ("interaction_to", "backfill_interaction_keys"),
             ("participation_actor", "backfill_participation_keys"),
             ("event_caption", "backfill_event_captions"),
             ("event_caption", "backfill_claim_captions"))


def missing_seek_indexes(driver: Driver, database: str) -> list[str]:
    """The indexes of ``BACKFILLS`` the database lacks: all of them on one made before them (or
    empty)."""
    records, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS names",
                                         database_=database)
    present = set(records[0]["names"])
    return list(dict.fromkeys(index for index, _ in BACKFILLS if index not in present))


def backfill_seek_keys(driver: Driver, database: str) -> None:
    """Fill in the seek keys and captions on a database made before their indexes existed.

    Runs before the indexes are created, so an interrupted backfill runs again next time: a read
    that seeks an index never misses a relationship written by an earlier version."""
    missing = set(missing_seek_indexes(driver, database))
    queries = list(dict.fromkeys(query for index, query in BACKFILLS if index in missing))
    with driver.session(database=database) as session:  # IN TRANSACTIONS needs auto-commit
        for query in queries:
            session.run(load_query(query)).consume()


def apply_schema(driver: Driver, database: str, backfill: bool = True) -> int:
    """Create what is missing and refresh the vocabulary; returns the number of statements run.
    ``backfill=False`` skips the scan for relationships written before the seek keys, for a
    graph this version has just written whole (the bulk import)."""
    if backfill:
        backfill_seek_keys(driver, database)
    statements = schema_statements()
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    driver.execute_query(load_query("merge_event_types"), rows=event_type_rows(list(event_types())),
                         database_=database)
    return len(statements)
