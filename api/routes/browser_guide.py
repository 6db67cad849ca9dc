"""The Neo4j Browser's guide and style, served to the Browser page on Neo4j's own port.

``:play <api>/browser/guide`` and ``:style <api>/browser/style.grass`` make the Browser fetch
these from its page's origin (Neo4j's HTTP port), so they carry a CORS header; the Browser
fetches only from hosts Neo4j's ``browser.remote_content_hostname_whitelist`` allows.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from graph.browser import GUIDE_PATH, STYLE_PATH, render_guide, style_grass

router = APIRouter(tags=["browser"])

# The guide and the style are public and sent without credentials: any origin may read them.
CORS_HEADERS = {"Access-Control-Allow-Origin": "*"}
# The Browser asks for them with no-cache headers, which makes its fetch a CORS "preflighted"
# request: an OPTIONS first, which must allow those headers.
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "Cache-Control, Pragma",
    "Access-Control-Max-Age": "600",
}


@router.options(GUIDE_PATH, include_in_schema=False)
@router.options(STYLE_PATH, include_in_schema=False)
def browser_preflight() -> Response:
    return Response(status_code=204, headers=PREFLIGHT_HEADERS)


@router.get(GUIDE_PATH, response_class=HTMLResponse)
def browser_guide(request: Request) -> HTMLResponse:
    """The seed story as a Neo4j Browser guide: run `:play <this URL>` in the Browser."""
    return HTMLResponse(render_guide(str(request.base_url)), headers=CORS_HEADERS)


@router.get(STYLE_PATH, response_class=PlainTextResponse)
def browser_style() -> PlainTextResponse:
    """The Neo4j Browser style (grass): run `:style <this URL>` in the Browser."""
    return PlainTextResponse(style_grass(), headers=CORS_HEADERS)
