"""Load speed of the native loader on a synthetic data set, first load and an unchanged re-load,
against a naive loader (one transaction per event, plain MERGEs, constraints in place) and,
optionally, the previous query shape (``--old-query``, a file saved from
``git show main:queries/merge_events.cypher``), in the same run, with ratios. Actors have
power-law activity, so busy actors are dense nodes.

It writes into the Neo4j that NEO4J_URI names and leaves its records there (ids start with
``syn``, ``naive`` and ``old``): point it at a disposable server, e.g. the tests' own
(``source scripts/test-env.sh``).

    python bench/load_speed.py --events 20000 --naive-sample 5000 --old-query /tmp/merge_events.cypher
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from neo4j import Driver, ManagedTransaction

from graph.model import Event
from graph.settings import get_settings
from graph.store.codec import encode_event
from graph.store.driver import create_driver
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from graph.vocabulary import event_types
from loaders.formats import read_all
from loaders.pipeline import load_stream

ROLES = [("initiator", "target"), ("supplier", "recipient"), ("participant", "participant")]


def synthetic_records(events: int, actors: int, seed: int = 7, prefix: str = "syn") -> list[dict]:
    """Actors, sources and events; actor i takes part with weight 1/(i+1) (power law)."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(actors)]
    types = sorted(event_types())
    records: list[dict] = [
        {"record": "actor", "id": f"syn_actor_{i}", "name": f"Synthetic actor {i}",
         "kind": "state" if i % 3 else "person", "names": [{"text": f"ممثل {i}", "lang": "ar"}]}
        for i in range(actors)
    ]
    records += [
        {"record": "source", "id": f"syn:src:{i}", "publisher": "Synthetic Wire",
         "url": f"https://example.org/syn/{i}", "published": "2025-01-01", "language": "en"}
        for i in range(max(1, events // 50))
    ]
    for i in range(events):
        a, b = rng.choices(range(actors), weights, k=2)
        while b == a:
            b = rng.randrange(actors)
        role_a, role_b = rng.choice(ROLES)
        day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        records.append({
            "record": "event", "id": f"{prefix}:ev:{i}", "type": rng.choice(types), "when": {"start": day},
            "participants": [{"actor": f"syn_actor_{a}", "role": role_a},
                             {"actor": f"syn_actor_{b}", "role": role_b}],
            "title": f"Synthetic event {i}", "summary": "A synthetic event for benchmarking.",
            "claims": [{"source": f"syn:src:{i // 50}", "quote": f"Quote {i}.", "language": "en",
                        "attributed_to": [f"syn_actor_{a}"]}],
        })
    return records


def timed_load(path: Path, writer: GraphWriter, read_batch: int = 2000) -> tuple[float, dict]:
    """Seconds and counts of a load of ``path`` the way ``geokg load`` does it (``load_stream``:
    ``read_batch`` records read, validated and encoded ahead while the previous ones are written)."""
    started = time.perf_counter()
    report = load_stream(lambda: read_all([path], None), writer, batch_size=read_batch)
    return time.perf_counter() - started, report.counts


NAIVE_EVENT = """
MERGE (e:Event {id: $id}) SET e += $properties
WITH e MATCH (t:EventType {id: $properties.type}) MERGE (e)-[:OF_TYPE]->(t)
"""
NAIVE_PARTICIPANT = """
MATCH (e:Event {id: $id}), (a:Actor {id: $actor})
MERGE (a)-[r:PARTICIPATED_IN {role: $role}]->(e)
"""
NAIVE_DYAD = """
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MERGE (a)-[i:INTERACTED_WITH {event_id: $id}]->(b) SET i.mutual = $mutual
"""
NAIVE_CLAIM = """
MATCH (e:Event {id: $id}), (s:Source {id: $source})
MERGE (c:Claim {id: $claim}) SET c.quote = $quote, c.language = $language
MERGE (e)-[:SUPPORTED_BY]->(c) MERGE (c)-[:PUBLISHED_IN]->(s)
WITH c UNWIND $speakers AS speaker_id MATCH (x:Actor {id: speaker_id}) MERGE (c)-[:ATTRIBUTED_TO]->(x)
"""


def naive_load(driver: Driver, database: str, events: list[Event]) -> float:
    """One transaction per event, one plain MERGE statement per part: the baseline."""

    def write(tx: ManagedTransaction, event: Event) -> None:
        row = encode_event(event)
        tx.run(NAIVE_EVENT, id=event.id, properties=row["properties"]).consume()
        for p in row["participants"]:
            tx.run(NAIVE_PARTICIPANT, id=event.id, actor=p["actor"], role=p["role"]).consume()
        for d in row["dyads"]:
            tx.run(NAIVE_DYAD, id=event.id, source=d["from"], target=d["to"], mutual=d["mutual"]).consume()
        for c in row["claims"]:
            tx.run(NAIVE_CLAIM, id=event.id, source=c["source"], claim=c["id"],
                   quote=c["properties"]["quote"], language=c["properties"]["language"],
                   speakers=c["attributed_to"]).consume()

    started = time.perf_counter()
    with driver.session(database=database) as session:
        for event in events:
            session.execute_write(write, event)
    return time.perf_counter() - started


def old_shape_load(driver: Driver, database: str, query: str, events: list[Event], batch: int) -> float:
    """The previous one-statement query, one execute_query per batch, on rows of today's shape."""
    started = time.perf_counter()
    for start in range(0, len(events), batch):
        rows = [encode_event(e) for e in events[start : start + batch]]
        driver.execute_query(query, rows=rows, database_=database)
    return time.perf_counter() - started


def sample_events(count: int, actors: int, prefix: str) -> list[Event]:
    raws = [r for r in synthetic_records(count, actors, seed=11, prefix=prefix) if r["record"] == "event"]
    return [Event.model_validate(r) for r in raws]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--naive-sample", type=int, default=5000)
    parser.add_argument("--old-query", type=Path, help="a previous merge_events.cypher to compare")
    parser.add_argument("--batch-size", type=int, help="records per write transaction "
                        "(default: GEOKG_BATCH_SIZE)")
    args = parser.parse_args()
    settings = get_settings()
    settings = settings.model_copy(update={"batch_size": args.batch_size or settings.batch_size})
    with tempfile.TemporaryDirectory() as folder, create_driver(settings) as driver:
        path = Path(folder) / "synthetic.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in synthetic_records(args.events, args.actors):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        apply_schema(driver, settings.neo4j_database)
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        rates: dict[str, float] = {}
        for label in ("first load", "re-load (unchanged)"):
            seconds, counts = timed_load(path, writer, settings.batch_size * 4)
            events = counts["event"]
            rates[label] = args.events / seconds
            print(f"{label:<22} {seconds:8.1f} s  {rates[label]:8.0f} events/s  "
                  f"created={events.created} updated={events.updated} unchanged={events.unchanged}")
        if args.naive_sample:
            sample = sample_events(args.naive_sample, args.actors, "naive")
            rate = len(sample) / naive_load(driver, settings.neo4j_database, sample)
            print(f"{'naive (1 tx/event)':<22} {len(sample):8d} ev  {rate:8.0f} events/s  "
                  f"first load {rates['first load'] / rate:.1f}x, "
                  f"re-load {rates['re-load (unchanged)'] / rate:.1f}x the naive")
        if args.old_query:
            sample = sample_events(min(args.events, 20000), args.actors, "old")
            query = args.old_query.read_text(encoding="utf-8")
            rate = len(sample) / old_shape_load(driver, settings.neo4j_database, query, sample,
                                                settings.batch_size)
            again = len(sample) / old_shape_load(driver, settings.neo4j_database, query, sample,
                                                 settings.batch_size)
            print(f"{'old query shape':<22} {len(sample):8d} ev  {rate:8.0f} events/s first, "
                  f"{again:.0f} unchanged  (new/old: {rates['first load'] / rate:.1f}x, "
                  f"{rates['re-load (unchanged)'] / again:.1f}x; writes only, no parsing)")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"batch size {settings.batch_size}, peak RSS of this process {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
