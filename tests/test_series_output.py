"""A pair's and an actor's series as spreadsheets and charts: the CSV parses back to the JSON, the
SVG is valid XML with one series per quad class, the real Chromium renders it (the screenshot goes to
the test's temporary folder; ``python -m tests.screenshots`` takes it for ``screenshots/``), and
``geokg chart`` draws the README's chart."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import httpx
from typer.testing import CliRunner

from api.cli import app
from graph.read.series_views import QUAD_NAMES
from graph.settings import PROJECT_ROOT
from tests.browser_ui import SERIES_CHART_PNG, chromium_page, open_series_chart, screenshot_chart
from tests.test_series import WINDOW, series


def parse_cell(column: str, text: str) -> object:
    if column == "event_ids":
        return text.split()
    if text == "":
        return None
    if text in ("true", "false"):
        return text == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def unflatten(row: dict[str, str]) -> dict:
    record: dict = {}
    for column, text in row.items():
        *path, leaf = column.split(".")
        node = record
        for part in path:
            node = node.setdefault(part, {})
        node[leaf] = parse_cell(column, text)
    return record


def test_the_csv_parses_back_to_the_json(api: httpx.Client):
    body = series(api)
    response = api.get("/relationships/prk/rus/series.csv", params=WINDOW)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "prk-rus-month.csv" in response.headers["content-disposition"]
    rows = [unflatten(row) for row in csv.DictReader(io.StringIO(response.text))]
    assert rows == json.loads(json.dumps(body["buckets"]))
    empty = api.get("/relationships/prk/kor/series.csv", params={"since": "2019", "until": "2019"})
    assert empty.text.splitlines()[0].startswith("start,end,label,events")
    assert len(empty.text.splitlines()) == 1 + 12


def svg_series(text: str) -> dict[str, int]:
    root = ElementTree.fromstring(text)  # valid XML, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    return Counter(i.rsplit("-", 1)[0] for i in ids if i.startswith("quad-")) | Counter(
        i for i in ids if i.startswith("line-"))


def test_the_svg_chart_holds_one_series_per_quad_class(api: httpx.Client):
    response = api.get("/relationships/prk/rus/series.svg", params=WINDOW)
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    found = svg_series(response.text)
    assert {name: found[f"quad-{name}"] for name in QUAD_NAMES} == dict.fromkeys(QUAD_NAMES, 20)
    assert found["line-goldstein_mean"] == 1
    assert "North Korea" in response.text and "Russia" in response.text and "2024-06" in response.text
    actor = api.get("/actors/prk/series.svg", params={**WINDOW, "top": 2})
    found = svg_series(actor.text)
    assert all(found[f"quad-{name}"] == 20 for name in QUAD_NAMES) and found["line-rus"] == 1
    empty = api.get("/relationships/prk/kor/series.svg", params={"since": "2019", "until": "2019"})
    assert svg_series(empty.text)["quad-verbal_cooperation"] == 12


def test_chromium_renders_the_chart(api: httpx.Client, tmp_path: Path):
    with chromium_page(tmp_path / "chromium-profile") as page:
        open_series_chart(page, str(api.base_url))
        sizes = page.evaluate("""() => Object.fromEntries(
            ['verbal_cooperation', 'material_cooperation', 'verbal_conflict', 'material_conflict']
            .map(q => [q, [...document.querySelectorAll(`[id^="quad-${q}-"]`)]
                          .map(g => g.getBBox().height)]))""")
        assert {q: len(heights) for q, heights in sizes.items()} == dict.fromkeys(QUAD_NAMES, 20)
        assert sum(h > 0 for h in sizes["verbal_cooperation"]) >= 3  # drawn bars have a height
        title = page.locator("text", has_text="North Korea")
        assert title.count() >= 1 and title.first.bounding_box()["width"] > 50
        screenshot_chart(page, tmp_path / SERIES_CHART_PNG)
    assert (tmp_path / SERIES_CHART_PNG).stat().st_size > 5_000


def test_the_chart_command_draws_the_readme_chart(api: httpx.Client, tmp_path: Path):
    out = tmp_path / "prk-rus.svg"
    result = CliRunner().invoke(app, ["chart", "dyad", "prk", "rus", "--since", "2024-01",
                                      "--until", "2025-08", "-o", str(out)])
    assert result.exit_code == 0, result.output
    drawn = svg_series(out.read_text(encoding="utf-8"))
    committed = svg_series((PROJECT_ROOT / "docs" / "charts" / "prk-rus-monthly.svg").read_text("utf-8"))
    assert drawn == committed and drawn["quad-material_cooperation"] == 20
    served = api.get("/relationships/prk/rus/series.svg", params=WINDOW).text
    assert svg_series(served) == drawn
    missing = CliRunner().invoke(app, ["chart", "dyad", "prk", "atlantis", "-o", str(out)])
    assert missing.exit_code == 1 and "atlantis" in missing.output
