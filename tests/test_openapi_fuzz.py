"""Schemathesis against the live API over real HTTP: every operation, every check, no failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
from neo4j import Driver
from pydantic import SecretStr

from graph.settings import Settings
from tests.api_server import serve_api

ROOT = Path(__file__).resolve().parent.parent


def test_the_schema_resolves_every_ref_and_declares_one_error_shape(api: httpx.Client):
    schema = api.get("/openapi.json").json()
    text = json.dumps(schema)
    refs = {part.split('"', 1)[0] for part in text.split('"$ref": "')[1:]}
    declared = {f"#/components/schemas/{name}" for name in schema["components"]["schemas"]}
    assert refs <= declared, refs - declared
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                # /health's 503 is its status report (HealthView), not an error of a request.
                if code.startswith(("4", "5")) and "content" in response and path != "/health":
                    shape = response["content"]["application/json"]["schema"]
                    assert shape == {"$ref": "#/components/schemas/HTTPValidationError"}, (path, method, code)


def test_schemathesis_finds_no_failure(seed_graph: Driver, settings: Settings):
    keyed = settings.model_copy(update={"api_key": SecretStr("fuzz-key-not-given")})
    with serve_api(keyed) as base_url:
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "run", f"{base_url}/openapi.json", "--checks", "all",
             "--max-examples", "15", "--seed", "7", "--no-color", "--request-timeout", "30"],
            capture_output=True, text=True, timeout=900, cwd=ROOT,
            env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks"},
        )
    summary = run.stdout[run.stdout.rfind("SUMMARY"):]
    print(summary)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "generated" in summary and "Failures:" not in summary, summary
