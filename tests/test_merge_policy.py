"""The merge policy (docs/merge-policy.md) against the real server: the same files loaded in any
order make one graph, a reload of them all changes nothing, and a GDELT source keeps one publisher
whichever file names it.

The files are copies of the test data with a few rows added (in ``tmp_path``: other tests count
the rows of ``tests/data``) so that records disagree: GDELT gives place ``ukraine`` coordinates
the seed's native record lacks; GDELT names ``ukr_mil`` from the CAMEO codebook, POLECAT by a raw
name; GDELT and POLECAT spell ``sergei_shoigu`` two ways at one rank; a mention names the export's
Reuters article by a ``MentionSourceName`` that is not its URL's host; GDELT rows without a
country give ``GOV`` and ``MED`` a different raw name each.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.model import DatasetActor, DatasetPlace, NameRank
from graph.settings import Settings
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from loaders.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from loaders.pipeline import load_records
from loaders.records import LocatedRecord
from loaders.report import LoadReport
from tests.conftest import SEED, LoadedGraph, wipe
from tests.test_bulk_import import Dump, differences, dump
from tests.test_datasets import stream

DATA = Path(__file__).resolve().parent / "data"
REUTERS = "https://www.reuters.com/world/asia-pacific/kim-putin-phone-call-2025-08-13/"


def _export_row(**values: str) -> str:
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row.update(SQLDATE="20250813", MonthYear="202508", Year="2025", FractionDate="2025.6137",
               IsRootEvent="1", QuadClass="4", GoldsteinScale="-10.0", NumMentions="2", NumSources="1",
               NumArticles="2", AvgTone="-5.0", DATEADDED="20250813140000", **values)
    return "\t".join(row[column] for column in EVENT_COLUMNS) + "\n"


def _conflicting_files(folder: Path) -> dict[str, Path]:
    """The test data, copied with the rows that make records disagree."""
    files = {"seed": SEED}
    for name, source in (("export", "20250813.export.CSV"), ("mentions", "20250813.mentions.CSV"),
                         ("acled", "acled_2025-08.csv"), ("polecat", "polecat_2025-W33.tsv")):
        files[name] = folder / source
        shutil.copyfile(DATA / source, files[name])
    with files["export"].open("a", encoding="utf-8") as out:
        out.write(_export_row(
            GLOBALEVENTID="1250000090", Actor1Code="RUS", Actor1Name="RUSSIA", Actor1CountryCode="RUS",
            Actor2Code="UKRMIL", Actor2Name="LIEUTENANT", Actor2CountryCode="UKR", Actor2Type1Code="MIL",
            EventCode="190", EventBaseCode="190", EventRootCode="19", ActionGeo_Type="1",
            ActionGeo_FullName="Ukraine", ActionGeo_CountryCode="UP", ActionGeo_ADM1Code="UP",
            ActionGeo_Lat="49", ActionGeo_Long="32", ActionGeo_FeatureID="UP",
            SOURCEURL="https://www.kyivindependent.com/strike-2025-08-13/"))
        out.write(_export_row(
            GLOBALEVENTID="1250000091", Actor1Code="RUSGOV", Actor1Name="SERGEI SHOIGU",
            Actor1CountryCode="RUS", Actor1Type1Code="GOV", Actor2Code="PRK", Actor2Name="NORTH KOREA",
            Actor2CountryCode="PRK", EventCode="042", EventBaseCode="042", EventRootCode="04",
            SOURCEURL="https://www.nknews.org/2025/08/shoigu-again/"))
        for number, (code, raw) in enumerate((("GOV", "PRESIDENT"), ("GOV", "MAYOR"),
                                              ("MED", "WRITER"), ("MED", "JOURNALIST"))):
            out.write(_export_row(  # country-less actors: each row names a different person
                GLOBALEVENTID=f"125000010{number}", Actor1Code=code, Actor1Name=raw,
                Actor1Type1Code=code, Actor2Code="RUS", Actor2Name="RUSSIA",
                Actor2CountryCode="RUS", EventCode="190", EventBaseCode="190",
                EventRootCode="19",
                SOURCEURL=f"https://www.example.com/unspecified-{number}/"))
    with files["mentions"].open("a", encoding="utf-8") as out:
        mention = dict.fromkeys(MENTION_COLUMNS, "")
        mention.update(GLOBALEVENTID="1250000002", EventTimeDate="20250813120000",
                       MentionTimeDate="20250813160000", MentionType="1", MentionSourceName="Reuters",
                       MentionIdentifier=REUTERS, SentenceID="2", InRawText="1", Confidence="70",
                       MentionDocLen="3000", MentionDocTone="-1.0")
        out.write("\t".join(mention[column] for column in MENTION_COLUMNS) + "\n")
    with files["polecat"].open("r+", encoding="utf-8") as polecat:
        header = polecat.readline().rstrip("\n").split("\t")
        polecat.seek(0, 2)
        row = dict.fromkeys(header, "")
        row.update({"Event ID": "20250818-0004-dd44", "Event Date": "2025-08-13", "Event Type": "ASSAULT",
                    "Actor Name": "Mil", "Actor Country": "UKR", "Primary Actor Sector": "Military",
                    "Recipient Name": "Sergéi Shoigu", "Recipient Country": "RUS",
                    "Source": "Ukrinform", "Publication Date": "2025-08-14", "Language": "en",
                    "Version": "v1.2"})
        polecat.write("\t".join(row[column] for column in header) + "\n")
    return files


Loaded = tuple[Dump, list[LoadReport]]


def _load_in_order(driver: Driver, settings: Settings, files: Iterable[Path]) -> Loaded:
    """An emptied graph with the files loaded one after another, each a load of its own."""
    LoadedGraph.seed = False
    wipe(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    reports = [stream(driver, settings, path) for path in files]
    return dump(driver, settings.neo4j_database), reports


def _node(driver: Driver, settings: Settings, label: str, node_id: str) -> dict[str, Any]:
    records, _, _ = driver.execute_query(f"MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS props",
                                         id=node_id, database_=settings.neo4j_database)
    [record] = records
    return dict(record["props"])


ORDERS = {
    "seed first": ("seed", "export", "mentions", "acled", "polecat"),
    "seed last": ("polecat", "acled", "export", "mentions", "seed"),
    "seed between": ("export", "seed", "polecat", "mentions", "acled"),
}


@pytest.fixture(scope="module")
def loaded(driver: Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory
           ) -> dict[str, Loaded]:
    files = _conflicting_files(tmp_path_factory.mktemp("merge-policy"))
    return {name: _load_in_order(driver, settings, [files[key] for key in order])
            for name, order in ORDERS.items()}


def _without_id_history(dump: Dump) -> Dump:
    """The graph without the happening ids a load order once gave out and later superseded
    (``HappeningAlias`` nodes, their ``ALIAS_OF`` links, ``Happening.aliases``): they record the
    order the records came in, and are checked apart (``test_every_superseded_id_names_...``)."""
    nodes: Counter[Any] = Counter()
    for (labels, props), n in dump.nodes.items():
        if "HappeningAlias" not in labels:
            nodes[(labels, tuple(p for p in props if not ("Happening" in labels and p[0] == "aliases")))] += n
    relationships = Counter({key: n for key, n in dump.relationships.items() if key[0] != "ALIAS_OF"})
    return Dump(nodes, relationships)


def test_the_files_make_one_graph_in_any_order(loaded: dict[str, Loaded]):
    first = _without_id_history(loaded["seed first"][0])
    assert sum(first.nodes.values()) > 100
    for name in ("seed last", "seed between"):
        graph = _without_id_history(loaded[name][0])
        assert differences(first.nodes, graph.nodes) == [], name
        assert differences(first.relationships, graph.relationships) == [], name


def test_every_superseded_id_names_a_happening_of_the_same_graph(loaded: dict[str, Loaded]):
    """Whatever ids a load order gave out and superseded, each still leads to a happening."""
    superseded = 0
    for name, (graph, _) in loaded.items():
        happenings = {dict(props)["id"][1] for labels, props in graph.nodes if labels == ("Happening",)}
        for rel_type, _, alias, _, target, _ in graph.relationships:
            if rel_type == "ALIAS_OF":
                superseded += 1
                assert target in happenings and alias not in happenings, (name, alias, target)
    assert superseded, "some order supersedes an id (the seed last: its call's id is the smallest)"


def test_every_order_writes_every_record(loaded: dict[str, Loaded]):
    """The same records are rejected (the test data's bad rows) and none else, in any order."""
    rejected = {name: sorted((e.file.rsplit("/", 1)[-1], e.line) for report in reports for e in report.errors)
                for name, (_, reports) in loaded.items()}
    assert rejected["seed first"] == rejected["seed last"] == rejected["seed between"]
    assert ("20250813.export.CSV", 7) in rejected["seed first"]
    assert not [error for error in rejected["seed first"] if error[1] > 10], "no row this test adds"


def test_the_native_record_keeps_what_a_data_set_knows_and_names_win_by_rank(
        driver: Driver, settings: Settings, loaded: dict[str, Loaded]):
    """The graph last loaded (the seed between GDELT and the rest): the seed's 'ukraine', which has no
    coordinates, keeps GDELT's and its own names; the codebook name beats the raw one; of two raw
    spellings at one rank, the smaller."""
    ukraine = _node(driver, settings, "Place", "ukraine")
    assert (ukraine["latitude"], ukraine["longitude"], ukraine["coordinates_rank"]) == (49.0, 32.0, 2)
    assert (ukraine["name"], ukraine["name_rank"], ukraine["wikidata"]) == ("Ukraine", 3, "Q212")
    assert ukraine["search_text"] == "Ukraine | أوكرانيا"
    military = _node(driver, settings, "Actor", "ukr_mil")
    assert (military["name"], military["name_rank"]) == ("Ukraine: military", 2)
    assert military["dataset_aliases"] == ["LIEUTENANT", "Mil"]
    assert military["search_text"] == "Ukraine: military | LIEUTENANT | Mil"
    shoigu = _node(driver, settings, "Actor", "sergei_shoigu")
    assert (shoigu["name"], shoigu["name_rank"], shoigu["country"]) == ("Sergei Shoigu", 1, "RUS")
    assert "Sergéi Shoigu" in shoigu["dataset_aliases"]


def test_actors_without_a_country_are_named_from_the_codebook_not_a_raw_name(
        driver: Driver, settings: Settings, loaded: dict[str, Loaded]):
    """Every order made the same graph (above); in it, GDELT's country-less GOV and MED are named
    for what they are, and the people and offices their rows named stay their aliases."""
    for node_id, name, kind, aliases in (
            ("cameo:gov", "Government (unspecified country)", "government", ["MAYOR", "PRESIDENT"]),
            ("cameo:med", "Media (unspecified country)", "media", ["JOURNALIST", "WRITER"])):
        actor = _node(driver, settings, "Actor", node_id)
        assert (actor["name"], actor["kind"], actor["name_rank"]) == (name, kind, 2)
        assert actor["dataset_aliases"] == aliases and "country" not in actor
        assert actor["search_text"] == " | ".join([name, *aliases])


def test_a_source_keeps_one_publisher_whichever_file_names_it(
        driver: Driver, settings: Settings, loaded: dict[str, Loaded]):
    reuters = driver.execute_query("MATCH (s:Source {url: $url}) RETURN s.publisher AS publisher",
                                   url=REUTERS, database_=settings.neo4j_database).records
    assert [r["publisher"] for r in reuters] == ["reuters.com"]
    mentions = loaded["seed first"][1][2]  # after the export: its Reuters source is the export's
    # tass, kcna and yna: the fourth outlet mentions only an event not loaded, so is not written
    assert mentions.counts["source"].created == 3 and mentions.counts["source"].updated == 0
    assert mentions.counts["source"].unchanged == 1


def test_a_reload_of_every_file_changes_nothing(
        driver: Driver, settings: Settings, tmp_path: Path,
        loaded: dict[str, Loaded]):
    files = _conflicting_files(tmp_path)
    before = dump(driver, settings.neo4j_database)
    for key in ORDERS["seed first"]:
        report = stream(driver, settings, files[key])
        assert (report.total("created"), report.total("updated")) == (0, 0), key
        assert report.total("unchanged") > 0, key
    after = dump(driver, settings.neo4j_database)
    assert differences(before.nodes, after.nodes) == []


def test_sightings_in_one_load_merge_by_rank_in_either_order(driver: Driver, settings: Settings):
    """Two sightings of one actor and one place in one batch, naming them differently, are both
    written and ranked, not the first kept: either order gives one node."""
    raw = DatasetActor(id="merge_shoigu", name="Sergéi Shoigu", kind="person", country="RUS",
                       aliases=["Sergéi Shoigu"], resolution="person by folded name, with a country")
    plain = raw.model_copy(update={"name": "Sergei Shoigu", "aliases": ["SERGEI SHOIGU"]})
    far = DatasetPlace(id="merge_town", name="Town", kind="city", latitude=50.5, longitude=30.0)
    near = far.model_copy(update={"name": "Town, Oblast", "latitude": 50.0,
                                  "name_rank": NameRank.CODEBOOK})
    found = []
    mine = "MATCH (n) WHERE n.id IN ['merge_shoigu', 'merge_town'] DETACH DELETE n"
    LoadedGraph.seed = False
    for records in ([raw, far, plain, near], [near, plain, far, raw]):
        # Only this test's nodes go: the module's other tests read the graph `loaded` left.
        driver.execute_query(mine, database_=settings.neo4j_database)
        report = load_records([LocatedRecord(r, "sightings", i) for i, r in enumerate(records, 1)],
                              GraphWriter(driver, settings.neo4j_database))
        assert not report.errors
        found.append((_node(driver, settings, "Actor", "merge_shoigu"),
                      _node(driver, settings, "Place", "merge_town")))
    for actor, place in found:
        assert actor["name"] == "Sergei Shoigu"
        assert actor["dataset_aliases"] == ["SERGEI SHOIGU", "Sergéi Shoigu"]
        assert (place["name"], place["latitude"], place["name_rank"]) == ("Town, Oblast", 50.0, 2)
    assert {key: value for key, value in found[0][0].items() if not key.endswith("_at")} == {
        key: value for key, value in found[1][0].items() if not key.endswith("_at")}
