"""Constraints, indexes and the event-type vocabulary nodes, applied idempotently."""

from __future__ import annotations

from neo4j import Driver

from graph.vocabulary import event_types
from queries import load_query


def schema_statements() -> list[str]:
    """The statements of ``queries/schema.cypher``, comments dropped, one per ``;``."""
    lines = [ln for ln in load_query("schema").splitlines() if not ln.lstrip().startswith("//")]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


def apply_schema(driver: Driver, database: str) -> int:
    """Create what is missing and refresh the vocabulary; returns the number of statements run."""
    statements = schema_statements()
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    rows = [
        {"id": t.id, "properties": t.model_dump(exclude={"id"}, mode="json")}
        for t in event_types().values()
    ]
    driver.execute_query(load_query("merge_event_types"), rows=rows, database_=database)
    return len(statements)
