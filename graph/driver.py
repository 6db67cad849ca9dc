"""The one Neo4j driver a process uses, made from the settings."""

from __future__ import annotations

from neo4j import Driver, GraphDatabase

from graph.settings import Settings


def create_driver(settings: Settings) -> Driver:
    """A driver for ``settings.neo4j_uri``; the caller owns it and closes it."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=5.0,
        # Retry a failed transaction only briefly: an API call should answer 503 quickly.
        max_transaction_retry_time=settings.neo4j_retry_s,
        max_connection_pool_size=50,
        # The queries name every allowed relationship type; a graph without one of them yet
        # would otherwise log a warning on each call.
        notifications_disabled_classifications=["UNRECOGNIZED"],
    )
