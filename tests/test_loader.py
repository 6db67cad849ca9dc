"""Loading the seed and broken files into the real Neo4j server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j import Driver

from graph.settings import Settings
from tests.conftest import SEED, load_paths


def count(driver: Driver, query: str, **params: object) -> int:
    records, _, _ = driver.execute_query(query, params)
    return records[0][0]


def graph_size(driver: Driver) -> tuple[int, int]:
    return (
        count(driver, "MATCH (n) RETURN count(n)"),
        count(driver, "MATCH ()-[r]->() RETURN count(r)"),
    )


def seed_lines(kind: str) -> list[dict]:
    lines = [json.loads(line) for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    return [line for line in lines if line["record"] == kind]


def test_seed_loads_every_record(empty_graph: Driver, settings: Settings):
    report = load_paths(empty_graph, settings, SEED)
    assert report.errors == []
    for kind in ("actor", "place", "source", "event", "relationship"):
        assert report.counts[kind].created == len(seed_lines(kind)), kind
    assert count(empty_graph, "MATCH (e:Event) RETURN count(e)") == len(seed_lines("event"))


def test_loading_twice_creates_nothing_new(empty_graph: Driver, settings: Settings):
    load_paths(empty_graph, settings, SEED)
    before = graph_size(empty_graph)
    again = load_paths(empty_graph, settings, SEED)
    assert graph_size(empty_graph) == before
    assert again.total("created") == 0 and again.total("updated") == 0
    assert again.total("unchanged") == sum(len(seed_lines(k)) for k in
                                           ("actor", "place", "source", "event", "relationship"))


def test_a_changed_record_is_updated_in_place(empty_graph: Driver, settings: Settings, tmp_path: Path):
    load_paths(empty_graph, settings, SEED)
    before = graph_size(empty_graph)
    event = seed_lines("event")[0]
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps({**event, "summary": "Edited summary."}, ensure_ascii=False))
    report = load_paths(empty_graph, settings, changed)
    assert report.counts["event"].updated == 1
    assert graph_size(empty_graph) == before
    summary = count(empty_graph, "MATCH (e:Event {id: $id}) RETURN e.summary", id=event["id"])
    assert summary == "Edited summary."


def test_a_changed_kind_or_type_replaces_the_second_label(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    load_paths(empty_graph, settings, SEED)
    kcna = next(a for a in seed_lines("actor") if a["id"] == "kcna")
    call = next(e for e in seed_lines("event") if e["id"] == "ev:2025-08-12-kim-putin-call")
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {**kcna, "kind": "government"}, {**call, "type": "threaten_military_force"})))
    load_paths(empty_graph, settings, changed)
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor {id: 'kcna'}), (e:Event {id: $call}) RETURN labels(a) AS a, labels(e) AS e",
        call=call["id"],
    )
    assert sorted(records[0]["a"]) == ["Actor", "Government"]
    assert sorted(records[0]["e"]) == ["Event", "Threat"]


def test_phone_call_links_kim_and_putin_on_the_day_with_its_attribution(seed_graph: Driver):
    records, _, _ = seed_graph.execute_query(
        """
        MATCH (kim:Actor {id: 'kim_jong_un'})-[:PARTICIPATED_IN]->(e:Event {type: 'telephone_call'})
              <-[:PARTICIPATED_IN]-(putin:Actor {id: 'vladimir_putin'})
        MATCH (e)-[:SUPPORTED_BY]->(c:Claim)
        OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(speaker:Actor)
        OPTIONAL MATCH (c)-[:RELAYED_BY]->(relay:Actor)
        WITH e, c, collect(DISTINCT speaker.id) AS speakers, collect(DISTINCT relay.id) AS relays
        RETURN e.valid_from AS day, e.time_precision AS precision, e.cameo AS cameo,
               collect([speakers, relays]) AS claims
        """
    )
    assert len(records) == 1
    call = records[0]
    assert call["day"].iso_format() == "2025-08-12"
    assert call["precision"] == "day" and call["cameo"] == "041"
    # Two claims with one quote: KCNA's own, and the Kremlin's relayed by TASS.
    assert sorted(call["claims"]) == [[["kcna"], []], [["kremlin"], ["tass"]]]


def test_every_event_carries_an_arabic_quote_from_the_article(seed_graph: Driver):
    article = " ".join(SEED.with_name("seed_2025-08-13.article-ar.txt").read_text("utf-8").split())
    records, _, _ = seed_graph.execute_query(
        "MATCH (e:Event) OPTIONAL MATCH (e)-[:SUPPORTED_BY]->(c:Claim {language: 'ar'}) "
        "RETURN e.id AS id, collect(c.quote) AS quotes"
    )
    for record in records:
        assert record["quotes"], f"{record['id']} has no Arabic quote"
        for quote in record["quotes"]:
            assert " ".join(quote.split()) in article, (record["id"], quote)


def test_every_relationship_quote_is_verbatim_from_the_article(seed_graph: Driver):
    article = " ".join(SEED.with_name("seed_2025-08-13.article-ar.txt").read_text("utf-8").split())
    records, _, _ = seed_graph.execute_query(
        "MATCH (c:Claim) WHERE c.relationship_id IS NOT NULL RETURN c.relationship_id AS id, c.quote AS quote"
    )
    assert len(records) == sum(len(r.get("claims", [])) for r in seed_lines("relationship")) > 0
    for record in records:
        assert " ".join(record["quote"].split()) in article, (record["id"], record["quote"])


@pytest.mark.parametrize(("rel_id", "subject", "object_", "since", "words"), [
    ("rel:rus-partner-of-prk", "rus", "prk", "2023-01-01", "في السنوات الأخيرة، طوّرت روسيا علاقات أقوى"),
    ("rel:prk-partner-of-rus", "prk", "rus", "2022-02-24", "جعل كيم من موسكو أولوية سياسته الخارجية"),
])
def test_the_articles_points_on_closer_ties_are_partnerships_with_their_quote(
    seed_graph: Driver, rel_id: str, subject: str, object_: str, since: str, words: str
):
    records, _, _ = seed_graph.execute_query(
        """
        MATCH (a:Actor)-[r:PARTNER_OF {id: $id}]->(b:Actor)
        MATCH (c:Claim {relationship_id: $id})-[:PUBLISHED_IN]->(s:Source)
        RETURN a.id AS subject, b.id AS object, toString(r.valid_from) AS since, r.valid_to AS until,
               collect(c.quote) AS quotes, collect(s.language) AS languages
        """, id=rel_id)
    assert len(records) == 1
    found = records[0]
    assert (found["subject"], found["object"], found["since"]) == (subject, object_, since)
    assert found["until"] is None  # still holding when reported
    assert found["languages"] == ["ar"] and words in found["quotes"][0]


def test_treaty_makes_russia_and_north_korea_allies_from_its_entry_into_force(seed_graph: Driver):
    records, _, _ = seed_graph.execute_query(
        """
        MATCH (:Actor {id: 'rus'})-[r:ALLY_OF]-(:Actor {id: 'prk'})
        MATCH (e:Event {id: r.derived_from})
        RETURN toString(r.valid_from) AS since, r.valid_to AS until, e.type AS type,
               toString(e.valid_from) AS signed
        """
    )
    assert len(records) == 1
    alliance = records[0]
    assert alliance["type"] == "sign_formal_agreement"  # derived from the signing...
    # ...but holding from the date its own `when` gives, the later entry into force
    [line] = [r for r in seed_lines("relationship") if r["type"] == "ALLY_OF"]
    assert alliance["since"] == line["when"]["start"] > alliance["signed"] and alliance["until"] is None


def test_every_event_links_a_source_with_publisher_url_date_and_language(seed_graph: Driver):
    missing = count(
        seed_graph,
        """
        MATCH (e:Event)
        WHERE NOT EXISTS {
          MATCH (e)-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(s:Source)
          WHERE s.publisher IS NOT NULL AND s.url IS NOT NULL
            AND s.published IS NOT NULL AND s.language IS NOT NULL
        }
        RETURN count(e)
        """,
    )
    assert missing == 0


def test_derived_dyads_match_the_events_they_come_from(seed_graph: Driver):
    orphans = count(
        seed_graph,
        """
        MATCH (a:Actor)-[i:INTERACTED_WITH]->(b:Actor)
        WHERE NOT EXISTS { MATCH (a)-[:PARTICIPATED_IN]->(:Event {id: i.event_id})<-[:PARTICIPATED_IN]-(b) }
        RETURN count(i)
        """,
    )
    assert orphans == 0
    assert count(seed_graph, "MATCH ()-[i:INTERACTED_WITH]->() RETURN count(i)") > 0


def test_fulltext_search_in_arabic_finds_putin(seed_graph: Driver):
    records, _, _ = seed_graph.execute_query(
        "CALL db.index.fulltext.queryNodes('names', $q) YIELD node, score "
        "RETURN node.id AS id ORDER BY score DESC LIMIT 1",
        q="بوتين",
    )
    assert records[0]["id"] == "vladimir_putin"


MIXED = Path(__file__).resolve().parent / "data" / "mixed_records.jsonl"


def test_bad_records_are_named_and_the_good_ones_still_load(empty_graph: Driver, settings: Settings):
    report = load_paths(empty_graph, settings, MIXED)
    errors = {(e.line, e.field): e for e in report.errors}
    assert set(errors) == {(5, "when.start"), (6, "participants[1].actor"), (7, "(json)"),
                           (8, "derived_from")}
    assert all(e.file.endswith("mixed_records.jsonl") for e in report.errors)
    assert "nobody_at_all" in errors[(6, "participants[1].actor")].reason
    assert "not a real calendar date" in errors[(5, "when.start")].reason
    assert report.counts["event"].created == 1 and report.counts["event"].rejected == 2
    assert report.counts["record"].rejected == 1  # the broken line: its kind cannot be read
    assert report.counts["relationship"].created == 1
    assert count(empty_graph, "MATCH (e:Event {id: 'ev:test-good'}) RETURN count(e)") == 1
    assert count(empty_graph, "MATCH (:Actor {id:'test_actor_b'})-[r:LEADS]->() RETURN count(r)") == 1


def test_strict_load_writes_nothing_when_a_record_is_bad(empty_graph: Driver, settings: Settings):
    report = load_paths(empty_graph, settings, MIXED, strict=True)
    assert not report.written and len(report.errors) == 4
    assert graph_size(empty_graph)[0] == count(empty_graph, "MATCH (t:EventType) RETURN count(t)")


def test_json_array_files_name_the_line_each_record_starts_on(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    array = tmp_path / "records.json"
    array.write_text(
        '[\n  {"record": "actor", "id": "x_state", "name": "X", "kind": "state"},\n'
        '  {"record": "actor", "id": "y_state",\n   "name": "Y", "kind": "planet"}\n]\n'
    )
    report = load_paths(empty_graph, settings, array)
    assert [(e.line, e.field) for e in report.errors] == [(3, "kind")]
    assert report.counts["actor"].created == 1


def test_a_bad_byte_rejects_its_line_and_the_other_files_still_load(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    latin = tmp_path / "latin1.jsonl"
    record = '{"record": "actor", "id": "x", "name": "Bogot\xe1", "kind": "state"}'
    latin.write_bytes(record.encode("latin-1"))
    report = load_paths(empty_graph, settings, latin, SEED)
    assert [(e.file, e.line, e.field) for e in report.errors] == [(str(latin), 1, "(json)")]
    assert report.counts["event"].created == len(seed_lines("event"))


def test_a_broken_array_element_says_what_was_not_read(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    array = tmp_path / "broken.json"
    array.write_text('[\n {"record": "actor", "id": "a_state", "name": "A", "kind": "state"},\n'
                     ' {"record": "actor", "id": \n, {"record": "actor"}\n]\n')
    report = load_paths(empty_graph, settings, array)
    assert report.counts["actor"].created == 1
    assert [(e.line, e.field) for e in report.errors] == [(3, "(json)")]
    assert "Expecting value" in report.errors[0].reason


def test_changed_participants_leave_no_stale_participation_or_dyad(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    load_paths(empty_graph, settings, SEED)
    call = next(e for e in seed_lines("event") if e["id"] == "ev:2025-08-12-kim-putin-call")
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps({**call, "participants": [
        {"actor": "vladimir_putin", "role": "initiator"}, {"actor": "donald_trump", "role": "target"}]},
        ensure_ascii=False))
    assert load_paths(empty_graph, settings, changed).counts["event"].updated == 1
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(:Event {id: $id}) RETURN collect(a.id) AS actors",
        id=call["id"])
    assert sorted(records[0]["actors"]) == ["donald_trump", "vladimir_putin"]
    records, _, _ = empty_graph.execute_query(
        "MATCH (a)-[i:INTERACTED_WITH {event_id: $id}]->(b) RETURN collect([a.id, b.id]) AS pairs",
        id=call["id"])
    assert records[0]["pairs"] == [["vladimir_putin", "donald_trump"]]


def test_a_relationship_given_another_type_moves_instead_of_doubling(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    path = tmp_path / "rel.jsonl"
    rel = {"record": "relationship", "id": "rel:test", "type": "PARTNER_OF", "subject": "rus",
           "object": "prk", "when": {"start": "2023"}}
    path.write_text(json.dumps(rel))
    load_paths(empty_graph, settings, SEED, path)
    path.write_text(json.dumps({**rel, "type": "ALLY_OF", "object": "kor"}))
    assert load_paths(empty_graph, settings, path).counts["relationship"].updated == 1
    records, _, _ = empty_graph.execute_query(
        "MATCH (a)-[r {id: 'rel:test'}]->(b) RETURN collect([type(r), a.id, b.id]) AS found")
    assert records[0]["found"] == [["ALLY_OF", "rus", "kor"]]


def test_a_corrected_source_date_moves_first_reported_of_its_events(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    load_paths(empty_graph, settings, SEED)
    source = seed_lines("source")[0]
    path = tmp_path / "source.jsonl"
    path.write_text(json.dumps({**source, "published": "2025-08-14"}, ensure_ascii=False))
    load_paths(empty_graph, settings, path)
    days = count(empty_graph, "MATCH (e:Event) RETURN collect(DISTINCT toString(e.first_reported))")
    assert days == ["2025-08-14"]


def test_a_relationship_derived_from_an_event_already_in_the_graph_takes_its_start(
    empty_graph: Driver, settings: Settings, tmp_path: Path
):
    load_paths(empty_graph, settings, SEED)
    path = tmp_path / "rel.jsonl"
    visit = "ev:2024-06-19-putin-visit-pyongyang"
    path.write_text(json.dumps({"record": "relationship", "type": "PARTNER_OF", "subject": "rus",
                                "object": "prk", "derived_from": visit}))
    report = load_paths(empty_graph, settings, path)
    assert report.errors == [] and report.counts["relationship"].created == 1
    start = count(empty_graph, "MATCH ()-[r:PARTNER_OF {derived_from: $visit}]->() "
                  "RETURN toString(r.valid_from)", visit=visit)
    [line] = [e for e in seed_lines("event") if e["id"] == visit]
    assert start == line["when"]["start"] == "2024-06-19"
