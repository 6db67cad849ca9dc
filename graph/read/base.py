"""What every reader of the graph shares: a named query run in a read transaction (routed to a
reader on a cluster) with a timeout, and the check that actor ids exist."""

from __future__ import annotations

from typing import Any

from neo4j import Driver, Query, Record, RoutingControl

from graph.store.codec import to_native
from queries import load_query

Row = dict[str, Any]


class NotFoundError(LookupError):
    """An id the caller asked for is not in the graph."""

    def __init__(self, kind: str, identifier: str) -> None:
        super().__init__(f"no {kind} with id {identifier!r}")
        self.kind = kind
        self.identifier = identifier


class GraphUnavailableError(RuntimeError):
    """Neo4j cannot be reached or refused to answer; the message says why."""


class ReadRepository:
    """Runs the named queries of ``queries/`` in read transactions; never imports FastAPI.

    ``timeout_s`` bounds each query on the server (``None``: the server's own limit).
    """

    def __init__(self, driver: Driver, database: str, timeout_s: float | None = 15.0) -> None:
        self._driver = driver
        self._database = database
        self._timeout_s = timeout_s

    def _read(self, name: str, **params: Any) -> list[Row]:
        records, _, _ = self._driver.execute_query(
            Query(load_query(name), timeout=self._timeout_s), params,
            database_=self._database, routing_=RoutingControl.READ,
        )
        return [self._row(record) for record in records]

    @staticmethod
    def _row(record: Record) -> Row:
        """A record as plain Python values (dates as ``datetime.date``)."""
        return to_native(record.data())

    def require_actors(self, *actor_ids: str) -> None:
        """Raise ``NotFoundError`` for the first id that is not an actor of the graph."""
        found = {row["id"] for row in self._read("existing_ids", ids=list(actor_ids)) if row["is_actor"]}
        for actor_id in actor_ids:
            if actor_id not in found:
                raise NotFoundError("actor", actor_id)
