"""A client generated from the served OpenAPI schema by openapi-python-client, called against the
API on the real Neo4j: JSON, CSV, SVG and GraphML each come back as what the schema says.

The generator runs as a user would run it, into a temporary folder, with one setting: SVG and
GraphML are files to it (``content_type_overrides``, as the README says); it must finish without
a warning.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

import httpx
import networkx as nx
import pytest
from neo4j import Driver
from openapi_spec_validator import validate
from pydantic import SecretStr

from graph.settings import Settings
from tests.api_server import serve_api

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "geokg_client"  # what the generator names the package of an API titled "geokg"
CONFIG = """content_type_overrides:
  image/svg+xml: application/octet-stream
  application/graphml+xml: application/octet-stream
"""
WINDOW = {"since": "2024-01", "until": "2025-08"}
NATIVE_RECORDS = {"Actor", "Place", "Source", "Event", "Relationship"}


@pytest.fixture(scope="module")
def spec(settings: Settings) -> dict:
    """The schema as the running API serves it (no database needed to serve it)."""
    with serve_api(settings) as base_url:
        return httpx.get(f"{base_url}/openapi.json", timeout=30).json()


@pytest.fixture(scope="module")
def client_package(spec: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generated client package, imported from its temporary folder."""
    folder = tmp_path_factory.mktemp("generated-client")
    (folder / "openapi.json").write_text(json.dumps(spec), "utf-8")
    (folder / "config.yaml").write_text(CONFIG, "utf-8")
    run = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(folder / "openapi.json"), "--meta", "none",
         "--config", str(folder / "config.yaml"), "--output-path", str(folder / PACKAGE)],
        capture_output=True, text=True, timeout=300, cwd=folder,
        # The generator formats its output with ruff, found on PATH: the venv's, active or not.
        env={**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning" not in (run.stdout + run.stderr).lower(), run.stdout + run.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_the_schema_is_valid_openapi_with_one_media_type_per_response(spec: dict):
    validate(spec)  # openapi-spec-validator: raises on any fault
    ids = [operation["operationId"] for path in spec["paths"].values() for operation in path.values()]
    assert len(ids) == len(set(ids)), ids
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            for code, response in operation["responses"].items():
                # /export/rdf chooses its serialisation by `format` or `Accept` (see the README).
                media_types = len(response.get("content", {}))
                if path != "/export/rdf":
                    assert media_types == (0 if code.startswith("3") else 1), (path, code)
    series = spec["paths"]["/relationships/{a}/{b}/series.csv"]["get"]["responses"]["200"]["content"]
    assert list(series) == ["text/csv"]


def test_every_record_kind_of_a_post_requires_its_record_tag(spec: dict, client_package: ModuleType):
    body = spec["paths"]["/events"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    kinds = {ref["$ref"].rsplit("/", 1)[1] for ref in body["items"]["oneOf"]}
    assert kinds == NATIVE_RECORDS and body["items"]["discriminator"]["propertyName"] == "record"
    for kind in kinds:
        assert "record" in spec["components"]["schemas"][kind]["required"], kind
        # The generated model types an optional field as `… | Unset` and leaves it out of the
        # body when unset; a required one is always sent.
        tag = inspect.signature(getattr(module("models"), kind)).parameters["record"]
        assert "Unset" not in str(tag.annotation), (kind, tag)


def test_the_generated_client_gets_json_csv_svg_and_graphml(seed_graph: Driver, settings: Settings,
                                                            client_package: ModuleType):
    dyad_series = module("api.series.dyad_series")
    dyad_csv = module("api.series.dyad_series_csv")
    dyad_svg = module("api.series.dyad_series_svg")
    actor_csv = module("api.series.actor_series_csv")
    network = module("api.network.network")
    network_graphml = module("api.network.network_graphml")
    models = module("models")
    with serve_api(settings) as base_url:
        client = client_package.Client(base_url=base_url, timeout=httpx.Timeout(60))
        typed = dyad_series.sync("prk", "rus", client=client, **WINDOW)
        assert isinstance(typed, models.DyadSeriesView) and len(typed.buckets) == 20
        table = dyad_csv.sync("prk", "rus", client=client, **WINDOW)
        assert isinstance(table, str)
        rows = list(csv.DictReader(io.StringIO(table)))
        assert [(row["label"], int(row["events"])) for row in rows] == [
            (bucket.label, bucket.events) for bucket in typed.buckets]
        assert sum(bucket.events for bucket in typed.buckets) > 0

        chart = dyad_svg.sync("prk", "rus", client=client, **WINDOW)
        assert isinstance(chart, bytes)
        root = ElementTree.fromstring(chart)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        bars = {element.get("id") for element in root.iter()
                if (element.get("id") or "").startswith("quad-verbal_cooperation-")}
        assert bars == {f"quad-verbal_cooperation-{index}" for index in range(len(typed.buckets))}
        assert typed.a.name.encode() in chart and typed.b.name.encode() in chart

        per_series = actor_csv.sync("prk", client=client, top=1, **WINDOW)
        assert {row["series"] for row in csv.DictReader(io.StringIO(per_series))} == {"prk", "rus"}

        graph = network.sync(client=client, since="2025", until="2025")
        assert isinstance(graph, models.NetworkView)
        graphml = network_graphml.sync(client=client, since="2025", until="2025")
        read = nx.read_graphml(io.BytesIO(graphml))
        assert set(read.nodes) == {node.id for node in graph.nodes}

        missing = dyad_csv.sync_detailed("prk", "atlantis", client=client)
        assert missing.status_code == 404 and isinstance(missing.parsed, models.HTTPValidationError)
        assert "atlantis" in missing.parsed.detail[0].msg


def test_the_generated_client_posts_typed_records(changed_seed_graph: Driver, settings: Settings,
                                                  client_package: ModuleType):
    key = "generated-client-key"
    keyed = settings.model_copy(update={"api_key": SecretStr(key)})
    models = module("models")
    post_events = module("api.events.post_events")
    get_actor = module("api.actors.get_actor")
    actor = models.Actor(id="client_state", name="Client State", kind=models.ActorKind.STATE)
    with serve_api(keyed) as base_url:
        client = client_package.AuthenticatedClient(base_url=base_url, token=key, prefix="",
                                                    auth_header_name="X-API-Key")
        report = post_events.sync(client=client, body=[actor])
        assert isinstance(report, models.LoadReport) and report.errors == []
        assert report.counts["actor"].created == 1
        assert get_actor.sync("client_state", client=client).name == "Client State"
