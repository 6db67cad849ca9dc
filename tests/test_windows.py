"""Window overlap through the index-backed reads: `/events` (by window, by actor, paged) and
`/network` find exactly the events whose span overlaps the window, spans that began before it
(month, year, interval, ongoing) included, as the definition computed from every event says."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

#: Windows that start inside a month-, a year-dated and an ongoing event, on boundaries, and open.
WINDOWS = [
    {"since": "2025-08-31", "until": "2025-08-31"},  # the last day of month-dated events
    {"since": "2019-12-31", "until": "2020-01-31"},  # the last day of a year-dated event
    {"since": "2024-06-19", "until": "2024-06-19"},
    {"since": "2025-03", "until": "2025-04"},  # inside the ongoing deployment only
    {"since": "2025"},
    {"until": "2024-06-18"},
    {"as_of": "2024-12-31"},
]


def all_events(api: httpx.Client, **params: str) -> list[dict]:
    items: list[dict] = []
    cursor = None
    while True:
        query = {**params, "limit": "2", **({"cursor": cursor} if cursor else {})}
        response = api.get("/events", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def overlaps(event: dict, window: dict[str, str]) -> bool:
    def bound(text: str, last: bool) -> date:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            if not last:
                return date(parts[0], parts[1], 1)
            following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)

    start = date.fromisoformat(event["valid_from"])
    end = date.fromisoformat(event["valid_to"]) if event["valid_to"] else None
    if "as_of" in window:
        return start <= bound(window["as_of"], last=True)
    since = bound(window["since"], last=False) if "since" in window else None
    until = bound(window["until"], last=True) if "until" in window else None
    return (until is None or start <= until) and (since is None or end is None or end >= since)


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: "&".join(f"{k}={v}" for k, v in w.items()))
def test_events_of_a_window_are_exactly_those_whose_span_overlaps_it(api: httpx.Client, window: dict):
    everything = all_events(api)
    expected = [e["id"] for e in everything if overlaps(e, window)]
    assert [e["id"] for e in all_events(api, **window)] == expected
    prk = [e["id"] for e in everything if overlaps(e, window)
           and any(p["actor"]["id"] == "prk" for p in e["participants"])]
    assert [e["id"] for e in all_events(api, actor="prk", **window)] == prk


def test_spans_that_began_before_the_window_are_found(api: httpx.Client):
    # Every kind of span reaches into a window that starts after it began.
    found = {e["id"]: e for e in all_events(api, since="2025-08-31", until="2025-08-31")}
    assert {"month"} <= {e["time_precision"] for e in found.values() if e["valid_from"] < "2025-08-31"}
    later = all_events(api, since="2025-03", until="2025-04")
    assert any(e["ongoing"] and e["valid_from"] < "2025-03-01" for e in later)
    year = all_events(api, since="2019-12-31", until="2019-12-31")
    assert any(e["time_precision"] == "year" for e in year)


@pytest.mark.parametrize("window", WINDOWS[:5], ids=lambda w: "&".join(f"{k}={v}" for k, v in w.items()))
def test_network_pairs_are_the_pairs_of_each_actors_counterparts(api: httpx.Client, window: dict):
    """The network (an index range on the interactions) and each actor's counterparts (expanded
    from the actor) are two reads of the same interactions: the same pairs, the same events."""
    network = api.get("/network", params=window).json()
    edges: dict[frozenset[str], int] = {}
    for edge in network["edges"]:
        if edge["type"] == "INTERACTED_WITH":
            pair = frozenset((edge["source"], edge["target"]))
            edges[pair] = edges.get(pair, 0) + edge["events"]
    assert edges, "the window holds interactions"
    from_actors: dict[frozenset[str], set[str]] = {}
    for node in network["nodes"]:
        body = api.get(f"/actors/{node['id']}/relationships", params=window).json()
        for item in body["counterparts"]:
            if item["events"]:
                from_actors.setdefault(frozenset((node["id"], item["counterpart"]["id"])), set()).update(
                    item["event_ids"])
    assert set(edges) == set(from_actors)
    for pair, events in from_actors.items():
        assert len(events) <= edges[pair]  # an edge each way of one event counts in both directions
