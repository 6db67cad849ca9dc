"""The API's own documentation pages, Swagger UI and ReDoc, in the real Chromium with every request
to another host refused: they load their scripts and styles from the API, never from a CDN."""

from __future__ import annotations

import pathlib
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser_ui import chromium_page

REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def offline(page: Page, base_url: str) -> list[tuple[str, str]]:
    """Refuse every request that leaves the API's host; return the (resource type, URL) refused."""
    host = urlsplit(base_url).netloc
    refused: list[tuple[str, str]] = []

    def route(route: Route) -> None:
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            refused.append((route.request.resource_type, route.request.url))
            route.abort()

    page.route("**/*", route)
    return refused


@pytest.mark.parametrize(
    ("path", "operation"),
    [("/docs", ".opblock-get .opblock-summary-path[data-path='/actors/{actor_id}']"),
     ("/redoc", "[data-section-id='operation/get_actor'] h2:text-is('Get Actor')")],
)
def test_the_docs_render_their_operations_offline(
    api_client: httpx.Client, tmp_path: pathlib.Path, path: str, operation: str
) -> None:
    base_url = str(api_client.base_url)
    with chromium_page(tmp_path / "profile") as page:
        refused = offline(page, base_url)
        page.goto(base_url + path)
        expect(page.locator(operation).first).to_be_visible()
    # ReDoc's bundle links its vendor's logo from their CDN; nothing else may leave the machine.
    assert [url for kind, url in refused if (kind, url) != ("image", REDOCLY_LOGO)] == []
