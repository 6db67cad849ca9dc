"""The window reads around one actor or pair seek the actor ids stored on the relationships: they
find exactly what the definition computed from every event finds, and a database made before
those keys existed is filled in by the schema step instead of answering with events missing."""

from __future__ import annotations

import httpx
import pytest
from neo4j import Driver

from api.cli.serve import migrate_if_needed
from graph.settings import Settings
from graph.store.schema import BACKFILLS, apply_schema, missing_seek_indexes
from tests.test_windows import WINDOWS, all_events, overlaps

#: The reads of one actor or pair, over windows that start inside spans (month, year, ongoing).
READS = [
    "/actors/prk/relationships", "/actors/rus/relationships",
    "/relationships/prk/rus", "/relationships/kim_jong_un/vladimir_putin", "/relationships/rus/rus",
]
SERIES = ["/relationships/prk/rus/series", "/actors/prk/series"]


def answers(api: httpx.Client) -> dict[str, object]:
    found: dict[str, object] = {}
    for path in READS:
        for window in WINDOWS:
            response = api.get(path, params=window)
            assert response.status_code == 200, response.text
            found[f"{path} {window}"] = response.json()
    for path in SERIES:
        for window in ({"since": "2024-01", "until": "2025-12"}, {"since": "2025-08", "until": "2025-08"}):
            response = api.get(path, params={**window, "interval": "month"})
            assert response.status_code == 200, response.text
            found[f"{path} {window}"] = response.json()
    return found


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: "&".join(f"{k}={v}" for k, v in w.items()))
def test_a_pairs_timeline_holds_exactly_the_events_both_took_part_in_that_overlap(
    api: httpx.Client, window: dict
):
    everything = all_events(api)
    for a, b in (("prk", "rus"), ("kim_jong_un", "vladimir_putin")):
        expected = [e["id"] for e in everything if overlaps(e, window)
                    and {a, b} <= {p["actor"]["id"] for p in e["participants"]}]
        body = api.get(f"/relationships/{a}/{b}", params=window).json()
        assert [e["id"] for e in body["events"]] == expected


def test_an_actor_with_itself_has_no_timeline_of_events(api: httpx.Client):
    # Two actors both taking part: an actor twice would need two parts of its own in one event.
    assert api.get("/relationships/prk/prk").json()["events"] == []


def make_it_older(driver: Driver, database: str) -> None:
    """What an earlier version wrote: no keys on the relationships, no indexes over them."""
    driver.execute_query(
        "MATCH ()-[i:INTERACTED_WITH]->() REMOVE i.from_id, i.to_id", database_=database)
    driver.execute_query(
        "MATCH ()-[p:PARTICIPATED_IN]->() REMOVE p.actor, p.time_precision, p.valid_from",
        database_=database)
    for index in {name for name, _ in BACKFILLS}:
        driver.execute_query(f"DROP INDEX {index} IF EXISTS", database_=database)


def test_a_database_made_before_the_seek_keys_is_filled_in_by_the_schema_step(
    changed_seed_graph: Driver, settings: Settings, api_client: httpx.Client
):
    database = settings.neo4j_database
    before = answers(api_client)
    assert any(isinstance(body, dict) and body.get("events") for body in before.values())
    make_it_older(changed_seed_graph, database)
    assert answers(api_client) != before  # the reads do depend on the keys
    apply_schema(changed_seed_graph, database)
    assert answers(api_client) == before
    records, _, _ = changed_seed_graph.execute_query(
        "MATCH ()-[r:INTERACTED_WITH|PARTICIPATED_IN]->() "
        "WHERE coalesce(r.from_id, r.actor) IS NULL OR r.valid_from IS NULL RETURN count(r) AS n",
        database_=database)
    assert records[0]["n"] == 0


def test_serving_an_older_database_brings_it_up_to_date_first(
    changed_seed_graph: Driver, settings: Settings, api_client: httpx.Client
):
    before = answers(api_client)
    make_it_older(changed_seed_graph, settings.neo4j_database)
    assert missing_seek_indexes(changed_seed_graph, settings.neo4j_database)
    migrate_if_needed()  # what `geokg serve` does before it starts the workers
    assert missing_seek_indexes(changed_seed_graph, settings.neo4j_database) == []
    assert answers(api_client) == before
