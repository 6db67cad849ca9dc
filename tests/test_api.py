"""The HTTP API over real HTTP, against the real Neo4j holding the seed graph."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import networkx as nx
import pytest

CALL = "ev:2025-08-12-kim-putin-call"
ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "seed_2025-08-13.article-ar.txt"


def counterpart(body: dict, actor_id: str) -> dict:
    matches = [c for c in body["counterparts"] if c["counterpart"]["id"] == actor_id]
    assert matches, f"{actor_id} is not a counterpart"
    return matches[0]


def event_ids(api: httpx.Client, **params: str) -> list[str]:
    response = api.get("/events", params={**params, "limit": 500})
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["items"]]


def test_health_reports_neo4j_version_and_counts(api: httpx.Client):
    body = api.get("/health").json()
    assert body["neo4j"] == "reachable" and body["version"].startswith("5.26")
    assert body["nodes"] > 50 and body["relationships"] > 50


@pytest.mark.parametrize("q", ["بوتين", "putin", "Vladimir", "PUT"])
def test_actor_search_finds_putin_in_any_language(api: httpx.Client, q: str):
    items = api.get("/actors", params={"q": q}).json()["items"]
    assert items[0]["id"] == "vladimir_putin"


def test_actor_search_filters_by_kind_and_pages_with_a_cursor(api: httpx.Client):
    first = api.get("/actors", params={"kind": "state", "limit": 2}).json()
    assert len(first["items"]) == 2 and all(a["kind"] == "state" for a in first["items"])
    second = api.get("/actors", params={"kind": "state", "limit": 2,
                                        "cursor": first["next_cursor"]}).json()
    assert second["items"]
    assert {a["id"] for a in first["items"]}.isdisjoint({a["id"] for a in second["items"]})
    assert api.get("/actors", params={"cursor": "bm90LWEtbnVtYmVy"}).status_code == 422
    assert api.get("/actors", params={"cursor": "LTU="}).status_code == 422  # "-5"


def test_lucene_syntax_in_a_search_is_taken_literally(api: httpx.Client):
    response = api.get("/actors", params={"q": 'putin" OR (*'})
    assert response.status_code == 200 and response.json()["items"] == []  # "or" is a word here
    assert api.get("/actors", params={"q": 'putin" (*'}).json()["items"][0]["id"] == "vladimir_putin"
    assert api.get("/actors", params={"q": "!!!"}).json()["items"] == []


def test_actor_has_names_in_every_language_and_standing_relationships(api: httpx.Client):
    putin = api.get("/actors/vladimir_putin").json()
    assert {"text": "بوتين", "lang": "ar"} in putin["names"]
    assert putin["wikidata"] == "Q7747"
    leads = [r for r in putin["standing_relationships"] if r["type"] == "LEADS"]
    assert leads[0]["counterpart"]["id"] == "rus" and leads[0]["direction"] == "out"


def test_unknown_actor_is_a_404_naming_the_id(api: httpx.Client):
    response = api.get("/actors/atlantis")
    assert response.status_code == 404 and "atlantis" in response.json()["detail"][0]["msg"]
    assert api.get("/actors/atlantis/relationships").status_code == 404
    assert api.get("/relationships/prk/atlantis").status_code == 404


def test_north_korea_in_2025_dealt_with_russia_including_the_phone_call(api: httpx.Client):
    body = api.get("/actors/prk/relationships", params={"since": "2025", "until": "2025"}).json()
    russia = counterpart(body, "rus")
    assert CALL in russia["event_ids"] and "telephone_call" in russia["event_types"]
    assert russia["goldstein_total"] > 0 and russia["quad_classes"]["verbal_cooperation"] >= 1
    assert [r["type"] for r in russia["standing_relationships"]] == ["PARTNER_OF", "PARTNER_OF", "ALLY_OF"]


def test_as_of_shows_the_alliance_only_after_the_treaty(api: httpx.Client):
    def types(day: str) -> set[str]:
        body = api.get("/actors/prk/relationships", params={"as_of": day}).json()
        return {r["type"] for c in body["counterparts"] for r in c["standing_relationships"]}
    after = api.get("/actors/prk/relationships", params={"as_of": "2025-01-01"}).json()
    assert "ALLY_OF" not in types("2024-01-01")
    # signed on 2024-06-19, binding from its entry into force on 2024-12-04
    assert not {"ALLY_OF"} & (types("2024-06-19") | types("2024-09-01") | types("2024-12-03"))
    assert "ALLY_OF" in types("2024-12-04")
    assert "ALLY_OF" in {r["type"] for r in counterpart(after, "rus")["standing_relationships"]}
    assert CALL not in counterpart(after, "rus")["event_ids"]  # events up to the day only


def test_relationships_filter_by_event_type(api: httpx.Client):
    body = api.get("/actors/prk/relationships", params={"type": "provide_military_aid"}).json()
    assert counterpart(body, "rus")["event_types"] == ["provide_military_aid"]


def test_planned_events_are_told_apart_from_occurred_ones(api: httpx.Client):
    body = api.get("/actors/vladimir_putin/relationships", params={"since": "2025-08"}).json()
    trump = counterpart(body, "donald_trump")
    assert trump["planned"] == 1 and trump["occurred"] == 0
    assert "ev:2025-08-15-putin-trump-alaska-summit" in event_ids(api, status="planned")
    assert "ev:2025-08-15-putin-trump-alaska-summit" not in event_ids(api, status="occurred")


def test_a_month_dated_event_overlaps_any_window_touching_that_month(api: httpx.Client):
    workers = "ev:2025-08-prk-workers-deployment-to-kursk"
    assert workers in event_ids(api, since="2025-08-31", until="2025-12")
    assert workers not in event_ids(api, since="2025-09-01")


def test_a_year_dated_event_overlaps_the_last_day_of_its_year(api: httpx.Client):
    assert "ev:2019-prk-usa-nuclear-talks-derail" in event_ids(api, since="2019-12-31", until="2019-12-31")


def test_an_ongoing_deployment_overlaps_every_later_window(api: httpx.Client):
    assert "ev:2024-10-prk-troops-to-russia" in event_ids(api, since="2030-01-01")
    assert "ev:2024-10-prk-troops-to-russia" in event_ids(api, since="2024-10-01", until="2024-10-01")
    assert "ev:2024-10-prk-troops-to-russia" not in event_ids(api, until="2024-09-30")


def test_timeline_kim_putin_lists_the_call_with_its_kcna_and_tass_attribution(api: httpx.Client):
    body = api.get("/relationships/kim_jong_un/vladimir_putin").json()
    days = [e["valid_from"] for e in body["events"]]
    assert days == sorted(days)
    call = next(e for e in body["events"] if e["id"] == CALL)
    assert call["valid_from"] == "2025-08-12" and call["time_precision"] == "day"
    speakers = {a["id"] for c in call["claims"] for a in c["attributed_to"]}
    relays = {a["id"] for c in call["claims"] for a in c["via"]}
    assert {"kcna", "kremlin"} <= speakers and "tass" in relays
    assert all(c["language"] == "ar" and c["source"]["published"] == "2025-08-13" for c in call["claims"])


def test_the_call_is_dated_the_day_it_took_place_and_its_reports_the_day_after(api: httpx.Client):
    call = api.get(f"/events/{CALL}").json()
    assert (call["time_start"], call["time_precision"], call["status"]) == ("2025-08-12", "day", "occurred")
    assert all(word in call["time_note"] for word in ("Kremlin", "KCNA", "2025-08-13"))
    assert call["first_reported"] == "2025-08-13"  # the reports' date is the source's
    assert "three days before" in call["summary"] and "two days" not in call["summary"]
    that_day = api.get("/relationships/kim_jong_un/vladimir_putin",
                       params={"since": "2025-08-12", "until": "2025-08-12"}).json()["events"]
    drawn = [e for e in that_day if e["id"] != CALL]
    assert len(drawn) == 4  # praise, briefing, pledge, ties: all statements made in the call
    for event in drawn:
        assert event["time_start"] == "2025-08-12" and CALL in event["time_note"], event["id"]
    assert CALL in event_ids(api, since="2025-08-12", until="2025-08-12")
    assert CALL not in event_ids(api, since="2025-08-13", until="2025-08-13")


def test_the_workers_deployment_is_a_planned_forecast_not_a_second_occurred_delivery(api: httpx.Client):
    workers = api.get("/events/ev:2025-08-prk-workers-deployment-to-kursk").json()
    promise = api.get("/events/ev:2025-06-17-kim-agrees-to-send-workers-to-kursk").json()
    assert workers["status"] == "planned" and promise["status"] == "occurred"
    assert [a["id"] for c in workers["claims"] for a in c["attributed_to"]] == ["kor_intelligence"]
    assert all("تعتقد المخابرات الكورية الجنوبية" in c["quote"] for c in workers["claims"])
    assert not any("وافق كيم" in c["quote"] for c in workers["claims"])  # the promise is quoted once
    # and no word of the article is quoted by both (docs/event-types.md): their spans are apart
    article = " ".join(ARTICLE.read_text("utf-8").split())

    def spans(event: dict) -> list[range]:
        quotes = [" ".join(c["quote"].split()) for c in event["claims"]]
        return [range(article.index(q), article.index(q) + len(q)) for q in quotes]
    assert all(not set(w) & set(p) for w in spans(workers) for p in spans(promise))
    aid = {"actor": "prk", "type": "provide_military_aid", "since": "2025-08", "until": "2025-08"}
    occurred = event_ids(api, status="occurred", **aid)
    assert workers["id"] in event_ids(api, status="planned", **aid) and workers["id"] not in occurred
    russia = counterpart(api.get("/actors/prk/relationships", params={
        "since": "2025-08", "until": "2025-08", "type": "provide_military_aid"}).json(), "rus")
    assert (russia["occurred"], russia["planned"]) == (len(occurred), 1)


def test_munitions_are_dated_from_august_2023_as_south_korean_intelligence_reported(api: httpx.Client):
    munitions = api.get("/events/ev:2023-08-prk-munitions-to-russia").json()
    assert (munitions["time_start"], munitions["ongoing"]) == ("2023-08", True)
    assert munitions["valid_from"] == "2023-08-01" and munitions["time_precision"] == "interval"
    assert "National Intelligence Service" in munitions["time_note"]
    assert "ev:2023-08-prk-munitions-to-russia" in event_ids(api, since="2023-08", until="2023-08")
    assert api.get("/events/ev:2024-09-prk-munitions-to-russia").status_code == 404


def test_closer_ties_and_kims_moscow_priority_are_standing_partnerships(api: httpx.Client):
    def partnerships(day: str) -> dict[str, dict]:
        body = api.get("/actors/prk/relationships", params={"as_of": day}).json()
        russia = [c for c in body["counterparts"] if c["counterpart"]["id"] == "rus"]
        return {r["id"]: r for c in russia for r in c["standing_relationships"] if r["type"] == "PARTNER_OF"}
    assert partnerships("2022-02-23") == {}
    assert set(partnerships("2022-02-24")) == {"rel:prk-partner-of-rus"}
    now = partnerships("2025-08-13")
    assert now["rel:prk-partner-of-rus"]["direction"] == "out" and now["rel:prk-partner-of-rus"]["ongoing"]
    assert now["rel:rus-partner-of-prk"]["direction"] == "in"
    assert (now["rel:rus-partner-of-prk"]["time_start"], now["rel:rus-partner-of-prk"]["time_precision"]) == (
        "2023", "interval")


def test_timeline_russia_north_korea_shows_when_they_became_allies(api: httpx.Client):
    body = api.get("/relationships/rus/prk", params={"since": "2024"}).json()
    alliance = [r for r in body["standing_relationships"] if r["type"] == "ALLY_OF"]
    treaty = "ev:2024-06-19-rus-prk-strategic-partnership-treaty"
    signed = next(e for e in body["events"] if e["id"] == treaty)
    # derived from the signing, but allies only from the treaty's entry into force (ratification
    # instruments exchanged on 2024-12-04), the date its own `when` gives
    assert alliance[0]["derived_from"] == treaty and signed["valid_from"] == "2024-06-19"
    assert alliance[0]["valid_from"] == "2024-12-04" and alliance[0]["valid_to"] is None
    assert alliance[0]["ongoing"] and "entry into force" in alliance[0]["time_note"]


def test_putins_visit_is_dated_the_day_he_spent_in_pyongyang(api: httpx.Client):
    visit = api.get("/events/ev:2024-06-19-putin-visit-pyongyang").json()
    treaty = api.get("/events/ev:2024-06-19-rus-prk-strategic-partnership-treaty").json()
    # landed about 02:20 local time on 19 June, left for Hanoi late that day: one day, the treaty's
    assert (visit["time_start"], visit["time_precision"]) == ("2024-06-19", "day")
    assert visit["valid_to"] == "2024-06-19"
    assert visit["valid_from"] == treaty["valid_from"] and "Hanoi" in visit["time_note"]
    assert api.get("/events/ev:2024-06-18-putin-visit-pyongyang").status_code == 404


def test_events_filter_by_actor_place_and_source(api: httpx.Client):
    kursk = event_ids(api, place="kursk_oblast")
    assert "ev:2024-11-kpa-fights-in-kursk" in kursk and CALL not in kursk
    assert set(kursk) <= set(event_ids(api, source="src:seed-000_395fba7793f6db4e"))
    assert CALL in event_ids(api, actor="prk")  # North Korea takes part through Kim
    call = api.get(f"/events/{CALL}").json()
    assert {(p["actor"]["id"], p["through"]) for p in call["participants"]} == {
        ("kim_jong_un", None), ("vladimir_putin", None), ("prk", "kim_jong_un"), ("rus", "vladimir_putin")}
    assert event_ids(api, source="src:nowhere") == []


def test_known_as_of_keeps_only_what_had_been_reported_by_that_day(api: httpx.Client):
    assert CALL in event_ids(api, known_as_of="2025-08-13")
    assert event_ids(api, known_as_of="2025-08-12") == []  # the seed article appeared on 08-13
    assert api.get("/events", params={"known_as_of": "2025-13-01"}).status_code == 422


def test_events_page_through_every_event_once(api: httpx.Client):
    everything = event_ids(api)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get("/events", params=params).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == everything and len(seen) == len(set(seen))


def test_event_detail_has_participants_place_quotes_and_quantities(api: httpx.Client):
    troops = api.get("/events/ev:2024-10-prk-troops-to-russia").json()
    assert troops["ongoing"] is True and troops["valid_to"] is None
    # the first troops shipped 8-13 October 2024, as South Korea's NIS reported on 2024-10-18
    assert (troops["time_start"], troops["valid_from"]) == ("2024-10", "2024-10-01")
    assert "National Intelligence Service" in troops["time_note"] and "2024-10-18" in troops["time_note"]
    assert {p["actor"]["id"] for p in troops["participants"]} >= {"prk", "rus"}
    assert troops["quantities"][0]["value"] == 15000 and troops["quantities"][0]["approximate"]
    assert troops["claims"][0]["quote"] and troops["cameo"] == "072"
    assert api.get("/events/ev:nothing").status_code == 404


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"since": "2025-13"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"since": "2025-09", "until": "2025-08"}, "since"),
        ({"as_of": "2025-01-01", "since": "2024"}, "as_of"),
    ],
)
def test_bad_dates_are_a_422_naming_the_parameter(api: httpx.Client, params: dict, parameter: str):
    for path in ("/events", "/actors/prk/relationships", "/network"):
        response = api.get(path, params=params)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["detail"][0]["loc"] == ["query", parameter]


def test_a_forged_cursor_is_a_422(api: httpx.Client):
    assert api.get("/events", params={"cursor": "not-a-cursor"}).status_code == 422


def test_network_of_2025_links_north_korea_and_russia_and_exports_graphml(api: httpx.Client):
    body = api.get("/network", params={"since": "2025", "until": "2025"}).json()
    assert {"prk", "rus"} <= {n["id"] for n in body["nodes"]}
    pair = [e for e in body["edges"] if {e["source"], e["target"]} == {"prk", "rus"}
            and e["type"] == "INTERACTED_WITH"]
    assert pair and sum(e["events"] for e in pair) >= 3
    graphml = api.get("/network.graphml", params={"since": "2025", "until": "2025"})
    assert graphml.headers["content-type"] == "application/graphml+xml"
    graph = nx.read_graphml(io.BytesIO(graphml.content))
    assert graph.has_edge("prk", "rus") or graph.has_edge("rus", "prk")


@pytest.mark.parametrize(("path", "format", "file_path"), [
    ("/relationships/prk/rus/series", "csv", "/relationships/prk/rus/series.csv"),
    ("/actors/prk/series", "svg", "/actors/prk/series.svg"),
    ("/network", "graphml", "/network.graphml"),
])
def test_the_old_format_parameter_redirects_to_the_files_own_path(api: httpx.Client, path: str,
                                                                   format: str, file_path: str):
    query = {"since": "2024-01", "until": "2025-08"}
    moved = api.get(path, params={**query, "format": format})
    assert moved.status_code == 308
    assert moved.headers["location"] == f"{file_path}?since=2024-01&until=2025-08"
    followed = api.get(path, params={"format": format, **query}, follow_redirects=True)
    direct = api.get(file_path, params=query)
    assert direct.status_code == 200 and followed.content == direct.content
    assert followed.headers["content-type"] == direct.headers["content-type"] != "application/json"
    assert api.get(path, params={**query, "format": "json"}).json() == api.get(path, params=query).json()


def test_paths_link_kim_to_trump_in_2025_through_the_alaska_summit(api: httpx.Client):
    body = api.get("/paths", params={"from": "kim_jong_un", "to": "donald_trump",
                                     "since": "2025"}).json()
    assert body["paths"], body
    for path in body["paths"]:
        ids = [step["id"] for step in path]
        assert ids[0] == "kim_jong_un" and ids[-1] == "donald_trump" and len(ids) == 5
        assert ids[-2] == "ev:2025-08-15-putin-trump-alaska-summit"
        assert [step["kind"] for step in path] == ["actor", "event", "actor", "event", "actor"]
    direct = api.get("/paths", params={"from": "kim_jong_un", "to": "donald_trump", "until": "2019"}).json()
    assert [step["id"] for step in direct["paths"][0]][1] == "ev:2019-02-27-hanoi-summit"


def test_paths_respect_max_hops(api: httpx.Client):
    body = api.get("/paths", params={"from": "kim_jong_un", "to": "donald_trump", "since": "2025",
                                     "max_hops": 1}).json()
    assert body["paths"] == []


def test_centrality_ranks_the_window_actors(api: httpx.Client):
    body = api.get("/analytics/centrality", params={"since": "2024", "until": "2025"}).json()
    by_id = {a["id"]: a for a in body["actors"]}
    assert {"prk", "rus"} <= set(by_id)
    assert by_id["rus"]["degree"] > 0 and 0 < by_id["rus"]["pagerank"] < 1
    assert sum(len(c) for c in body["communities"]) == len(body["actors"])


def test_openapi_documents_every_endpoint(api: httpx.Client):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/health", "/actors", "/actors/{actor_id}", "/actors/{actor_id}/relationships",
                 "/relationships/{a}/{b}", "/events", "/events/{event_id}", "/network", "/paths",
                 "/analytics/centrality"):
        assert path in paths, path
