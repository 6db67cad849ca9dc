"""Every query of the catalog compiles on the real server (EXPLAIN plans it without running it)."""

from __future__ import annotations

import re

import pytest
from neo4j import Driver

from graph.model import RelationshipType
from graph.settings import Settings
from graph.store.schema import schema_statements
from queries import load_query, query_names

OPERATIONS = [name for name in query_names() if name != "schema"]


def test_catalog_is_not_empty_and_unknown_names_fail():
    assert {"merge_actors", "merge_events", "merge_relationships"} <= set(OPERATIONS)
    with pytest.raises(KeyError, match="no query named"):
        load_query("drop_everything")


@pytest.mark.parametrize("name", OPERATIONS)
def test_query_compiles(driver: Driver, settings: Settings, name: str):
    text = load_query(name)
    params = {p: None for p in re.findall(r"\$([A-Za-z_]\w*)", text)}
    summary = driver.execute_query(f"EXPLAIN {text}", params, database_=settings.neo4j_database).summary
    assert summary.plan is not None


def test_schema_statements_are_idempotent(empty_graph: Driver, settings: Settings):
    statements = schema_statements()
    assert len(statements) >= 10
    for statement in statements:  # a second run must not fail: everything is IF NOT EXISTS
        empty_graph.execute_query(statement, database_=settings.neo4j_database)
    records, _, _ = empty_graph.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS names")
    assert {"names", "event_valid_from", "actor_id"} <= set(records[0]["names"])


def test_queries_that_list_standing_relationship_types_list_exactly_the_allow_list():
    allowed = {t.value for t in RelationshipType}
    listing = re.compile(r"\[r:((?:[A-Z_]+\|)+[A-Z_]+)\]")
    found = {name: set(m.split("|")) for name in OPERATIONS
             for m in listing.findall(load_query(name)) if "ALLY_OF" in m}
    assert len(found) >= 4
    for name, types in found.items():
        assert types == allowed, name
