"""Import the CSVs of ``graph.store.bulk_csv`` into the project's own local server.

``neo4j-admin database import full`` writes a store directly and needs the server stopped; the
Community jars from Maven Central carry it (``neo4j-import-tool``), and it runs like the other
admin commands here: ``java -cp <home>/lib/* org.neo4j.cli.AdminTool database import full``.
So: refuse a database that holds data, stop the server, import (``--overwrite-destination``
drops the empty store), start the server again and apply the schema. The CSVs carry the whole
graph (``graph.store.bulk_csv``) but its happenings: one grouping pass over the imported events
follows (``graph.happenings.rebuild``), which files them under their keys as a load would.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from neo4j import Driver, RoutingControl

from graph.happenings.rebuild import rebuild
from graph.server import start_server, stop_server
from graph.server.config import ADMIN_CLASS, Layout
from graph.server.provision import find_java, log_tail
from graph.settings import Settings
from graph.store.bulk_csv import ARRAY_DELIMITER, BulkFiles
from graph.store.driver import create_driver
from graph.store.schema import apply_schema
from queries import load_query


class BulkImportError(Exception):
    """The bulk import was refused or failed."""


@dataclass
class ImportOutcome:
    nodes: int = 0
    relationships: int = 0
    properties: int = 0
    phases: list[tuple[str, float]] = field(default_factory=list)
    """Seconds per phase, in order."""


def graph_has_data(driver: Driver, database: str) -> bool:
    records, _, _ = driver.execute_query(load_query("bulk_graph_has_data"), database_=database,
                                         routing_=RoutingControl.READ)
    return bool(records[0]["has_data"])


def require_empty(settings: Settings) -> None:
    """Start the server if it is not running, and refuse a database that holds data."""
    start_server(settings)
    with create_driver(settings) as driver:
        if graph_has_data(driver, settings.neo4j_database):
            raise BulkImportError(
                f"database {settings.neo4j_database!r} at {settings.neo4j_uri} is not empty: the "
                "bulk import only makes a first load (it replaces the whole store). Add to a "
                "graph with `geokg load`, or empty the database first."
            )


def import_arguments(settings: Settings, files: BulkFiles, report: Path) -> list[str]:
    # The database comes first: --nodes and --relationships take every following file name.
    command = [
        "database", "import", "full", settings.neo4j_database, "--overwrite-destination=true",
        f"--max-off-heap-memory={settings.bulk_import_off_heap}",
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", f"--report-file={report}",
        *(item.argument() for item in files.inputs),
    ]
    multiline = [str(item.data) for item in files.inputs if item.multiline]
    if multiline:  # only the files that need it: multi-line parsing is slower
        command += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"]
    return command


def admin(settings: Settings, *arguments: str, cwd: Path, log: Path) -> tuple[int, str]:
    """Run a ``neo4j-admin`` command on the local home; its exit code and output (kept in ``log``)."""
    layout = Layout.of(settings)
    env = {**os.environ, "NEO4J_HOME": str(layout.home), "NEO4J_CONF": str(layout.conf_dir)}
    command = [find_java(), f"-Xmx{settings.bulk_import_heap}", "-cp", f"{layout.lib_dir}/*",
               ADMIN_CLASS, *arguments]
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, check=False)
    return result.returncode, log.read_text(encoding="utf-8", errors="replace")


#: What the import writes into its work folder beside the CSVs: logs and the tool's report.
WORK_FILES = ("info.log", "import.log", "import.report")


def last_transaction(settings: Settings, work_dir: Path) -> int | None:
    """The stopped database's last committed transaction id (``neo4j-admin database info``)."""
    _, text = admin(settings, "database", "info", settings.neo4j_database, cwd=work_dir,
                    log=work_dir / WORK_FILES[0])
    match = re.search(r"Last committed transaction id:\s*(\d+)", text)
    return int(match.group(1)) if match else None


def run_import_tool(settings: Settings, files: BulkFiles, work_dir: Path) -> ImportOutcome:
    """Run the import tool on the stopped server's home; its output goes to ``import.log``."""
    log = work_dir / WORK_FILES[1]
    code, text = admin(settings, *import_arguments(settings, files, work_dir / WORK_FILES[2]),
                       cwd=work_dir, log=log)
    if code != 0 or "IMPORT DONE" not in text:
        raise BulkImportError(f"neo4j-admin database import full failed (exit {code}); "
                              f"see {log}:\n{log_tail(log)}")
    counts = {name: int(number) for number, name in
              re.findall(r"^\s*(\d+) (nodes|relationships|properties)\s*$", text, re.MULTILINE)}
    return ImportOutcome(counts.get("nodes", 0), counts.get("relationships", 0),
                         counts.get("properties", 0))


def continue_transaction_ids(driver: Driver, database: str, count: int) -> None:
    """Commit ``count`` small transactions (and one more that leaves nothing behind), server-side
    in one query rather than one round trip each."""
    with driver.session(database=database) as session:  # IN TRANSACTIONS needs auto-commit
        session.run(load_query("bulk_advance_transaction"), count=max(count, 0)).consume()


@contextmanager
def store_set_aside(settings: Settings) -> Iterator[None]:
    """Run the block (the import) with the stopped database's store moved aside, and put it back
    if the block fails: ``--overwrite-destination`` deletes the store before the import writes,
    so a failed import would leave a database that no longer starts. The store moved is the
    small one ``require_empty`` accepted (event-type nodes only); it is deleted once the block
    succeeds. One left over by a command killed outright (SIGKILL) holds no more, and is dropped."""
    data = Layout.of(settings).data_dir
    aside = data / f"bulk-import-replaced-{settings.neo4j_database}"
    shutil.rmtree(aside, ignore_errors=True)
    moved: list[tuple[Path, Path]] = []
    for kind in ("databases", "transactions"):
        store = data / kind / settings.neo4j_database
        if store.exists():
            (aside / kind).mkdir(parents=True, exist_ok=True)
            store.rename(aside / kind / store.name)
            moved.append((store, aside / kind / store.name))
    try:
        yield
    except BaseException:
        for store, kept in moved:
            shutil.rmtree(store, ignore_errors=True)  # what the failed import wrote
            kept.rename(store)
        shutil.rmtree(aside, ignore_errors=True)  # its folders, empty now
        raise
    shutil.rmtree(aside, ignore_errors=True)


#: The signals that would end the command while the server is stopped: each becomes an exception,
#: so that the server is started again before the command ends.
_STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


@contextmanager
def server_stopped(settings: Settings) -> Iterator[None]:
    """Run the block with the local server stopped, and start it again however the block ends:
    done, failed, or interrupted by a signal (SIGTERM, SIGHUP, SIGINT raise ``BulkImportError``
    in the block; the import tool, a child process, is killed by ``subprocess.run``). A signal
    during the restart lets the restart finish, then ends the command."""
    received: list[signal.Signals] = []
    restarting = False

    def interrupted(number: int, _: FrameType | None) -> None:
        received.append(signal.Signals(number))
        if not restarting:
            raise BulkImportError(f"stopped by {received[-1].name}; the server was started again "
                                  "on the store it had before the import")

    in_main_thread = threading.current_thread() is threading.main_thread()  # signals need it
    previous = {sig: signal.signal(sig, interrupted) for sig in _STOPPING_SIGNALS} if in_main_thread else {}
    try:
        stop_server(settings)
        yield
    finally:
        restarting = True
        try:
            start_server(settings)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    if received:  # came during the restart, after the block was done
        raise BulkImportError(f"stopped by {received[-1].name} after the import; the server runs")


def bulk_import(settings: Settings, files: BulkFiles, work_dir: Path) -> ImportOutcome:
    """Import into the (running, empty) local server's database; the server runs again after."""
    phases: list[tuple[str, float]] = []
    started = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal started
        now = time.perf_counter()
        phases.append((phase, now - started))
        started = now

    require_empty(settings)  # again: something may have written while the CSVs were made
    with server_stopped(settings):
        replaced = last_transaction(settings, work_dir)
        lap("stop server")
        with store_set_aside(settings):
            outcome = run_import_tool(settings, files, work_dir)
        imported = last_transaction(settings, work_dir)
        lap("neo4j-admin import")
    lap("start server")
    with create_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database, backfill=False)  # the CSVs carry the keys
        lap("schema (constraints, indexes)")
        if replaced is not None and imported is not None:
            # Drivers that were connected before (a running API) hold bookmarks of the replaced
            # store; its transaction ids go on in the new one, so those stay satisfiable.
            continue_transaction_ids(driver, settings.neo4j_database, replaced - imported)
            lap("continue transaction ids")
        rebuild(driver, settings.neo4j_database)
        lap("happenings")
    outcome.phases = phases
    return outcome
