"""The uvicorn server as `geokg serve` runs it (and the tests serve it): limits on what a client
may send and how slowly.

uvicorn bounds neither the request head nor the time taken to send it: its ``httptools`` protocol
(the one picked when httptools is installed, as here) accumulates a header of any size, and its
``h11`` one only offers ``h11_max_incomplete_event_size``, answered with a plain 400, and no read
timeout either. So the API is served by uvicorn's httptools protocol with a guard in front of the
parser that counts the head's bytes as they arrive, refuses a line or a head over its limit with
431 before parsing it, and closes a connection whose head (408) or body is not in within its time.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from graph.settings import Settings


@dataclass(frozen=True)
class HttpLimits:
    header_line_bytes: int
    header_bytes: int
    header_timeout_s: float
    body_timeout_s: float

    @classmethod
    def from_settings(cls, settings: Settings) -> HttpLimits:
        return cls(settings.http_max_header_line_bytes, settings.http_max_header_bytes,
                   settings.http_header_timeout_s, settings.http_body_timeout_s)


class ServerConfig(uvicorn.Config):
    """uvicorn's config carrying the HTTP limits to the protocol (a module-level class, so that
    it pickles to the worker processes of ``--workers``)."""

    def __init__(self, app: Any, settings: Settings, **options: Any) -> None:
        super().__init__(app, http=GuardedHttpToolsProtocol,
                         timeout_keep_alive=settings.http_keep_alive_s, **options)
        self.limits = HttpLimits.from_settings(settings)


def _error(status: bytes, msg: str, type: str) -> bytes:
    """A whole response closing the connection, in the API's error shape (see api.errors)."""
    body = json.dumps({"detail": [{"loc": ["header"], "msg": msg, "type": type}]}).encode()
    return (b"HTTP/1.1 " + status + b"\r\ncontent-type: application/json\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n" + body)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the head's size and the head's and body's time bounded."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        assert isinstance(config, ServerConfig), "served through ServerConfig, which has the limits"
        self.limits = config.limits
        self.in_head = True  # the bytes arriving belong to a request head
        self.head_bytes = 0  # of the current head so far
        self.line_bytes = 0  # of its current, unfinished line
        self.line_start = b""  # that line's first two bytes
        self.read_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # A connection that never sends its first request is closed like a slow head.
        self._arm(self.limits.header_timeout_s, self._head_too_slow)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        if self.in_head:
            if self.head_bytes == 0 and self.read_timer is None:
                self._arm(self.limits.header_timeout_s, self._head_too_slow)
            problem = self._count_head(data)
            if problem:
                self._disarm()
                self.transport.write(_error(b"431 Request Header Fields Too Large", problem,
                                            "too_large"))
                self.transport.close()
                return
        super().data_received(data)

    def _count_head(self, data: bytes) -> str | None:
        """Count the head's bytes in ``data``, up to the blank line that ends it; what is over a
        limit, or None. At the blank line the head's timer gives way to the body's."""
        limits = self.limits
        start = 0
        while start < len(data):
            end = data.find(b"\n", start)
            stop = len(data) if end == -1 else end + 1
            if self.line_bytes < 2:  # enough of the line to tell a blank one
                self.line_start += data[start:start + 2 - self.line_bytes]
            self.line_bytes += stop - start
            self.head_bytes += stop - start
            if self.line_bytes > limits.header_line_bytes:
                return f"a request header line is over {limits.header_line_bytes} bytes"
            if self.head_bytes > limits.header_bytes:
                return f"the request head is over {limits.header_bytes} bytes"
            if end == -1:
                break
            # A blank line after the request line ends the head.
            blank = self.line_start in (b"\r\n", b"\n") and self.head_bytes > self.line_bytes
            self.line_bytes, self.line_start, start = 0, b"", stop
            if blank:
                self.in_head = False
                self._arm(limits.body_timeout_s, self._body_too_slow)
                break
        return None

    def on_message_complete(self) -> None:
        # The body is in (or there was none): the next bytes begin the next request's head,
        # whose timer starts with its first byte.
        self._disarm()
        self.in_head, self.head_bytes, self.line_bytes, self.line_start = True, 0, 0, b""
        super().on_message_complete()

    def _arm(self, seconds: float, callback: Any) -> None:
        self._disarm()
        self.read_timer = self.loop.call_later(seconds, callback)

    def _disarm(self) -> None:
        if self.read_timer is not None:
            self.read_timer.cancel()
            self.read_timer = None

    def _head_too_slow(self) -> None:
        self.read_timer = None
        if not self.transport.is_closing():
            self.transport.write(_error(b"408 Request Timeout", "the request head did not arrive "
                                        f"within {self.limits.header_timeout_s:g} s", "timeout"))
            self.transport.close()

    def _body_too_slow(self) -> None:
        # The application may be waiting for the body (or already answering): no response can be
        # slipped in, the connection is closed and the application sees the client gone.
        self.read_timer = None
        self.transport.close()
