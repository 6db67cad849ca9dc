"""The hostile-input corpus (``tests/hostile_corpus.py``) against the loader, the RDF import and
the HTTP API: clear errors naming the record, nothing valid lost, nothing fetched, no traceback."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings, get_settings
from loaders.native import iter_native
from loaders.records import LocatedRecord
from tests.api_server import serve_api
from tests.hostile_corpus import HTTP_REQUESTS, NATIVE_FILES, RDF_FILES, NativeCase
from tests.test_loader import count


@pytest.mark.parametrize("case", NATIVE_FILES, ids=lambda case: case.name)
def test_a_hostile_native_file_loses_only_its_bad_records(case: NativeCase, tmp_path: Path):
    path = tmp_path / case.name
    path.write_bytes(case.content)
    items = list(iter_native(path))
    loaded = {str(item.record.id) for item in items if isinstance(item, LocatedRecord)}
    errors = [(item.line, item.field) for item in items if not isinstance(item, LocatedRecord)]
    assert loaded == case.loads
    assert sorted(set(errors)) == sorted(case.errors), [str(i) for i in items]


class WatchingServer(http.server.ThreadingHTTPServer):
    """A local HTTP server that serves a valid JSON-LD context and remembers every request."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                server.requests.append(self.path)
                body = b'{"@context": {"name": "http://schema.org/name"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture(scope="module")
def watching_server() -> Iterator[WatchingServer]:
    server = WatchingServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


#: What the import says for each RDF file (every one of them is refused or loads nothing bad).
RDF_REFUSALS = {
    "remote_context.jsonld": "never fetched", "remote_context_list.jsonld": "never fetched",
    "file_context.jsonld": "never fetched", "relative_context.jsonld": "never fetched",
    "import_context.jsonld": "never fetched", "scoped_context.jsonld": "never fetched",
    "nested_node_context.jsonld": "never fetched", "deep.jsonld": "nested deeper",
    "not_json.jsonld": "not valid jsonld: not JSON", "xxe_http.rdf": "DOCTYPE", "xxe_file.rdf": "DOCTYPE",
    "external_dtd.rdf": "DOCTYPE", "parameter_entity.rdf": "DOCTYPE", "billion_laughs.rdf": "DOCTYPE",
    "quadratic_blowup.rdf": "DOCTYPE", "ill_formed.rdf": "not well-formed", "utf16_doctype.rdf": "DOCTYPE",
    "bad_turtle.ttl": "not valid turtle", "deep_turtle.ttl": "not valid turtle",
    "deep_collection.ttl": "not valid turtle", "bad_bytes.nt": "not valid ntriples",
}


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_a_hostile_rdf_file_is_refused_without_reaching_out(
    name: str, empty_graph: Driver, watching_server: WatchingServer, tmp_path: Path
):
    path = tmp_path / name
    server = f"127.0.0.1:{watching_server.server_address[1]}"
    path.write_bytes(RDF_FILES[name].replace(b"{SERVER}", server.encode()))
    (tmp_path / "context.jsonld").write_text('{"@context": {"name": "http://schema.org/name"}}')
    result = CliRunner().invoke(app, ["import", "rdf", str(path)])
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert watching_server.requests == []
    assert result.exit_code in (0, 2) and isinstance(result.exception, SystemExit | None), output
    assert "Traceback" not in output
    if name in RDF_REFUSALS:
        assert result.exit_code == 2 and RDF_REFUSALS[name] in " ".join(output.split()), output
    assert count(empty_graph, "MATCH (n) WHERE NOT n:EventType RETURN count(n)") == 0


def test_an_rdf_file_over_the_size_or_time_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    path = tmp_path / "big.nt"
    path.write_bytes(b"".join(b'<http://ex.org/s%d> <http://ex.org/p> "%d" .\n' % (i, i)
                              for i in range(200_000)))
    get_settings.cache_clear()
    try:
        monkeypatch.setenv("GEOKG_RDF_MAX_BYTES", "1000")
        result = CliRunner().invoke(app, ["import", "rdf", str(path)])
        assert result.exit_code == 2 and "GEOKG_RDF_MAX_BYTES" in result.output, result.output
        monkeypatch.setenv("GEOKG_RDF_MAX_BYTES", "100000000")
        monkeypatch.setenv("GEOKG_RDF_PARSE_TIMEOUT_S", "0.2")
        get_settings.cache_clear()
        result = CliRunner().invoke(app, ["import", "rdf", str(path)])
        assert result.exit_code == 2 and "GEOKG_RDF_PARSE_TIMEOUT_S" in result.output, result.output
    finally:
        get_settings.cache_clear()


def test_hostile_http_requests_get_a_clear_error_in_the_one_shape(seed_graph: Driver, settings: Settings):
    keyed = settings.model_copy(update={"api_key": SecretStr("h0stile-key"), "max_post_bytes": 100_000})
    with serve_api(keyed) as base_url, httpx.Client(base_url=base_url, timeout=60) as api:
        for method, path, params, headers, body, allowed in HTTP_REQUESTS:
            headers = {k: v.replace("{KEY}", "h0stile-key") for k, v in headers.items()}
            response = api.request(method, path, params=params, headers=headers, content=body)
            where = f"{method} {path} {params} {(body or b'')[:40]!r}"
            assert response.status_code in allowed, (where, response.status_code, response.text[:300])
            assert "Traceback" not in response.text
            if response.status_code >= 400:
                detail = response.json()["detail"]
                assert detail and all({"loc", "msg", "type"} <= set(d) for d in detail), (where, detail)
    assert count(seed_graph, "MATCH (a:Actor {id: 'nan_state'}) RETURN count(a)") == 0
