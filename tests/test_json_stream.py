"""The nesting limit at its boundary: a record MAX_DEPTH levels deep is parsed, one level more is
refused unparsed, in JSON Lines and in an array's elements alike, and strings never count."""

from __future__ import annotations

import io
import json

import pytest

from loaders.json_stream import MAX_DEPTH, JsonArrayReader, json_lines, nesting_depth


def nested(depth: int) -> bytes:
    """Arrays and objects ``depth`` levels deep, alternating, around a string of brackets (written
    as text: ``json.dumps`` itself recurses too deep for the largest)."""
    openers = [b'{"a": ' if level % 2 else b"[" for level in range(depth)]
    closers = [b"}" if level % 2 else b"]" for level in reversed(range(depth))]
    return b"".join(openers) + b'"[{ not structure }]"' + b"".join(closers)


@pytest.mark.parametrize("depth", [1, MAX_DEPTH - 1, MAX_DEPTH])
def test_a_record_up_to_the_limit_is_parsed(depth: int):
    data = nested(depth)
    assert nesting_depth(data) == depth
    expected = json.loads(data)
    [(line, value)] = list(json_lines(io.BytesIO(data + b"\n")))
    assert line == 1 and value == expected
    [(_, index, element)] = list(JsonArrayReader(io.BytesIO(b"[" + data + b"]")))
    assert index == 1 and element == expected


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, MAX_DEPTH * 100])
def test_one_level_more_is_refused_by_name(depth: int):
    data = nested(depth)
    lines = list(json_lines(io.BytesIO(b'{"ok": 1}\n' + data + b'\n{"ok": 2}\n')))
    assert [value for _, value in lines[::2]] == [{"ok": 1}, {"ok": 2}]
    line, refused = lines[1]
    assert line == 2 and isinstance(refused, ValueError)
    assert str(refused) == f"nested deeper than {MAX_DEPTH} levels"
    elements = list(JsonArrayReader(io.BytesIO(b"[" + data + b', {"ok": 2}]')))
    assert isinstance(elements[0][2], ValueError) and elements[1][2] == {"ok": 2}
