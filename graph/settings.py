"""One settings object for the whole service, read from the environment.

Neo4j's own variables keep their conventional names (``NEO4J_URI``, ``NEO4J_USER``,
``NEO4J_PASSWORD``); everything else is prefixed ``GEOKG_``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_neo4j_home() -> Path:
    """``.neo4j`` beside the source checkout; for an installed package, under the user's home."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / ".neo4j"
    return Path.home() / ".geokg" / "neo4j"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GEOKG_", extra="ignore")

    neo4j_uri: str = Field(
        "bolt://127.0.0.1:7687", validation_alias=AliasChoices("NEO4J_URI", "GEOKG_NEO4J_URI")
    )
    neo4j_user: str = Field(
        "neo4j", validation_alias=AliasChoices("NEO4J_USER", "GEOKG_NEO4J_USER")
    )
    neo4j_password: SecretStr = Field(
        SecretStr("geokg-dev-password"),
        validation_alias=AliasChoices("NEO4J_PASSWORD", "GEOKG_NEO4J_PASSWORD"),
    )
    neo4j_database: str = "neo4j"
    # How long a managed write transaction retries transient errors (deadlocks) before failing.
    neo4j_retry_s: float = 10.0
    # How long a loader's batch is retried (deadlocks, Neo4j away) before the load stops and
    # reports what it wrote: longer than the API's, since a write must not be lost.
    neo4j_write_retry_s: float = 60.0
    # Reads are tried once: while Neo4j is away, answer 503 at once rather than retry.
    neo4j_read_retry_s: float = 0.0
    neo4j_connect_timeout_s: float = 2.0
    # Waiting for a free pooled connection (or a new one), at most.
    neo4j_acquisition_timeout_s: float = 3.0

    # The locally provisioned server (``geokg neo4j start``).
    neo4j_home: Path = Field(default_factory=_default_neo4j_home)
    neo4j_version: str = "5.26.30"
    neo4j_http_port: int = 7474
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "2g"
    neo4j_start_timeout_s: float = 180.0
    # The bulk import's neo4j-admin JVM: its heap, and the memory its import tool may take besides
    # (its own default, 90% of the free memory, made the process 4.9 GiB for 1M events).
    bulk_import_heap: str = "512m"
    bulk_import_off_heap: str = "512m"

    # Loading and querying. Records per write transaction: 500 measured best (200, 2,000 and
    # 5,000 no faster, the larger ones slower), with bench/load_speed.py --batch-size.
    batch_size: int = 500
    # ``geokg sync gdelt``: where GDELT 2.0's lists and files are (a mirror or a local copy,
    # ``file://`` included), how long a download may stall, and how often it is tried again.
    gdelt_base_url: str = "http://data.gdeltproject.org/gdeltv2/"
    gdelt_timeout_s: float = 60.0
    gdelt_retries: int = 4
    query_timeout_s: float = 15.0
    max_post_bytes: int = 20_000_000

    # HTTP API.
    api_key: SecretStr | None = None
    # When set, reads need X-API-Key equal to it (or to api_key); /health, the docs and the
    # Browser guide and style stay open.
    read_api_key: SecretStr | None = None
    # Origins allowed to call the API from a web page (comma-separated), none by default.
    cors_origins: str = ""
    # The address clients reach the API at (e.g. https://api.example.org), which redirects are
    # built on; without it a redirect's Location is a path. Never the request's Host header.
    public_url: str = ""
    # What a client may send, and how slowly (api.http_server): a request head's line and the
    # whole head, at most (431 beyond), the seconds its head may take from its first byte (or from
    # connecting; 408 beyond) and its body from the end of its head (the connection is closed
    # beyond), and an idle kept-alive connection lasts.
    http_max_header_line_bytes: int = 16_384
    http_max_header_bytes: int = 65_536
    http_header_timeout_s: float = 10.0
    http_body_timeout_s: float = 120.0
    http_keep_alive_s: int = 5
    # The largest RDF file `geokg import rdf` parses, how long and in how much memory.
    rdf_max_bytes: int = 50_000_000
    rdf_parse_timeout_s: float = 300.0
    rdf_max_memory_mb: int = 4096
    base_iri: str = "https://geokg.example.org/"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
