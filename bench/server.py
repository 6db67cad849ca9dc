"""The benchmark's own disposable Neo4j (its own home and free ports, like the tests' server), and
running a command as a subprocess with its wall time and peak RSS."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

ROOT = Path(__file__).resolve().parent.parent
#: Up to this many relationships, deleting them is quicker than restarting the server.
IN_PLACE_WIPE_LIMIT = 1_000_000
#: The `geokg` on the PATH, as a user runs it (the project's .venv/bin once activated).
GEOKG = shutil.which("geokg") or "geokg"


class BenchError(Exception):
    """A step of the benchmark failed; the message says which, with the end of its output."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment(home: Path, heap: str, pagecache: str) -> dict[str, str]:
    """The environment every step runs in: this process's, pointed at the benchmark's server.
    Ports are GEOKG_BENCH_BOLT_PORT / GEOKG_BENCH_HTTP_PORT, or free ones."""
    env = dict(os.environ)
    bolt = os.environ.get("GEOKG_BENCH_BOLT_PORT") or str(free_port())
    http = os.environ.get("GEOKG_BENCH_HTTP_PORT") or str(free_port())
    env.update({
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": "geokg-bench-password",
        "GEOKG_NEO4J_HOME": str(home),
        "GEOKG_NEO4J_HTTP_PORT": http,
        "GEOKG_NEO4J_HEAP": heap,
        "GEOKG_NEO4J_PAGECACHE": pagecache,
    })
    env.pop("GEOKG_NEO4J_URI", None)
    return env


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mib: float
    """The largest resident set of the process and its children together (a Neo4j server it
    starts left out), sampled every ``RSS_SAMPLE_S``."""
    output: str


#: How often a measured command's resident set is sampled.
RSS_SAMPLE_S = 0.1
SERVER_MAIN_CLASS = b"org.neo4j.server.CommunityEntryPoint"


def tree_rss_kib(root: int) -> int:
    """Resident KiB of ``root`` and its descendants, without a Neo4j server among them (which
    outlives the command and is not its memory)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_bytes()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(b")", 1)[1].split()[1]), []).append(int(entry.name))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            if SERVER_MAIN_CLASS in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines()
                       if line.startswith("VmRSS:")), 0)
        pending += children.get(pid, [])
    return total


def run_measured(command: list[str], env: dict[str, str]) -> Measured:
    """Run ``command`` to its end; its wall time and the peak RSS of its process tree, sampled.

    Not ``wait4``'s ``ru_maxrss``: Python starts a child with vfork, and Linux records the
    parent's resident set into the child's high-water mark at its exec, so a child of a benchmark
    holding a million generated records "peaked" at the benchmark's own 1.8 GiB."""
    peak = [0]
    done = threading.Event()

    def sample(pid: int) -> None:
        while not done.wait(RSS_SAMPLE_S):
            peak[0] = max(peak[0], tree_rss_kib(pid))

    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
        sampler.start()
        _, status, _ = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
    return Measured(seconds, peak[0] / 1024, output)


class BenchServer:
    """Starts, stops and empties the benchmark's Neo4j through ``geokg neo4j start|stop``."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.home = Path(env["GEOKG_NEO4J_HOME"])

    def geokg(self, *arguments: str) -> None:
        run_measured([GEOKG, *arguments], self.env)

    def start(self) -> None:
        self.geokg("neo4j", "start")

    def stop(self) -> None:
        self.geokg("neo4j", "stop")

    def wipe(self, driver: Driver, database: str) -> None:
        """An empty database: a small graph deleted in place, in batches; a big one by deleting
        its store and transaction logs while the server is stopped (Neo4j then makes a new, empty
        store), which takes the same half-minute or so at any size."""
        records, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS relationships",
                                             database_=database)
        if records[0]["relationships"] > IN_PLACE_WIPE_LIMIT:
            self.stop()
            for folder in ("databases", "transactions"):
                shutil.rmtree(self.home / "data" / folder / database, ignore_errors=True)
            self.start()
            return
        with driver.session(database=database) as session:  # IN TRANSACTIONS needs auto-commit
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
