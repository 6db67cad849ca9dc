"""Series as SVG charts, drawn server-side with matplotlib (Agg backend, no display needed).

Events per bucket are stacked bars, one colour per CAMEO quad class; a dyad chart adds the mean
Goldstein score as a line on its own axis, an actor chart adds one line per top counterpart.
Every bar of a quad class carries the SVG id ``quad-<class>-<bucket index>`` and every line
``line-<name>``, so a reader (or a test) can find each series in the file. Text stays text
(``svg.fonttype: none``) and the file carries no date, so the same series gives the same SVG.
"""

from __future__ import annotations

import io
import threading
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context  # noqa: E402  (after choosing the backend)
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from graph.read.series_views import QUAD_NAMES, ActorSeriesView, Bucket, DyadSeriesView  # noqa: E402

QUAD_COLOURS = {
    "verbal_cooperation": "#85c1e9",
    "material_cooperation": "#1f618d",
    "verbal_conflict": "#f5b041",
    "material_conflict": "#c0392b",
}
LINE_COLOURS = ("#117a65", "#6c3483", "#b9770e", "#2e4053", "#a93226", "#1e8449", "#5d6d7e")
MAX_TICKS = 24
_RC: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "geokg", "font.size": 9}
_LOCK = threading.Lock()  # rcParams are global: one chart at a time


def _stacked_quads(ax: Axes, buckets: list[Bucket]) -> None:
    positions = range(len(buckets))
    bottoms = [0] * len(buckets)
    for name in QUAD_NAMES:
        heights = [getattr(bucket.quad_classes, name) for bucket in buckets]
        bars = ax.bar(positions, heights, bottom=bottoms, width=0.8, color=QUAD_COLOURS[name],
                      label=name.replace("_", " "))
        for index, patch in enumerate(bars.patches):
            patch.set_gid(f"quad-{name}-{index}")
        bottoms = [low + high for low, high in zip(bottoms, heights, strict=True)]
    ax.set_ylim(0, max([*bottoms, 1]) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _date_axis(ax: Axes, buckets: list[Bucket], interval: str) -> None:
    step = max(1, -(-len(buckets) // MAX_TICKS))
    ticks = list(range(0, len(buckets), step))
    ax.set_xticks(ticks, [buckets[i].label for i in ticks], rotation=60, ha="right")
    ax.set_xlim(-0.6, max(len(buckets), 1) - 0.4)
    ax.set_xlabel(f"{interval} in which the event started")


def _render(fig: Figure) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _subtitle(since: object, until: object, known_as_of: object) -> str:
    known = f"; as known on {known_as_of}" if known_as_of else ""
    return f"{since} to {until}{known}"


def dyad_chart(view: DyadSeriesView) -> str:
    """A pair's events per bucket by quad class, and their mean Goldstein score, as SVG."""
    with _LOCK, rc_context(_RC):
        fig = Figure(figsize=(10, 5), layout="constrained")
        ax = fig.add_subplot()
        buckets: list[Bucket] = list(view.buckets)
        _stacked_quads(ax, buckets)
        ax.set_ylabel("events (stacked by CAMEO quad class)")
        mean_ax = ax.twinx()
        means = [bucket.goldstein_mean for bucket in buckets]
        (line,) = mean_ax.plot(range(len(buckets)), [m if m is not None else float("nan") for m in means],
                               color="#17202a", marker="o", markersize=3, linewidth=1.2,
                               label="mean Goldstein")
        line.set_gid("line-goldstein_mean")
        mean_ax.set_ylim(-10.5, 10.5)
        mean_ax.axhline(0, color="#aab7b8", linewidth=0.6)
        mean_ax.set_ylabel("mean Goldstein score (−10 conflict … +10 cooperation)")
        _date_axis(ax, buckets, view.interval.value)
        ax.set_title(f"{view.a.name} – {view.b.name}: events per {view.interval.value}\n"
                     f"{_subtitle(view.since, view.until, view.known_as_of)}")
        handles, labels = ax.get_legend_handles_labels()
        ax.legend([*handles, line], [*labels, str(line.get_label())], loc="upper left", frameon=False)
        return _render(fig)


def actor_chart(view: ActorSeriesView) -> str:
    """An actor's events per bucket by quad class, and one line per top counterpart, as SVG."""
    with _LOCK, rc_context(_RC):
        fig = Figure(figsize=(10, 5), layout="constrained")
        ax = fig.add_subplot()
        buckets: list[Bucket] = list(view.buckets)
        _stacked_quads(ax, buckets)
        for index, series in enumerate(view.counterparts):
            (line,) = ax.plot(range(len(series.buckets)), [b.events for b in series.buckets],
                              color=LINE_COLOURS[index % len(LINE_COLOURS)], marker="o",
                              markersize=3, linewidth=1.2, label=f"with {series.counterpart.name}")
            line.set_gid(f"line-{series.counterpart.id}")
        ax.set_ylabel("events")
        _date_axis(ax, buckets, view.interval.value)
        ax.set_title(f"{view.actor.name}: events per {view.interval.value}, all and with its top "
                     f"counterparts\n{_subtitle(view.since, view.until, view.known_as_of)}")
        ax.legend(loc="upper left", frameon=False)
        return _render(fig)
