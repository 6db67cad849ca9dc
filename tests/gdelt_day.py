"""A busy GDELT 2.0 day around Russia, for the Browser tests and ``python -m tests.screenshots``.

The committed sample (``tests/data/20250813.export.CSV``) holds six good rows: too few to show what
the Browser draws on a real day. This writes a file shaped like a real 15-minute export of
2025-08-13: its first row's 61 columns, with the actors, CAMEO codes (curated and not, as in a real
file where a third of the events have a code no curated type has), counts and publishers varied
from lists, deterministically (seeded). Every row involves Russia or North Korea, their leaders or
armies, as the rows a GDELT query for Russia returns.
"""

from __future__ import annotations

import random
from pathlib import Path

from neo4j import Driver

from graph.codebooks import cameo_codes
from graph.settings import Settings
from graph.store.schema import apply_schema
from graph.store.writer import GraphWriter
from loaders.formats import read_all
from loaders.pipeline import load_stream
from tests.conftest import SEED, LoadedGraph, wipe

SAMPLE = Path(__file__).resolve().parent / "data" / "20250813.export.CSV"
DAY = "20250813"

#: (code, name, country, type): how GDELT codes the actors of such a day.
CORE = (("RUS", "RUSSIA", "RUS", ""), ("RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV"),
        ("RUSMIL", "RUSSIAN ARMY", "RUS", "MIL"), ("PRK", "NORTH KOREA", "PRK", ""),
        ("PRKGOV", "KIM JONG UN", "PRK", "GOV"))
OTHERS = (("UKR", "UKRAINE", "UKR", ""), ("UKRMIL", "UKRAINIAN ARMY", "UKR", "MIL"),
          ("USAGOV", "DONALD TRUMP", "USA", "GOV"), ("USA", "UNITED STATES", "USA", ""),
          ("KOR", "SOUTH KOREA", "KOR", ""), ("CHN", "CHINA", "CHN", ""),
          ("GOV", "GOVERNMENT", "", "GOV"), ("MED", "JOURNALIST", "", "MED"))
#: Codes frequent in a real file: statements, consultations, appeals, threats, fighting.
CODES = ("010", "012", "020", "036", "040", "041", "042", "043", "046", "051", "057", "061",
         "0874", "111", "112", "120", "130", "138", "173", "190", "192", "193", "195")
PUBLISHERS = ("https://www.reuters.com/world/", "https://tass.com/politics/",
              "https://kyivindependent.com/", "https://en.yna.co.kr/view/",
              "https://apnews.com/article/", "https://www.aljazeera.com/news/",
              "https://www.theguardian.com/world/", "https://www.nknews.org/")


def gdelt_day_file(folder: Path, rows: int = 150, seed: int = 13) -> Path:
    """Write ``rows`` events of 2025-08-13 as ``folder/20250813.export.CSV``; return its path."""
    rng = random.Random(seed)
    template = SAMPLE.read_text("utf-8").splitlines()[0].split("\t")
    codebook = cameo_codes()
    lines = []
    for n in range(rows):
        one = rng.choice(CORE)
        two = rng.choice([a for a in CORE + OTHERS if a[2] != one[2]])
        if rng.random() < 0.5:
            one, two = two, one
        code = rng.choice(CODES)
        kind = codebook[code]
        fields = list(template)
        fields[0] = str(1250100000 + n)
        fields[5:8], fields[12] = one[:3], one[3]
        fields[15:18], fields[22] = two[:3], two[3]
        fields[26], fields[27], fields[28] = code, code[:3], code[:2]
        fields[29], fields[30] = str(kind.quad_class), str(kind.goldstein)
        fields[31] = fields[33] = str(rng.randint(1, 40))
        fields[32] = str(rng.randint(1, 8))
        fields[59] = f"{DAY}{12 + n // 60:02d}{n % 60:02d}00"
        fields[60] = f"{rng.choice(PUBLISHERS)}2025-08-13-{n}"
        lines.append("\t".join(fields))
    path = folder / SAMPLE.name
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def load_gdelt_day(driver: Driver, settings: Settings, folder: Path) -> None:
    """Wipe the database and load the seed and a busy day written into ``folder``."""
    LoadedGraph.seed = False
    wipe(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    writer = GraphWriter(driver, settings.neo4j_database)
    report = load_stream(lambda: read_all([SEED, gdelt_day_file(folder)], None), writer)
    assert not report.errors, report.errors[:3]
