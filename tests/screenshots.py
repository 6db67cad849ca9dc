"""``python -m tests.screenshots``: take the pictures of ``screenshots/`` again.

The tests take the same pictures with the same steps (``tests/browser_ui.py``) but keep them in
their temporary folders, so a test run leaves the tracked tree as it was. This command needs what
the tests need: a Neo4j server the NEO4J_* settings name (``source scripts/test-env.sh`` and
``geokg neo4j start`` give the tests' own) and Debian's Chromium. It wipes that database to load
the seed (and then a busy GDELT day, ``tests/gdelt_day.py``), so, like the tests, it refuses
unless ``GEOKG_TEST_DATABASE_IS_DISPOSABLE=1``; it serves the API itself on a free loopback port
for as long as it runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from graph.browser import STORY, story_query
from graph.settings import PROJECT_ROOT, get_settings
from graph.store.driver import create_driver
from tests.api_server import serve_api
from tests.browser_ui import (
    GDELT_DAY,
    GDELT_DAY_PNG,
    HAPPENING,
    HAPPENING_PNG,
    SEED_STORY_PNG,
    SERIES_CHART_PNG,
    NeoBrowser,
    chromium_page,
    graph_of,
    open_series_chart,
    play_first_story_step,
    play_story_step,
    run_story,
    screenshot_chart,
    screenshot_graph,
)
from tests.conftest import database_is_disposable, load_seed
from tests.gdelt_day import load_gdelt_day

SCREENSHOTS = PROJECT_ROOT / "screenshots"


def main() -> None:
    if not database_is_disposable():
        raise SystemExit(
            "python -m tests.screenshots wipes the database to load the seed: run it against the "
            "tests' own server (source scripts/test-env.sh), or set GEOKG_TEST_DATABASE_IS_DISPOSABLE=1 "
            "against a server you can lose"
        )
    settings = get_settings()
    with create_driver(settings) as driver:
        try:
            driver.verify_connectivity()
        except Exception as error:  # any failure to reach the server ends the command
            raise SystemExit(f"Neo4j is unreachable at {settings.neo4j_uri}: {error}") from error
        load_seed(driver, settings)
        first = story_query(STORY[0])
        nodes, relationships = graph_of(run_story(driver, settings, first.name))
        story, chart = SCREENSHOTS / SEED_STORY_PNG, SCREENSHOTS / SERIES_CHART_PNG
        with serve_api(settings) as api_base_url, tempfile.TemporaryDirectory() as profiles:
            with chromium_page(Path(profiles) / "browser") as page:
                browser = NeoBrowser(page, settings)
                browser.connect()
                result = play_first_story_step(browser, api_base_url, first)
                screenshot_graph(browser, result, len(nodes), len(relationships), story)
            print(f"wrote {story.relative_to(PROJECT_ROOT)}")
            with chromium_page(Path(profiles) / "chart") as page:
                open_series_chart(page, api_base_url)
                screenshot_chart(page, chart)
            print(f"wrote {chart.relative_to(PROJECT_ROOT)}")
            load_gdelt_day(driver, settings, Path(profiles))
            for step, png in ((GDELT_DAY, GDELT_DAY_PNG), (HAPPENING, HAPPENING_PNG)):
                nodes, relationships = graph_of(run_story(driver, settings, step))
                with chromium_page(Path(profiles) / step) as page:
                    browser = NeoBrowser(page, settings)
                    browser.connect()
                    result = play_story_step(browser, api_base_url, story_query(step))
                    screenshot_graph(browser, result, len(nodes), len(relationships), SCREENSHOTS / png)
                print(f"wrote {(SCREENSHOTS / png).relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
