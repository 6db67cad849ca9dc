"""Long work (an export, an analysis) given up part-way because its result is no longer wanted:
the caller sets a ``threading.Event``, the work checks it between steps and raises ``Cancelled``."""

from __future__ import annotations

import threading


class Cancelled(RuntimeError):
    """The work was stopped before its end: whoever asked for it is gone."""


def check(stop: threading.Event | None, what: str) -> None:
    """Raise ``Cancelled`` when ``stop`` is set."""
    if stop is not None and stop.is_set():
        raise Cancelled(f"{what} stopped: its result is no longer wanted")
