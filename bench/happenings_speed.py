"""What grouping records into happenings costs, measured by hand against a DISPOSABLE database:

    GEOKG_TEST_DATABASE_IS_DISPOSABLE=1 python -m bench.happenings_speed [--rows N] [--rebuild-rows M]

1. the transactional load of ``--rows`` synthetic GDELT rows (``bench/synth_gdelt.py``) into an
   empty graph, with and without grouping, in the same run, alternating (the "without" run
   replaces ``write_batches.attach`` by a no-op: the rest of the load is the same code);
2. ``geokg happenings rebuild`` of the whole graph (its happenings removed first, so every one is
   written) on ``--rebuild-rows`` records loaded without grouping.

Prints rows/s and the cost in per cent, then records/s of the rebuild, with the sizes measured.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

from neo4j import Driver, ManagedTransaction

import graph.store.write_batches as write_batches
from bench.synth_gdelt import write as write_synthetic
from graph.happenings.rebuild import rebuild
from graph.settings import get_settings
from graph.store.driver import create_driver
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from loaders.formats import read_all
from loaders.pipeline import load_stream

GROUPING = write_batches.attach


def _no_grouping(tx: ManagedTransaction, event_ids: Collection[str]) -> None:
    return None


def wipe(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    apply_schema(driver, database)


def timed_load(driver: Driver, database: str, path: Path, grouping: bool) -> float:
    wipe(driver, database)
    write_batches.attach = GROUPING if grouping else _no_grouping  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        report = load_stream(lambda: read_all([path], None),
                             GraphWriter(driver, database, batch_size=500), batch_size=2000)
        seconds = time.perf_counter() - started
    finally:
        write_batches.attach = GROUPING
    assert not report.errors, report.errors[:3]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rebuild-rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if os.environ.get("GEOKG_TEST_DATABASE_IS_DISPOSABLE") != "1":
        raise SystemExit("this benchmark wipes the database: set GEOKG_TEST_DATABASE_IS_DISPOSABLE=1")
    settings = get_settings()
    database = settings.neo4j_database
    with tempfile.TemporaryDirectory() as folder, create_driver(settings) as driver:
        path = Path(folder) / "synthetic.export.CSV"
        write_synthetic(path, args.rows, 3000, 7)
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.rounds):
            for grouping in (False, True):
                times[grouping].append(timed_load(driver, database, path, grouping))
        without, with_ = min(times[False]), min(times[True])
        print(f"transactional load of {args.rows} synthetic GDELT rows (best of {args.rounds}):")
        print(f"  without grouping {without:7.1f} s  {args.rows / without:8,.0f} rows/s")
        print(f"  with grouping    {with_:7.1f} s  {args.rows / with_:8,.0f} rows/s"
              f"  (+{100 * (with_ / without - 1):.0f}%)")

        big = Path(folder) / "rebuild.export.CSV"
        write_synthetic(big, args.rebuild_rows, 3000, 11)
        loaded = timed_load(driver, database, big, grouping=False)
        print(f"loaded {args.rebuild_rows} rows without grouping in {loaded:.1f} s")
        report = rebuild(driver, database)
        print(f"rebuild (first, keys filed): {report.records} records, {report.happenings} "
              f"happenings in {report.seconds:.1f} s = {report.records / report.seconds:,.0f} records/s")
        with driver.session(database=database) as session:  # IN TRANSACTIONS needs auto-commit
            session.run("MATCH (h:Happening|HappeningAlias) CALL (h) { DETACH DELETE h } "
                        "IN TRANSACTIONS OF 10000 ROWS").consume()
        report = rebuild(driver, database)
        print(f"rebuild (keys in place, every happening written): {report.records} records in "
              f"{report.seconds:.1f} s = {report.records / report.seconds:,.0f} records/s")
        report = rebuild(driver, database)
        print(f"rebuild (nothing changed): {report.records} records in {report.seconds:.1f} s = "
              f"{report.records / report.seconds:,.0f} records/s")


if __name__ == "__main__":
    main()
