"""A data set's names and identifiers of an actor or place are sets: four writers adding to the
same nodes at once leave every entry once, and a write normalises a list an earlier version
doubled (a reload then finds it unchanged)."""

from __future__ import annotations

import threading

from neo4j import Driver

from graph.model import DatasetActor, DatasetPlace
from graph.settings import Settings
from graph.store.writer import RECORD_KINDS, GraphWriter

WRITERS, ACTORS, ROUNDS = 4, 30, 4
KINDS = {kind.name: kind for kind in RECORD_KINDS}


def sightings(writer: int, round_: int = 0) -> tuple[list[DatasetActor], list[DatasetPlace]]:
    """Every writer names the same actors and places, each round with a name all writers give
    and one of its own."""
    actors = [DatasetActor(id=f"listed_{i}", name=f"Listed {i}", kind="state", resolution="test",
                           aliases=[f"SHARED {i} {round_}", f"WRITER {writer} {i} {round_}"],
                           external_ids=[("test.code", f"S{i}-{round_}"),
                                         ("test.code", f"W{writer}-{i}-{round_}")])
              for i in range(ACTORS)]
    places = [DatasetPlace(id=f"listed_place_{i}", name=f"Place {i}", kind="city",
                           external_ids=[("test.feature", f"F{i}-{round_}"),
                                         ("test.feature", f"W{writer}-{i}-{round_}")])
              for i in range(ACTORS)]
    return actors, places


def lists(driver: Driver) -> list[tuple]:
    records = driver.execute_query("""
        MATCH (n) WHERE (n:Actor OR n:Place) AND n.id STARTS WITH 'listed'
        RETURN n.id AS id, coalesce(n.dataset_aliases, []) AS aliases, n.dataset_id_keys AS keys,
               n.dataset_id_values AS values
        ORDER BY id""").records
    return [(r["id"], r["aliases"], [list(pair) for pair in zip(r["keys"], r["values"], strict=True)])
            for r in records]


def test_concurrent_writers_never_double_an_entry(empty_graph: Driver, settings: Settings):
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            sink = GraphWriter(empty_graph, settings.neo4j_database, batch_size=5)
            for round_ in range(ROUNDS):
                actors, places = sightings(writer, round_)
                sink.write(KINDS["dataset_actor"], actors)
                sink.write(KINDS["dataset_place"], places)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    found = lists(empty_graph)
    assert len(found) == 2 * ACTORS
    for node_id, aliases, pairs in found:
        assert len(aliases) == len(set(aliases)), node_id
        assert len(pairs) == len({tuple(p) for p in pairs}) == ROUNDS * (WRITERS + 1), node_id
        if not node_id.startswith("listed_place"):
            assert len(aliases) == ROUNDS * (WRITERS + 1), node_id


def test_a_write_normalises_a_doubled_list(empty_graph: Driver, settings: Settings):
    actors, places = sightings(0)
    sink = GraphWriter(empty_graph, settings.neo4j_database)
    sink.write(KINDS["dataset_actor"], actors[:1])
    sink.write(KINDS["dataset_place"], places[:1])
    empty_graph.execute_query("""
        MATCH (n) WHERE n.id IN ['listed_0', 'listed_place_0']
        SET n.dataset_id_keys = n.dataset_id_keys + n.dataset_id_keys,
            n.dataset_id_values = n.dataset_id_values + n.dataset_id_values,
            n.dataset_aliases = CASE WHEN n:Actor THEN n.dataset_aliases + n.dataset_aliases END""")
    assert sink.write(KINDS["dataset_actor"], actors[:1])["updated"] == 1
    assert sink.write(KINDS["dataset_place"], places[:1])["updated"] == 1
    [(_, aliases, pairs), (_, _, place_pairs)] = lists(empty_graph)
    assert sorted(aliases) == sorted(actors[0].aliases)
    assert sorted(map(tuple, pairs)) == sorted(actors[0].external_ids)
    assert sorted(map(tuple, place_pairs)) == sorted(places[0].external_ids)
    assert sink.write(KINDS["dataset_actor"], actors[:1])["unchanged"] == 1
    assert sink.write(KINDS["dataset_place"], places[:1])["unchanged"] == 1
