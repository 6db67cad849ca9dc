"""Redirects that never repeat the request's ``Host`` header.

The only redirects the API answers are Starlette's trailing-slash ones (``/events/`` to
``/events``), whose ``Location`` it builds from the request's scheme and ``Host``: a forged
``Host`` would send the client elsewhere (and poison a cache in front). Every redirect points
into the API itself, so its ``Location`` is rewritten onto ``GEOKG_PUBLIC_URL`` when set, and
else to the bare path, which a client resolves against the address it used.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class OwnRedirects:
    """ASGI middleware rewriting an absolute ``Location`` of a 3xx response onto ``public_url``."""

    def __init__(self, app: ASGIApp, public_url: str) -> None:
        self.app = app
        self.public_url = public_url.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_own(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                message["headers"] = [(name, self._own(value) if name.lower() == b"location" else value)
                                      for name, value in message["headers"]]
            await send(message)

        await self.app(scope, receive, send_own)

    def _own(self, location: bytes) -> bytes:
        parts = urlsplit(location.decode("latin-1"))
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return (self.public_url + path).encode("latin-1")
