"""The real Neo4j Browser in Debian's Chromium, driven by Playwright, for tests and for
``python -m tests.screenshots``, which takes the pictures of ``screenshots/`` with the same steps.

Playwright runs the Chromium that Debian's ``chromium`` package installs (``scripts/test`` installs it);
it never downloads a browser of its own. Every wait is on something the page shows, never a sleep.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from neo4j import Driver, Record
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath
from playwright.sync_api import Locator, Page, expect, sync_playwright

from graph.browser import GUIDE_PATH, BrowserQuery, render_guide, story_query, style_grass
from graph.server.config import browser_url
from graph.settings import Settings

CHROMIUM = Path(os.environ.get("GEOKG_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps reaching for Google services, which a
# closed network refuses, and the page's own connections suffer for it.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT = {"width": 1600, "height": 1000}
# The stream's frames, newest first, as CSS and as XPath.
FRAMES = "[data-testid='stream'] > * > [data-testid='frame']"
FRAMES_XPATH = "//*[@data-testid='stream']/*/*[@data-testid='frame']"
TIMEOUT_MS = 60_000
LAYOUT_POLL_MS = 500

# The pictures of ``screenshots/``, by file name, and the chart the second one shows.
SEED_STORY_PNG = "browser-seed-story.png"
GDELT_DAY_PNG = "browser-gdelt-day.png"
HAPPENING_PNG = "browser-kim-putin-happening.png"
SERIES_CHART_PNG = "series-prk-rus-monthly.png"
SERIES_CHART_PATH = "/relationships/prk/rus/series.svg?since=2024-01&until=2025-08"

#: The guide's command that stops the Browser adding the relationships between the nodes a query
#: returns ("Connect result nodes"): the derived INTERACTED_WITH above all.
NO_CONNECTED_RESULTS = ":config autoComplete: false"

#: The guide's step on a day of GDELT (``tests/gdelt_day.py`` writes one).
GDELT_DAY = "story_7_gdelt_day"
#: The guide's step on one happening and the records that report it.
HAPPENING = "story_8_happening"

#: What a query's frame shows once it is done: its timing, its drawing, or an error.
FINISHED = re.compile(r"completed after|Displaying \d|ERROR", re.IGNORECASE)
DISPLAYING = re.compile(r"Displaying ([\d,]+) nodes, ([\d,]+) relationships\.")

# True once two polls LAYOUT_POLL_MS apart find the frame's graph (its zoom and every node) where
# it was: the force layout and any zoom have come to rest.
_LAYOUT_AT_REST = """(frame) => {
  const now = [...frame.querySelectorAll('svg g')].map(g => g.getAttribute('transform')).join('|');
  const atRest = now !== '' && now === frame.dataset.geokgLayout;
  frame.dataset.geokgLayout = now;
  return atRest;
}"""


@contextmanager
def chromium_page(profile_dir: Path) -> Iterator[Page]:
    """A page of a fresh headless Chromium whose profile lives in ``profile_dir``."""
    if not CHROMIUM.is_file():
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile_dir),
            executable_path=str(CHROMIUM),
            headless=True,
            args=list(CHROMIUM_FLAGS),
            viewport=VIEWPORT,
        )
        context.set_default_timeout(TIMEOUT_MS)
        expect.set_options(timeout=TIMEOUT_MS)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


class NeoBrowser:
    """The Neo4j Browser page: its connect form, its editor and the stream of result frames."""

    def __init__(self, page: Page, settings: Settings) -> None:
        self.page = page
        self.settings = settings
        self.frames = page.locator(f"css={FRAMES}")

    def connect(self) -> None:
        """Open the Browser and log in through its connect form, as a person would."""
        bolt = urlsplit(self.settings.neo4j_uri)
        self.page.goto(browser_url(self.settings))
        self.page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
        self.page.get_by_test_id("boltaddress").fill(bolt.netloc)
        self.page.get_by_test_id("username").fill(self.settings.neo4j_user)
        self.page.get_by_test_id("password").fill(self.settings.neo4j_password.get_secret_value())
        self.page.get_by_test_id("connect").click()
        expect(self.page.get_by_text(f"You are connected as user {self.settings.neo4j_user}")).to_be_visible()
        self._wait_for_a_still_stream()

    def _wait_for_a_still_stream(self, still_ms: int = 1500) -> None:
        """Wait until the stream holds the same frames for ``still_ms``: the Browser adds its own
        frames (the welcome guide) a moment after connecting, and a command run before that would
        have its frame counted wrong."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        count, since = self.frames.count(), time.monotonic()
        while time.monotonic() - since < still_ms / 1000:
            if time.monotonic() > deadline:
                raise AssertionError("the Browser's stream kept changing after connecting")
            self.page.wait_for_timeout(100)
            now = self.frames.count()
            if now != count:
                count, since = now, time.monotonic()

    def run(self, command: str) -> Locator:
        """Type ``command`` into the editor, run it, and return the frame it opens."""
        editor = self.page.locator('[data-testid="activeEditor"] textarea')
        editor.focus()
        self.page.keyboard.insert_text(command)
        return self._new_frame(lambda: self.page.get_by_test_id("editor-Run").click())

    def run_guide_block(self, guide: Locator, code: str) -> Locator:
        """Run the first runnable block of the guide's slide that holds ``code``, with its play icon;
        return the frame it opens."""
        blocks = guide.locator("pre.runnable")
        expect(blocks.first).to_be_visible()
        matching = [b for b in blocks.all() if b.inner_text().strip() == code.strip()]
        if not matching:
            shown = [b.inner_text().strip() for b in blocks.all()]
            raise AssertionError(f"no guide block holds {code!r}; the slide shows {shown}")
        frame = self._new_frame(lambda: matching[0].locator("i.fa-play-circle-o").click())
        # Keep the pointer off the graph: hovering a node replaces the result summary.
        self.page.mouse.move(5, VIEWPORT["height"] - 5)
        return frame

    def set_guide_params(self, guide: Locator, query: BrowserQuery) -> None:
        """Click the ``:param`` block of ``query`` in the guide and wait until every parameter is
        set: one command says so, several run as a script with a success status each."""
        frame = self.run_guide_block(guide, query.param_commands)
        if len(query.params) == 1:
            expect(frame).to_contain_text("Successfully set your parameters")
        else:
            expect(frame.get_by_role("listitem", name="Status: success")).to_have_count(len(query.params))

    def run_guide_query(self, guide: Locator, code: str) -> Locator:
        """Run a block of the guide's slide that holds a query and wait for it to finish; fail if
        the Browser reports an error or no records."""
        frame = self.run_guide_block(guide, code)
        expect(frame).to_contain_text(FINISHED)
        text = frame.inner_text()
        assert "ERROR" not in text and "(no changes, no records)" not in text, (code, text[:800])
        return frame

    def go_to_slide(self, guide: Locator, code: str, slides: int) -> None:
        """Move the guide on to the first slide with a block holding ``code`` (of ``slides``)."""
        for _ in range(slides):
            blocks = guide.locator("pre.runnable")
            expect(blocks.first).to_be_visible()
            if any(b.inner_text().strip() == code.strip() for b in blocks.all()):
                return
            guide.get_by_test_id("nextSlide").click()
        raise AssertionError(f"no slide of the guide holds {code!r}")

    def _new_frame(self, action: Callable[[], None]) -> Locator:
        """Do ``action`` and return a locator of the one frame it adds to the stream.

        New frames go on top of the stream, so a frame is pinned by its place counted from the
        bottom: ``first`` would follow whatever frame comes next.
        """
        before = self.frames.count()
        action()
        expect(self.frames).to_have_count(before + 1)
        return self.page.locator(f"xpath=({FRAMES_XPATH})[last()-{before}]")

    def wait_for_graph(self, frame: Locator, nodes: int, relationships: int) -> tuple[int, int]:
        """Wait until the frame draws that many nodes and relationships and its layout is at rest;
        return the counts its summary line states ("Displaying N nodes, M relationships.")."""
        expect(frame.locator("svg g.node")).to_have_count(nodes)
        expect(frame.locator("svg g.relationship")).to_have_count(relationships)
        self.page.wait_for_function(
            _LAYOUT_AT_REST, arg=frame.element_handle(), polling=LAYOUT_POLL_MS, timeout=TIMEOUT_MS
        )
        summary = frame.get_by_text(DISPLAYING)
        expect(summary).to_be_visible()
        match = DISPLAYING.search(summary.inner_text())
        assert match is not None
        return int(match.group(1).replace(",", "")), int(match.group(2).replace(",", ""))


def evaluate_params(driver: Driver, settings: Settings, query: BrowserQuery) -> dict[str, Any]:
    """The parameters as the Browser's ``:param name => expression`` sets them: evaluated by the
    server. The expressions are the guide's own, from the repository, as the Browser runs them."""
    return {
        name: driver.execute_query(f"RETURN {expression} AS value",
                                   database_=settings.neo4j_database).records[0]["value"]
        for name, expression in query.params
    }


def graph_of(records: list[Record]) -> tuple[dict[str, Node], dict[str, Relationship]]:
    """The distinct nodes and relationships in the records (in lists and paths too), as the Browser
    collects them to draw: a relationship's end nodes count only if returned themselves."""
    nodes: dict[str, Node] = {}
    relationships: dict[str, Relationship] = {}

    def visit(value: object) -> None:
        if isinstance(value, Node):
            nodes[value.element_id] = value
        elif isinstance(value, Relationship):
            relationships[value.element_id] = value
        elif isinstance(value, GraphPath):
            for item in (*value.nodes, *value.relationships):
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    for record in records:
        for value in record.values():
            visit(value)
    return nodes, relationships


def run_story(driver: Driver, settings: Settings, name: str) -> list[Record]:
    query = story_query(name)
    params = evaluate_params(driver, settings, query)
    return driver.execute_query(query.body, params, database_=settings.neo4j_database).records


def open_guide(browser: NeoBrowser, api_base_url: str) -> Locator:
    """Apply the style, play the guide from the API and run its block that keeps the derived
    relationships out, as the README tells a person to; return the guide's frame."""
    style = browser.run(":style\n" + style_grass())
    expect(style).to_contain_text("node.MilitaryAid")  # the style frame lists the style in use
    expect(style).not_to_contain_text("Could not parse")

    guide = browser.run(f":play {api_base_url.rstrip('/')}{GUIDE_PATH}")
    expect(guide.get_by_role("heading", name="1. The call and its sources")).to_be_visible()
    expect(browser.run_guide_block(guide, NO_CONNECTED_RESULTS)).to_contain_text(
        '"autoComplete": false')
    return guide


def play_first_story_step(browser: NeoBrowser, api_base_url: str, first: BrowserQuery) -> Locator:
    """Open the guide and run the first step's ``:param`` block and query block; return the frame
    of the query's result."""
    guide = open_guide(browser, api_base_url)
    browser.set_guide_params(guide, first)
    return browser.run_guide_block(guide, first.body)


def play_story_step(browser: NeoBrowser, api_base_url: str, query: BrowserQuery) -> Locator:
    """Open the guide, move on to the slide of a story step and run its ``:param`` block and query
    block; return the frame of the query's result."""
    guide = open_guide(browser, api_base_url)
    browser.go_to_slide(guide, query.body, slides=guide_slides(api_base_url))
    browser.set_guide_params(guide, query)
    return browser.run_guide_block(guide, query.body)


def guide_slides(api_base_url: str) -> int:
    """How many slides the guide the API serves has."""
    return render_guide(api_base_url).count("<slide ")


def screenshot_graph(browser: NeoBrowser, frame: Locator, nodes: int, relationships: int,
                     path: Path) -> None:
    """Save the page to ``path`` with the frame's graph fitted to the whole page, stepped back so
    the overview panel hides none of it, and at rest."""
    frame.get_by_title("Fullscreen").click()
    frame.get_by_label("zoom-to-fit").click()
    frame.get_by_label("zoom-out").click()
    browser.wait_for_graph(frame, nodes, relationships)
    browser.page.screenshot(path=path)


def open_series_chart(page: Page, api_base_url: str) -> None:
    """Open the README's chart (North Korea–Russia, by month) as the API draws it."""
    response = page.goto(api_base_url.rstrip("/") + SERIES_CHART_PATH)
    if response is None or not response.ok:
        raise AssertionError(f"the API did not serve the chart: {response and response.status}")


def screenshot_chart(page: Page, path: Path) -> None:
    """Save the chart the page shows, its SVG only, to ``path``."""
    page.locator("svg").first.screenshot(path=path)
