"""Cross-origin access: the origins of ``GEOKG_CORS_ORIGINS`` may call the API from a web page.

None by default. The Neo4j Browser's guide and style keep their own open CORS headers
(``api.routes.browser_guide``) whatever this allows: they are public and fetched without
credentials.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from graph.browser import GUIDE_PATH, STYLE_PATH


class ApiCors(CORSMiddleware):
    """Starlette's CORS middleware, except for the Browser's guide and style."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in (GUIDE_PATH, STYLE_PATH):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def install_cors(app: FastAPI, origins: str) -> None:
    allowed = [origin.strip() for origin in origins.split(",") if origin.strip()]
    if allowed:
        app.add_middleware(ApiCors, allow_origins=allowed, allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type"])
