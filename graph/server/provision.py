"""Fill ``<home>/lib`` and ``<home>/plugins`` from Maven Central, and set the first password.

Maven does the resolving (``pom.xml`` beside this file), so the only prerequisites are a
JDK/JRE 17+ and ``mvn``; the artifacts are cached in ``~/.m2`` like any other build's.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from graph.server.config import ADMIN_CLASS, Layout, ServerError
from graph.settings import Settings

log = logging.getLogger(__name__)

POM = Path(__file__).with_name("pom.xml")
MIN_JAVA = 17
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length default
MAVEN_TIMEOUT_S = 1800.0
ADMIN_TIMEOUT_S = 120.0


def find_java() -> str:
    """The ``java`` to run Neo4j with: ``$JAVA_HOME/bin/java`` first, then the PATH."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    java = str(candidate) if candidate and candidate.is_file() else shutil.which("java")
    if java is None:
        raise ServerError(
            f"Java {MIN_JAVA} not found: install openjdk-{MIN_JAVA}-jre-headless (or set JAVA_HOME)"
        )
    major = java_major_version(java)
    if major < MIN_JAVA:
        raise ServerError(
            f"{java} is Java {major}, Neo4j 5 needs Java {MIN_JAVA} or 21: "
            f"install openjdk-{MIN_JAVA}-jre-headless (or set JAVA_HOME)"
        )
    return java


def java_major_version(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False, timeout=60)
    # e.g. 'openjdk version "17.0.15" 2025-04-15' or, before Java 9, 'version "1.8.0_392"'
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if match is None:
        raise ServerError(f"could not tell the version of {java}: {out.stderr.strip()!r}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def find_mvn() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("mvn not found: install maven (it fetches Neo4j from Maven Central)")
    return mvn


def provision_stamp(settings: Settings) -> str:
    """What the marker file must hold for ``lib/`` to count as complete and current.

    The pom's hash is part of it so that changing the Browser or APOC version in the pom
    provisions again, just as changing ``neo4j_version`` does.
    """
    pom_hash = hashlib.sha256(POM.read_bytes()).hexdigest()[:16]
    return f"neo4j={settings.neo4j_version} pom={pom_hash}\n"


def is_provisioned(settings: Settings, layout: Layout) -> bool:
    marker = layout.marker_file
    return marker.is_file() and marker.read_text(encoding="utf-8") == provision_stamp(settings)


def provision(settings: Settings, layout: Layout) -> bool:
    """Copy the server's jars into the home unless already done; True if Maven ran."""
    if is_provisioned(settings, layout):
        return False
    mvn = find_mvn()
    # lib/ and plugins/ belong to the provisioning: clear them so that jars of another
    # version never share the classpath. Data, logs and conf are left alone.
    for managed in (layout.lib_dir, layout.plugins_dir):
        shutil.rmtree(managed, ignore_errors=True)
    layout.logs_dir.mkdir(parents=True, exist_ok=True)
    command = [
        mvn,
        "-B",
        "-q",
        "-f",
        str(POM),
        f"-Dneo4j.version={settings.neo4j_version}",
        f"-Dneo4j.home={layout.home}",
        "generate-resources",
    ]
    log.info(
        "provisioning Neo4j %s into %s (Maven log: %s)",
        settings.neo4j_version,
        layout.home,
        layout.provision_log,
    )
    with layout.provision_log.open("w", encoding="utf-8") as out:
        try:
            result = subprocess.run(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=layout.home,
                check=False,
                timeout=MAVEN_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as exc:
            raise ServerError(
                f"Maven did not finish provisioning within {MAVEN_TIMEOUT_S:.0f} s; "
                f"see {layout.provision_log}"
            ) from exc
    if result.returncode != 0:
        raise ServerError(
            f"Maven could not provision Neo4j {settings.neo4j_version} (exit "
            f"{result.returncode}); see {layout.provision_log}:\n{log_tail(layout.provision_log)}"
        )
    if not any(layout.lib_dir.glob(f"neo4j-{settings.neo4j_version}.jar")):
        raise ServerError(f"Maven ran but {layout.lib_dir} holds no Neo4j jar")
    layout.marker_file.write_text(provision_stamp(settings), encoding="utf-8")
    return True


def set_initial_password(java: str, settings: Settings, layout: Layout) -> bool:
    """Give user ``neo4j`` its password before the very first start; True if it was set.

    Neo4j reads it (``data/dbms/auth.ini``) only when it creates the system database,
    so once the server has run this is a no-op and the old password stays.
    """
    if layout.system_db_dir.exists():
        return False
    password = settings.neo4j_password.get_secret_value()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServerError(f"NEO4J_PASSWORD must be at least {MIN_PASSWORD_LENGTH} characters for Neo4j")
    env = {**os.environ, "NEO4J_HOME": str(layout.home), "NEO4J_CONF": str(layout.conf_dir)}
    result = subprocess.run(
        [java, "-cp", f"{layout.lib_dir}/*", ADMIN_CLASS, "dbms", "set-initial-password", password],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=ADMIN_TIMEOUT_S,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:]
        raise ServerError(f"neo4j-admin dbms set-initial-password failed: {' '.join(detail)}")
    return True


def log_tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
