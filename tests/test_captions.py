"""Events carry the caption the Neo4j Browser shows: their CAMEO label (or curated type's label) and
date, for every code; claims their source's publisher; written by the loaders, filled in on a graph
written before captions, and a reload of either reports nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from graph.codebooks import cameo_codes
from graph.settings import Settings
from graph.store.schema import apply_schema, missing_seek_indexes
from graph.store.writer import GraphWriter
from loaders.formats import read_all
from loaders.pipeline import load_stream
from loaders.report import LoadReport
from tests.conftest import SEED

GDELT = Path(__file__).resolve().parent / "data" / "20250813.export.CSV"
MENTIONS = GDELT.with_name("20250813.mentions.CSV")
TOML_LABELS = {"telephone_call": "Discuss by telephone"}  # event_types.toml, as an analyst reads it


#: Codes no curated type has, as a real GDELT file holds many of (a third of its events).
UNCURATED = {"1250000091": "0873", "1250000092": "192"}


def gdelt_file(folder: Path) -> Path:
    """The sample GDELT file, plus its second row again under new ids with uncurated codes."""
    lines = GDELT.read_text("utf-8").splitlines()
    for record_id, code in UNCURATED.items():
        fields = lines[1].split("\t")
        fields[0], fields[26], fields[27], fields[28] = record_id, code, code[:3], code[:2]
        lines.append("\t".join(fields))
    path = folder / GDELT.name
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def load(driver: Driver, settings: Settings, folder: Path) -> LoadReport:
    writer = GraphWriter(driver, settings.neo4j_database, batch_size=5)
    return load_stream(lambda: read_all([SEED, gdelt_file(folder), MENTIONS], None), writer,
                       batch_size=7)


def captions(driver: Driver, settings: Settings) -> dict[str, tuple[str, str, str, str | None]]:
    records, _, _ = driver.execute_query(
        "MATCH (e:Event) RETURN e.id AS id, e.type AS type, e.cameo AS cameo, e.time_start AS day, "
        "e.caption AS caption", database_=settings.neo4j_database)
    return {r["id"]: (r["type"], r["cameo"], r["day"], r["caption"]) for r in records}


def claim_captions(driver: Driver, settings: Settings) -> list[tuple[str | None, str, bool]]:
    """(caption, its source's publisher, whether a mention) of every claim."""
    records, _, _ = driver.execute_query(
        "MATCH (c:Claim)-[:PUBLISHED_IN]->(s:Source) "
        "RETURN c.caption AS caption, s.publisher AS publisher, c.mention IS NOT NULL AS mention "
        "ORDER BY c.id", database_=settings.neo4j_database)
    return [(r["caption"], r["publisher"], r["mention"]) for r in records]


def test_every_claim_is_captioned_by_its_publisher_and_follows_a_changed_source(
        empty_graph: Driver, settings: Settings, tmp_path: Path):
    load(empty_graph, settings, tmp_path)
    claims = claim_captions(empty_graph, settings)
    assert any(mention for *_, mention in claims) and not all(mention for *_, mention in claims)
    assert all(caption == publisher for caption, publisher, _ in claims)
    assert "reuters.com" in {caption for caption, *_ in claims}
    seed_source = next(json.loads(line) for line in SEED.read_text("utf-8").splitlines()
                       if '"record": "source"' in line)
    renamed = tmp_path / "renamed.jsonl"
    renamed.write_text(json.dumps({**seed_source, "publisher": "Arabic outlet"}) + "\n", "utf-8")
    writer = GraphWriter(empty_graph, settings.neo4j_database)
    report = load_stream(lambda: read_all([renamed], None), writer)
    assert report.total("updated") == 1
    records, _, _ = empty_graph.execute_query(
        "MATCH (c:Claim)-[:PUBLISHED_IN]->(:Source {id: $id}) RETURN collect(c.caption) AS captions",
        id=seed_source["id"], database_=settings.neo4j_database)
    assert records[0]["captions"] and set(records[0]["captions"]) == {"Arabic outlet"}


def test_every_event_is_captioned_with_its_label_and_date(empty_graph: Driver, settings: Settings,
                                                          tmp_path: Path):
    load(empty_graph, settings, tmp_path)
    shown = captions(empty_graph, settings)
    assert len(shown) > 20
    codebook = cameo_codes()
    for event_id, (type, cameo, day, caption) in shown.items():
        assert caption is not None and caption.startswith(f"{day} · "), event_id
        if type.startswith("cameo_"):  # a code without a curated type: the codebook's own label
            assert caption == f"{day} · {codebook[cameo].label}", event_id
        assert "cameo_" not in caption and "_" not in caption.split(" · ")[1], caption
    for record_id, code in UNCURATED.items():
        assert shown[f"gdelt:{record_id}"][3] == f"2025-08-13 · {codebook[code].label}"
    assert shown["gdelt:1250000001"][3] == f"2025-08-13 · {TOML_LABELS['telephone_call']}"


def test_a_graph_written_before_captions_gets_them_from_the_schema_step(empty_graph: Driver,
                                                                        settings: Settings, tmp_path: Path):
    database = settings.neo4j_database
    load(empty_graph, settings, tmp_path)
    before, claims_before = captions(empty_graph, settings), claim_captions(empty_graph, settings)
    again = load(empty_graph, settings, tmp_path)
    assert again.total("created") == again.total("updated") == 0 and again.total("unchanged") > 20
    # What an earlier version wrote: no captions, no index over them.
    empty_graph.execute_query("MATCH (e:Event) REMOVE e.caption", database_=database)
    empty_graph.execute_query("MATCH (c:Claim) REMOVE c.caption", database_=database)
    empty_graph.execute_query("DROP INDEX event_caption IF EXISTS", database_=database)
    assert "event_caption" in missing_seek_indexes(empty_graph, database)
    older = load(empty_graph, settings, tmp_path)  # a reload alone does not rewrite unchanged events
    assert older.total("updated") == 0 and {c for *_, c in captions(empty_graph, settings).values()} == {None}
    apply_schema(empty_graph, database)
    assert captions(empty_graph, settings) == before
    assert claim_captions(empty_graph, settings) == claims_before
    assert missing_seek_indexes(empty_graph, database) == []
    after = load(empty_graph, settings, tmp_path)
    assert after.total("created") == after.total("updated") == 0
