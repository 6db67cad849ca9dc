"""The Neo4j Browser side: the style and the guide the API serves, and the seed story in a real browser.

The browser test opens the project's own Neo4j Browser in Debian's Chromium, logs in, applies the
style, plays the guide from the API, runs the guide's first query and saves a screenshot in the
test's temporary folder (``python -m tests.screenshots`` takes the same picture for
``screenshots/browser-seed-story.png``). What the Browser says it shows is compared with what the
same query returns through the driver.
"""

from __future__ import annotations

import html
import pathlib
import re
from collections.abc import Iterable

import httpx
from neo4j import Driver
from playwright.sync_api import expect
from typer.testing import CliRunner

from api.cli import app
from graph.browser import (
    GUIDE_PATH,
    STORY,
    STYLE_PATH,
    favourite_queries,
    story_query,
    style_grass,
)
from graph.settings import Settings
from graph.store.labels import ActorKindLabel
from graph.store.writer import GraphWriter
from graph.vocabulary import EventFamily
from loaders.formats import read_all
from loaders.pipeline import load_stream
from tests.browser_ui import (
    GDELT_DAY,
    GDELT_DAY_PNG,
    HAPPENING,
    SEED_STORY_PNG,
    NeoBrowser,
    chromium_page,
    evaluate_params,
    graph_of,
    guide_slides,
    open_guide,
    play_first_story_step,
    play_story_step,
    run_story,
    screenshot_graph,
)
from tests.conftest import SEED
from tests.gdelt_day import SAMPLE as GDELT_SAMPLE
from tests.gdelt_day import load_gdelt_day

_RULE = re.compile(r'([\w.]+)\s*\{((?:[^{}"]|"[^"]*")*)\}')


def grass_rules(text: str) -> list[tuple[str, frozenset[str], dict[str, str]]]:
    """``(tag, classes, properties)`` per rule of a grass text, in the file's order."""
    rules = []
    for selector, body in _RULE.findall(text):
        tag, *classes = selector.split(".")
        properties = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                key, value = declaration.split(":", 1)
                properties[key.strip()] = value.strip().strip('"')
        rules.append((tag, frozenset(classes), properties))
    return rules


def styled(rules: list[tuple[str, frozenset[str], dict[str, str]]], tag: str, labels: Iterable[str],
           key: str) -> str | None:
    """The value the Browser gives ``key``: that of the last rule whose labels the item all has."""
    value = None
    for rule_tag, classes, properties in rules:
        if rule_tag == tag and classes <= set(labels) and key in properties:
            value = properties[key]
    return value


def test_the_guide_holds_the_story_and_the_favourites(api: httpx.Client) -> None:
    response = api.get(GUIDE_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["access-control-allow-origin"] == "*"
    guide = response.text
    assert "<!-- geokg:" not in guide
    base = str(api.base_url).rstrip("/")
    assert html.escape(f":style {base}{STYLE_PATH}") in guide
    for query in [story_query(name) for name in STORY] + favourite_queries():
        assert html.escape(query.body) in guide, query.name
        if query.params:
            assert html.escape(query.param_commands) in guide, query.name
    favourites = favourite_queries()
    assert all(f"queries/{q.name}.cypher" in guide for q in favourites)
    assert sum(bool(q.params) for q in favourites) >= len(favourites) - 1  # all but `health`


def test_no_block_of_the_guide_ends_in_null(api: httpx.Client) -> None:
    """The Browser ignores a click on a guide block whose text ends in " null" (a template left
    unfilled, to it): the ``:param`` blocks set their null parameters first."""
    blocks = re.findall(r'<pre [^>]*class="[^"]*runnable[^"]*">(.*?)</pre>', api.get(GUIDE_PATH).text,
                        re.DOTALL)
    assert len(blocks) > 2 * len(STORY)
    assert not [b for b in map(html.unescape, blocks) if b.rstrip().endswith((" null", ":null"))]
    assert story_query("story_2_timeline").param_commands.startswith(":param a => 'prk'")


def test_the_browser_may_fetch_the_guide_and_the_style_across_origins(api: httpx.Client) -> None:
    for path in (GUIDE_PATH, STYLE_PATH):
        # What Chromium sends before the Browser's fetch, which asks for no-cache headers.
        response = api.options(path, headers={
            "Origin": "http://127.0.0.1:7474",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "cache-control,pragma",
        })
        assert response.status_code == 204, path
        assert response.headers["access-control-allow-origin"] == "*"
        allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
        assert {"cache-control", "pragma"} <= allowed
        assert "GET" in response.headers["access-control-allow-methods"]


def test_the_style_is_served_and_printed(api: httpx.Client) -> None:
    response = api.get(STYLE_PATH)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.text == style_grass()
    printed = CliRunner().invoke(app, ["browser", "style"])
    assert printed.exit_code == 0
    assert printed.output == style_grass()
    commands = CliRunner().invoke(app, ["browser", "guide", "--api-url", "http://localhost:8000/"])
    assert commands.output.splitlines() == [
        f":style http://localhost:8000{STYLE_PATH}", f":play http://localhost:8000{GUIDE_PATH}",
    ]


def test_the_style_colours_every_kind_and_family_and_captions_by_role() -> None:
    rules = grass_rules(style_grass())
    kinds = [styled(rules, "node", ["Actor", kind.value], "color") for kind in ActorKindLabel]
    families = [styled(rules, "node", ["Event", family.label], "color") for family in EventFamily]
    assert len(set(kinds)) == len(ActorKindLabel)
    assert len(set(families)) == len(EventFamily)
    assert not set(kinds) & set(families)
    assert styled(rules, "node", ["Actor", "State"], "caption") == "{name}"
    assert styled(rules, "node", ["Event", "Conflict"], "caption") == "{caption}"
    assert styled(rules, "node", ["Source"], "caption") == "{publisher}"
    assert styled(rules, "relationship", ["PARTICIPATED_IN"], "caption") == "{role}"


def test_every_story_step_finds_something_in_the_seed_graph(seed_graph: Driver, settings: Settings) -> None:
    for name in (n for n in STORY if n != GDELT_DAY):
        assert run_story(seed_graph, settings, name), name


def test_the_gdelt_day_step_is_bounded_and_captioned(driver: Driver, settings: Settings,
                                                     tmp_path: pathlib.Path) -> None:
    load_gdelt_day(driver, settings, tmp_path)
    query = story_query(GDELT_DAY)
    params = evaluate_params(driver, settings, query)
    nodes, relationships = graph_of(run_story(driver, settings, GDELT_DAY))
    events = [n for n in nodes.values() if "Event" in n.labels]
    assert len(events) == params["limit"]  # the day holds more: the limit bounds the picture
    assert all(str(n["valid_from"]) == str(params["day"]) for n in events)
    assert all(n["caption"].startswith(f"{params['day']} · ") for n in events)
    assert any("cameo_" in n["type"] for n in events)  # codes with no curated type, captioned too
    assert not any(r.type == "INTERACTED_WITH" for r in relationships.values())
    # One record per happening, though the day's happenings are mostly reported many times over.
    records, _, _ = driver.execute_query(
        "MATCH (e:Event)-[:REPORTS]->(h:Happening) WHERE e.id IN $ids RETURN h.id AS h, h.records AS n",
        ids=[n["id"] for n in events], database_=settings.neo4j_database)
    assert len(records) == len(events) == len({r["h"] for r in records})
    assert sum(r["n"] for r in records) > 2 * len(events)


def test_the_call_is_one_happening_with_its_reports(empty_graph: Driver, settings: Settings) -> None:
    """The seed's call and the sample GDELT file's rows coding it: one happening node, every record
    of it reporting it, with who took part and the claims (the GDELT publisher's among them)."""
    writer = GraphWriter(empty_graph, settings.neo4j_database)
    load_stream(lambda: read_all([SEED, GDELT_SAMPLE], None), writer)
    nodes, relationships = graph_of(run_story(empty_graph, settings, HAPPENING))
    happenings = [n for n in nodes.values() if "Happening" in n.labels]
    records = {n["id"] for n in nodes.values() if "Event" in n.labels}
    assert len(happenings) == 1 and happenings[0]["records"] == len(records)
    assert {"ev:2025-08-12-kim-putin-call", "gdelt:1250000001"} <= records
    reporting = {r.start_node["id"] for r in relationships.values() if r.type == "REPORTS"}
    assert reporting == records
    assert {"kim_jong_un", "vladimir_putin"} <= {n["id"] for n in nodes.values() if "Actor" in n.labels}
    assert "reuters.com" in {n["caption"] for n in nodes.values() if "Claim" in n.labels}
    assert not any(r.type == "INTERACTED_WITH" for r in relationships.values())


def test_the_seed_story_in_the_neo4j_browser(
    api: httpx.Client, seed_graph: Driver, settings: Settings, tmp_path: pathlib.Path
) -> None:
    first = story_query(STORY[0])
    nodes, relationships = graph_of(run_story(seed_graph, settings, first.name))
    assert nodes and relationships
    rules = grass_rules(style_grass())

    with chromium_page(tmp_path / "chromium-profile") as page:
        browser = NeoBrowser(page, settings)
        browser.connect()

        result = play_first_story_step(browser, str(api.base_url), first)

        shown = browser.wait_for_graph(result, len(nodes), len(relationships))
        assert shown == (len(nodes), len(relationships))

        for node in nodes.values():
            # The Browser names a node's SVG group after its numeric id, the end of its element id.
            drawn = result.locator(f'svg g.node[aria-label="graph-node{node.element_id.rsplit(":", 1)[1]}"]')
            expect(drawn.locator("circle.b-outline")).to_have_attribute(
                "fill", styled(rules, "node", node.labels, "color") or "")
            if "Event" in node.labels:
                caption = " ".join(t.strip() for t in drawn.locator("text.caption").all_text_contents())
                assert caption == node["caption"], (caption, node["caption"])
        # Participations read by role, not by type; a caption too long for its arc ends in "…".
        roles = {r["role"] for r in relationships.values() if r.type == "PARTICIPATED_IN"}
        drawn_captions = result.locator("svg g.relationship text").all_text_contents()
        captions = [t.strip().rstrip("…") for t in drawn_captions]
        assert roles and any(c and any(role.startswith(c) for role in roles) for c in captions), captions
        assert not any(len(c) >= 6 and "PARTICIPATED_IN".startswith(c) for c in captions), captions

        screenshot_graph(browser, result, len(nodes), len(relationships), tmp_path / SEED_STORY_PNG)
    assert (tmp_path / SEED_STORY_PNG).stat().st_size > 10_000


def test_every_block_of_the_guide_runs_with_a_click(api_client: httpx.Client, driver: Driver,
                                                    settings: Settings, tmp_path: pathlib.Path) -> None:
    """Slide by slide, every block clicked in order: each ``:param`` block sets all its parameters
    and each query then finds something, with no error (on the seed and a GDELT day)."""
    load_gdelt_day(driver, settings, tmp_path)
    base = str(api_client.base_url)
    queries = {q.body.strip(): q for q in [story_query(name) for name in STORY] + favourite_queries()}
    params = {q.param_commands.strip(): q for q in queries.values() if q.params}
    ran: list[str] = []
    with chromium_page(tmp_path / "chromium-profile") as page:
        browser = NeoBrowser(page, settings)
        browser.connect()
        # The Browser keeps 15 frames by default, dropping the oldest: frames are counted here.
        expect(browser.run(":config maxFrames: 200")).to_contain_text('"maxFrames": 200')
        guide = open_guide(browser, base)
        slides = guide_slides(base)
        for slide in range(slides):
            blocks = guide.locator("pre.runnable")
            expect(blocks.first).to_be_visible()
            for code in [b.inner_text().strip() for b in blocks.all()]:
                if code in params:
                    browser.set_guide_params(guide, params[code])
                elif code in queries:
                    frame = browser.run_guide_query(guide, code)
                    ran.append(queries[code].name)
                    if queries[code].name in (STORY[0], GDELT_DAY, HAPPENING):  # one graph each
                        nodes, rels = graph_of(run_story(driver, settings, queries[code].name))
                        assert browser.wait_for_graph(frame, len(nodes), len(rels)) == (
                            len(nodes), len(rels)), queries[code].name
            if slide < slides - 1:
                guide.get_by_test_id("nextSlide").click()
    assert sorted(ran) == sorted(q.name for q in queries.values())


def test_a_gdelt_day_in_the_neo4j_browser(api_client: httpx.Client, driver: Driver,
                                          settings: Settings, tmp_path: pathlib.Path) -> None:
    """The GDELT-day step on a busy day: what the Browser draws is what the query returns (no
    derived INTERACTED_WITH added), every event captioned with its label and date."""
    load_gdelt_day(driver, settings, tmp_path)
    nodes, relationships = graph_of(run_story(driver, settings, GDELT_DAY))
    events = {n.element_id: n for n in nodes.values() if "Event" in n.labels}
    day = str(evaluate_params(driver, settings, story_query(GDELT_DAY))["day"])
    with chromium_page(tmp_path / "chromium-profile") as page:
        browser = NeoBrowser(page, settings)
        browser.connect()
        result = play_story_step(browser, str(api_client.base_url), story_query(GDELT_DAY))
        assert browser.wait_for_graph(result, len(nodes), len(relationships)) == (
            len(nodes), len(relationships))
        for node in events.values():
            drawn = result.locator(f'svg g.node[aria-label="graph-node{node.element_id.rsplit(":", 1)[1]}"]')
            caption = " ".join(t.strip() for t in drawn.locator("text.caption").all_text_contents())
            assert caption.startswith(day), (caption, node["caption"])
        screenshot_graph(browser, result, len(nodes), len(relationships), tmp_path / GDELT_DAY_PNG)
    assert (tmp_path / GDELT_DAY_PNG).stat().st_size > 10_000
