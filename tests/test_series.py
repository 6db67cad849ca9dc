"""Relationships over time on the seed graph, over real HTTP against the real Neo4j: a pair's and
an actor's series, shifts between periods, and recorded time (known_as_of) on every relationship
query. CSV, SVG and the chart command: test_series_output.py.

Expectations come from the API's own answers (the timeline, the events), never from dates
written here: the convention under test is that an event counts once, in the bucket of its start.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.model import DIRECTED_ROLES, MUTUAL_ROLES
from graph.read.series_views import QUAD_NAMES
from graph.settings import Settings
from tests.conftest import load_paths

WINDOW = {"since": "2024-01", "until": "2025-08"}
QUADS = dict(enumerate(QUAD_NAMES, start=1))


def get(api: httpx.Client, path: str, **params: object) -> dict:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def series(api: httpx.Client, a: str = "prk", b: str = "rus", **params: object) -> dict:
    return get(api, f"/relationships/{a}/{b}/series", **{**WINDOW, **params})


def timeline_events(api: httpx.Client, a: str = "prk", b: str = "rus", **params: object) -> list[dict]:
    return get(api, f"/relationships/{a}/{b}", **{**WINDOW, **params})["events"]


def starts_in(event: dict, since: str, until: str) -> bool:
    return date.fromisoformat(since) <= date.fromisoformat(event["valid_from"]) <= date.fromisoformat(until)


def bucket_of(body: dict, event: dict) -> dict:
    day = date.fromisoformat(event["valid_from"])
    found = [b for b in body["buckets"]
             if date.fromisoformat(b["start"]) <= day <= date.fromisoformat(b["end"])]
    assert len(found) == 1, (event["id"], found)
    return found[0]


def direction(event: dict, a: str, b: str) -> str:
    """The direction the model's roles give a pair in an event (graph.model.Event.dyads)."""
    roles = {p["actor"]["id"]: p["role"] for p in event["participants"]}
    if roles[a] in MUTUAL_ROLES and roles[b] in MUTUAL_ROLES:
        return "mutual"
    if roles[b] in DIRECTED_ROLES.get(roles[a], set()):
        return "a_to_b"
    assert roles[a] in DIRECTED_ROLES.get(roles[b], set()), event["id"]
    return "b_to_a"


# The monthly series against the timeline


def test_the_monthly_series_has_20_buckets_with_the_empty_months_as_zeros(api: httpx.Client):
    body = series(api)
    labels = [b["label"] for b in body["buckets"]]
    assert len(labels) == 20 and labels[0] == "2024-01" and labels[-1] == "2025-08"
    assert labels == sorted(set(labels))
    assert body["since"] == "2024-01-01" and body["until"] == "2025-08-31"
    empty = [b for b in body["buckets"] if b["events"] == 0]
    assert len(empty) >= 10  # the seed has a handful of active months
    for bucket in empty:
        assert bucket["quad_classes"] == dict.fromkeys(QUAD_NAMES, 0)
        assert bucket["goldstein_total"] == 0 and bucket["goldstein_mean"] is None
        assert bucket["sources"] == 0 and bucket["event_ids"] == []


def test_june_2024_and_august_2025_carry_their_events(api: httpx.Client):
    body = series(api)
    by_label = {b["label"]: b for b in body["buckets"]}
    june = by_label["2024-06"]
    june_events = timeline_events(api, since="2024-06", until="2024-06")
    assert {"make_visit", "sign_formal_agreement"} <= {e["type"] for e in june_events}
    # counted where they start: the munitions shipments (since 2023-08, ongoing) overlap June but
    # belong to the bucket of August 2023
    assert set(june["event_ids"]) == {e["id"] for e in june_events
                                      if starts_in(e, "2024-06-01", "2024-06-30")}
    august = by_label["2025-08"]
    call = next(e for e in timeline_events(api, since="2025-08", until="2025-08")
                if e["type"] == "telephone_call")
    assert call["id"] in august["event_ids"]
    # the states take part through their leaders: North Korea acts through Kim Jong Un
    through = {p["actor"]["id"]: p["through"] for p in call["participants"]}
    assert through["prk"] == "kim_jong_un" and through["rus"] == "vladimir_putin"
    said_in_the_call = [e for e in timeline_events(api, since="2025-08", until="2025-08")
                        if e["valid_from"] == call["valid_from"] and e["id"] != call["id"]]
    assert len(said_in_the_call) >= 3
    assert {e["id"] for e in said_in_the_call} <= set(august["event_ids"])
    assert august["quad_classes"]["verbal_cooperation"] >= 3 and august["planned"] >= 1


def test_every_timeline_event_starting_in_the_window_is_in_the_bucket_of_its_start(api: httpx.Client):
    for window in (WINDOW, {"since": "2025-01", "until": "2025-08"}, {"since": "2024-10-15",
                                                                       "until": "2025-06-30"}):
        body = series(api, **window)
        since, until = body["since"], body["until"]
        timeline = timeline_events(api, **window)
        starting = [e for e in timeline if starts_in(e, since, until)]
        assert sum(b["events"] for b in body["buckets"]) == len(starting)
        for event in starting:
            assert event["id"] in bucket_of(body, event)["event_ids"]
        counted = {i for b in body["buckets"] for i in b["event_ids"]}
        # events that began before the window (the ongoing deployments) overlap it, not counted
        assert counted.isdisjoint(e["id"] for e in timeline if not starts_in(e, since, until))
    assert any(not starts_in(e, "2025-01-01", "2025-08-31")
               for e in timeline_events(api, since="2025-01", until="2025-08"))


def test_figures_of_each_bucket_are_those_of_its_events(api: httpx.Client):
    body = series(api)
    events = {e["id"]: e for e in timeline_events(api)}
    for bucket in body["buckets"]:
        mine = [events[i] for i in bucket["event_ids"]]
        assert len(mine) == bucket["events"] and not bucket["event_ids_truncated"]
        assert bucket["occurred"] == sum(e["status"] == "occurred" for e in mine)
        assert bucket["planned"] == sum(e["status"] == "planned" for e in mine)
        quads = Counter(QUADS[e["quad_class"]] for e in mine)
        assert bucket["quad_classes"] == {name: quads[name] for name in QUAD_NAMES}
        assert bucket["goldstein_total"] == pytest.approx(sum(e["goldstein"] for e in mine))
        if mine:
            assert bucket["goldstein_mean"] == pytest.approx(bucket["goldstein_total"] / len(mine), abs=1e-3)
        coop = quads["verbal_cooperation"] + quads["material_cooperation"]
        assert bucket["net_cooperation"] == coop - quads["verbal_conflict"] - quads["material_conflict"]
        precision = Counter(e["time_precision"] for e in mine)
        assert bucket["precision"] == {p: precision[p] for p in ("day", "month", "year", "interval")}
        sources = {c["source"]["id"] for e in mine for c in e["claims"]}
        assert bucket["sources"] == len(sources)
        directions = Counter(direction(e, "prk", "rus") for e in mine)
        assert {d: f["events"] for d, f in bucket["directions"].items()} == {
            d: directions[d] for d in ("a_to_b", "b_to_a", "mutual")}
    active = [b for b in body["buckets"] if b["events"]]
    assert {d for b in active for d, f in b["directions"].items() if f["events"]} == {
        "a_to_b", "b_to_a", "mutual"}


def test_the_reverse_pair_swaps_the_directions(api: httpx.Client):
    forward, reverse = series(api), series(api, "rus", "prk")
    for there, back in zip(forward["buckets"], reverse["buckets"], strict=True):
        assert there["directions"]["a_to_b"] == back["directions"]["b_to_a"]
        assert there["directions"]["mutual"] == back["directions"]["mutual"]
        assert there["event_ids"] == back["event_ids"]


def test_month_and_year_precision_and_intervals_count_at_their_start(api: httpx.Client):
    body = series(api)
    events = {e["id"]: e for e in timeline_events(api)}
    month_or_interval = [e for e in events.values() if e["time_precision"] in ("month", "interval")
                         and starts_in(e, body["since"], body["until"])]
    assert any(e["ongoing"] for e in month_or_interval) and any(
        e["time_precision"] == "month" for e in month_or_interval)
    for event in month_or_interval:
        holding = [b["label"] for b in body["buckets"] if event["id"] in b["event_ids"]]
        assert holding == [event["valid_from"][:7]]  # once, in its start month, not across its span
    talks = [e for e in timeline_events(api, "prk", "usa", since="2019", until="2019")
             if e["time_precision"] == "year"]
    assert talks
    year_series = series(api, "prk", "usa", since="2019", until="2019")
    january = year_series["buckets"][0]
    assert january["label"] == "2019-01" and january["precision"]["year"] == len(talks)
    assert all(b["precision"]["year"] == 0 for b in year_series["buckets"][1:])


@pytest.mark.parametrize("interval", ["quarter", "year", "week"])
def test_other_intervals_agree_with_the_months(api: httpx.Client, interval: str):
    months = series(api)
    other = series(api, interval=interval)
    assert other["since"] == months["since"] and other["until"] == months["until"]
    spans = [(date.fromisoformat(b["start"]), date.fromisoformat(b["end"])) for b in other["buckets"]]
    assert all(later[0] == earlier[1] + timedelta(days=1)
               for earlier, later in zip(spans, spans[1:], strict=False))
    events = {e["id"]: e for e in timeline_events(api)}
    for name in ("events", "occurred", "planned", "net_cooperation"):
        assert sum(b[name] for b in other["buckets"]) == sum(b[name] for b in months["buckets"])
    for bucket in other["buckets"]:
        for event_id in bucket["event_ids"]:
            assert bucket_of(other, events[event_id]) is bucket
    if interval != "week":  # quarters and years are whole months: sum the months into them
        expected: dict[str, Counter] = defaultdict(Counter)
        for month in months["buckets"]:
            key = next(b["label"] for b in other["buckets"] if b["start"] <= month["start"] <= b["end"])
            expected[key].update({**month["quad_classes"], "events": month["events"]})
            expected[key]["goldstein"] += month["goldstein_total"]
        for bucket in other["buckets"]:
            assert bucket["events"] == expected[bucket["label"]]["events"]
            assert bucket["goldstein_total"] == pytest.approx(expected[bucket["label"]]["goldstein"])
            for name in QUAD_NAMES:
                assert bucket["quad_classes"][name] == expected[bucket["label"]][name]
    else:
        mondays = (date(2025, 8, 25) - date(2024, 1, 1)).days // 7 + 1  # 2024-01-01 is a Monday
        assert other["buckets"][0]["label"] == "2024-W01" and len(other["buckets"]) == mondays


def test_event_ids_per_bucket_are_bounded(api: httpx.Client):
    body = series(api, ids_per_bucket=1)
    busiest = max(body["buckets"], key=lambda b: b["events"])
    assert busiest["events"] > 1 and len(busiest["event_ids"]) == 1 and busiest["event_ids_truncated"]


def test_an_open_window_runs_from_the_first_to_the_last_event(api: httpx.Client):
    response = api.get("/relationships/prk/rus/series", params={"interval": "year"})
    body = response.json()
    firsts = [e["valid_from"] for e in get(api, "/relationships/prk/rus")["events"]]
    assert body["buckets"][0]["label"] == min(firsts)[:4] and body["buckets"][-1]["label"] == max(firsts)[:4]


def test_bad_series_requests_say_which_parameter(api: httpx.Client):
    assert api.get("/relationships/prk/atlantis/series").status_code == 404
    assert api.get("/actors/atlantis/series").status_code == 404
    too_many = api.get("/relationships/prk/rus/series", params={"since": "1000", "interval": "week",
                                                                "until": "2025"})
    assert too_many.status_code == 422 and too_many.json()["detail"][0]["loc"] == ["query", "interval"]
    bad_date = api.get("/relationships/prk/rus/series", params={"since": "2024-13"})
    assert bad_date.status_code == 422 and bad_date.json()["detail"][0]["loc"] == ["query", "since"]
    assert api.get("/relationships/prk/rus/series", params={"interval": "day"}).status_code == 422
    assert api.get("/relationships/prk/rus/series", params={"format": "png"}).status_code == 422
    assert api.get("/relationships/prk/rus/series.png").status_code == 404
    assert api.get("/relationships/prk/atlantis/series.csv").status_code == 404
    assert api.get("/actors/atlantis/series.svg").status_code == 404
    assert api.get("/actors/prk/series.csv", params={"interval": "day"}).status_code == 422


# An actor's series


def test_the_actor_series_holds_its_top_counterparts_and_agrees_with_the_pair_series(api: httpx.Client):
    body = get(api, "/actors/prk/series", **WINDOW, top=3)
    assert len(body["buckets"]) == 20 and len(body["counterparts"]) == 3
    totals = [c["events"] for c in body["counterparts"]]
    assert totals == sorted(totals, reverse=True) and body["counterparts"][0]["counterpart"]["id"] == "rus"
    for item in body["counterparts"]:
        pair = series(api, "prk", item["counterpart"]["id"])
        assert [b["events"] for b in item["buckets"]] == [b["events"] for b in pair["buckets"]]
        means = [b["goldstein_mean"] for b in pair["buckets"]]
        assert [b["goldstein_mean"] for b in item["buckets"]] == means
        assert item["events"] == sum(b["events"] for b in pair["buckets"])
    for index, bucket in enumerate(body["buckets"]):
        assert bucket["events"] >= max(c["buckets"][index]["events"] for c in body["counterparts"])
    everyone = get(api, "/actors/prk/series", **WINDOW, top=20)
    distinct = {i for c in everyone["counterparts"] for b in series(api, "prk", c["counterpart"]["id"])[
        "buckets"] for i in b["event_ids"]}
    assert sum(b["events"] for b in body["buckets"]) == len(distinct)  # each event once


def test_the_actor_series_csv_has_a_row_per_series_and_bucket(api: httpx.Client):
    response = api.get("/actors/prk/series.csv", params={**WINDOW, "top": 2})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert Counter(row["series"] for row in rows) == {"prk": 20, "rus": 20,
                                                      rows[-1]["series"]: 20}
    body = get(api, "/actors/prk/series", **WINDOW, top=2)
    assert [int(r["events"]) for r in rows[:20]] == [b["events"] for b in body["buckets"]]


# Shifts between two periods


def test_shifts_around_an_actor_match_the_year_series(api: httpx.Client):
    body = get(api, "/analytics/shifts", a_since="2024", a_until="2024", b_since="2025",
               b_until="2025", actor="prk")
    assert body["actor"]["id"] == "prk" and body["dyads_compared"] >= 3
    listed = [(kind, d) for kind in ("appeared", "vanished", "warmed", "cooled", "grew", "shrank")
              for d in body[kind]]
    assert any(d["b"]["id"] == "rus" for _, d in listed)
    for kind, dyad in listed:
        assert "prk" in (dyad["a"]["id"], dyad["b"]["id"])
        years = series(api, dyad["a"]["id"], dyad["b"]["id"], since="2024", until="2025",
                       interval="year")["buckets"]
        for period, bucket in zip(("period_a", "period_b"), years, strict=True):
            assert dyad[period]["events"] == bucket["events"]
            assert dyad[period]["goldstein_total"] == pytest.approx(bucket["goldstein_total"])
        a, b = dyad["period_a"]["events"], dyad["period_b"]["events"]
        assert dyad["volume_change"] == b - a
        assert {"appeared": a == 0 < b, "vanished": b == 0 < a, "grew": 0 < a < b,
                "shrank": 0 < b < a}.get(kind, True)
        if kind in ("warmed", "cooled"):
            change = dyad["period_b"]["goldstein_mean"] - dyad["period_a"]["goldstein_mean"]
            # both means and the change are rounded to 3 decimals apart
            assert dyad["goldstein_change"] == pytest.approx(change, abs=1.5e-3)
            assert (change > 0) == (kind == "warmed")
    appeared = [d["period_b"]["events"] for d in body["appeared"]]
    assert appeared and appeared == sorted(appeared, reverse=True)
    grew = [d["volume_change"] for d in body["grew"]]
    assert grew and grew == sorted(grew, reverse=True)


def test_shifts_over_the_whole_graph_and_bad_periods(api: httpx.Client):
    everything = get(api, "/analytics/shifts", a_since="2024", a_until="2024", b_since="2025",
                     b_until="2025", limit=1)
    around = get(api, "/analytics/shifts", a_since="2024", a_until="2024", b_since="2025",
                 b_until="2025", actor="prk")
    assert everything["actor"] is None and everything["dyads_compared"] > around["dyads_compared"]
    assert all(len(everything[kind]) <= 1 for kind in ("appeared", "vanished", "grew"))
    assert everything["vanished"]  # the Kursk fighting of 2024 has no start in 2025
    bad = api.get("/analytics/shifts", params={"a_since": "2025", "a_until": "2024",
                                               "b_since": "2025", "b_until": "2025"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "a_since"]
    missing = api.get("/analytics/shifts", params={"a_since": "2024", "a_until": "2024"})
    assert missing.status_code == 422
    unknown = api.get("/analytics/shifts", params={"a_since": "2024", "a_until": "2024",
                                                   "b_since": "2025", "b_until": "2025",
                                                   "actor": "atlantis"})
    assert unknown.status_code == 404


# Recorded time: what the graph knew on a day


EARLY_SOURCE = "src:test-early-report"
EARLY_EVENT = "ev:test-early-praise"


@pytest.fixture
def early_report(api: httpx.Client, driver: Driver, settings: Settings, tmp_path: Path) -> Iterator[str]:
    """An extra event of June 2024 reported by a source of that month, removed afterwards; the
    day before the seed article, only it is known."""
    article = get(api, "/events/" + timeline_events(api)[0]["id"])["claims"][0]["source"]["published"]
    records = [
        {"record": "source", "id": EARLY_SOURCE, "publisher": "Test wire", "url": "https://example.org/a",
         "published": "2024-06-20", "language": "en", "title": "Early report"},
        {"record": "event", "id": EARLY_EVENT, "type": "praise_or_endorse", "when": {"start": "2024-06-20"},
         "participants": [{"actor": "prk", "role": "initiator"}, {"actor": "rus", "role": "target"}],
         "title": "North Korea praises Russia", "summary": "A test event reported early.",
         "claims": [{"source": EARLY_SOURCE, "quote": "North Korea praised Russia.", "language": "en"}]},
    ]
    path = tmp_path / "early.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert not load_paths(driver, settings, path).errors
    yield article
    driver.execute_query(
        "MATCH ()-[i:INTERACTED_WITH {event_id: $event}]->() DELETE i WITH count(*) AS done "
        "MATCH (e:Event {id: $event})-[:SUPPORTED_BY]->(c:Claim) DETACH DELETE e, c WITH count(*) AS done "
        "MATCH (s:Source {id: $source}) DETACH DELETE s",
        event=EARLY_EVENT, source=EARLY_SOURCE, database_=settings.neo4j_database)


def test_known_as_of_hides_what_only_the_article_reported(api: httpx.Client, early_report: str):
    day_before = (date.fromisoformat(early_report) - timedelta(days=1)).isoformat()
    before = series(api, known_as_of=day_before)
    assert before["known_as_of"] == day_before
    assert [i for b in before["buckets"] for i in b["event_ids"]] == [EARLY_EVENT]
    assert sum(b["sources"] for b in before["buckets"]) == 1
    on_the_day = series(api, known_as_of=early_report)
    assert on_the_day["buckets"] == series(api)["buckets"]
    assert sum(b["events"] for b in on_the_day["buckets"]) > 1 + sum(b["events"] for b in before["buckets"])

    timeline = get(api, "/relationships/prk/rus", known_as_of=day_before)
    assert [e["id"] for e in timeline["events"]] == [EARLY_EVENT]
    assert timeline["standing_relationships"] == []  # the alliance is known from the article only
    assert get(api, "/relationships/prk/rus", known_as_of=early_report)["standing_relationships"]

    counterparts = get(api, "/actors/prk/relationships", known_as_of=day_before)["counterparts"]
    with_events = {c["counterpart"]["id"]: c["event_ids"] for c in counterparts if c["events"]}
    assert with_events == {"rus": [EARLY_EVENT]}
    assert any(r["type"] == "PART_OF" for c in counterparts for r in c["standing_relationships"])

    network = get(api, "/network", known_as_of=day_before)
    interactions = [e for e in network["edges"] if e["type"] == "INTERACTED_WITH"]
    assert [(e["source"], e["target"]) for e in interactions] == [("prk", "rus")]
    assert len(get(api, "/network", known_as_of=early_report)["edges"]) > len(network["edges"])

    actor = get(api, "/actors/prk/series", **WINDOW, known_as_of=day_before)
    assert sum(b["events"] for b in actor["buckets"]) == 1
    shifts = get(api, "/analytics/shifts", a_since="2024", a_until="2024", b_since="2025",
                 b_until="2025", known_as_of=day_before)
    assert shifts["dyads_compared"] == 1 and shifts["vanished"][0]["b"]["id"] == "rus"


@pytest.mark.parametrize(("command", "path"), [
    (["chart", "dyad", "prk", "rus"], "/relationships/prk/rus/series"),
    (["chart", "actor", "prk"], "/actors/prk/series"),
])
def test_the_chart_command_writes_the_csv_the_api_serves(api: httpx.Client, tmp_path: Path,
                                                          command: list[str], path: str):
    out = tmp_path / "series.csv"
    result = CliRunner().invoke(app, [*command, "--since", "2024-01", "--until", "2025-08", "-o", str(out)])
    assert result.exit_code == 0, result.output
    served = api.get(f"{path}.csv", params=WINDOW)
    assert served.status_code == 200
    written = out.read_text("utf-8")
    assert written == served.text and len(written.splitlines()) > 20


def test_the_chart_command_names_the_option_of_a_bad_window(tmp_path: Path):
    result = CliRunner().invoke(app, ["chart", "actor", "prk", "--since", "2025-09", "--until", "2025-08",
                                      "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert "--since: '2025-09' is after until '2025-08'" in result.output
    assert not (tmp_path / "x.svg").exists()
