"""``geokg browser``: what to paste into the Neo4j Browser (the style, the guide's ``:play``)."""

from __future__ import annotations

from typing import Annotated

import typer

from graph.browser import GUIDE_PATH, STYLE_PATH, style_grass

browser_app = typer.Typer(help="Style and guide for the Neo4j Browser.", no_args_is_help=True)

ApiUrl = Annotated[str, typer.Option(help="Where `geokg serve` answers, as the Browser reaches it.")]


@browser_app.command("style")
def style() -> None:
    """Print the Browser style (grass); paste it into the Browser after `:style `."""
    typer.echo(style_grass(), nl=False)


@browser_app.command("guide")
def guide(api_url: ApiUrl = "http://127.0.0.1:8000") -> None:
    """Print the Browser commands that apply the style and play the seed-story guide."""
    base = api_url.rstrip("/")
    typer.echo(f":style {base}{STYLE_PATH}")
    typer.echo(f":play {base}{GUIDE_PATH}")
