"""The one Neo4j driver a process uses, made from the settings."""

from __future__ import annotations

from neo4j import Driver, GraphDatabase

from graph.settings import Settings


def create_driver(settings: Settings, *, reads_only: bool = False) -> Driver:
    """A driver for ``settings.neo4j_uri``; the caller owns it and closes it.

    Managed transactions retry transient errors (deadlocks between writers) and lost connections
    for ``neo4j_retry_s``. A driver for ``reads_only`` retries for ``neo4j_read_retry_s`` (none by
    default): reads do not deadlock, and while Neo4j is away an API read should answer 503 at
    once, which the connection and acquisition timeouts bound."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.neo4j_connect_timeout_s,
        connection_acquisition_timeout=settings.neo4j_acquisition_timeout_s,
        max_transaction_retry_time=settings.neo4j_read_retry_s if reads_only else settings.neo4j_retry_s,
        max_connection_pool_size=50,
        # The queries name every allowed relationship type; a graph without one of them yet
        # would otherwise log a warning on each call.
        notifications_disabled_classifications=["UNRECOGNIZED"],
    )
