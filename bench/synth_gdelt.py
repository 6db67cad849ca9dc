"""Write a large synthetic GDELT 2.0 Events export, to measure `geokg load` on it by hand.

    python bench/synth_gdelt.py OUT.export.CSV --rows 1000000 [--actors 3000] [--seed 7]
    /usr/bin/time -v geokg load OUT.export.CSV      # rows/s from the wall time, peak RSS

Realistic shape: a few thousand actors (states, state agents and named people of real ISO
countries) whose activity follows a power law (Zipf), real CAMEO codes with their Goldstein
scores and quad classes, dates spread over ten years, 61 tab-separated columns, no header.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from graph.codebooks import actor_types, cameo_codes, countries

_FIRST = ("ALEXEI", "ANNA", "BORIS", "CHEN", "DMITRI", "ELENA", "FATIMA", "HASSAN", "IVAN", "JOHN",
          "MARIA", "OLGA", "SERGEI")
_LAST = ("IVANOV", "PETROV", "SMITH", "WANG", "KHAN", "NOVAK", "GARCIA", "MULLER", "ROSSI", "SATO",
         "TANAKA", "ORLOV")


def actors_of(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    """(code, name, country, type) for ``count`` actors: states, state agents and people."""
    states = list(countries().values())
    types = [t for t in actor_types() if len(t) == 3]
    actors = []
    for i in range(count):
        country = states[i % len(states)]
        if i < len(states):
            actors.append((country.alpha3, country.name.upper(), country.alpha3, ""))
        elif i % 3:
            kind = rng.choice(types)
            actors.append((country.alpha3 + kind, f"{country.name.upper()} {kind}", country.alpha3, kind))
        else:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}"
            actors.append((country.alpha3 + "GOV", name, country.alpha3, "GOV"))
    return actors


def _actor_columns(actor: tuple[str, str, str, str] | None) -> list[str]:
    if actor is None:
        return [""] * 10
    code, name, country, kind = actor
    return [code, name, country, "", "", "", "", kind, "", ""]


def export_rows(rng: random.Random, actors: list[tuple[str, str, str, str]], count: int, first_id: int,
                added: str | None = None) -> Iterator[list[str]]:
    """``count`` export rows, ids from ``first_id``, dates over ten years; DATEADDED ``added``
    (``YYYYMMDDHHMMSS``) or the event's day at noon."""
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(actors))]  # a few actors do most
    codes = [c for c in cameo_codes().values() if len(c.code) >= 3]
    start = date(2015, 1, 1)
    for n in range(count):
        first, second = rng.choices(actors, weights, k=2)
        code = rng.choice(codes)
        day = start + timedelta(days=rng.randrange(3652))
        stamp = day.strftime("%Y%m%d")
        geo = ["4", f"City {n % 997}, {first[2]}", first[2][:2], "", "", "45.0", "30.0", str(n % 997)]
        yield [str(first_id + n), stamp, stamp[:6], stamp[:4], f"{day.year}.5",
               *_actor_columns(first), *_actor_columns(second if rng.random() > 0.1 else None),
               "1", code.code, code.code[:3], code.root, str(code.quad_class), str(code.goldstein),
               str(rng.randint(1, 50)), str(rng.randint(1, 10)), str(rng.randint(1, 50)),
               f"{rng.uniform(-10, 10):.2f}", *[""] * 16, *geo, added or stamp + "120000",
               f"https://news{n % 500}.example.com/{first_id + n}"]


def write(path: Path, rows: int, actor_count: int, seed: int) -> None:
    rng = random.Random(seed)
    actors = actors_of(rng, actor_count)
    with path.open("w", encoding="utf-8") as out:
        for row in export_rows(rng, actors, rows, 1_000_000_000):
            out.write("\t".join(row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write(args.out, args.rows, args.actors, args.seed)
    print(f"wrote {args.rows} rows to {args.out}")


if __name__ == "__main__":
    main()
