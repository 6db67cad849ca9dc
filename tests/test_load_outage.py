"""`geokg load` when Neo4j goes away mid-load: a report of what was written and what was not, exit 1,
no traceback; the same load run again once Neo4j is back ends equal to a clean load.

Neo4j "goes away" by cutting a TCP proxy between the loader (a real `geokg load` process) and the
tests' server once some batches are in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

from neo4j import Driver

from graph.settings import Settings
from tests.commands import geokg
from tests.conftest import wipe
from tests.tcp_proxy import TcpProxy

ACTORS = 40
SOURCES = 10
EVENTS = 2000
BATCH = 50
#: Lines before the first event: actors, then sources.
HEAD = ACTORS + SOURCES


def write_load_file(path: Path) -> None:
    records: list[dict] = [
        {"record": "actor", "id": f"out_actor_{i}", "name": f"Outage actor {i}", "kind": "state"}
        for i in range(ACTORS)
    ]
    records += [{"record": "source", "id": f"src:out{i}", "publisher": "Outage Wire",
                 "url": f"https://example.org/out/{i}", "published": "2025-03-01", "language": "en"}
                for i in range(SOURCES)]
    records += [
        {"record": "event", "id": f"ev:out:{i}", "type": "telephone_call",
         "when": {"start": f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}"},
         "participants": [{"actor": f"out_actor_{i % ACTORS}", "role": "initiator"},
                          {"actor": f"out_actor_{(i * 7 + 1) % ACTORS}", "role": "target"}],
         "title": f"Call {i}", "summary": "A call.",
         "claims": [{"source": f"src:out{i % SOURCES}", "quote": f"They spoke ({i}).", "language": "en",
                     "attributed_to": [f"out_actor_{i % ACTORS}"]}]}
        for i in range(EVENTS)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def geokg_load(path: Path, uri: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NEO4J_URI": uri, "GEOKG_BATCH_SIZE": str(BATCH),
           "GEOKG_NEO4J_WRITE_RETRY_S": "2", "GEOKG_NEO4J_RETRY_S": "1", "COLUMNS": "200"}
    return subprocess.Popen([geokg(), "load", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def event_counts(stdout: str) -> tuple[int, int, int]:
    """created, updated, unchanged of the report's event row."""
    row = next(line for line in stdout.splitlines() if re.search(r"\bevent\b", line))
    created, updated, unchanged, _ = (int(n) for n in re.findall(r"\d+", row))
    return created, updated, unchanged


def events_in_graph(driver: Driver) -> int:
    return driver.execute_query("MATCH (e:Event) WHERE e.id STARTS WITH 'ev:out:' "
                                "RETURN count(e) AS n").records[0]["n"]


FINGERPRINT_NODES = """
MATCH (n) RETURN labels(n) AS labels,
  [k IN keys(n) WHERE NOT k IN ['updated_at', 'recorded_at'] | [k, n[k]]] AS properties
"""
FINGERPRINT_RELATIONSHIPS = """
MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b,
  [k IN keys(r) | [k, r[k]]] AS properties
"""


def fingerprint(driver: Driver) -> tuple[list, list]:
    """Every node and relationship with its properties (not its timestamps), in a fixed order."""
    nodes = sorted(repr((sorted(r["labels"]), sorted(map(repr, r["properties"]))))
                   for r in driver.execute_query(FINGERPRINT_NODES).records)
    links = sorted(repr((r["a"], r["type"], r["b"], sorted(map(repr, r["properties"]))))
                   for r in driver.execute_query(FINGERPRINT_RELATIONSHIPS).records)
    return nodes, links


def test_neo4j_going_away_mid_load_reports_what_was_written_and_a_rerun_completes(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    path = tmp_path / "outage.jsonl"
    write_load_file(path)
    bolt = urlparse(settings.neo4j_uri)
    proxy = TcpProxy(bolt.hostname or "127.0.0.1", bolt.port or 7687)
    proxy.start()
    through_proxy = f"bolt://127.0.0.1:{proxy.port}"
    try:
        loading = geokg_load(path, through_proxy)
        deadline = time.monotonic() + 120
        while events_in_graph(empty_graph) < 4 * BATCH:
            assert loading.poll() is None and time.monotonic() < deadline, "the load ended too soon"
            time.sleep(0.05)
        proxy.stop()
        stdout, stderr = loading.communicate(timeout=120)
        assert loading.returncode == 1, (stdout, stderr)
        assert "Traceback" not in stderr + stdout
        assert "Neo4j went away" in stderr
        created, updated, unchanged = event_counts(stdout)
        in_graph = events_in_graph(empty_graph)
        assert 0 < created < EVENTS and updated == unchanged == 0
        if "may have been written" in stderr:  # the cut fell on a commit
            assert created <= in_graph <= created + BATCH
        else:
            assert in_graph == created
        # Not written: the rest of the batch being written, then everything from the next batch on.
        not_written = re.findall(r"not written (\S+):(\d+)(?:-(\d+))?", stderr)
        assert not_written, stderr
        first = not_written[0]
        assert first[0].endswith("outage.jsonl") and int(first[1]) == HEAD + created + 1
        if len(not_written) > 1:
            assert int(not_written[1][1]) == int(first[2]) + 1
            assert "every record after it" in stderr

        proxy.start()
        again = geokg_load(path, through_proxy)
        stdout, stderr = again.communicate(timeout=300)
        assert again.returncode == 0, (stdout, stderr)
        assert event_counts(stdout) == (EVENTS - in_graph, 0, in_graph)
        resumed = fingerprint(empty_graph)
    finally:
        proxy.stop()
    refused = geokg_load(path, through_proxy)  # Neo4j away from the start: nothing to report
    stdout, stderr = refused.communicate(timeout=120)
    assert refused.returncode == 1 and "Neo4j is unreachable" in stderr, (stdout, stderr)
    assert "Traceback" not in stdout + stderr

    wipe(empty_graph, settings.neo4j_database)
    clean = geokg_load(path, settings.neo4j_uri)
    stdout, stderr = clean.communicate(timeout=300)
    assert clean.returncode == 0, (stdout, stderr)
    assert event_counts(stdout) == (EVENTS, 0, 0)
    assert fingerprint(empty_graph) == resumed
