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
        max_connection_pool_size=50,
    )
