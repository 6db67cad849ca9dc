"""Dependencies of the series routes and of recorded time (``known_as_of``) on every relationship
query; kept beside ``api/deps.py`` so that the two grow apart without touching each other."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from graph.series import SeriesRepository


def get_series_repository(request: Request) -> SeriesRepository:
    return request.app.state.series


SeriesRepositoryDep = Annotated[SeriesRepository, Depends(get_series_repository)]
KnownAsOf = Annotated[date | None, Query(
    description="Recorded time: only events some source had reported by that day (and standing "
    "relationships known by then), i.e. what the graph knew on that day.",
    examples=["2025-08-12"],
)]
