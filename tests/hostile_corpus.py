"""The hostile-input corpus: native files, RDF files and HTTP requests meant to break the service.

Each native file comes with what loading it must give: the ids that load, and the (line, field)
of each error. RDF files may name ``{SERVER}``, a local HTTP server the test runs to see whether
anything reaches out to it (nothing may). HTTP requests come with the statuses they may get.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

ACTOR = {"record": "actor", "id": "good_state", "name": "Good State", "kind": "state"}


def line(record: dict[str, object]) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode() + b"\n"


def actor(identifier: str, **changes: object) -> dict[str, object]:
    return {**ACTOR, "id": identifier, "name": identifier.replace("_", " ").title(), **changes}


def deep(depth: int, opener: bytes = b"[", closer: bytes = b"]") -> bytes:
    return opener * depth + closer * depth


def deep_object(depth: int) -> bytes:
    """``{"a":{"a":...{"a":1}...}}``, ``depth`` objects deep."""
    return b'{"a":' * depth + b"1" + b"}" * depth


EVENT = {"record": "event", "id": "ev:hostile", "type": "telephone_call", "when": {"start": "2025-01-02"},
         "participants": [{"actor": "good_state", "role": "participant"}], "title": "Call",
         "summary": "A call.", "claims": [{"source": "src:hostile", "quote": "q", "language": "en"}]}
SOURCE = {"record": "source", "id": "src:hostile", "publisher": "P", "url": "https://example.org/h",
          "published": "2025-01-02", "language": "en"}


@dataclass(frozen=True)
class NativeCase:
    name: str
    content: bytes
    loads: set[str]
    errors: list[tuple[int, str]] = field(default_factory=list)


def _event(**changes: object) -> bytes:
    return line({**EVENT, **changes})


NATIVE_FILES: list[NativeCase] = [
    NativeCase("bom.jsonl", b"\xef\xbb\xbf" + line(actor("a_state")) + line(actor("b_state")),
               {"a_state", "b_state"}),
    NativeCase("bom.json", b"\xef\xbb\xbf[" + line(actor("a_state")) + b"]", {"a_state"}),
    NativeCase("bad_byte.jsonl", line(actor("a_state")) + b'{"record": "actor", "id": "x\xff"}\n'
               + line(actor("b_state")), {"a_state", "b_state"}, [(2, "(json)")]),
    NativeCase("bad_byte.json", b"[" + line(actor("a_state")) + b',{"id": "\xc3"},' + line(actor("b_state"))
               + b"]", {"a_state", "b_state"}, [(2, "(json)")]),
    NativeCase("unclosed.json", b"[\n" + line(actor("a_state")) + b"," + line(actor("b_state")),
               {"a_state", "b_state"}, [(3, "(json)")]),
    NativeCase("unclosed_in_record.json", b"[\n" + line(actor("a_state")) + b',{"record": "actor",\n',
               {"a_state"}, [(3, "(json)")]),
    NativeCase("trailing.json", b"[" + line(actor("a_state")) + b"] {}", {"a_state"}, [(2, "(json)")]),
    NativeCase("not_array.json", line(actor("a_state")), set(), [(1, "(json)")]),
    NativeCase("deep_array.jsonl", line(actor("a_state")) + deep(10_000) + b"\n" + line(actor("b_state")),
               {"a_state", "b_state"}, [(2, "(json)")]),
    NativeCase("deep_object.json",
               b"[" + line(actor("a_state")) + b"," + deep_object(5_000) + b","
               + line(actor("b_state")) + b"]",
               {"a_state", "b_state"}, [(2, "(json)")]),
    NativeCase("deep_in_field.jsonl",
               line(actor("a_state", external_ids=json.loads(deep_object(60))))
               + line(actor("b_state")), {"b_state"}, [(1, "external_ids.a")]),
    NativeCase("huge_int.jsonl", b'{"record": "actor", "id": "x", "n": 1' + b"0" * 5000 + b"}\n"
               + line(actor("b_state")), {"b_state"}, [(1, "(json)")]),
    NativeCase("nan.jsonl", line(actor("good_state")) + line(SOURCE) + _event(
        quantities=[{"what": "x", "value": float("nan")}]), {"good_state", "src:hostile"},
        [(3, "quantities[0].value")]),
    NativeCase("infinity.jsonl", line(actor("good_state")) + line(SOURCE) + _event(intensity=float("inf")),
               {"good_state", "src:hostile"}, [(3, "intensity")]),
    NativeCase("overflow.jsonl", line(actor("good_state")) + line(SOURCE)
               + _event().replace(b'"title"', b'"quantities": [{"what": "x", "value": 1e400}], "title"'),
               {"good_state", "src:hostile"}, [(3, "quantities[0].value")]),
    NativeCase("control_name.jsonl", line(actor("a_state", name="A\u0000B")) + line(actor("b_state")),
               {"b_state"}, [(1, "name")]),
    NativeCase("control_alias.jsonl", line(actor("a_state", aliases=["ok", "bell\u0007"])), set(),
               [(1, "aliases")]),
    NativeCase("control_quote.jsonl", line(actor("good_state")) + line(SOURCE) + _event(
        claims=[{"source": "src:hostile", "quote": "esc\u001b[31m", "language": "en"}]),
        {"good_state", "src:hostile"}, [(3, "claims[0].quote")]),
    NativeCase("control_note.jsonl", line(actor("good_state")) + line(SOURCE) + _event(
        when={"start": "2025", "note": "x\u000b"}), {"good_state", "src:hostile"}, [(3, "when")]),
    NativeCase("lone_surrogate.jsonl", b'{"record": "actor", "id": "a_state", "name": "\\ud800", '
               b'"kind": "state"}\n', set(), [(1, "name")]),
    NativeCase("newline_and_tab_allowed.jsonl", line(actor("a_state", description="two\nlines\tand a tab")),
               {"a_state"}),
    NativeCase("long_name.jsonl", line(actor("a_state", name="x" * 50_001)), set(), [(1, "name")]),
    NativeCase("overlong_line.jsonl", b'{"record": "actor", "name": "' + b"x" * 4_100_000 + b'"}\n'
               + line(actor("b_state")), {"b_state"}, [(1, "(json)")]),
    NativeCase("missing_comma.json", b"[" + line(actor("a_state")) + line(actor("b_state")) + b"]",
               {"a_state"}, [(2, "(json)")]),
    NativeCase("scalar_records.jsonl", b"1\n\"text\"\nnull\n[]\n" + line(actor("b_state")), {"b_state"},
               [(1, "(record)"), (2, "(record)"), (3, "(record)"), (4, "(record)")]),
    NativeCase("cypher_in_id.jsonl", line(actor("a_state", name="x' }) DETACH DELETE n //"))
               + line({**ACTOR, "id": "x}) MATCH (n) DETACH DELETE n"}), {"a_state"}, [(2, "id")]),
    NativeCase("empty.json", b"", set(), [(1, "(json)")]),
    NativeCase("only_whitespace.jsonl", b"\n \n\t\n", set()),
]

_XML_HEAD = b'<?xml version="1.0"?>\n'
_RDF_OPEN = b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">'
_LAUGHS = b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10 if i else b"lol") for i in range(10))

#: RDF files, by name (the extension names the format); ``{SERVER}`` is the watching server.
RDF_FILES: dict[str, bytes] = {
    "remote_context.jsonld": b'{"@context": "http://{SERVER}/context.jsonld", "@id": "ex:a", "name": "A"}',
    "remote_context_list.jsonld": b'{"@context": [{"ex": "http://ex.org/"}, "http://{SERVER}/c"], '
                                  b'"@id": "ex:a"}',
    "file_context.jsonld": b'{"@context": "file:///etc/passwd", "@id": "http://ex.org/a"}',
    "relative_context.jsonld": b'{"@context": "context.jsonld", "@id": "http://ex.org/a"}',
    "import_context.jsonld": b'{"@context": {"@import": "http://{SERVER}/imported", "ex": "http://ex.org/"},'
                             b' "@id": "ex:a"}',
    "scoped_context.jsonld": b'{"@context": {"ex": "http://ex.org/", "p": {"@id": "ex:p", '
                             b'"@context": "http://{SERVER}/scoped"}}, "@id": "ex:a", "p": {"@id": "ex:b"}}',
    "nested_node_context.jsonld": b'{"@graph": [{"@context": "http://{SERVER}/inner", "@id": "http://ex.org/a"}]}',
    "deep.jsonld": b'{"@graph": ' + deep(10_000) + b"}",
    "not_json.jsonld": b'{"@context": ',
    "xxe_http.rdf": _XML_HEAD + b'<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "http://{SERVER}/xxe">]>\n'
                    + _RDF_OPEN + b'<rdf:Description rdf:about="http://ex.org/a"><ex:p>&x;</ex:p>'
                    b"</rdf:Description></rdf:RDF>",
    "xxe_file.rdf": _XML_HEAD + b'<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                    + _RDF_OPEN + b'<rdf:Description rdf:about="http://ex.org/a"><ex:p>&x;</ex:p>'
                    b"</rdf:Description></rdf:RDF>",
    "external_dtd.rdf": _XML_HEAD + b'<!DOCTYPE rdf:RDF SYSTEM "http://{SERVER}/dtd">\n' + _RDF_OPEN
                        + b"</rdf:RDF>",
    "parameter_entity.rdf": _XML_HEAD + b'<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "http://{SERVER}/pe">'
                            b" %p;]>\n" + _RDF_OPEN + b"</rdf:RDF>",
    "billion_laughs.rdf": _XML_HEAD + b"<!DOCTYPE rdf:RDF [" + _LAUGHS + b"]>\n" + _RDF_OPEN
                          + b'<rdf:Description rdf:about="http://ex.org/a"><ex:p>&lol9;</ex:p>'
                          b"</rdf:Description></rdf:RDF>",
    "quadratic_blowup.rdf": _XML_HEAD + b'<!DOCTYPE rdf:RDF [<!ENTITY a "' + b"x" * 50_000 + b'">]>\n'
                            + _RDF_OPEN + b'<rdf:Description rdf:about="http://ex.org/a"><ex:p>'
                            + b"&a;" * 50_000 + b"</ex:p></rdf:Description></rdf:RDF>",
    "ill_formed.rdf": _XML_HEAD + _RDF_OPEN + b"<rdf:Description>",
    "utf16_doctype.rdf": ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM '
                          '"file:///etc/passwd">]><r>&x;</r>').encode("utf-16"),
    "bad_turtle.ttl": b"@prefix ex: <http://ex.org/> .\nex:a ex:p ",
    "deep_turtle.ttl": b"@prefix ex: <http://ex.org/> .\nex:a ex:p " + deep(5_000, b"[ ex:p ", b"]")
                       + b" .\n",
    "deep_collection.ttl": b"@prefix ex: <http://ex.org/> .\nex:a ex:p " + deep(5_000, b"(", b")") + b" .\n",
    "prefix_to_server.ttl": b"@base <http://{SERVER}/base/> .\n@prefix ex: <http://{SERVER}/ns#> .\n"
                            b"<a> ex:p <b> .\n",
    "bad_bytes.nt": b'<http://ex.org/a> <http://ex.org/p> "\xff\xfe" .\n',
    "control_character_literal.nt": b'<http://ex.org/a> <http://ex.org/p> "a\\u0000b" .\n',
    "empty.ttl": b"",
}

#: HTTP requests: (method, path, params, headers, body), and the statuses allowed.
HTTP_REQUESTS: list[tuple[str, str, dict[str, str], dict[str, str], bytes | None, set[int]]] = [
    ("GET", "/events", {"known_as_of": "0"}, {}, None, {422}),
    ("GET", "/events", {"known_as_of": "1700000000"}, {}, None, {422}),
    ("GET", "/events", {"since": "2025", "as_of": "2025-01-01"}, {}, None, {422}),
    ("GET", "/events", {"cursor": "' OR 1=1 //"}, {}, None, {422}),
    ("GET", "/events", {"cursor": "A" * 5000}, {}, None, {422}),
    ("GET", "/events", {"actor": "x') DETACH DELETE n //"}, {}, None, {200}),
    ("GET", "/events", {"limit": "1e400"}, {}, None, {422}),
    ("GET", "/events", {"limit": "NaN"}, {}, None, {422}),
    ("GET", "/events", {"since": "\u0000"}, {}, None, {422}),
    ("GET", "/actors", {"q": "*:* OR name:/.*/"}, {}, None, {200}),
    ("GET", "/actors", {"q": "\u0000\u0001"}, {}, None, {200}),
    ("GET", "/actors/%00", {}, {}, None, {404}),
    ("GET", "/actors/..%2F..%2Fetc%2Fpasswd", {}, {}, None, {404}),
    ("GET", "/paths", {"from": "prk", "to": "rus", "max_hops": "999"}, {}, None, {422}),
    ("GET", "/network", {"limit": "-1"}, {}, None, {422}),
    ("GET", "/network", {"format": "graphml', 'x"}, {}, None, {422}),
    ("GET", "/export/rdf", {}, {"Accept": "text/html"}, None, {406}),
    ("GET", "/export/rdf", {"actor": "no_such"}, {}, None, {404}),
    ("GET", "/analytics/centrality", {"until": "9999-12-31"}, {}, None, {200}),
    ("POST", "/events", {}, {}, b"[]", {401}),
    ("POST", "/events", {}, {"X-API-Key": "wrong"}, b"[]", {401}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b"[" * 10_000 + b"]" * 10_000, {422}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b"[" + deep_object(5_000) + b"]", {422}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b'{"record": "actor"}', {422}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b"[1, 2", {422}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b'["\xff"]', {422}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b"[1" + b"0" * 5000 + b"]", {422}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b"x" * 200_000, {413}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b'[{"record": "actor", "id": "nan_state", '
     b'"name": "N\\u0000", "kind": "state"}]', {200}),
    ("POST", "/events", {}, {"X-API-Key": "{KEY}"}, b"\xef\xbb\xbf[]", {200}),
]
