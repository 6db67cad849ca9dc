"""What geokg gives the Neo4j Browser: a style (``geokg.grass``) and a guide that tells the seed story.

The guide is ``guide.html`` with ``<!-- geokg:NAME -->`` markers, filled in when it is rendered:
``story_*`` markers by the catalog's ``story_*.cypher`` queries, ``favourites`` by the catalog
queries worth keeping as Browser favourites, ``style`` by the ``:style`` command for the URL the
API serves the style at. A query becomes a runnable ``:param`` block (its header's ``:param``
lines) followed by a runnable query block: a Browser 5 guide runs a ``<pre class="runnable">``
when its play icon is clicked, and shows a graph only for a block that holds one query alone.

It may import ``queries`` only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from queries import load_query

#: Where the API serves the guide and the style (``api/routes/browser_guide.py``).
GUIDE_PATH = "/browser/guide"
STYLE_PATH = "/browser/style.grass"

#: The steps of the seed story, in the guide's order; the first is the guide's first query.
STORY = (
    "story_1_call",
    "story_2_timeline",
    "story_3_alliance",
    "story_4_deployments",
    "story_5_estimates",
    "story_6_others",
    "story_7_gdelt_day",
    "story_8_happening",
)

#: Catalog queries that read the graph the way an analyst would, listed in the guide. Left out:
#: the writes (``merge_*``, ``schema``) and the loader's reference check (``existing_ids``).
FAVOURITES = (
    "event_details",
    "actor_details",
    "dyad_timeline",
    "actor_counterparts",
    "list_events_by_actor",
    "list_events_by_window",
    "event_paths",
    "network",
    "search_actors",
    "list_actors",
    "health",
)
FAVOURITES_PER_SLIDE = 2

_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$")
_MARKER = re.compile(r"<!-- geokg:(\w+) -->")


@dataclass(frozen=True)
class BrowserQuery:
    """A ``.cypher`` file split the way the guide shows it."""

    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    """``(name, Cypher expression)`` pairs from the header's ``// :param name => expression`` lines."""
    body: str

    @property
    def param_commands(self) -> str:
        """The ``:param`` commands as one block; several run as a script, split on ``;``.

        The parameters set to ``null`` come first: the Browser ignores a click on a guide block
        whose text ends in " null" (its guard against unfilled templates such as ``:play null``),
        so a block ending ``:param known_as_of => null`` would do nothing."""
        ordered = sorted(self.params, key=lambda param: param[1] != "null")
        return ";\n".join(f":param {name} => {expression}" for name, expression in ordered)


def parse_query(name: str, text: str) -> BrowserQuery:
    """Split a query file into its header (description and ``:param`` lines) and its body."""
    lines = text.strip().splitlines()
    header_length = next((i for i, line in enumerate(lines) if not line.startswith("//")), len(lines))
    description, params = [], []
    for line in lines[:header_length]:
        match = _PARAM.match(line)
        if match:
            params.append((match.group(1), match.group(2)))
        else:
            description.append(line.removeprefix("//").strip())
    body = "\n".join(lines[header_length:]).strip()
    return BrowserQuery(name, " ".join(description), tuple(params), body)


def _resource_text(filename: str) -> str:
    return resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")


@cache
def style_grass() -> str:
    """The Browser style: actors coloured by kind, events by family, relationships captioned."""
    return _resource_text("geokg.grass")


@cache
def story_query(name: str) -> BrowserQuery:
    """One step of the seed story (``queries/story_*.cypher``)."""
    if name not in STORY:
        raise KeyError(f"no story query named {name!r}")
    return parse_query(name, load_query(name))


def favourite_queries() -> list[BrowserQuery]:
    return [parse_query(name, load_query(name)) for name in FAVOURITES]


def _runnable(code: str) -> str:
    return f'<pre mode="cypher" class="pre-scrollable code runnable">{html.escape(code)}</pre>'


def _query_html(query: BrowserQuery, heading: str | None = None) -> str:
    """The query's runnable blocks; with a heading, its description too (the story tells its own)."""
    parts = []
    if heading:
        parts += [f"<h4>{html.escape(heading)}</h4>", f"<p>{html.escape(query.description)}</p>"]
    if query.params:
        parts.append(_runnable(query.param_commands))
    parts.append(_runnable(query.body))
    return "\n".join(parts)


def _favourites_html() -> str:
    favourites = favourite_queries()
    slides = []
    for start in range(0, len(favourites), FAVOURITES_PER_SLIDE):
        page = start // FAVOURITES_PER_SLIDE + 1
        total = -(-len(favourites) // FAVOURITES_PER_SLIDE)
        body = "\n".join(
            _query_html(q, f"queries/{q.name}.cypher")
            for q in favourites[start : start + FAVOURITES_PER_SLIDE]
        )
        slides.append(
            '<slide class="row-fluid">\n<div class="col-sm-3">\n'
            f"<h3>Favourites ({page}/{total})</h3>\n"
            '<p class="lead">The catalog in <code>queries/</code>, as the API runs it.</p>\n'
            "<p>Run the <code>:param</code> block, then the query. To keep a query, click it "
            "into the editor and press the star: it joins your favourites.</p>\n</div>\n"
            f'<div class="col-sm-9">\n{body}\n</div>\n</slide>'
        )
    return "\n".join(slides)


def render_guide(api_base_url: str) -> str:
    """The guide's HTML for the Browser, with the ``:style`` command pointing at ``api_base_url``."""
    def story_html(name: str) -> Callable[[], str]:
        return lambda: _query_html(story_query(name))

    fillers: dict[str, Callable[[], str]] = {
        "style": lambda: _runnable(f":style {api_base_url.rstrip('/')}{STYLE_PATH}"),
        "favourites": _favourites_html,
        **{name: story_html(name) for name in STORY},
    }

    def fill(match: re.Match[str]) -> str:
        return fillers[match.group(1)]()

    return _MARKER.sub(fill, _resource_text("guide.html"))
