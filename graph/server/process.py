"""Start, stop and inspect the detached local Neo4j server."""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from graph.server.config import (
    LOOPBACK,
    MAIN_CLASS,
    Layout,
    ServerError,
    bolt_port,
    browser_url,
    java_command,
    render_config,
    write_config,
)
from graph.server.provision import find_java, log_tail, provision, set_initial_password
from graph.settings import Settings

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 60.0
POLL_S = 0.5
PROBE_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    version: str | None
    home: Path
    config_stale: bool = False
    """The running server was started with another neo4j.conf than these settings give."""


class _PasswordRefused(Exception):
    """Bolt answered but refused the configured credentials."""


def server_status(settings: Settings) -> ServerStatus:
    """Running means: the pid in the pid file is our server process AND Bolt answers.

    ``version`` is what the server reports; it is None when not running or when the
    configured password is refused.
    """
    layout = Layout.of(settings)
    pid = _live_pid(layout)
    running, version = False, None
    if pid is not None:
        try:
            version = _probe(settings)
            running = version is not None
        except _PasswordRefused:
            running = True
    return _status(settings, layout, pid if running else None, running, version)


def start_server(settings: Settings) -> ServerStatus:
    """Provision if needed, then start the server detached and wait until Bolt answers.

    Idempotent: a server that is already running (or still starting) is waited for and
    returned rather than started twice.
    """
    layout = Layout.of(settings)
    layout.run_dir.mkdir(parents=True, exist_ok=True)
    with _lock(layout):
        pid = _live_pid(layout)
        if pid is None:
            pid = _launch(settings, layout)
        version = _wait_for_bolt(settings, layout, pid)
        return _status(settings, layout, pid, True, version)


def stop_server(settings: Settings) -> bool:
    """SIGTERM the server's process group, SIGKILL after 60 s; True if one was running."""
    layout = Layout.of(settings)
    if not layout.run_dir.is_dir():  # never provisioned or started here: nothing to stop or make
        return False
    with _lock(layout):
        pid = _live_pid(layout)
        if pid is None:
            layout.pid_file.unlink(missing_ok=True)
            return False
        log.info("stopping Neo4j (pid %d)", pid)
        _signal_group(pid, signal.SIGTERM)
        if not _wait_for_exit(pid, STOP_TIMEOUT_S):
            log.warning("Neo4j did not stop within %.0f s; killing it", STOP_TIMEOUT_S)
            _signal_group(pid, signal.SIGKILL)
            _wait_for_exit(pid, 10.0)
        layout.pid_file.unlink(missing_ok=True)
        return True


def _status(
    settings: Settings, layout: Layout, pid: int | None, running: bool, version: str | None
) -> ServerStatus:
    stale = running and (
        not layout.conf_file.is_file()
        or layout.conf_file.read_text(encoding="utf-8") != render_config(settings, layout)
    )
    return ServerStatus(
        running=running,
        pid=pid,
        bolt_uri=settings.neo4j_uri,
        browser_url=browser_url(settings),
        version=version,
        home=layout.home,
        config_stale=stale,
    )


def _launch(settings: Settings, layout: Layout) -> int:
    port = bolt_port(settings.neo4j_uri)
    for busy in (port, settings.neo4j_http_port):
        if _port_in_use(busy):
            raise ServerError(
                f"port {busy} on {LOOPBACK} is already in use by another process "
                f"(not the server in {layout.home}); stop it or change NEO4J_URI / "
                "GEOKG_NEO4J_HTTP_PORT"
            )
    java = find_java()
    provision(settings, layout)
    write_config(settings, layout)
    set_initial_password(java, settings, layout)
    with layout.console_log.open("ab") as console:
        # start_new_session: the server outlives this process and gets its own process
        # group, which stop_server signals as a whole.
        proc = subprocess.Popen(
            java_command(java, settings, layout),
            cwd=layout.home,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    # The server runs on after this Popen object is gone; marking it reaped keeps Python
    # from warning that a subprocess is "still running" when the object is collected.
    proc.returncode = 0
    layout.pid_file.write_text(f"{proc.pid}\n", encoding="utf-8")
    log.info("started Neo4j %s (pid %d), waiting for Bolt", settings.neo4j_version, proc.pid)
    return proc.pid


def _wait_for_bolt(settings: Settings, layout: Layout, pid: int) -> str:
    deadline = time.monotonic() + settings.neo4j_start_timeout_s
    while True:
        if not _alive(pid):
            layout.pid_file.unlink(missing_ok=True)
            raise ServerError(
                f"Neo4j exited during startup; see {layout.user_log} and "
                f"{layout.console_log}:\n{log_tail(layout.user_log)}"
            )
        try:
            version = _probe(settings)
        except _PasswordRefused as exc:
            raise ServerError(
                f"Neo4j is running but refused the password for user "
                f"{settings.neo4j_user!r}. The password is fixed when the database first "
                f"starts (kept in {layout.data_dir}); use that one in NEO4J_PASSWORD, or stop "
                f"the server and delete {layout.data_dir} to start over (all data is lost)."
            ) from exc
        if version is not None:
            return version
        if time.monotonic() >= deadline:
            raise ServerError(
                f"Neo4j did not answer on Bolt within {settings.neo4j_start_timeout_s:.0f} s; "
                f"see {layout.user_log} (it is still running as pid {pid}; "
                "stop it with stop_server)"
            )
        time.sleep(POLL_S)


def _probe(settings: Settings) -> str | None:
    """The server's version if it answers queries over Bolt, else None."""
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    try:
        with GraphDatabase.driver(
            settings.neo4j_uri,
            auth=auth,
            connection_timeout=PROBE_TIMEOUT_S,
            max_transaction_retry_time=0,  # the caller polls; the driver must not retry
        ) as driver:
            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
                database_=settings.neo4j_database,
            )
            return str(records[0]["version"])
    except AuthError as exc:
        raise _PasswordRefused from exc
    except (ServiceUnavailable, Neo4jError, OSError):
        # Not listening yet, or listening while the databases are still coming up.
        return None


def _live_pid(layout: Layout) -> int | None:
    """The pid from the pid file if that process is still our Neo4j server."""
    try:
        pid = int(layout.pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return pid if _is_our_server(pid) else None


def _is_our_server(pid: int) -> bool:
    """Whether ``pid`` is a live Neo4j JVM, not a pid the system has since reused."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return _alive(pid) and MAIN_CLASS.encode() in cmdline


def _alive(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie.

    Used for the process just launched: right after ``Popen`` returns, the child may
    still be inside ``exec`` with an empty ``/proc/<pid>/cmdline``.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    # The state follows the parenthesised command name, which may itself hold ")".
    return stat.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}


def _wait_for_exit(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        _reap(pid)
        if not _alive(pid):
            return True
        time.sleep(POLL_S)
    return False


def _reap(pid: int) -> None:
    """Collect the exit status if this very process started the server (no zombie)."""
    with suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pid, sig)


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((LOOPBACK, port)) == 0


@contextmanager
def _lock(layout: Layout) -> Iterator[None]:
    """Serialise start/stop across processes (the CLI and a test run may race)."""
    with layout.lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
