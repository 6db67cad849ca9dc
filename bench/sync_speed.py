"""``geokg sync gdelt`` on a generated day of GDELT 2.0 (96 slices of synthetic rows,
``bench/synth_gdelt.py``'s generator) served from 127.0.0.1: throughput (rows/s, slices/s) and
peak RSS of the sync process; plain ``geokg load`` of the same zips in the same run, for the
ratio; and a resume after SIGKILL (a sync killed once half the slices are recorded, then run
again: its time, and that it loads only the rest).

It wipes the database NEO4J_URI names between phases, so it refuses to run unless
``GEOKG_TEST_DATABASE_IS_DISPOSABLE=1`` (as the tests): point it at a disposable server.

    source scripts/test-env.sh
    python -m bench.sync_speed [--slices 96] [--events 500] [--mentions 750]
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from neo4j import Driver

from bench.server import BenchError, Measured, run_measured
from bench.synth_gdelt import actors_of, export_rows
from graph.settings import get_settings
from graph.store.driver import create_driver

DAY = datetime(2025, 8, 13, tzinfo=UTC)


def _stamp(n: int) -> str:
    return (DAY + timedelta(minutes=15 * n)).strftime("%Y%m%d%H%M%S")


def generate(root: Path, slices: int, events: int, mentions: int, seed: int = 7) -> int:
    """The feed's zips and lists in ``root``; returns the number of rows (events and mentions)."""
    rng = random.Random(seed)
    actors = actors_of(rng, 3000)
    lines = []
    for n in range(slices):
        first_id = 1_500_000_000 + n * events
        export = "".join("\t".join(row) + "\n"
                         for row in export_rows(rng, actors, events, first_id, _stamp(n)))
        cited = [rng.randrange(1_500_000_000, first_id + events) if rng.random() < 0.8
                 else 1_400_000_000 + rng.randrange(10**6) for _ in range(mentions)]  # 20% never loaded
        mention_text = "".join(
            f"{event}\t{_stamp(n)}\t{_stamp(n)}\t1\tnews{i % 300}.example.com\t"
            f"https://news{i % 300}.example.com/{n}/{i}\t1\t-1\t-1\t-1\t1\t{rng.randint(10, 100)}\t"
            f"{rng.randint(500, 5000)}\t{rng.uniform(-5, 5):.2f}\t\t\n"
            for i, event in enumerate(cited))
        for kind, text in (("export", export), ("mentions", mention_text)):
            name = f"{_stamp(n)}.{kind}.CSV.zip"
            with zipfile.ZipFile(root / name, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(name.removesuffix(".zip"), text)
            data = (root / name).read_bytes()
            lines.append(f"{len(data)} {hashlib.md5(data, usedforsecurity=False).hexdigest()} "
                         f"http://data.gdeltproject.org/gdeltv2/{name}")
    (root / "masterfilelist.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "lastupdate.txt").write_text("\n".join(lines[-2:]) + "\n", encoding="utf-8")
    return slices * (events + mentions)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             lambda *a: Quiet(*a, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def wipe(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def measured(command: list[str]) -> Measured:
    """The command's wall time and the peak RSS of its process tree (``bench.server``'s sampling)."""
    try:
        return run_measured(command, dict(os.environ))
    except BenchError as error:
        raise SystemExit(str(error)) from None


def _recorded(driver: Driver, database: str) -> int:
    records, _, _ = driver.execute_query("MATCH (s:FeedSlice {status: 'loaded'}) RETURN count(s) AS n",
                                         database_=database)
    return records[0]["n"]


def _totals(driver: Driver, database: str) -> tuple[int, int, int]:
    """Nodes, relationships, and the most times a slice was recorded (1: none loaded twice)."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() WITH nodes, count(r) AS rels "
        "MATCH (s:FeedSlice) RETURN nodes, rels, max(s.attempts) AS attempts", database_=database)
    return records[0]["nodes"], records[0]["rels"], records[0]["attempts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slices", type=int, default=96)
    parser.add_argument("--events", type=int, default=500, help="export rows per slice")
    parser.add_argument("--mentions", type=int, default=750, help="mentions rows per slice")
    args = parser.parse_args()
    if os.environ.get("GEOKG_TEST_DATABASE_IS_DISPOSABLE") != "1":
        raise SystemExit("this benchmark wipes the database: set GEOKG_TEST_DATABASE_IS_DISPOSABLE=1 "
                         "against a server you can lose (source scripts/test-env.sh)")
    geokg = shutil.which("geokg") or sys.exit("geokg is not on the PATH")
    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="geokg-bench-sync-") as folder, \
            create_driver(settings) as driver:
        root = Path(folder)
        rows = generate(root, args.slices, args.events, args.mentions)
        size = sum(p.stat().st_size for p in root.glob("*.zip")) / 2**20
        print(f"feed: {args.slices} slices, {rows} rows ({args.events} events + {args.mentions} mentions "
              f"each), {size:.1f} MiB of zips")
        span = ["--since", _stamp(0), "--until", _stamp(args.slices - 1)]
        db = settings.neo4j_database
        with serve(root) as base_url:
            sync = [geokg, "sync", "gdelt", "--base-url", base_url, *span]
            wipe(driver, db)
            done = measured(sync)
            seconds, rss = done.seconds, done.peak_rss_mib
            print(f"sync:  {seconds:7.1f} s  {rows / seconds:7.0f} rows/s  "
                  f"{args.slices / seconds:5.2f} slices/s  peak RSS {rss:.0f} MiB")
            whole = _totals(driver, db)[:2]

            wipe(driver, db)
            zips = [str(root / f"{_stamp(n)}.{kind}.CSV.zip") for n in range(args.slices)
                    for kind in ("export", "mentions")]
            load = measured([geokg, "load", *zips])
            load_seconds = load.seconds
            print(f"load:  {load_seconds:7.1f} s  {rows / load_seconds:7.0f} rows/s  "
                  f"peak RSS {load.peak_rss_mib:.0f} MiB  (geokg load of the same zips, one command)")
            print(f"ratio: sync takes {seconds / load_seconds:.2f}x plain load's time")

            wipe(driver, db)
            process = subprocess.Popen(sync, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while _recorded(driver, db) < args.slices // 2 and process.poll() is None:
                time.sleep(0.05)
            process.send_signal(signal.SIGKILL)
            process.wait()
            before = _recorded(driver, db)
            resumed = measured(sync)
            resume_seconds = resumed.seconds
            already = f"{before} already loaded" in resumed.output
            print(f"resume after SIGKILL at {before}/{args.slices} slices: {resume_seconds:.1f} s for the "
                  f"other {args.slices - before} ({(args.slices - before) / resume_seconds:.2f} slices/s); "
                  f"skipped the {before} loaded: {already}; "
                  f"all recorded: {_recorded(driver, db) == args.slices}")
            nodes, rels, attempts = _totals(driver, db)
            print(f"after the resume: {nodes} nodes, {rels} relationships (uninterrupted sync: {whole[0]}, "
                  f"{whole[1]}); most loads of one slice: {attempts}")


if __name__ == "__main__":
    main()
