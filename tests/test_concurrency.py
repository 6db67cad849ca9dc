"""Writers racing on the same ids: each record ends as exactly one writer's version, whole.

Two and three writers update the same events and relationships at once, one through
``POST /events`` and the others through the loader (``load_records``, the code ``geokg load``
runs), for a few hundred rounds, and then a real ``geokg load`` process against ``POST /events``.
After every round each record's properties, claims, participants and dyads are compared with
every writer's version: they must all come from one writer, the same one. Then a re-load reports
``unchanged`` exactly when the graph equals the file.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
from neo4j import Driver
from pydantic import SecretStr

from graph.model import Event, Relationship
from graph.settings import Settings
from graph.store.canonical import canonical
from graph.store.codec import encode_event, encode_relationship
from graph.store.writer import GraphWriter
from loaders.native import parse_records
from loaders.pipeline import load_records
from tests.api_server import serve_api
from tests.commands import geokg

ACTORS = ["race_a", "race_b", "race_c", "race_d", "race_e"]
SOURCES = ["src:race0", "src:race1", "src:race2"]
ROLE_PAIRS = [("initiator", "target"), ("participant", "participant"), ("supplier", "recipient")]
EVENT_IDS = [f"ev:race:{i}" for i in range(3)]
#: One relationship shares its id with an event: their claims must stay apart.
RELATIONSHIP_IDS = ["rel:race:0", "ev:race:0"]
KEY = "race-key"

BASE = [
    *({"record": "actor", "id": a, "name": a.replace("_", " ").title(), "kind": "state"} for a in ACTORS),
    *({"record": "source", "id": s, "publisher": f"Wire {s[-1]}", "url": f"https://example.org/{s}",
       "published": f"2025-0{i + 1}-01", "language": "en"} for i, s in enumerate(SOURCES)),
]


def event_version(event_id: str, round_: int, writer: int) -> dict:
    """A version of one event whose every part (participants, roles, claims, title) is the writer's."""
    shift = round_ + writer
    role_a, role_b = ROLE_PAIRS[shift % len(ROLE_PAIRS)]
    actors = [ACTORS[shift % 5], ACTORS[(shift + 1 + writer) % 5]]
    participants = [{"actor": actors[0], "role": role_a}, {"actor": actors[1], "role": role_b}]
    if writer == 2:
        participants.append({"actor": ACTORS[(shift + 2) % 5], "role": role_b})
    claims = [{"source": SOURCES[writer], "quote": f"Said in round {round_} by writer {writer}.",
               "language": "en", "attributed_to": [actors[0]]}]
    if writer != 1:
        claims.append({"source": SOURCES[(writer + 1) % 3], "quote": f"Relayed {round_}/{writer}.",
                       "language": "en", "via": [actors[1]]})
    return {"record": "event", "id": event_id, "type": "telephone_call", "when": {"start": "2025-09-01"},
            "participants": participants, "title": f"Round {round_} writer {writer}",
            "summary": f"Version of writer {writer}.", "claims": claims}


def relationship_version(rel_id: str, round_: int, writer: int) -> dict:
    if rel_id in EVENT_IDS:  # the very claim its namesake event makes: still two Claim nodes
        claims = event_version(rel_id, round_, writer)["claims"][:1]
    else:
        claims = [{"source": SOURCES[writer], "quote": f"Allied, round {round_} writer {writer}.",
                   "language": "en"}]
    if writer == 0:
        claims.append({"source": SOURCES[2], "quote": f"Also allied {round_}.", "language": "en",
                       "attributed_to": [ACTORS[writer]]})
    return {"record": "relationship", "id": rel_id, "type": "ALLY_OF", "subject": "race_a",
            "object": "race_b", "when": {"start": "2024-01-01", "end": f"2026-0{writer + 1}-01"},
            "notes": f"round {round_} writer {writer}", "claims": claims}


def versions(round_: int, writer: int) -> list[dict]:
    return ([event_version(i, round_, writer) for i in EVENT_IDS]
            + [relationship_version(i, round_, writer) for i in RELATIONSHIP_IDS])


def expected_event(raw: dict) -> tuple:
    """What the graph holds for an event version: its hash, participations, dyads and claims."""
    event = Event.model_validate(raw)
    row = encode_event(canonical(event))  # the writer hashes the record in its canonical order
    return (
        row["properties"]["content_hash"], row["properties"]["title"],
        sorted((p.actor, p.role, p.through) for p in event.participations()),
        sorted((d.source, d.target, d.mutual) for d in event.dyads()),
        sorted((c.quote, c.source, tuple(sorted(c.attributed_to)), tuple(sorted(c.via)))
               for c in event.claims),
    )


def expected_relationship(raw: dict) -> tuple:
    relationship = Relationship.model_validate(raw)
    row = encode_relationship(canonical(relationship))
    return (
        row["properties"]["content_hash"], row["properties"]["notes"],
        sorted((c.quote, c.source, tuple(sorted(c.attributed_to)), tuple(sorted(c.via)))
               for c in relationship.claims),
    )


EVENTS_IN_GRAPH = """
MATCH (e:Event) WHERE e.id IN $ids
RETURN e.id AS id, [e.content_hash, e.title,
  COLLECT { MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e) RETURN [a.id, p.role, p.through] },
  COLLECT { MATCH (a:Actor)-[i:INTERACTED_WITH {event_id: e.id}]->(b:Actor) RETURN [a.id, b.id, i.mutual] },
  COLLECT { MATCH (e)-[:SUPPORTED_BY]->(c:Claim)-[:PUBLISHED_IN]->(s:Source)
            RETURN [c.quote, s.id, COLLECT { MATCH (c)-[:ATTRIBUTED_TO]->(x) RETURN x.id },
                    COLLECT { MATCH (c)-[:RELAYED_BY]->(x) RETURN x.id }] }] AS state
"""
RELATIONSHIPS_IN_GRAPH = """
MATCH ()-[r:ALLY_OF]->() WHERE r.id IN $ids
RETURN r.id AS id, [r.content_hash, r.notes,
  COLLECT { MATCH (c:Claim {relationship_id: r.id})-[:PUBLISHED_IN]->(s:Source)
            RETURN [c.quote, s.id, COLLECT { MATCH (c)-[:ATTRIBUTED_TO]->(x) RETURN x.id },
                    COLLECT { MATCH (c)-[:RELAYED_BY]->(x) RETURN x.id }] }] AS state
"""


def _normal(state: list) -> tuple:
    """A graph state in the shape of ``expected_*`` (lists sorted, claim speakers as tuples)."""
    *head, claims = state
    parts = [sorted(tuple(item) for item in part) for part in head[2:]]
    claims = sorted((q, s, tuple(sorted(a)), tuple(sorted(v))) for q, s, a, v in claims)
    return (*head[:2], *parts, claims)


def graph_states(driver: Driver) -> dict[tuple[str, str], tuple]:
    states: dict[tuple[str, str], tuple] = {}
    for kind, query, ids in (("event", EVENTS_IN_GRAPH, EVENT_IDS),
                             ("relationship", RELATIONSHIPS_IN_GRAPH, RELATIONSHIP_IDS)):
        for record in driver.execute_query(query, ids=ids).records:
            states[(kind, record["id"])] = _normal(record["state"])
    return states


def winners(driver: Driver, round_: int, writers: int) -> dict[tuple[str, str], int]:
    """Which writer each record's whole state comes from; fails when it mixes writers or matches none."""
    states = graph_states(driver)
    found: dict[tuple[str, str], int] = {}
    for writer in range(writers):
        for raw in versions(round_, writer):
            key = (raw["record"], raw["id"])
            expected = expected_event(raw) if raw["record"] == "event" else expected_relationship(raw)
            if states.get(key) == tuple(expected):
                found[key] = writer
    missing = {key: states.get(key) for key in states if key not in found}
    assert not missing, f"round {round_}: records equal to no single writer: {missing}"
    assert len(found) == len(EVENT_IDS) + len(RELATIONSHIP_IDS)
    return found


def loader_writer(driver: Driver, settings: Settings) -> Callable[[list[dict]], dict]:
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=2)

    def write(records: list[dict]) -> dict:
        items, errors = parse_records(enumerate(records, start=1), "race.jsonl")
        return load_records(items, writer, parse_errors=errors).model_dump()

    return write


def api_writer(client: httpx.Client) -> Callable[[list[dict]], dict]:
    def write(records: list[dict]) -> dict:
        response = client.post("/events", json=records, headers={"X-API-Key": KEY})
        assert response.status_code == 200, response.text
        return response.json()

    return write


def race(writers: list[Callable[[list[dict]], dict]], round_: int) -> list[dict]:
    reports: list[dict] = [{} for _ in writers]
    failures: list[BaseException] = []
    start = threading.Barrier(len(writers))

    def run(index: int) -> None:
        try:
            start.wait()
            reports[index] = writers[index](versions(round_, index))
        except BaseException as error:  # reported to the test below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(writers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return reports


def test_racing_writers_leave_each_record_whole_from_one_writer(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    keyed = settings.model_copy(update={"api_key": SecretStr(KEY)})
    load = loader_writer(empty_graph, settings)
    assert not load(BASE)["errors"]
    checked = 0
    with serve_api(keyed) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        post = api_writer(client)
        plans = [(2, [post, load]), (3, [post, load, loader_writer(empty_graph, settings)])]
        round_ = 0
        for writers, team in plans:
            for _ in range(100 if writers == 2 else 60):
                reports = race(team, round_)
                for report in reports:
                    assert not report["errors"], report["errors"]
                    assert report["counts"]["event"]["rejected"] == 0
                won = winners(empty_graph, round_, writers)
                checked += len(won)
                round_ += 1
        last = round_ - 1
        # A re-load of the winners' versions changes nothing; a loser's version is an update.
        won = winners(empty_graph, last, 3)
        winning = [raw for w in range(3) for raw in versions(last, w) if won[(raw["record"], raw["id"])] == w]
        again = post(winning)["counts"]
        assert again["event"]["unchanged"] == len(EVENT_IDS) and again["event"]["updated"] == 0
        assert again["relationship"]["unchanged"] == len(RELATIONSHIP_IDS)
        loser = next(w for w in range(3) if won[("event", EVENT_IDS[0])] != w)
        report = load(versions(last, loser))["counts"]
        lost = sum(1 for key, w in won.items() if w != loser)
        assert report["event"]["updated"] + report["relationship"]["updated"] == lost
        assert set(winners(empty_graph, last, 3).values()) == {loser}
    orphans = empty_graph.execute_query(
        "MATCH (c:Claim) WHERE NOT (c)<-[:SUPPORTED_BY]-(:Event) AND c.relationship_id IS NULL "
        "RETURN count(c) AS n").records[0]["n"]
    assert orphans == 0
    assert checked == 160 * (len(EVENT_IDS) + len(RELATIONSHIP_IDS))


def test_geokg_load_racing_posts_leaves_each_record_whole_from_one_writer(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    """A real `geokg load` process writes writer 1's versions while POST /events keeps writing
    writer 0's and writer 2's, alternately, until the load ends: every record is one writer's."""
    keyed = settings.model_copy(update={"api_key": SecretStr(KEY)})
    assert not loader_writer(empty_graph, settings)(BASE)["errors"]
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "GEOKG_BATCH_SIZE": "2"}
    posts_while_loading = 0
    with serve_api(keyed) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        post = api_writer(client)
        for round_ in range(3):
            path = tmp_path / f"race-{round_}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in versions(round_, 1)), encoding="utf-8")
            loading = subprocess.Popen([geokg(), "load", str(path)], env=env, text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            writer = 0
            while loading.poll() is None:
                assert not post(versions(round_, writer))["errors"]
                posts_while_loading += 1
                writer = 2 - writer
            stdout, stderr = loading.communicate()
            assert loading.returncode == 0, (stdout, stderr)
            winners(empty_graph, round_, 3)
    assert posts_while_loading > 3 * 2
