"""One benchmark command: load speed and peak RSS of the transactional loader and of the bulk path,
a naive baseline in the same run, RDF N-Triples and Turtle export speed, and reads, as one table.

    python -m bench --sizes 10000,100000,1000000 [--naive-sample 5000]

It runs against a disposable Neo4j of its own (home ``.neo4j-bench`` or GEOKG_BENCH_HOME, free
ports or GEOKG_BENCH_BOLT_PORT / GEOKG_BENCH_HTTP_PORT), which it starts, empties between
loaders and stops at the end. For each size N:

1. ``geokg import bulk`` of N native synthetic events (bench/load_speed.py's generator) into the
   empty database. The bulk path reads native and RDF files only: the data-set record kinds a
   GDELT file makes (dataset_actor, dataset_place, event_claim add to existing nodes) have no
   CSV form in graph/store/bulk_csv.py, so the bulk path is measured on native events;
2. ``geokg load`` of the same native file into an empty database (bulk vs transactional, like
   for like), then the naive baseline on top of it (one transaction per event, plain MERGEs,
   constraints in place; load_speed's ``naive_load``) on a sample of fresh events;
3. ``geokg load`` of an N-row synthetic GDELT 2.0 export (bench/synth_gdelt.py) into an empty
   database; that graph is then exported as N-Triples and as Turtle (bench/rdf_export.py) and served to
   bench/read_load.py.

Loads run as ``geokg`` subprocesses, timed from launch to exit (Python start-up included); peak
RSS is that of the subprocess and its children together, sampled every 0.1 s (for the bulk path
the neo4j-admin import JVM too; a Neo4j server it starts left out). The header records the cores
and the load average, since the box may be shared.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import load_speed, rdf_export, synth_gdelt
from bench.server import GEOKG, ROOT, BenchError, BenchServer, free_port, run_measured, server_environment
from graph.settings import Settings, get_settings
from graph.store.driver import create_driver

READ_LOAD = ROOT / "bench" / "read_load.py"


@dataclass(frozen=True)
class Row:
    """One line of the table: what ran on which input, how much it did, in what time and memory."""

    size: int
    what: str
    input: str
    items: int
    unit: str
    seconds: float
    peak_rss_mib: float | None
    note: str = ""

    @property
    def rate(self) -> float:
        return self.items / self.seconds


def progress(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def load_average() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()


def git_commit() -> str:
    described = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                               capture_output=True, text=True)
    return described.stdout.strip() or "unknown"


def events_in_graph(settings: Settings) -> int:
    with create_driver(settings) as driver:
        records, _, _ = driver.execute_query("MATCH (e:Event) RETURN count(e) AS events",
                                             database_=settings.neo4j_database)
    return int(records[0]["events"])


def wipe(server: BenchServer, settings: Settings) -> None:
    with create_driver(settings) as driver:
        server.wipe(driver, settings.neo4j_database)


def write_inputs(size: int, actors: int, folder: Path) -> tuple[Path, Path]:
    """The synthetic GDELT export and native JSON Lines file of ``size`` events."""
    gdelt = folder / f"synthetic-{size}.export.CSV"
    synth_gdelt.write(gdelt, size, actors, seed=7)
    native = folder / f"synthetic-{size}.jsonl"
    with native.open("w", encoding="utf-8") as out:
        for record in load_speed.synthetic_records(size, actors):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return gdelt, native


def bulk_phases(output: str) -> str:
    """The phases of at least a second from ``geokg import bulk``'s table of seconds per phase."""
    phases = re.findall(r"^│ ([a-z][^│]*?) +│ +([0-9.]+) +│$", output, re.MULTILINE)
    return ", ".join(f"{name} {seconds} s" for name, seconds in phases
                     if name != "total" and float(seconds) >= 1)


def measure_load(size: int, what: str, label: str, command: list[str], server: BenchServer,
                 settings: Settings, note: str = "") -> Row:
    progress(f"{size}: {what} ({label})")
    measured = run_measured(command, server.env)
    if what.startswith("bulk"):
        note = f"{note}; phases: {bulk_phases(measured.output)}"
    return Row(size, what, label, events_in_graph(settings), "events", measured.seconds,
               measured.peak_rss_mib, note)


def measure_naive(size: int, sample: int, actors: int, settings: Settings) -> Row:
    progress(f"{size}: naive baseline on {sample} events")
    events = load_speed.sample_events(sample, actors, "naive")
    with create_driver(settings) as driver:
        seconds = load_speed.naive_load(driver, settings.neo4j_database, events)
    return Row(size, "naive: 1 tx/event, plain MERGEs", f"{sample} fresh native events, on the "
               "native graph", sample, "events", seconds, None, "runs in the benchmark process")


def measure_rdf_export(size: int, fmt: str) -> Row:
    progress(f"{size}: {fmt} export")
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        triples, _, seconds, peak_mib = pool.apply(rdf_export.export_rdf, (fmt, 1000))
    name = {"ntriples": "N-Triples", "turtle": "Turtle"}[fmt]
    return Row(size, f"RDF {name} export", "the GDELT graph", triples, "triples", seconds, peak_mib,
               "export only, in a fresh process")


def wait_for_http(url: str, process: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"geokg serve exited {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise BenchError(f"geokg serve did not answer {url} within {timeout_s:.0f} s")


def busiest_pair(settings: Settings) -> tuple[str, str, str]:
    """The two actors with the most interactions, and the month of their latest one: the dense
    nodes the read targets are about."""
    with create_driver(settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (a:Actor)-[i:INTERACTED_WITH]->(b:Actor) "
            "RETURN a.id AS a, b.id AS b, count(i) AS events, max(i.valid_from) AS last "
            "ORDER BY events DESC, a, b LIMIT 1", database_=settings.neo4j_database)
    pair = records[0]
    return pair["a"], pair["b"], pair["last"].to_native().strftime("%Y-%m")


def serve_api_and_measure_reads(env: dict[str, str], settings: Settings, workers: int) -> str:
    """Serve the API (``geokg serve --workers`` on a free port) over the loaded graph and run
    bench/read_load.py against it for its busiest pair; its report, or why there is none."""
    if not READ_LOAD.is_file():
        return "reads: bench/read_load.py missing"
    a, b, month = busiest_pair(settings)
    base_url = f"http://127.0.0.1:{free_port()}"
    with tempfile.TemporaryFile() as log:
        api = subprocess.Popen([GEOKG, "serve", "--host", "127.0.0.1", "--port", base_url.rsplit(":", 1)[1],
                                "--workers", str(workers)],
                               env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_http(f"{base_url}/health", api)
            reads = subprocess.run([sys.executable, str(READ_LOAD), base_url, "--a", a, "--b", b,
                                    "--month", month, "--trivial-port", str(free_port()),
                                    "--workers", str(workers)],
                                   env=env, cwd=ROOT, capture_output=True, text=True)
        finally:
            api.terminate()
            api.wait(timeout=30)
    if reads.returncode != 0:
        raise BenchError(f"bench/read_load.py exited {reads.returncode}:\n{reads.stderr[-3000:]}")
    return reads.stdout.rstrip()


def bench_size(size: int, args: argparse.Namespace, server: BenchServer, settings: Settings,
               folder: Path) -> tuple[list[Row], str]:
    progress(f"{size}: writing the synthetic inputs")
    gdelt, native = write_inputs(size, args.actors, folder)
    rows: list[Row] = []

    def add(row: Row) -> None:
        """Keep a measured row and print it at once, so that a long run shows what it has."""
        rows.append(row)
        progress(table([row])[-1])

    wipe(server, settings)
    add(measure_load(
        size, "bulk: geokg import bulk", "native JSONL (load_speed)",
        [GEOKG, "import", "bulk", str(native), "--csv-dir", str(folder / "bulk-csv")], server, settings,
        "GDELT has no bulk form; RSS includes the neo4j-admin JVM"))
    wipe(server, settings)
    add(measure_load(size, "transactional: geokg load", "native JSONL (load_speed)",
                     [GEOKG, "load", str(native)], server, settings))
    sample = min(args.naive_sample, size)
    if sample:
        add(measure_naive(size, sample, args.actors, settings))
    wipe(server, settings)
    add(measure_load(size, "transactional: geokg load", f"GDELT 2.0 export, {size} rows",
                     [GEOKG, "load", str(gdelt)], server, settings))
    add(measure_rdf_export(size, "ntriples"))
    add(measure_rdf_export(size, "turtle"))
    progress(f"{size}: reads")
    try:
        reads = serve_api_and_measure_reads(server.env, settings, args.workers)
    except BenchError as error:  # reported after the table, which a failed read must not lose
        reads = f"reads FAILED: {error}"
    return rows, reads


def table(rows: list[Row]) -> list[str]:
    naive = {row.size: row.rate for row in rows if row.what.startswith("naive")}
    native = {row.size: row.rate for row in rows
              if row.what.startswith("transactional") and row.input.startswith("native")}
    lines = ["| N | what | input | count | seconds | per second | peak RSS MiB | x naive | note |",
             "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        ratio = ""
        if row.unit == "events" and row.size in naive and not row.what.startswith("naive"):
            ratio = f"{row.rate / naive[row.size]:.1f}"
        note = row.note
        if row.what.startswith("bulk") and row.size in native:
            note = f"{row.rate / native[row.size]:.1f}x the transactional load of the same file; " + note
        rss = f"{row.peak_rss_mib:.0f}" if row.peak_rss_mib is not None else ""
        lines.append(f"| {row.size:,} | {row.what} | {row.input} | {row.items:,} {row.unit} | "
                     f"{row.seconds:.1f} | {row.rate:,.0f} | {rss} | {ratio} | {note} |")
    return lines


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="comma-separated event counts (default 10000)")
    parser.add_argument("--naive-sample", type=int, default=5000, help="events of the naive baseline")
    parser.add_argument("--actors", type=int, default=3000, help="actors of the synthetic data")
    parser.add_argument("--heap", default="1g", help="Neo4j heap of the benchmark's server")
    parser.add_argument("--pagecache", default="1g", help="Neo4j page cache of the benchmark's server")
    parser.add_argument("--workers", type=int, default=2,
                        help="API worker processes the reads are served by (and the trivial app)")
    parser.add_argument("--work-dir", type=Path, help="where the inputs go (default: a temporary folder)")
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]
    return args


def main() -> None:
    args = parse_arguments()
    home = Path(os.environ.get("GEOKG_BENCH_HOME", ROOT / ".neo4j-bench"))
    env = server_environment(home, args.heap, args.pagecache)
    os.environ.update(env)  # for the settings of this process and of the spawned exporter
    settings = get_settings()
    server = BenchServer(env)
    started = time.perf_counter()
    header = [f"geokg benchmark {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {git_commit()}, "
              f"{os.cpu_count()} cores; Neo4j heap {args.heap}, page cache {args.pagecache}, "
              f"on the same box; batch size {settings.batch_size}; {args.actors} actors",
              f"at start: {load_average()}"]
    rows: list[Row] = []
    reads: list[str] = []
    with ExitStack() as stack:
        folder = args.work_dir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        folder.mkdir(parents=True, exist_ok=True)
        progress(f"starting the benchmark's Neo4j ({home})")
        server.start()
        stack.callback(server.stop)
        for size in args.sizes:
            more, read_report = bench_size(size, args, server, settings, folder)
            rows += more
            progress("\n".join(["so far:", *table(rows)]))
            reads.append(f"reads on the {size:,}-row GDELT graph:\n{read_report}")
    footer = [f"at end: {load_average()}; the whole run took {time.perf_counter() - started:.0f} s"]
    print("\n".join([*header, "", *table(rows), "", *footer, "", *reads]))
    if any("reads FAILED" in report for report in reads):
        raise BenchError("the reads failed (see above)")


def cli() -> None:
    try:
        main()
    except BenchError as error:
        sys.exit(f"benchmark failed: {error}")


if __name__ == "__main__":
    cli()
