"""Happenings in the store (real Neo4j): every write attaches its records, the grouping does not
depend on load order or batch size, a rebuild gives what the writes gave, a bridging record merges
two happenings and the old ids still resolve, two loads at once neither tear nor double one."""

from __future__ import annotations

import random
import threading
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from graph.happenings.rebuild import rebuild
from graph.settings import Settings
from graph.store.writer import GraphWriter
from loaders.formats import read_all
from loaders.native import parse_records
from loaders.pipeline import load_records, load_stream
from loaders.report import LoadReport
from tests.conftest import SEED, load_paths, wipe

DATA = Path(__file__).resolve().parent / "data"
GDELT = (DATA / "20250813.export.CSV", DATA / "20250813.mentions.CSV")
POLECAT = (DATA / "polecat_2025-W33.tsv",)
ACLED = (DATA / "acled_2025-08.csv",)
CALL = "ev:2025-08-12-kim-putin-call"
SUMMIT = "ev:2025-08-15-putin-trump-alaska-summit"


def load(driver: Driver, settings: Settings, paths: tuple[Path, ...], batch: int = 7) -> LoadReport:
    if paths == (SEED,):
        return load_paths(driver, settings, SEED)
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=batch)
    return load_stream(lambda: read_all(list(paths), None), writer, batch_size=batch)


def grouping(driver: Driver) -> dict[str, list[tuple[str, str, float]]]:
    """Each happening's id with its members (record, rule, score), read independently of the code."""
    records, _, _ = driver.execute_query(
        "MATCH (e:Event)-[r:REPORTS]->(h:Happening) "
        "RETURN h.id AS id, collect([e.id, r.rule, r.score]) AS members")
    return {r["id"]: sorted(tuple(m) for m in r["members"]) for r in records}


def happening_of(driver: Driver, record: str) -> dict[str, Any]:
    records, _, _ = driver.execute_query(
        "MATCH (:Event {id: $id})-[:REPORTS]->(h:Happening) "
        "RETURN h {.*, members: COLLECT { MATCH (m:Event)-[:REPORTS]->(h) RETURN m.id }} AS h",
        id=record)
    assert len(records) == 1, f"{record} reports {len(records)} happenings"
    return records[0]["h"]


@pytest.fixture
def all_samples(empty_graph: Driver, settings: Settings) -> Driver:
    for paths in ((SEED,), GDELT, POLECAT, ACLED):
        report = load(empty_graph, settings, paths)
        assert report.counts, report
    return empty_graph


def test_every_record_reports_exactly_one_happening(all_samples: Driver):
    records, _, _ = all_samples.execute_query(
        "MATCH (e:Event) RETURN count(e) AS events, "
        "count { MATCH (e2:Event) WHERE count { (e2)-[:REPORTS]->() } <> 1 } AS wrong, "
        "count { MATCH (e3:Event)-[:REPORTS]->(h) WHERE e3.happening <> h.id } AS stale")
    assert records[0]["events"] > 20
    assert records[0]["wrong"] == 0 and records[0]["stale"] == 0


def test_the_kim_putin_call_is_one_happening_of_three_datasets(all_samples: Driver):
    call = happening_of(all_samples, CALL)
    datasets, _, _ = all_samples.execute_query(
        "MATCH (m:Event)-[:SUPPORTED_BY]->(c:Claim) WHERE m.id IN $ids AND c.mention IS NULL "
        "RETURN m.id AS id, collect(DISTINCT c.dataset) AS datasets", ids=call["members"])
    named = {r["id"]: [d for d in r["datasets"] if d] or ["curated"] for r in datasets}
    assert sorted(d for ds in named.values() for d in ds) == ["curated", "gdelt", "polecat"]
    assert call["datasets"] == 3 and call["dataset_names"] == ["curated", "gdelt", "polecat"]
    assert call["records"] == len(call["members"]) == 3
    assert call["start"].to_native() == date(2025, 8, 12) and call["status"] == "occurred"
    # The statements made in the call are the seed extractor's distinct events: kept apart.
    assert happening_of(all_samples, "ev:2025-08-12-putin-praises-kpa-troops")["id"] != call["id"]


def test_the_planned_alaska_summit_joins_the_report_that_it_occurred(all_samples: Driver):
    summit = happening_of(all_samples, SUMMIT)
    assert len(summit["members"]) == 2 and any(m.startswith("gdelt:") for m in summit["members"])
    assert summit["status"] == "occurred" and summit["statuses"] == ["occurred", "planned"]
    assert summit["start"].to_native() == date(2025, 8, 15)
    seed_published = all_samples.execute_query(
        "MATCH (:Event {id: $id})-[:SUPPORTED_BY]->()-[:PUBLISHED_IN]->(s) RETURN min(s.published) AS p",
        id=SUMMIT)[0][0]["p"]
    assert summit["announced"] == seed_published


ORDERS = [
    ([(SEED,), GDELT, POLECAT, ACLED], 7),
    ([ACLED, POLECAT, GDELT, (SEED,)], 3),
    ([GDELT, (SEED,), ACLED, POLECAT], 500),
]


def test_load_order_and_batch_size_do_not_change_the_grouping(empty_graph: Driver, settings: Settings):
    seen = []
    for order, batch in ORDERS:
        wipe(empty_graph, settings.neo4j_database)
        for paths in order:
            load(empty_graph, settings, paths, batch)
        seen.append(grouping(empty_graph))
    assert seen[0] == seen[1] == seen[2]
    assert any(len(members) == 3 for members in seen[0].values())


def test_a_reload_changes_nothing(all_samples: Driver, settings: Settings):
    before = all_samples.execute_query(
        "MATCH (h:Happening) RETURN collect([h.id, h.content_hash]) AS all")[0][0]["all"]
    for paths in ((SEED,), GDELT, POLECAT):
        report = load(all_samples, settings, paths)
        assert all(c.created == c.updated == 0 for c in report.counts.values()), report.counts
    after = all_samples.execute_query(
        "MATCH (h:Happening) RETURN collect([h.id, h.content_hash]) AS all")[0][0]["all"]
    assert sorted(before) == sorted(after)


def test_a_rebuild_gives_what_the_writes_gave(all_samples: Driver, settings: Settings):
    incremental = grouping(all_samples)
    window = rebuild(all_samples, settings.neo4j_database, date(2025, 8, 12), date(2025, 8, 13))
    assert window.written == 0 and window.removed == 0 and window.records >= 10
    all_samples.execute_query("MATCH (h:Happening|HappeningAlias) DETACH DELETE h")
    all_samples.execute_query("MATCH (e:Event) REMOVE e.happening")
    whole = rebuild(all_samples, settings.neo4j_database)
    assert whole.written == whole.happenings == len(incremental)
    assert grouping(all_samples) == incremental


def native(event_id: str, day: str, source: str, dataset: str | None) -> list[dict[str, Any]]:
    claim: dict[str, Any] = ({"source": source, "dataset": dataset, "record_id": event_id}
                             if dataset else
                             {"source": source, "quote": "They spoke by telephone.", "language": "en"})
    return [
        {"record": "source", "id": source, "publisher": f"Publisher {source}",
         "url": f"https://example.org/{source}", "published": day, "language": "en"},
        {"record": "event", "id": event_id, "type": "telephone_call", "when": {"start": day},
         "participants": [{"actor": "kim_jong_un", "role": "participant", "represents": "prk"},
                          {"actor": "vladimir_putin", "role": "participant", "represents": "rus"}],
         "title": "A call", "summary": "A call.", "claims": [claim]},
    ]


def post(driver: Driver, settings: Settings, records: list[dict[str, Any]]) -> None:
    items, errors = parse_records(list(enumerate(records, 1)), "test")
    report = load_records(items, GraphWriter(driver, settings.neo4j_database), parse_errors=errors)
    assert not report.errors, report.errors


def test_a_bridging_record_merges_two_happenings_and_the_old_ids_resolve(
        changed_seed_graph: Driver, settings: Settings):
    driver = changed_seed_graph
    # Two days apart: beyond the day tolerance, so apart. Two reports of the day between them
    # (two articles, so two extractions) make a group whose own day is within a day of both
    # (docs/happenings.md, the bounds), so it joins both.
    post(driver, settings, native("ev:zz-bridge-2", "2025-09-01", "src:bridge-a", "acled"))
    post(driver, settings, native("ev:zz-bridge-3", "2025-09-03", "src:bridge-b", "polecat"))
    first, second = (happening_of(driver, r)["id"] for r in ("ev:zz-bridge-2", "ev:zz-bridge-3"))
    assert first != second
    post(driver, settings, native("ev:zz-bridge-1", "2025-09-02", "src:bridge-c", None)
         + native("ev:zz-bridge-1b", "2025-09-02", "src:bridge-d", None))
    merged = happening_of(driver, "ev:zz-bridge-1")
    assert sorted(merged["members"]) == ["ev:zz-bridge-1", "ev:zz-bridge-1b", "ev:zz-bridge-2",
                                         "ev:zz-bridge-3"]
    assert merged["id"] not in (first, second) and sorted(merged["aliases"]) == sorted([first, second])
    for old in (first, second):
        resolved = driver.execute_query(
            "MATCH (:HappeningAlias {id: $id})-[:ALIAS_OF]->(h:Happening) RETURN h.id AS id", id=old)
        assert [r["id"] for r in resolved[0]] == [merged["id"]]


def test_two_loads_at_once_neither_tear_nor_double_a_happening(empty_graph: Driver, settings: Settings):
    for paths in ((SEED,), GDELT, POLECAT, ACLED):
        load(empty_graph, settings, paths, 5)
    expected = grouping(empty_graph)
    wipe(empty_graph, settings.neo4j_database)
    load(empty_graph, settings, (SEED,))  # the actors the others resolve to, first
    loads = [GDELT, POLECAT + ACLED]
    random.shuffle(loads)
    failures: list[BaseException] = []

    def run(paths: tuple[Path, ...]) -> None:
        try:
            load(empty_graph, settings, paths, 2)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(paths,)) for paths in loads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert grouping(empty_graph) == expected


def test_get_happening_shows_the_call_its_corroboration_and_its_reports(
        all_samples: Driver, api_client: httpx.Client):
    event = api_client.get(f"/events/{CALL}")
    assert event.status_code == 200
    ref = event.json()["happening"]
    assert ref["records"] == 3 and ref["datasets"] == 3 and ref["sources"] >= 3
    body = api_client.get(f"/happenings/{ref['id']}").json()
    assert body["id"] == ref["id"] and body["status"] == "occurred" and body["type"] == "telephone_call"
    members = {m["id"]: m for m in body["members"]}
    # dated by its occurred day-precision members: the seed's day to the day-late rows' day
    assert (body["start"], body["end"]) == (min(m["date"] for m in members.values()),
                                            max(m["date"] for m in members.values()))
    assert body["start"] == "2025-08-12"
    assert CALL in members and sorted(m["dataset"] for m in members.values()) == [
        "curated", "gdelt", "polecat"]
    for member in members.values():
        assert member["rule"] and 0 < member["score"] <= 1 and member["sources"]
        assert member["date"].startswith("2025-08-1")
    assert body["corroboration"]["dataset_names"] == ["curated", "gdelt", "polecat"]
    actors = {p["actor"]["id"] for p in body["participants"]}
    assert {"kim_jong_un", "vladimir_putin"} <= actors
    assert set(body["disagreements"]) == {"start_dates", "fatalities", "event_codes", "statuses"}
    assert api_client.get("/happenings/hap_0000000000000000").status_code == 404


def test_a_superseded_happening_id_redirects_to_the_current_one(
        changed_seed_graph: Driver, settings: Settings, api_client: httpx.Client):
    post(changed_seed_graph, settings, native("ev:zz-bridge-2", "2025-09-01", "src:bridge-a", "acled"))
    old = happening_of(changed_seed_graph, "ev:zz-bridge-2")["id"]
    post(changed_seed_graph, settings, native("ev:zz-bridge-1", "2025-09-02", "src:bridge-c", None))
    current = happening_of(changed_seed_graph, "ev:zz-bridge-1")["id"]
    assert current != old
    answer = api_client.get(f"/happenings/{old}", follow_redirects=False)
    assert answer.status_code == 308 and answer.headers["location"] == f"/happenings/{current}"
    followed = api_client.get(f"/happenings/{old}", follow_redirects=True)
    assert followed.status_code == 200 and followed.json()["id"] == current
    assert old in followed.json()["aliases"]


def interactions(driver: Driver, a: str, b: str | None, since: str,
                 until: str) -> dict[str, tuple[str, date]]:
    """Each record of a's interactions (with b, or anyone) starting in [since, until], with its
    happening's id and start, read independently of the series queries."""
    records, _, _ = driver.execute_query(
        "MATCH (:Actor {id: $a})-[i:INTERACTED_WITH]-(other:Actor) "
        "WHERE ($b IS NULL OR other.id = $b) AND date($since) <= i.valid_from <= date($until) "
        "MATCH (e:Event {id: i.event_id})-[:REPORTS]->(h:Happening) "
        "RETURN DISTINCT e.id AS id, h.id AS happening, h.start AS start",
        a=a, b=b, since=since, until=until)
    return {r["id"]: (r["happening"], r["start"].to_native()) for r in records}


def starting(records: dict[str, tuple[str, date]], since: str) -> set[str]:
    """The happenings of these records that start on or after since (a series counts those)."""
    return {happening for happening, start in records.values() if start >= date.fromisoformat(since)}


def test_a_series_counts_the_call_once_and_its_three_records(all_samples: Driver,
                                                             api_client: httpx.Client):
    call = happening_of(all_samples, CALL)
    week = {"since": "2025-08-11", "until": "2025-08-17", "interval": "week"}
    expected = interactions(all_samples, "prk", "rus", week["since"], week["until"])
    happenings = starting(expected, week["since"])
    assert set(call["members"]) <= set(expected) and len(call["members"]) == 3
    assert len(expected) - len(happenings) >= 2  # the call: three records, one happening
    by_happening = api_client.get("/relationships/prk/rus/series", params=week).json()["buckets"]
    by_record = api_client.get("/relationships/prk/rus/series",
                               params={**week, "count": "records"}).json()["buckets"]
    assert len(by_happening) == len(by_record) == 1
    for bucket in by_happening + by_record:  # both figures, whatever count says
        assert (bucket["happenings"], bucket["records"]) == (len(happenings), len(expected))
    assert by_happening[0]["events"] == len(happenings)
    assert by_record[0]["events"] == len(expected)
    assert sum(d["events"] for d in by_happening[0]["directions"].values()) == len(happenings)
    # the call's first record speaks for it; its later reports are counted, not listed
    assert set(call["members"]) & set(by_happening[0]["event_ids"]) == {CALL}
    assert set(call["members"]) <= set(by_record[0]["event_ids"])
    everyone = interactions(all_samples, "prk", None, week["since"], week["until"])
    for count, events in (("happenings", len(starting(everyone, week["since"]))),
                          ("records", len(everyone))):
        actor = api_client.get("/actors/prk/series", params={**week, "count": count}).json()
        assert actor["buckets"][0]["events"] == events
        assert actor["buckets"][0]["happenings"] == len(starting(everyone, week["since"]))
        assert actor["buckets"][0]["records"] == len(everyone)
        rus = next(c for c in actor["counterparts"] if c["counterpart"]["id"] == "rus")
        assert rus["buckets"][0]["happenings"] == len(happenings)
        assert rus["buckets"][0]["records"] == len(expected)


def test_a_happening_counts_where_it_starts_and_only_if_it_starts_in_the_window(
        all_samples: Driver, api_client: httpx.Client):
    call = happening_of(all_samples, CALL)
    # the call starts on the 12th; its GDELT and POLECAT reports are dated the 13th
    later = {"since": "2025-08-13", "until": "2025-08-13", "interval": "week"}
    expected = interactions(all_samples, "prk", "rus", later["since"], later["until"])
    assert {m for m in call["members"] if m != CALL} <= set(expected)
    bucket = api_client.get("/relationships/prk/rus/series", params=later).json()["buckets"][0]
    assert call["id"] not in starting(expected, later["since"])
    assert bucket["happenings"] == bucket["events"] == len(starting(expected, later["since"]))
    assert bucket["records"] == len(expected)
    assert not set(call["members"]) & set(bucket["event_ids"])


def test_events_and_the_pair_timeline_list_one_entry_per_happening(all_samples: Driver,
                                                                   api_client: httpx.Client):
    day = {"since": "2025-08-12", "until": "2025-08-13", "limit": 500}
    records = api_client.get("/events", params={**day, "count": "records"}).json()["items"]
    happenings = api_client.get("/events", params=day).json()["items"]
    assert len({e["happening"]["id"] for e in records}) == len(happenings) < len(records)
    assert len({e["happening"]["id"] for e in happenings}) == len(happenings)
    call = next(e for e in happenings if CALL in e["happening"]["members"])
    assert len(call["happening"]["members"]) == 3
    corroborated = api_client.get("/events", params={**day, "min_datasets": 3}).json()["items"]
    assert [e["happening"]["id"] for e in corroborated] == [call["happening"]["id"]]
    timeline = api_client.get("/relationships/prk/rus", params={"since": "2025-08-12",
                                                                "until": "2025-08-13"}).json()
    ids = [e["happening"]["id"] for e in timeline["events"]]
    assert len(ids) == len(set(ids)) and call["happening"]["id"] in ids
    every = api_client.get("/relationships/prk/rus", params={
        "since": "2025-08-12", "until": "2025-08-13", "count": "records"}).json()["events"]
    assert len(every) > len(ids) and {e["happening"]["id"] for e in every} == set(ids)
    strong = api_client.get("/relationships/prk/rus", params={
        "since": "2025-08-12", "until": "2025-08-13", "min_datasets": 3}).json()["events"]
    assert [e["happening"]["id"] for e in strong] == [call["happening"]["id"]]


def lead_edges(driver: Driver, a: str, b: str, since: str, until: str,
               overlapping: bool) -> dict[str, set[tuple[str, str, str]]]:
    """The pair's interactions in [since, until] (starting in it, or with ``overlapping`` also the
    spans that began before and reach into it, as the README's window says), as (from, to, record)
    for every record and for the first record of each happening (by start then id), the latter
    computed here from REPORTS."""
    records, _, _ = driver.execute_query(
        "MATCH (x:Actor)-[i:INTERACTED_WITH]->(y:Actor) WHERE [x.id, y.id] IN [[$a, $b], [$b, $a]] "
        "AND i.valid_from <= date($until) AND (date($since) <= i.valid_from OR $overlapping "
        "AND i.time_precision <> 'day' AND (i.valid_to IS NULL OR i.valid_to >= date($since))) "
        "MATCH (:Event {id: i.event_id})-[:REPORTS]->(h:Happening) "
        "WITH x, y, i, COLLECT { MATCH (m:Event)-[:REPORTS]->(h) RETURN m.id "
        "                        ORDER BY m.valid_from, m.id }[0] AS lead "
        "RETURN DISTINCT x.id AS x, y.id AS y, i.event_id AS record, i.event_id = lead AS leads",
        a=a, b=b, since=since, until=until, overlapping=overlapping)
    every = {(r["x"], r["y"], r["record"]) for r in records}
    return {"records": every, "happenings": {(r["x"], r["y"], r["record"]) for r in records
                                             if r["leads"]}}


def test_counterparts_network_centrality_and_shifts_count_happenings_or_records(
        all_samples: Driver, api_client: httpx.Client):
    week = {"since": "2025-08-11", "until": "2025-08-17"}
    overlapping = lead_edges(all_samples, "prk", "rus", week["since"], week["until"], True)
    starting = lead_edges(all_samples, "prk", "rus", week["since"], week["until"], False)
    assert len(starting["happenings"]) < len(starting["records"])
    for count, expected in overlapping.items():
        events = {record for _, _, record in expected}
        counterparts = api_client.get("/actors/prk/relationships",
                                      params={**week, "count": count}).json()["counterparts"]
        rus = next(c for c in counterparts if c["counterpart"]["id"] == "rus")
        assert rus["events"] == len(events) and set(rus["event_ids"]) == events
        network = api_client.get("/network", params={**week, "count": count}).json()
        pair = [e for e in network["edges"] if e["type"] == "INTERACTED_WITH"
                and {e["source"], e["target"]} == {"prk", "rus"}]
        assert {(e["source"], e["target"]): e["events"] for e in pair} == {
            (x, y): len({r for x2, y2, r in expected if (x2, y2) == (x, y)})
            for x, y, _ in expected}
        centrality = api_client.get("/analytics/centrality", params={**week, "count": count})
        assert centrality.status_code == 200
        shifts = api_client.get("/analytics/shifts", params={
            "a_since": "2025-08-01", "a_until": "2025-08-10", "b_since": week["since"],
            "b_until": week["until"], "actor": "prk", "count": count, "limit": 100}).json()
        dyads = [d for kind in ("appeared", "grew", "warmed", "cooled", "shrank") for d in shifts[kind]
                 if {d["a"]["id"], d["b"]["id"]} == {"prk", "rus"}]
        assert dyads and {d["period_b"]["events"] for d in dyads} == {
            len({r for _, _, r in starting[count]})}
