"""Load speed of the native loader on a synthetic data set, first load and an unchanged re-load.

It writes into the Neo4j that NEO4J_URI names and leaves its records there (ids start with
``syn``): point it at a disposable server, e.g. the tests' own (``source scripts/test-env.sh``).

    python bench/load_speed.py --events 20000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from graph.driver import create_driver
from graph.schema import apply_schema
from graph.settings import get_settings
from graph.vocabulary import event_types
from graph.writer import GraphWriter
from loaders.native import read_files
from loaders.pipeline import load_records

ROLES = [("initiator", "target"), ("supplier", "recipient"), ("participant", "participant")]


def synthetic_records(events: int, actors: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
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
        a, b = rng.sample(range(actors), 2)
        role_a, role_b = rng.choice(ROLES)
        day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        records.append({
            "record": "event", "id": f"syn:ev:{i}", "type": rng.choice(types), "when": {"start": day},
            "participants": [{"actor": f"syn_actor_{a}", "role": role_a},
                             {"actor": f"syn_actor_{b}", "role": role_b}],
            "title": f"Synthetic event {i}", "summary": "A synthetic event for benchmarking.",
            "claims": [{"source": f"syn:src:{i // 50}", "quote": f"Quote {i}.", "language": "en",
                        "attributed_to": [f"syn_actor_{a}"]}],
        })
    return records


def timed_load(path: Path, writer: GraphWriter) -> tuple[float, dict]:
    started = time.perf_counter()
    items, errors = read_files([path])
    report = load_records(items, writer, parse_errors=errors)
    return time.perf_counter() - started, report.counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--actors", type=int, default=1000)
    args = parser.parse_args()
    settings = get_settings()
    with tempfile.TemporaryDirectory() as folder, create_driver(settings) as driver:
        path = Path(folder) / "synthetic.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in synthetic_records(args.events, args.actors):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        apply_schema(driver, settings.neo4j_database)
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        for label in ("first load", "re-load (unchanged)"):
            seconds, counts = timed_load(path, writer)
            events = counts["event"]
            print(f"{label:<22} {seconds:8.1f} s  {args.events / seconds:8.0f} events/s  "
                  f"created={events.created} updated={events.updated} unchanged={events.unchanged}")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"batch size {settings.batch_size}, peak RSS of this process {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
