"""Layout of the local Neo4j home, its ``neo4j.conf`` and the JVM command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from graph.settings import Settings

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
LOOPBACK = "127.0.0.1"
DEFAULT_BOLT_PORT = 7687

# What the official launcher (``neo4j console``) passes, taken from the default neo4j.conf
# of 5.26 (``server.jvm.additional``) plus what its Bootloader adds itself (-Xms/-Xmx,
# file.encoding). Left out on purpose: -XX:+AlwaysPreTouch, which commits the whole heap up
# front and makes a shared dev machine pay for memory the server may never use.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)


class ServerError(Exception):
    """The local Neo4j server could not be provisioned, started or stopped."""


@dataclass(frozen=True)
class Layout:
    """Where everything lives under the Neo4j home (``settings.neo4j_home``)."""

    home: Path

    @classmethod
    def of(cls, settings: Settings) -> Layout:
        return cls(Path(settings.neo4j_home).expanduser().resolve())

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def lib_dir(self) -> Path:
        return self.home / "lib"

    @property
    def plugins_dir(self) -> Path:
        return self.home / "plugins"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    @property
    def import_dir(self) -> Path:
        return self.home / "import"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "neo4j.pid"

    @property
    def lock_file(self) -> Path:
        return self.run_dir / "geokg.lock"

    @property
    def marker_file(self) -> Path:
        """Written after a complete provisioning; records what was provisioned."""
        return self.lib_dir / ".geokg-provisioned"

    @property
    def user_log(self) -> Path:
        return self.logs_dir / "neo4j.log"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def provision_log(self) -> Path:
        return self.logs_dir / "provision.log"

    @property
    def system_db_dir(self) -> Path:
        """Exists once the server has started at least once (the password is then fixed)."""
        return self.data_dir / "databases" / "system"

    def classpath(self) -> str:
        # Same order as the official launcher: plugins, conf, lib.
        return ":".join(f"{d}/*" for d in (self.plugins_dir, self.conf_dir, self.lib_dir))

    def has_apoc(self) -> bool:
        return any(self.plugins_dir.glob("apoc-core-*.jar"))


#: URI schemes of the local server: direct (``bolt``) or routing (``neo4j``, as for a cluster);
#: it listens without TLS, so not ``+s``/``+ssc``.
LOCAL_SCHEMES = {"bolt", "neo4j"}


def bolt_port(uri: str) -> int:
    """The port of ``settings.neo4j_uri``; the server is only ever local, so refuse others."""
    parts = urlsplit(uri)
    if parts.scheme not in LOCAL_SCHEMES:
        raise ServerError(
            f"NEO4J_URI {uri!r}: the local server takes bolt:// or neo4j:// (it has no TLS)"
        )
    if parts.hostname not in {LOOPBACK, "localhost"}:
        raise ServerError(
            f"NEO4J_URI {uri!r} does not point at this machine; the local server listens on {LOOPBACK} only"
        )
    return parts.port or DEFAULT_BOLT_PORT


def browser_url(settings: Settings) -> str:
    return f"http://{LOOPBACK}:{settings.neo4j_http_port}/browser/"


def render_config(settings: Settings, layout: Layout) -> str:
    """The whole ``neo4j.conf``: loopback only, auth on, every directory under the home."""
    port = bolt_port(settings.neo4j_uri)
    lines = [
        "# Written by graph/server (geokg); regenerated on every start, edits are lost.",
        f"server.default_listen_address={LOOPBACK}",
        f"server.default_advertised_address={LOOPBACK}",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=:{port}",
        f"server.bolt.advertised_address=:{port}",
        "server.http.enabled=true",
        f"server.http.listen_address=:{settings.neo4j_http_port}",
        f"server.http.advertised_address=:{settings.neo4j_http_port}",
        "server.https.enabled=false",
        f"server.memory.heap.initial_size={settings.neo4j_heap}",
        f"server.memory.heap.max_size={settings.neo4j_heap}",
        f"server.memory.pagecache.size={settings.neo4j_pagecache}",
        f"server.directories.data={layout.data_dir}",
        f"server.directories.logs={layout.logs_dir}",
        f"server.directories.plugins={layout.plugins_dir}",
        f"server.directories.run={layout.run_dir}",
        f"server.directories.import={layout.import_dir}",
        f"server.directories.lib={layout.lib_dir}",
        f"initial.dbms.default_database={settings.neo4j_database}",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        # Hosts the Browser may fetch `:play` guides and `:style` files from (the API's guide).
        "browser.remote_content_hostname_whitelist=guides.neo4j.com,localhost,127.0.0.1",
    ]
    if layout.has_apoc():
        lines.append("dbms.security.procedures.unrestricted=apoc.*")
    return "\n".join(lines) + "\n"


def write_config(settings: Settings, layout: Layout) -> Path:
    for directory in (
        layout.conf_dir,
        layout.data_dir,
        layout.logs_dir,
        layout.plugins_dir,
        layout.run_dir,
        layout.import_dir,
    ):
        directory.mkdir(parents=True, exist_ok=True)
    layout.conf_file.write_text(render_config(settings, layout), encoding="utf-8")
    return layout.conf_file


def java_command(java: str, settings: Settings, layout: Layout) -> list[str]:
    """The command line that runs the server in the foreground of its own process."""
    return [
        java,
        "-cp",
        layout.classpath(),
        f"-Xms{settings.neo4j_heap}",
        f"-Xmx{settings.neo4j_heap}",
        *JVM_FLAGS,
        MAIN_CLASS,
        f"--home-dir={layout.home}",
        f"--config-dir={layout.conf_dir}",
    ]
