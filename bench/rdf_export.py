"""RDF export speed: N-Triples and Turtle of a large synthetic graph, with the exporting process's
peak RSS.

It generates native records (actors with names in two languages, places, sources, events with
representatives, quantities and attributed claims, standing relationships), loads them with the
project's writer into the Neo4j that NEO4J_URI names (ids start with ``syn``; point it at a
disposable server, e.g. the tests' own: ``source scripts/test-env.sh``), then exports the whole
graph in each format asked for, each in a fresh process, so the figure is the export's own
memory, not the load's.

    python bench/rdf_export.py --events 100000
    python bench/rdf_export.py --no-load          # export what the server already holds
    python bench/rdf_export.py --no-load --formats ntriples,turtle,jsonld,rdfxml
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import tempfile
import time
from typing import Any

from graph.rdf.export import RdfExport, RdfFormat
from graph.read.export_reader import ExportReader
from graph.settings import get_settings
from graph.store.driver import create_driver
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from graph.temporal import TimeWindow
from graph.vocabulary import event_types
from loaders.native import parse_records
from loaders.pipeline import load_records

ROLES = [("initiator", "target"), ("supplier", "recipient"), ("participant", "participant"),
         ("visitor", "host"), ("signatory", "signatory")]


def _when(rng: random.Random) -> dict[str, Any]:
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    shape = rng.random()
    if shape < 0.6:
        return {"start": f"{year}-{month:02d}-{day:02d}"}
    if shape < 0.75:
        return {"start": f"{year}-{month:02d}", "note": "Month only."}
    if shape < 0.85:
        return {"start": str(year)}
    if shape < 0.95:
        return {"start": f"{year}-{month:02d}-{day:02d}", "end": f"{year + 1}-{month:02d}"}
    return {"start": f"{year}-{month:02d}", "ongoing": True, "note": "Still going on."}


def synthetic_records(events: int, states: int = 400, people: int = 800, seed: int = 7) -> list[dict]:
    """Native records of a synthetic graph shaped like the seed one, deterministic for a seed."""
    rng = random.Random(seed)
    types = sorted(event_types())
    records: list[dict] = []
    for i in range(states):
        records.append({"record": "actor", "id": f"syn_state_{i}", "name": f"State {i}", "kind": "state",
                        "names": [{"text": f"دولة {i}", "lang": "ar"}, {"text": f"Государство {i}",
                                                                          "lang": "ru"}],
                        "aliases": [f"S{i}"], "wikidata": f"Q{1000 + i}"})
    for i in range(people):
        records.append({"record": "actor", "id": f"syn_person_{i}", "name": f"Person {i}",
                        "kind": "person", "names": [{"text": f"شخص {i}", "lang": "ar"}],
                        "external_ids": {"gdelt": f"P{i}"}})
        records.append({"record": "relationship", "id": f"syn:rel:leads:{i}", "type": "LEADS",
                        "subject": f"syn_person_{i}", "object": f"syn_state_{i % states}",
                        "when": {"start": f"{2000 + i % 20}", "ongoing": True}})
    records += [{"record": "place", "id": f"syn_place_{i}", "name": f"Place {i}", "kind": "city",
                 "names": [{"text": f"مكان {i}", "lang": "ar"}]} for i in range(200)]
    records += [{"record": "source", "id": f"syn:src:{i}", "publisher": f"Wire {i % 7}",
                 "url": f"https://example.org/syn/{i}", "published": "2025-08-13", "language": "ar"}
                for i in range(max(1, events // 20))]
    for i in range(events):
        a, b = rng.sample(range(people), 2)
        role_a, role_b = rng.choice(ROLES)
        participants = [{"actor": f"syn_person_{a}", "role": role_a, "represents": f"syn_state_{a % states}"},
                        {"actor": f"syn_person_{b}", "role": role_b, "represents": f"syn_state_{b % states}"}]
        claims = [{"source": f"syn:src:{i // 20}", "quote": f"اقتباس {i}.", "language": "ar",
                   "translation": f"Quote {i}.", "attributed_to": [f"syn_state_{a % states}"],
                   "via": [f"syn_person_{b}"] if rng.random() < 0.3 else []}]
        record = {"record": "event", "id": f"syn:ev:{i:07d}", "type": rng.choice(types),
                  "when": _when(rng), "participants": participants, "title": f"Synthetic event {i}",
                  "summary": "A synthetic event for benchmarking.", "claims": claims}
        if rng.random() < 0.5:
            record["place"] = f"syn_place_{rng.randrange(200)}"
        if rng.random() < 0.1:
            record["quantities"] = [{"what": "soldiers", "value": rng.randint(100, 20000),
                                     "approximate": True, "estimated_by": [f"syn_state_{b % states}"]}]
        records.append(record)
        if i % 100 == 0:
            records.append({"record": "relationship", "id": f"syn:rel:ally:{i}", "type": "ALLY_OF",
                            "subject": f"syn_state_{a % states}", "object": f"syn_state_{b % states}",
                            "derived_from": record["id"]})
    return [r for r in records
            if r["record"] != "relationship" or r["subject"] != r["object"]]


def load(events: int) -> None:
    settings = get_settings()
    records = synthetic_records(events)
    items, errors = parse_records(enumerate(records, start=1), "synthetic")
    assert not errors, errors[:3]
    started = time.perf_counter()
    with create_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database)
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        report = load_records(items, writer)
    assert not report.errors, report.errors[:3]
    print(f"loaded {len(items)} records ({events} events) in {time.perf_counter() - started:.1f} s")


def peak_rss_mib() -> float:
    """This process's peak resident set (Linux ``VmHWM``). Unlike ``ru_maxrss``, it starts afresh
    in a spawned process instead of counting the parent's memory at the fork."""
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def export_rdf(fmt: str, batch_size: int) -> tuple[int, int, float, float]:
    """Export everything in ``fmt`` to a temporary file: triples, bytes, seconds, peak RSS MiB.
    Runs in a fresh process, so the peak RSS is the export's alone."""
    settings = get_settings()
    with create_driver(settings) as driver, tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "export")
        reader = ExportReader(driver, settings.neo4j_database, batch_size, settings.query_timeout_s)
        export = RdfExport(reader, settings.base_iri, TimeWindow())
        started = time.perf_counter()
        with open(path, "wb") as out:
            for chunk in export.serialize(RdfFormat(fmt)):
                out.write(chunk)
        seconds = time.perf_counter() - started
        size = os.path.getsize(path)
    return export.triples, size, seconds, peak_rss_mib()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--no-load", action="store_true", help="export what the server holds")
    parser.add_argument("--batch-size", type=int, default=1000, help="records per export page")
    parser.add_argument("--formats", default="ntriples,turtle",
                        help="comma-separated: ntriples, turtle, jsonld, rdfxml")
    args = parser.parse_args()
    if not args.no_load:
        load(args.events)
    for fmt in args.formats.split(","):
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            triples, size, seconds, peak_mib = pool.apply(export_rdf, (fmt, args.batch_size))
        print(f"{RdfFormat(fmt).name} export: {triples} triples, {size / 2**20:.0f} MiB, "
              f"{seconds:.1f} s, {triples / seconds:,.0f} triples/s, peak RSS of the exporting "
              f"process {peak_mib:.0f} MiB (page size {args.batch_size})", flush=True)


if __name__ == "__main__":
    main()
