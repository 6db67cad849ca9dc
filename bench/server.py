"""The benchmark's own disposable Neo4j (its own home and free ports, like the tests' server), and
running a command as a subprocess with its wall time and peak RSS."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

ROOT = Path(__file__).resolve().parent.parent
#: Up to this many relationships, deleting them is quicker than restarting the server.
IN_PLACE_WIPE_LIMIT = 1_000_000
GEOKG = str(Path(sys.executable).with_name("geokg"))


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
    """The largest resident set of the process or of any child it waited for (Linux ru_maxrss)."""
    output: str


def run_measured(command: list[str], env: dict[str, str]) -> Measured:
    """Run ``command`` to its end; its wall time and its own peak RSS (``wait4`` gives the rusage
    of that one child, unlike RUSAGE_CHILDREN, which keeps the largest of all children so far)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
    return Measured(seconds, usage.ru_maxrss / 1024, output)


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
