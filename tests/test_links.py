"""A write makes sure of what it links to, and a reload repairs lost links: the graph emptied under
a running API (its event-type nodes gone with the rest) still gets every event's type and place
link from the next POST, and events whose links were lost are rebuilt, reported updated."""

from __future__ import annotations

import json

import httpx
from neo4j import Driver
from pydantic import SecretStr

from graph.settings import Settings
from tests.api_server import serve_api
from tests.conftest import SEED, load_paths, wipe

KEY = "links-key"


def seed_records() -> list[dict]:
    return [json.loads(line) for line in SEED.read_text("utf-8").splitlines() if line.strip()]


def links(driver: Driver) -> dict:
    """Events, those with no type link, and those whose record names a place they are not linked to."""
    row = driver.execute_query("""
        MATCH (e:Event)
        RETURN count(e) AS events,
               sum(CASE WHEN EXISTS { (e)-[:OF_TYPE]->(:EventType) } THEN 0 ELSE 1 END) AS untyped,
               sum(CASE WHEN EXISTS { (e)-[:TOOK_PLACE_IN]->(:Place) } THEN 1 ELSE 0 END) AS placed
        """).records[0]
    return dict(row)


def test_a_post_after_the_graph_was_emptied_under_the_api_links_every_event(
        changed_seed_graph: Driver, settings: Settings):
    records = seed_records()
    events_with_place = sum(1 for r in records if r["record"] == "event" and r.get("place"))
    keyed = settings.model_copy(update={"api_key": SecretStr(KEY)})
    with serve_api(keyed) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        assert client.get("/health").status_code == 200
        wipe(changed_seed_graph, settings.neo4j_database)  # the event-type nodes go too
        types = changed_seed_graph.execute_query("MATCH (t:EventType) RETURN count(t) AS n").records[0]
        assert types["n"] == 0
        posted = client.post("/events", json=records, headers={"X-API-Key": KEY})
    assert posted.status_code == 200 and not posted.json()["errors"]
    events = sum(1 for r in records if r["record"] == "event")
    assert links(changed_seed_graph) == {"events": events, "untyped": 0, "placed": events_with_place}


def test_a_reload_rebuilds_events_whose_links_were_lost(changed_seed_graph: Driver, settings: Settings):
    database = settings.neo4j_database
    whole = links(changed_seed_graph)
    lost = changed_seed_graph.execute_query("""
        MATCH (e:Event)-[link:OF_TYPE]->() WITH e, link ORDER BY e.id LIMIT 3 DELETE link
        RETURN collect(e.id) AS ids""", database_=database).records[0]["ids"]
    lost += changed_seed_graph.execute_query("""
        MATCH (e:Event)<-[p:PARTICIPATED_IN]-() WHERE NOT e.id IN $ids
        WITH e, collect(p)[0] AS one ORDER BY e.id LIMIT 1 DELETE one RETURN collect(e.id) AS ids""",
        ids=lost, database_=database).records[0]["ids"]
    assert len(lost) == 4 and links(changed_seed_graph)["untyped"] == 3
    report = load_paths(changed_seed_graph, settings, SEED)
    assert report.counts["event"].updated == 4 and report.counts["event"].created == 0
    assert links(changed_seed_graph) == whole
    again = load_paths(changed_seed_graph, settings, SEED)
    assert again.total("updated") == again.total("created") == 0
