"""The happenings matching rule, at the rule level (pure Python; docs/happenings.md).

Curated records are built from the seed (examples/seed_2025-08-13.jsonl) as the store would pass
them; GDELT, POLECAT and ACLED records are shaped as their loaders write them (ids, resolved actors,
CAMEO codes, places).
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.happenings.matching import (
    Report,
    ReportActor,
    ReportPlace,
    blocking_keys,
    group,
    happening_id,
    reach_days,
)
from graph.happenings.rules import RULES_ENV, MatchRules
from graph.happenings.summary import summarise
from graph.settings import PROJECT_ROOT

RULES = MatchRules.load()
SEED = PROJECT_ROOT / "examples" / "seed_2025-08-13.jsonl"
ARTICLE_DAY = date(2025, 8, 13)
MOSCOW = ReportPlace("gdelt:-2960561", "RUS", 55.7522, 37.6156, "city")
ST_PETERSBURG = ReportPlace("gdelt:-2999683", "RUS", 59.9386, 30.3141, "city")
ANCHORAGE = ReportPlace("gdelt:1398", "USA", 61.2181, -149.9003, "city")


def _span(when: dict[str, str]) -> tuple[str, date, date]:
    def bounds(text: str) -> tuple[str, date, date]:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return "day", day, day
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            return "month", first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return "year", date(parts[0], 1, 1), date(parts[0], 12, 31)

    precision, earliest, latest = bounds(when["start"])
    if "end" in when:
        precision, latest = "interval", bounds(when["end"])[2]
    return precision, earliest, latest


def seed_reports() -> dict[str, Report]:
    """The seed's events as curated reports: one extraction (the article), as the store passes them."""
    records = [json.loads(line) for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    actors = {r["id"]: r for r in records if r["record"] == "actor"}
    places = {r["id"]: r for r in records if r["record"] == "place"}
    reports = {}
    for event in (r for r in records if r["record"] == "event"):
        precision, earliest, latest = _span(event["when"])
        place = places.get(event.get("place", ""))
        sources = tuple(sorted({claim["source"] for claim in event["claims"]}))
        reports[event["id"]] = Report(
            id=event["id"], dataset="curated", extraction=sources[0], type=event["type"], cameo=None,
            status=event.get("status", "occurred"), precision=precision, earliest=earliest, latest=latest,
            actors=tuple(ReportActor(p["actor"], actors[p["actor"]]["kind"],
                                     actors[p["actor"]].get("country"), p["role"], p.get("represents"))
                         for p in event["participants"]),
            place=ReportPlace(place["id"], place.get("country"), place.get("latitude"),
                              place.get("longitude"), place["kind"]) if place else None,
            first_reported=ARTICLE_DAY, sources=sources)
    return reports


def state(code: str, role: str) -> ReportActor:
    return ReportActor(code.lower(), "state", code, role, None)


def person(name: str, code: str, role: str) -> ReportActor:
    return ReportActor(name, "person", code, role, code.lower())


def gdelt(event_id: str, cameo: str, day: date, actors: tuple[ReportActor, ...],
          place: ReportPlace | None = None, mentions: int = 3) -> Report:
    from graph.vocabulary import type_for_cameo
    return Report(id=f"gdelt:{event_id}", dataset="gdelt", extraction=None, type=type_for_cameo(cameo),
                  cameo=cameo, status="occurred", precision="day", earliest=day, latest=day, actors=actors,
                  place=place, first_reported=day, sources=(f"https://news.example/{event_id}",),
                  mentions=mentions)


def polecat(event_id: str, cameo: str, day: date, actors: tuple[ReportActor, ...]) -> Report:
    from graph.vocabulary import type_for_cameo
    return Report(id=f"polecat:{event_id}", dataset="polecat", extraction=None, type=type_for_cameo(cameo),
                  cameo=cameo, status="occurred", precision="day", earliest=day, latest=day, actors=actors,
                  place=None, first_reported=day, sources=(f"urn:polecat:{event_id}",))


def groups_of(reports: list[Report]) -> list[set[str]]:
    return sorted(({m.record for m in g.members} for g in group(reports, RULES)), key=min)


def together(reports: list[Report], *ids: str) -> bool:
    return any(set(ids) <= members for members in groups_of(reports))


# --- the cases ---------------------------------------------------------------------------

def kim_putin_reports() -> list[Report]:
    call = seed_reports()["ev:2025-08-12-kim-putin-call"]
    putin, kim = person("vladimir_putin", "RUS", "initiator"), person("kim_jong_un", "PRK", "target")
    row = gdelt("1247650311", "041", date(2025, 8, 13), (putin, kim), MOSCOW)
    kremlin = ReportActor("rus_gov", "government", "RUS", "target", "rus")
    plover = polecat("20250812-kp-0193", "041", date(2025, 8, 12),  # CONSULT/phone: initiated by Kim
                     (state("PRK", "initiator"), kremlin))
    return [call, row, plover]


def test_the_kim_putin_call_is_one_happening_of_three_datasets():
    reports = kim_putin_reports()
    [only] = group(reports, RULES)
    assert {m.record for m in only.members} == {r.id for r in reports}
    assert summarise(reports).datasets == ("curated", "gdelt", "polecat")
    assert only.id == happening_id(["ev:2025-08-12-kim-putin-call"])
    assert {m.rule for m in only.members} <= {"same-day", "next-day"}
    assert all(0 < m.score <= 1 for m in only.members)


def test_the_seed_keeps_its_own_events_apart():
    """One extraction: its call and the statements made in it stay distinct events."""
    seed = list(seed_reports().values())
    assert all(len(g.members) == 1 and g.members[0].rule == "lone" for g in group(seed, RULES))
    with_rows = seed + kim_putin_reports()[1:]  # the two rows join the call and nothing else
    assert together(with_rows, *(r.id for r in kim_putin_reports()))
    assert len(groups_of(with_rows)) == len(seed)


def test_curated_siblings_stay_apart_but_other_extractions_join():
    call = seed_reports()["ev:2025-08-12-kim-putin-call"]
    sibling = replace(call, id="ev:2025-08-12-kim-putin-consult", type="consult")
    assert not together([call, sibling], call.id, sibling.id)
    other_article = replace(sibling, extraction="src:another-article", sources=("src:another-article",))
    assert together([call, other_article], call.id, other_article.id)


def test_the_planned_alaska_summit_and_its_occurrence_are_one_happening():
    summit = seed_reports()["ev:2025-08-15-putin-trump-alaska-summit"]
    assert summit.status == "planned"
    row = gdelt("1249012345", "043", date(2025, 8, 15),
                (state("USA", "initiator"), person("vladimir_putin", "RUS", "target")), ANCHORAGE)
    [only] = group([summit, row], RULES)
    assert {m.rule for m in only.members} == {"planned-then-occurred"}
    told = summarise([summit, row])
    assert (told.status, told.start, told.announced) == ("occurred", date(2025, 8, 15), ARTICLE_DAY)
    assert told.disagrees == ("code", "status")


def statement(event_id: str, day: date, place: ReportPlace | None = None) -> Report:
    return gdelt(event_id, "010", day, (state("USA", "initiator"), state("RUS", "target")), place)


def test_usa_russia_statements_five_days_apart_are_two_happenings():
    first, later = statement("1", date(2025, 3, 1)), statement("2", date(2025, 3, 6))
    assert groups_of([first, later]) == [{first.id}, {later.id}]
    # a day apart is the tolerance: one happening
    assert groups_of([first, statement("3", date(2025, 3, 2))]) == [{first.id, "gdelt:3"}]


def test_the_same_day_in_two_cities_is_two_happenings_even_with_a_bridge():
    day = date(2025, 3, 1)
    moscow, petersburg = statement("1", day, MOSCOW), statement("2", day, ST_PETERSBURG)
    assert groups_of([moscow, petersburg]) == [{moscow.id}, {petersburg.id}]
    placeless = statement("3", day)  # compatible with either: joins one, never both
    found = groups_of([moscow, petersburg, placeless])
    assert len(found) == 2 and not together([moscow, petersburg, placeless], moscow.id, petersburg.id)


def test_a_year_of_daily_statements_never_chains_into_one():
    days = [statement(str(n), date(2025, 1, 1) + timedelta(days=n)) for n in range(365)]
    found = groups_of(days)
    assert max(len(g) for g in found) <= RULES.time.max_span_days + 1
    assert len(found) >= 365 // (RULES.time.max_span_days + 1)


def test_a_bridging_record_merges_two_happenings_and_the_id_follows_the_smallest_member():
    day = date(2025, 3, 1)
    early = gdelt("500", "010", day, (state("USA", "initiator"), state("RUS", "target")))
    late = polecat("x9", "012", day + timedelta(days=2), (state("USA", "initiator"), state("RUS", "target")))
    apart = group([early, late], RULES)
    assert [g.id for g in apart] == [happening_id([early.id]), happening_id([late.id])]
    bridge = replace(late, id="acled:ukr1", dataset="acled", earliest=day + timedelta(days=1),
                     latest=day + timedelta(days=1))
    [merged] = group([early, late, bridge], RULES)
    assert merged.id == happening_id([early.id, late.id, bridge.id]) == happening_id(["acled:ukr1"])
    assert merged.id not in {g.id for g in apart}  # the store keeps both old ids as aliases


def test_a_month_joins_the_one_day_happening_it_contains_and_only_that():
    day_row = statement("1", date(2025, 3, 10))
    month = replace(seed_reports()["ev:2025-08-prk-workers-deployment-to-kursk"], id="ev:month",
                    type="make_statement", status="occurred", actors=day_row.actors,
                    earliest=date(2025, 3, 1), latest=date(2025, 3, 31), precision="month")
    [joined] = group([day_row, month], RULES)
    assert {m.rule for m in joined.members} == {"coarse-contained", "dated-anchor"}
    second = statement("2", date(2025, 3, 20))  # two candidates: the month stays alone
    assert groups_of([day_row, month, second]) == [{"ev:month"}, {day_row.id}, {second.id}]


def test_two_rows_of_one_dataset_on_clearly_different_days_never_join_through_others():
    day = date(2025, 3, 1)
    first, third = statement("1", day), statement("3", day + timedelta(days=3))
    middle = polecat("m", "010", day + timedelta(days=1), first.actors)
    middle2 = polecat("n", "010", day + timedelta(days=2), first.actors)
    assert not together([first, third, middle, middle2], first.id, third.id)


def test_identical_rows_are_repeats():
    row = statement("1", date(2025, 3, 1), MOSCOW)
    again = replace(row, id="gdelt:2", sources=("https://news.example/other",))
    [only] = group([row, again], RULES)
    assert [m.rule for m in only.members] == ["repeat", "repeat"]


def test_the_rules_come_from_the_packaged_toml_or_the_environment(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch):
    text = (PROJECT_ROOT / "graph" / "happenings" / "rules.toml").read_text("utf-8")
    strict = tmp_path / "rules.toml"
    strict.write_text(text.replace("day_tolerance = 1", "day_tolerance = 0"), "utf-8")
    monkeypatch.setenv(RULES_ENV, str(strict))
    rules = MatchRules.load()
    assert rules.time.day_tolerance == 0 and reach_days(rules) == 0
    pair = [statement("1", date(2025, 3, 1)), statement("2", date(2025, 3, 2))]
    assert len(group(pair, rules)) == 2 and len(group(pair, RULES)) == 1
    strict.write_text(text.replace("max_km = 50.0", "max_km = 50.0\nunknown = 1"), "utf-8")
    with pytest.raises(ValueError, match="rules.toml"):
        MatchRules.load()


def test_symmetric_types_match_in_either_direction_and_directed_ones_do_not():
    day = date(2025, 3, 1)
    call = gdelt("1", "041", day, (state("USA", "initiator"), state("RUS", "target")))
    back = gdelt("2", "040", day, (state("RUS", "initiator"), state("USA", "target")))
    assert blocking_keys(call, RULES) == blocking_keys(back, RULES) == {"rus~usa|r04", "rus~usa|p:CONSULT"}
    accuse = gdelt("3", "112", day, (state("USA", "initiator"), state("RUS", "target")))
    retort = gdelt("4", "112", day, (state("RUS", "initiator"), state("USA", "target")))
    assert len(group([call, back], RULES)) == 1 and len(group([accuse, retort], RULES)) == 2


# --- order independence and decomposition ---------------------------------------------------------

STATES = ("USA", "RUS", "PRK")
PLACES = (None, MOSCOW, ST_PETERSBURG, ReportPlace("russia", "RUS", 61.5, 105.3, "country"),
          ReportPlace("pyongyang", "PRK", None, None, "city"))


@st.composite
def reports(draw: st.DrawFn) -> list[Report]:
    count = draw(st.integers(1, 40))
    found = []
    for n in range(count):
        a, b = draw(st.sampled_from([(x, y) for x in STATES for y in STATES if x != y]))
        dataset = draw(st.sampled_from(("gdelt", "gdelt", "polecat", "acled", "curated")))
        code = draw(st.sampled_from(("010", "012", "040", "041", "190", "183")))
        start = date(2025, 3, 1) + timedelta(days=draw(st.integers(0, 8)))
        coarse = dataset == "curated" and draw(st.booleans())
        end = start + timedelta(days=20) if coarse else start
        actor = draw(st.sampled_from(("state", "gov", "leader")))
        first = {"state": state(a, "initiator"), "leader": person(f"leader_{a.lower()}", a, "initiator"),
                 "gov": ReportActor(f"{a.lower()}_gov", "government", a, "initiator", a.lower())}[actor]
        found.append(Report(
            id=f"{dataset}:{n:03d}", dataset=dataset,
            extraction=draw(st.sampled_from(("src:a", "src:b", "src:c"))) if dataset == "curated" else None,
            type="x", cameo=code, status=draw(st.sampled_from(("occurred", "occurred", "planned"))),
            precision="month" if coarse else "day", earliest=start, latest=end,
            actors=(first, state(b, "target")), place=draw(st.sampled_from(PLACES)), first_reported=start))
    return found


def canonical(groupings: list) -> list[tuple[str, tuple]]:
    return [(g.id, g.members) for g in groupings]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.randoms(use_true_random=False))
def test_grouping_depends_only_on_the_set(found: list[Report], rng: random.Random):
    expected = group(found, RULES)
    shuffled = found[:]
    rng.shuffle(shuffled)
    assert canonical(group(shuffled + shuffled[: len(shuffled) // 2], RULES)) == canonical(expected)
    assert sorted(m.record for g in expected for m in g.members) == sorted(r.id for r in found)
    assert all(g.id == happening_id(m.record for m in g.members) for g in expected)


def closure(seeds: list[Report], everything: list[Report]) -> list[Report]:
    """What the store passes: reports sharing a key whose span overlaps the reach, transitively."""
    reach = timedelta(days=reach_days(RULES))
    taken = {r.id: r for r in seeds}
    todo = list(seeds)
    while todo:
        report = todo.pop()
        keys = blocking_keys(report, RULES)
        for other in everything:
            if (other.id not in taken and keys & blocking_keys(other, RULES)
                    and other.earliest <= report.latest + reach and other.latest >= report.earliest - reach):
                taken[other.id] = other
                todo.append(other)
    return list(taken.values())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.data())
def test_grouping_a_closed_subset_gives_what_the_whole_gives_it(found: list[Report], data: st.DataObject):
    seeds = data.draw(st.lists(st.sampled_from(found), min_size=1, max_size=3))
    part = closure(seeds, found)
    whole = {m.record: g for g in group(found, RULES) for m in g.members}
    for grouping in group(part, RULES):
        assert whole[grouping.members[0].record] == grouping


def test_a_polecat_coerce_row_joins_a_gdelt_blockade_of_another_root():
    """CAMEO 191 (impose blockade, root 19) is PLOVER COERCE; POLECAT's COERCE becomes CAMEO 170."""
    day = date(2025, 3, 1)
    blockade = gdelt("1", "191", day, (state("RUS", "initiator"), state("UKR", "target")))
    coerce = polecat("c1", "170", day, (state("RUS", "initiator"), state("UKR", "target")))
    assert len(group([blockade, coerce], RULES)) == 1
    arrest = gdelt("2", "173", day, (state("RUS", "initiator"), state("UKR", "target")))  # COERCE too
    assert "rus>ukr|p:COERCE" in blocking_keys(arrest, RULES)
    fight = gdelt("3", "190", day, (state("RUS", "initiator"), state("UKR", "target")))  # ASSAULT, root 19
    assert len(group([coerce, fight], RULES)) == 2
