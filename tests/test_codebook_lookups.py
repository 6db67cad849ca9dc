"""The shipped CAMEO codebook against the lookups as published: GDELT's event codes and Goldstein
scale, and PLOVER's own CAMEO2PLOVER crosswalk (tests/data/gdelt-lookups/, tests/data/plover/, each
with a README naming its source and commit). The published files' own flaws are listed here as
exceptions, each with what the codebook holds instead; anything else that differs fails."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.codebooks import cameo_codes
from graph.vocabulary import ROOT_FAMILIES

DATA = Path(__file__).resolve().parent / "data"
LOOKUPS = DATA / "gdelt-lookups"
CROSSWALK = DATA / "plover" / "CAMEO2PLOVER-2021.txt"

#: Labels GDELT's CAMEO.eventcodes.txt gets wrong, and what the codebook says (README there).
LABEL_FLAWS = {
    "044": ("Meet at a \u00d2hird\u00d3location", "Meet at a 'third' location"),  # mis-encoded quotes
    "033": ("Express intent to provide matyerial aid, not specified below",
            "Express intent to provide material aid, not specified below"),
    "1056": ("Demand de-escalation of military engagement106:[-5.0] Demand withdrawal",  # no line break
             "Demand de-escalation of military engagement"),
    "2041": ("Use chemical, biological, or radiologicalweapons",
             "Use chemical, biological, or radiological weapons"),
}
#: The code the missing line break hides, with the label the merged line gives it.
MERGED = {"106": "Demand withdrawal"}
#: PLOVER crosswalk lines the codebook does not follow (README there): code -> the codebook's row.
CROSSWALK_FLAWS = {
    "08": ("CONCEDE", None, None),  # listed twice, CONCEDE then RETREAT: the first is kept
    "175": ("ASSAULT", None, "pro_autocracy, military"),  # a context, pro_autocracy, in the mode column
}
NOT_CAMEO = {"1213", "1214"}  # in the crosswalk, but not CAMEO codes


def _published(name: str) -> dict[str, str]:
    """A lookup file's code -> value, every line as published (CRLF and all)."""
    text = (LOOKUPS / name).read_bytes().decode("utf-8")
    rows = [line.split("\t", 1) for line in text.splitlines()[1:] if line.strip()]
    return {code: value for code, value in rows}


def test_every_event_code_has_the_published_label_but_the_named_flaws():
    published = _published("CAMEO.eventcodes.txt")
    shipped = cameo_codes()
    assert set(shipped) == set(published) | set(MERGED)
    for code, label in published.items():
        if code in LABEL_FLAWS:
            flawed, fixed = LABEL_FLAWS[code]
            assert label == flawed, f"{code}: the published flaw is gone; drop the exception"
            assert shipped[code].label == fixed
        else:  # the codebook folds the published doubled and trailing spaces
            assert shipped[code].label == " ".join(label.split()), code
    merged_line = published["1056"]
    for code, label in MERGED.items():
        assert f"{code}:" in merged_line and merged_line.endswith(label) and shipped[code].label == label


def test_every_goldstein_score_is_the_published_one():
    published = {code: float(value) for code, value in _published("CAMEO.goldsteinscale.txt").items()}
    assert set(published) == set(cameo_codes())  # 106 included: the scale file has its own line
    assert {code: c.goldstein for code, c in cameo_codes().items()} == published


def test_quad_classes_follow_the_root_codes():
    quads = {**dict.fromkeys(["01", "02", "03", "04", "05"], 1), **dict.fromkeys(["06", "07", "08"], 2),
             **{f"{r:02d}": 3 for r in range(9, 15)}, **{f"{r:02d}": 4 for r in range(15, 21)}}
    assert set(quads) == set(ROOT_FAMILIES)
    assert all(c.quad_class == quads[c.root] for c in cameo_codes().values())


def _crosswalk() -> dict[str, tuple[str, str | None, str | None]]:
    """CAMEO code -> (PLOVER type, mode, contexts) as PLOVER writes it; the first line of a code
    listed twice (its second is in CROSSWALK_FLAWS)."""
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for line in CROSSWALK.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        if ":" not in body:
            continue
        code, rest = (part.strip() for part in body.split(":", 1))
        fields = [f.strip() for f in rest.split(",")] + ["", ""]
        contexts = ", ".join(c.strip() for c in fields[2].split(";") if c.strip())
        found.setdefault(code, (fields[0], fields[1] or None, contexts or None))
    return found


def test_the_plover_columns_are_plovers_crosswalk_but_the_named_flaws():
    crosswalk = _crosswalk()
    shipped = cameo_codes()
    assert set(crosswalk) - set(shipped) == NOT_CAMEO
    # PLOVER drops CAMEO's roots 01 and 02: exactly those codes have no PLOVER type
    assert {c for c in shipped if c not in crosswalk} == {c for c in shipped if c[:2] in ("01", "02")}
    for code, (plover_type, mode, contexts) in crosswalk.items():
        if code in NOT_CAMEO:
            continue
        expected = CROSSWALK_FLAWS.get(code, (plover_type, mode, contexts))
        got = shipped[code]
        assert (got.plover_type, got.plover_mode, got.plover_context) == expected, code
    raw = CROSSWALK.read_text(encoding="utf-8")
    assert "08: RETREAT" in raw and "175: ASSAULT, pro_autocracy" in raw  # the flaws are still there


def test_the_shipped_table_is_well_formed():
    with (Path(__file__).resolve().parent.parent / "graph" / "codebooks" / "cameo_events.tsv").open(
            encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    assert len(rows) == len({r["code"] for r in rows}) == len(cameo_codes())
    assert all(r["label"] == " ".join(r["label"].split()) for r in rows)
