"""Read access to the graph: every method runs one or two named queries in read transactions.

The HTTP routes depend on this class, never on Neo4j; it never imports FastAPI.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph.read.base import GraphUnavailableError, NotFoundError, ReadRepository
from graph.read.views import (
    ActorPage,
    ActorRelationshipsView,
    ActorView,
    CounterpartView,
    EventPage,
    EventView,
    HealthView,
    NetworkEdge,
    NetworkView,
    PathStep,
    PathsView,
    StandingRelationshipView,
    TimelineView,
    WindowView,
)
from graph.store.codec import actor_fields, dataset_actor_fields, event_fields, external_ids
from graph.temporal import TimeWindow

#: The open sides of a window, as dates, so that the window queries always seek an index range.
EARLIEST = date.min
LATEST = date.max
QUAD_CLASSES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
                4: "material_conflict"}
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


class InvalidCursorError(ValueError):
    pass


def fulltext_query(text: str) -> str | None:
    """A user's words as a Lucene query: each word matched whole or as a prefix, nothing parsed.

    Words are lower-cased (so ``OR`` is a word, not an operator) and escaped; words with no
    letter or digit are dropped. ``None`` when no word is left.
    """
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word.lower()) for word in text.split()
             if any(ch.isalnum() for ch in word)]
    return " AND ".join(f"({word} OR {word}*)" for word in words) or None


def encode_cursor(*parts: object) -> str:
    return base64.urlsafe_b64encode("|".join(str(p) for p in parts).encode()).decode()


def decode_cursor(cursor: str, arity: int) -> list[str]:
    try:
        parts = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", arity - 1)
    except (ValueError, UnicodeDecodeError):
        raise InvalidCursorError("cursor: not a cursor this API returned") from None
    if len(parts) != arity:
        raise InvalidCursorError("cursor: not a cursor this API returned")
    return parts


def _actor_view(row: Mapping[str, Any]) -> ActorView:
    actor = row["actor"]
    return ActorView.model_validate({
        **actor_fields(actor), **dataset_actor_fields(actor), "external_ids": external_ids(actor),
        "recorded_at": actor.get("recorded_at"),
        "standing_relationships": row["standing"], "event_count": row["event_count"],
    })


def _event_view(row: Mapping[str, Any]) -> EventView:
    event = row["event"]
    return EventView.model_validate({
        **event, **event_fields(event),
        "place": row["place"], "participants": row["participants"], "claims": row["claims"],
        "happening": row["happening"],
    })


class GraphRepository(ReadRepository):
    """Actors, events, timelines, the network and paths, as the API's views."""

    def health(self) -> HealthView:
        try:
            row = self._read("health")[0]
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as error:
            raise GraphUnavailableError(str(error)) from error
        return HealthView(status="ok", neo4j="reachable", **row)

    # Actors

    def actors(self, ids: list[str]) -> list[ActorView]:
        return [_actor_view(row) for row in self._read("actor_details", ids=ids)]

    def actor(self, actor_id: str) -> ActorView:
        found = self.actors([actor_id])
        if not found:
            raise NotFoundError("actor", actor_id)
        return found[0]

    def search_actors(
        self, q: str | None, kind: str | None, limit: int, cursor: str | None
    ) -> ActorPage:
        skip = 0
        if cursor:
            offset = decode_cursor(cursor, 1)[0]
            if not offset.isdigit():
                raise InvalidCursorError("cursor: not a cursor this API returned")
            skip = int(offset)
        params = {"kind": kind, "skip": skip, "limit": limit + 1}
        if q is None:
            rows = self._read("list_actors", **params)
        else:
            query = fulltext_query(q)
            rows = self._read("search_actors", q=query, **params) if query else []
        page = rows[:limit]
        items = self.actors([row["id"] for row in page])
        next_cursor = encode_cursor(skip + limit) if len(rows) > limit else None
        return ActorPage(items=items, next_cursor=next_cursor)

    def relationships_of(
        self, actor_id: str, window: TimeWindow, event_type: str | None,
        known_as_of: date | None = None, count: str = "happenings",
    ) -> ActorRelationshipsView:
        rows = self._read("actor_counterparts", id=actor_id, event_type=event_type,
                          known_as_of=known_as_of, count=count, **window.parameters())
        if not rows:
            raise NotFoundError("actor", actor_id)
        row = rows[0]
        counterparts: dict[str, CounterpartView] = {}
        for item in row["counterparts"]:
            quads = [QUAD_CLASSES[q] for q in item.pop("quad_classes") if q in QUAD_CLASSES]
            item["event_ids"] = sorted(item["event_ids"])
            item["event_types"] = sorted(item["event_types"])
            item["goldstein_total"] = round(item["goldstein_total"], 3)
            view = CounterpartView.model_validate(item)
            view.quad_classes = {name: quads.count(name) for name in sorted(set(quads))}
            view.goldstein_mean = round(view.goldstein_total / view.events, 3) if view.events else None
            counterparts[view.counterpart.id] = view
        for relation in row["standing"]:
            standing = StandingRelationshipView.model_validate(relation)
            entry = counterparts.setdefault(
                standing.counterpart.id, CounterpartView(counterpart=standing.counterpart, events=0)
            )
            entry.standing_relationships.append(standing)
        ordered = sorted(counterparts.values(), key=lambda c: (-c.events, c.counterpart.id))
        return ActorRelationshipsView(
            actor=row["actor"], window=WindowView(**window.model_dump()), counterparts=ordered
        )

    # Events

    def events(self, ids: list[str]) -> list[EventView]:
        return [_event_view(row) for row in self._read("event_details", ids=ids)] if ids else []

    def event(self, event_id: str) -> EventView:
        found = self.events([event_id])
        if not found:
            raise NotFoundError("event", event_id)
        return found[0]

    def list_events(
        self, window: TimeWindow, limit: int, cursor: str | None = None,
        known_as_of: date | None = None, count: str = "happenings",
        min_datasets: int | None = None, min_sources: int | None = None, **filters: str | None,
    ) -> EventPage:
        """A page of events; ``count="happenings"`` lists one record per happening (the one that
        speaks for it, its ``happening.members`` naming the others)."""
        after_date: date | None = None
        after_id: str | None = None
        if cursor:
            day, after_id = decode_cursor(cursor, 2)
            try:
                after_date = date.fromisoformat(day)
            except ValueError:
                raise InvalidCursorError("cursor: not a cursor this API returned") from None
        since, until = window.event_bounds
        since, until = since or EARLIEST, until or LATEST
        params = {"since": since, "until": until, "after_date": after_date, "after_id": after_id,
                  "known_as_of": known_as_of, "limit": limit + 1, "leads_only": count == "happenings",
                  "min_datasets": min_datasets, "min_sources": min_sources, **filters}
        if filters.get("actor") is not None:
            rows = self._read("list_events_by_actor", **params)
        else:
            params.pop("actor", None)
            start = max(since, after_date) if after_date else since
            rows = self._read("list_events_by_window", start=start, **params)
        page = rows[:limit]
        last = page[-1] if page else None
        next_cursor = (encode_cursor(last["valid_from"], last["id"])
                       if last and len(rows) > limit else None)
        return EventPage(items=self.events([row["id"] for row in page]), next_cursor=next_cursor)

    def timeline(
        self, a: str, b: str, window: TimeWindow, known_as_of: date | None = None,
        count: str = "happenings", min_datasets: int | None = None, min_sources: int | None = None,
    ) -> TimelineView:
        """The pair's events in time order; ``count="happenings"`` keeps the first record of each
        happening (its ``happening.members`` naming the others); ``min_datasets``/``min_sources``
        keep the records of happenings that many data sets or sources report."""
        rows = self._read("dyad_timeline", a=a, b=b, known_as_of=known_as_of, **window.parameters())
        if not rows:
            self.require_actors(a, b)
        row = rows[0]
        events, seen = [], set()
        for event in self.events(row["event_ids"]):
            happening = event.happening
            if happening and (happening.datasets < (min_datasets or 0)
                              or happening.sources < (min_sources or 0)):
                continue
            if count == "happenings" and happening:
                if happening.id in seen:
                    continue
                seen.add(happening.id)
            events.append(event)
        return TimelineView(
            a=row["a"], b=row["b"], window=WindowView(**window.model_dump()),
            events=events, standing_relationships=row["standing"],
        )

    # Networks and paths

    def network(
        self, window: TimeWindow, limit: int, include_standing: bool = True,
        known_as_of: date | None = None, count: str = "happenings",
    ) -> NetworkView:
        params = window.parameters()
        params["since"] = params["since"] or EARLIEST
        params["until"] = params["until"] or LATEST
        rows = self._read("network", limit=limit + 1, include_standing=include_standing,
                          known_as_of=known_as_of, count=count, **params)
        nodes: dict[str, Any] = {}
        edges: list[NetworkEdge] = []
        for row in rows[:limit]:
            nodes[row["source"]["id"]] = row["source"]
            nodes[row["target"]["id"]] = row["target"]
            edges.append(NetworkEdge.model_validate(
                {**row, "source": row["source"]["id"], "target": row["target"]["id"],
                 "event_types": sorted(row["event_types"]),
                 "goldstein_total": (round(row["goldstein_total"], 3)
                                     if row["goldstein_total"] is not None else None)}
            ))
        return NetworkView(
            window=WindowView(**window.model_dump()),
            nodes=[nodes[node_id] for node_id in sorted(nodes)],
            edges=edges, truncated=len(rows) > limit,
        )

    def paths(
        self, source: str, target: str, window: TimeWindow, max_hops: int, limit: int
    ) -> PathsView:
        self.require_actors(source, target)
        since, until = window.event_bounds
        rows = self._read("event_paths", since=since, until=until, max_hops=max_hops,
                          limit=limit, **{"from": source, "to": target})
        return PathsView(
            source=source, target=target, window=WindowView(**window.model_dump()),
            paths=[[PathStep.model_validate(step) for step in row["steps"]] for row in rows],
        )
