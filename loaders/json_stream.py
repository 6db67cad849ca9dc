"""JSON records out of a byte stream a record at a time, in constant memory, never recursing deep.

A JSON Lines file is read a line at a time; a JSON array (a ``.json`` file, or a posted body) is
split into its elements by a small scanner that tracks strings and nesting. Each record's bytes
are checked before ``json`` parses them: at most ``MAX_RECORD_BYTES`` and ``MAX_DEPTH`` levels of
nesting (the parser would otherwise recurse until Python's limit), valid UTF-8. A record that
fails any check becomes an error for that record alone; the next one is read as usual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

#: Records nest a handful of levels; anything deeper than this is refused unparsed.
MAX_DEPTH = 64
#: The largest record (one line, or one element of an array).
MAX_RECORD_BYTES = 4_000_000
READ_SIZE = 1 << 16
BOM = b"\xef\xbb\xbf"

_STRUCTURE = re.compile(rb'["\[\]{},]')
_STRING_STOP = re.compile(rb'["\\]')
_OPENERS = frozenset(b"[{")
_CLOSERS = {ord("["): ord("]"), ord("{"): ord("}")}


class RecordTooLarge(ValueError):
    pass


def _decode(data: bytes) -> Any:
    """One record's value, or the exception saying why it is not one (never a RecursionError)."""
    if data.count(b"[") + data.count(b"{") > MAX_DEPTH and nesting_depth(data) > MAX_DEPTH:
        return ValueError(f"nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        return ValueError(f"not UTF-8: byte {error.start + 1} of the record is invalid")
    except (ValueError, RecursionError) as error:  # ValueError: bad JSON, or an integer too long
        return ValueError(str(error))


def nesting_depth(data: bytes) -> int:
    """The deepest nesting of arrays and objects in ``data`` (strings are skipped)."""
    depth = deepest = position = 0
    while (found := _STRUCTURE.search(data, position)) is not None:
        char = data[found.start()]
        position = found.end()
        if char == ord('"'):
            position = _string_end(data, position)
            if position < 0:
                break
        elif char in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif char in b"]}":
            depth -= 1
    return deepest


def _string_end(data: bytes, position: int) -> int:
    """The position after the closing quote of a string whose body starts at ``position``,
    or -1 if ``data`` ends inside it."""
    while (found := _STRING_STOP.search(data, position)) is not None:
        if data[found.start()] == ord('"'):
            return found.end()
        position = found.end() + 1  # skip the escaped character
    return -1


def json_lines(stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    """(line number, value or exception) for every non-blank line; a UTF-8 BOM is skipped."""
    number = 0
    while True:
        line = stream.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        number += 1
        if number == 1:
            line = line.removeprefix(BOM)
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(READ_SIZE)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the overlong line
            yield number, RecordTooLarge(f"a line longer than {MAX_RECORD_BYTES} bytes")
            continue
        if line.strip():
            yield number, _decode(line)


class JsonArrayReader:
    """The elements of a top-level JSON array read from a stream, each with the line it starts on
    and its position (1-based) in the array; or, given ``member``, of the array that member of a
    top-level object holds (an API's ``{"status": 200, "data": [...]}``; the members before it are
    skipped a value at a time, those after it are not read).

    Errors that concern one element (bad JSON, too deep, too large, not UTF-8) are yielded for
    that element and reading goes on. A stream that is not an array, that ends before its ``]``
    or that has content after it ends with an error after every element read so far.
    """

    def __init__(self, stream: BinaryIO, member: str | None = None) -> None:
        self._stream = stream
        self._member = member
        self._buffer = b""
        self._pos = 0  # what is before it in the buffer has been dealt with
        self._line = 1  # the line of ``_pos``
        self._started = False

    def _fill(self) -> int:
        """Read more, dropping what is before ``_pos``; returns how far positions moved back
        (-1 at the end of the stream)."""
        chunk = self._stream.read(READ_SIZE)
        if not chunk:
            return -1
        if not self._started:
            chunk, self._started = chunk.removeprefix(BOM), True
        moved = self._pos
        self._buffer, self._pos = self._buffer[moved:] + chunk, 0
        return moved

    def _advance(self, to: int) -> None:
        self._line += self._buffer.count(b"\n", self._pos, to)
        self._pos = to

    def _next_token(self) -> int | None:
        """The first byte that is not white space from ``_pos`` on (``_pos`` moves to it)."""
        while True:
            position = self._pos
            while position < len(self._buffer) and self._buffer[position] in b" \t\r\n":
                position += 1
            self._advance(position)
            if position < len(self._buffer):
                return self._buffer[position]
            if self._fill() < 0:
                return None

    def _key(self) -> str | None:
        """The name of the object member at ``_pos``, which moves past its ``:``; None if there
        is no member name there."""
        if self._next_token() != ord('"'):
            return None
        while (end := _string_end(self._buffer, self._pos + 1)) < 0:
            if len(self._buffer) - self._pos > MAX_RECORD_BYTES or self._fill() < 0:
                return None
        try:
            key = json.loads(self._buffer[self._pos:end])
        except ValueError:
            return None
        self._advance(end)
        if self._next_token() != ord(":"):
            return None
        self._advance(self._pos + 1)
        return key if isinstance(key, str) else None

    def _enter_member(self) -> bool:
        """Move to the ``[`` of the member's array, skipping the members before it; False when
        the stream is not an object holding it."""
        if self._next_token() != ord("{"):
            return False
        self._advance(self._pos + 1)
        while (key := self._key()) is not None:
            if key == self._member:
                return self._next_token() == ord("[")
            _, whole = self._element()
            if not whole or self._next_token() != ord(","):
                return False
            self._advance(self._pos + 1)
        return False

    def __iter__(self) -> Iterator[tuple[int, int, Any]]:
        if self._member is not None and not self._enter_member():
            yield self._line, 0, ValueError(f"not a JSON object with a {self._member!r} array of records")
            return
        if self._next_token() != ord("["):
            yield self._line, 0, ValueError("not a JSON array of records")
            return
        self._advance(self._pos + 1)
        index = 0
        last_line = self._line  # where the last record ended
        while True:
            token = self._next_token()
            if token is None:
                yield last_line, index, ValueError("the array is not closed: the input ends "
                                                   "before its ']'")
                return
            if token == ord("]"):
                break
            if index:
                if token != ord(","):
                    yield self._line, index, ValueError("expected ',' or ']' after the record "
                                                        "before; the rest was not read")
                    return
                self._advance(self._pos + 1)
                if self._next_token() is None:
                    continue
            index += 1
            line = self._line
            value, whole = self._element()
            if not whole:
                lines = self._line - line + 1
                yield line, index, ValueError(
                    f"the array is not closed: the input ends inside the record that starts here, "
                    f"so its last {lines} line(s) were not read as records")
                return
            yield line, index, value
            last_line = self._line
        self._advance(self._pos + 1)
        if self._member is None and self._next_token() is not None:
            yield self._line, index, ValueError("content after the array's closing ']'")

    def _element(self) -> tuple[Any, bool]:
        """The element at ``_pos`` (its value, or the error it is) and whether it is whole (not cut
        short by the end of the input); ``_pos`` is left after it."""
        depth = deepest = 0
        openers: list[int] = []  # the open brackets, up to MAX_DEPTH of them
        too_large = in_string = False
        scan = self._pos
        while True:
            buffer = self._buffer
            if in_string:
                found = _STRING_STOP.search(buffer, scan)
                if found is not None and buffer[found.start()] == ord('"'):
                    in_string, scan = False, found.end()
                    continue
                if found is not None and found.end() < len(buffer):
                    scan = found.end() + 1  # the escaped character
                    continue
                scan = len(buffer) if found is None else found.start()
            else:
                found = _STRUCTURE.search(buffer, scan)
                if found is not None:
                    char, scan = buffer[found.start()], found.end()
                    if char == ord('"'):
                        in_string = True
                    elif char in _OPENERS:
                        depth += 1
                        deepest = max(deepest, depth)
                        if depth <= MAX_DEPTH:
                            openers.append(char)
                    elif char == ord(",") and depth:
                        pass
                    elif not depth:  # the ',' or ']' after a scalar
                        return self._finish(found.start(), too_large, deepest), True
                    elif len(openers) == depth and _CLOSERS[openers[-1]] != char:
                        # A bracket that closes nothing: the element is broken here, and the
                        # bracket is left to close the array.
                        return self._finish(found.start(), too_large, deepest), True
                    else:
                        depth -= 1
                        del openers[depth:]
                        if not depth:  # the element's closing bracket
                            return self._finish(scan, too_large, deepest), True
                    continue
                scan = len(buffer)
            if scan - self._pos > MAX_RECORD_BYTES:  # keep scanning; forget what was scanned
                too_large = True
                self._advance(scan)
            moved = self._fill()
            if moved < 0:  # the end of the input
                if in_string or depth:
                    return None, False
                return self._finish(len(self._buffer), too_large, deepest), True
            scan -= moved

    def _finish(self, end: int, too_large: bool, deepest: int) -> Any:
        data = self._buffer[self._pos:end]
        self._advance(end)
        if too_large:
            return RecordTooLarge(f"a record longer than {MAX_RECORD_BYTES} bytes")
        if deepest > MAX_DEPTH:
            return ValueError(f"nested deeper than {MAX_DEPTH} levels")
        return _decode(data.strip())
