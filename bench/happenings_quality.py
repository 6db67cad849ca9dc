"""How well the happenings rule groups records, on labelled synthetic data (run by hand).

    python -m bench.happenings_quality [--happenings 4000] [--seed 7] [--day-rows 100000]
                                       [--speed 100000,1000000]

**The generator.** Ground-truth happenings between states (each side drawn by a Zipf law of the
states' activity, so the busiest state is in about a fifth of happenings and the busiest pair in
about 4%, as USA-China or USA-Russia in GDELT), each with a CAMEO code, a day and, for most, a city. Each
is reported 1..60 times (a Pareto tail: most once or twice, a few by dozens of GDELT rows) as
GDELT-, POLECAT-, ACLED- (violence only) and curated- (seed-) shaped records, with the noise those
data sets show:

* dates: GDELT 70% the day, 25% the day after (articles dated by publication), 5% the day before;
  POLECAT 80% / 20% the day after; ACLED and curated the day; 10% of curated records give only
  the month (coarse);
* codes: GDELT a sibling code of the same root 40% of the time; POLECAT the CAMEO code its PLOVER
  type maps to (``loaders/polecat.py``: CONSULT -> 040, ASSAULT -> 180); ACLED the code its
  sub-event type maps to (``acled_types.tsv``); roots 01/02 are not in POLECAT (PLOVER drops them);
* actors: each side as the state, its government, its leader or its military (GDELT ``RUS``,
  ``RUSGOV``, ``VLADIMIR PUTIN``; ACLED ``Military Forces of Russia``; seed-style people who
  represent their state, or a ministry with a country and no ``represents``); symmetric types
  (CAMEO 04) in either direction; 2% of directed GDELT rows swap source and target (coder error);
* places: GDELT the city (jittered up to 10 km) 55%, the country (of either side) 30%, none 15%,
  and 3% another city of the country (a mis-geocode); POLECAT city 50% / none; ACLED the city;
  curated a city by name without coordinates (as the seed's places), 10% of them spelt another
  way (a transliteration), or none;
* planned-then-occurred: a third of consult happenings also have a curated ``planned`` record of
  an earlier extraction, dated the day it was planned for;
* curated records come from extractions of 1..6 events each, as a seed article lists several.

Look-alikes are generated on purpose: a quarter of happenings get a twin with the same dyad and
code 2..6 days later, a tenth a twin the same day in another city of the same country (150+ km).

**The figures.** Pairwise precision, recall and F1 over record pairs, B-cubed F1; the ratio of
records to happenings on a synthetic day of GDELT rows; and ``group()`` throughput.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from graph.codebooks import cameo_codes, countries
from graph.happenings.matching import Report, ReportActor, ReportPlace, group
from graph.happenings.rules import MatchRules
from graph.vocabulary import type_for_cameo

#: CAMEO roots of happenings with their weight (GDELT's mix: statements and consultations lead).
ROOTS = {"01": 25, "02": 8, "03": 10, "04": 20, "05": 6, "11": 8, "12": 5, "13": 4, "17": 4, "19": 7,
         "18": 3}
POLECAT_DEFAULTS = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "ACCUSE": "112", "REJECT": "120",
                    "THREATEN": "130", "COERCE": "170", "ASSAULT": "180"}
ACLED_CODES = ("193", "190", "194", "195", "180", "183")
START = date(2025, 1, 1)


@dataclass(frozen=True)
class Truth:
    """A ground-truth happening."""

    source: str
    target: str
    code: str
    day: date
    city: int | None  # index into the country's cities


class World:
    """States with cities, and the actor and place values that stand for them (shared, not copied)."""

    def __init__(self, rng: random.Random, states: int) -> None:
        self.rng = rng
        self.states = sorted(countries())[:states]
        self.cities: dict[str, list[tuple[float, float]]] = {}
        for code in self.states:
            lat, lon = rng.uniform(-40, 60), rng.uniform(-150, 150)
            self.cities[code] = [(lat, lon)] + [(lat + rng.uniform(1.5, 5) * rng.choice((-1, 1)),
                                                 lon + rng.uniform(1.5, 5) * rng.choice((-1, 1)))
                                                for _ in range(4)]
        self._actors: dict[tuple[str, str, str], ReportActor] = {}
        self._places: dict[tuple[str, ...], ReportPlace] = {}
        self._days = {n: START + timedelta(days=n) for n in range(-40, 800)}

    def day(self, offset: int) -> date:
        return self._days[offset]

    def actor(self, state: str, role: str, dataset: str) -> ReportActor:
        r = self.rng.random()
        if dataset == "acled":
            variant = "acled"
        elif dataset == "curated":
            variant = "leader" if r < 0.6 else "state" if r < 0.85 else "ministry"
        else:
            variant = "state" if r < 0.5 else "gov" if r < 0.75 else "leader" if r < 0.9 else "mil"
        key = (state, role, variant)
        if key not in self._actors:
            low = state.lower()
            self._actors[key] = {
                "state": ReportActor(low, "state", state, role, None),
                "gov": ReportActor(f"{low}_gov", "government", state, role, low),
                "leader": ReportActor(f"leader_of_{low}", "person", state, role, low),
                "mil": ReportActor(f"{low}_mil", "military", state, role, low),
                "ministry": ReportActor(f"{low}_foreign_ministry", "government", state, role, None),
                "acled": ReportActor(f"{low}_military_forces_2000", "military", state, role, low),
            }[variant]
        return self._actors[key]

    def place(self, dataset: str, state: str, city: int, kind: str, jitter: bool) -> ReportPlace:
        lat, lon = self.cities[state][city]
        if jitter:  # a few km off: GDELT and POLECAT geocode to feature centroids
            lat = round(lat + self.rng.uniform(-0.08, 0.08), 2)
            lon = round(lon + self.rng.uniform(-0.08, 0.08), 2)
        # 10% of curated names are another transliteration (Kyiv / Kiev)
        variant = dataset == "curated" and self.rng.random() < 0.1
        key = (dataset, state, str(city), kind, str(lat), str(lon), str(variant))
        if key not in self._places:
            town = f"Town {city} of {state}" + (" (old spelling)" if variant else "")
            if kind == "country":
                self._places[key] = ReportPlace(state.lower(), state, lat, lon, "country", state)
            elif dataset == "curated":  # the seed's places have no coordinates
                self._places[key] = ReportPlace(f"town_{state}_{city}{'_x' if variant else ''}", state, None,
                                                None, "city", town)
            else:
                self._places[key] = ReportPlace(f"{dataset}:{state}_{city}", state, lat, lon, "city",
                                                f"{town}, Province, {state}")
        return self._places[key]


def _sibling(rng: random.Random, code: str) -> str:
    siblings = [c for c in cameo_codes() if len(c) == 3 and c[:2] == code[:2]]
    return rng.choice(siblings)


def _copies(rng: random.Random) -> int:
    return min(60, int(1 / (1 - rng.random()) ** (1 / 1.3)))  # Pareto, alpha 1.3: mean ~3


def truths(world: World, rng: random.Random, count: int, days: int) -> list[Truth]:
    activity = [1 / (n + 1) for n in range(len(world.states))]  # Zipf: the first state is in ~20%
    roots, root_weights = zip(*ROOTS.items(), strict=True)
    found: list[Truth] = []
    while len(found) < count:
        a, b = rng.choices(world.states, activity, k=2)
        if a == b:
            continue
        code = _sibling(rng, rng.choices(roots, root_weights)[0] + "0")
        city = rng.randrange(5) if rng.random() < 0.8 else None
        truth = Truth(a, b, code, world.day(rng.randrange(days)), city)
        found.append(truth)
        if rng.random() < 0.25:  # the same dyad and code a few days later
            found.append(Truth(a, b, code, truth.day + timedelta(days=rng.randint(2, 6)), truth.city))
        if rng.random() < 0.1 and truth.city is not None:  # the same day, another city
            found.append(Truth(a, b, code, truth.day, (truth.city + rng.randint(1, 4)) % 5))
    return found[:count]


def reports_of(world: World, rng: random.Random, truth: Truth, tag: str,
               datasets: tuple[str, ...]) -> list[Report]:
    """The records of one happening, each shaped and noised as its data set does.

    Curated copy ``k`` comes from extraction ``<tag's article>-k``: happenings generated one after
    another (a happening and its look-alike twins) share extractions, as events of one article do.
    """
    article = tag.rsplit("-", 1)[0]
    root = truth.code[:2]
    plover = cameo_codes()[truth.code].plover_type
    out: list[Report] = []
    for k in range(_copies(rng)):
        dataset = rng.choice(datasets)
        if dataset == "acled" and root not in ("18", "19") or dataset == "polecat" and plover is None:
            dataset = "gdelt"
        shift, code, place, coarse, status = 0, truth.code, None, False, "occurred"
        country = truth.target if rng.random() < 0.3 else truth.source
        if dataset == "gdelt":
            r = rng.random()
            shift = 0 if r < 0.7 else 1 if r < 0.95 else -1
            code = _sibling(rng, code) if rng.random() < 0.4 else code
            r = rng.random()
            if truth.city is not None and r < 0.55:
                city = truth.city if rng.random() > 0.03 else (truth.city + 2) % 5
                place = world.place("gdelt", truth.source, city, "city", True)
            elif r < 0.85:
                place = world.place("gdelt", country, 0, "country", False)
        elif dataset == "polecat":
            shift = 0 if rng.random() < 0.8 else 1
            code = POLECAT_DEFAULTS.get(plover or "", code)
            if truth.city is not None and rng.random() < 0.5:
                place = world.place("polecat", truth.source, truth.city, "city", True)
        elif dataset == "acled":
            code = rng.choice(ACLED_CODES)
            if truth.city is not None:
                place = world.place("acled", truth.source, truth.city, "city", True)
        else:
            coarse = rng.random() < 0.1
            if truth.city is not None and rng.random() < 0.6:
                place = world.place("curated", truth.source, truth.city, "city", False)
        symmetric = root == "04"
        flipped = (symmetric and rng.random() < 0.5) or (dataset == "gdelt" and rng.random() < 0.02)
        first, second = (truth.target, truth.source) if flipped else (truth.source, truth.target)
        mutual = dataset == "curated" and symmetric
        roles = ("participant", "participant") if mutual else ("initiator", "target")
        actors = (world.actor(first, roles[0], dataset), world.actor(second, roles[1], dataset))
        day = truth.day + timedelta(days=shift)
        earliest, latest = (day, day)
        if coarse:
            earliest = day.replace(day=1)
            latest = (earliest + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        out.append(Report(
            id=f"{dataset}:{tag}-{k}", dataset=dataset,
            extraction=f"{article}-{k}" if dataset == "curated" else None, type=type_for_cameo(code),
            cameo=code,
            status=status, precision="month" if coarse else "day", earliest=earliest, latest=latest,
            actors=actors, place=place, first_reported=day, sources=(f"https://example.org/{tag}/{k}",)))
    if root == "04" and "curated" in datasets and rng.random() < 0.33:
        announced = truth.day - timedelta(days=rng.randint(3, 20))
        out.append(Report(
            id=f"curated:{tag}-planned", dataset="curated", extraction=f"{article}-announcement",
            type=type_for_cameo("046"), cameo=None,
            status="planned", precision="day", earliest=truth.day, latest=truth.day,
            actors=(world.actor(truth.source, "participant", "curated"),
                    world.actor(truth.target, "participant", "curated")),
            place=None, first_reported=announced, sources=(f"https://example.org/{tag}/plan",)))
    return out


def labelled(world: World, rng: random.Random, happenings: int, days: int,
             datasets: tuple[str, ...]) -> tuple[list[Report], dict[str, int]]:
    """Reports of ``happenings`` ground-truth happenings, and each report's true happening."""
    reports: list[Report] = []
    label: dict[str, int] = {}
    for n, truth in enumerate(truths(world, rng, happenings, days)):
        for report in reports_of(world, rng, truth, f"a{n // 4}-{n}", datasets):
            reports.append(report)
            label[report.id] = n
    return reports, label


def scores(predicted: dict[str, str], truth: dict[str, int]) -> dict[str, float]:
    """Pairwise precision, recall, F1 and B-cubed F1 of a predicted grouping against the truth."""
    cells = Counter((predicted[r], truth[r]) for r in truth)
    sizes_p, sizes_t = Counter(predicted[r] for r in truth), Counter(truth.values())
    pairs = sum(c * (c - 1) // 2 for c in cells.values())
    pred_pairs = sum(c * (c - 1) // 2 for c in sizes_p.values())
    true_pairs = sum(c * (c - 1) // 2 for c in sizes_t.values())
    precision = pairs / pred_pairs if pred_pairs else 1.0
    recall = pairs / true_pairs if true_pairs else 1.0
    b_p = sum(c * c / sizes_p[p] for (p, _), c in cells.items()) / len(truth)
    b_r = sum(c * c / sizes_t[t] for (_, t), c in cells.items()) / len(truth)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall),
            "bcubed_f1": 2 * b_p * b_r / (b_p + b_r)}


def _assign(reports: list[Report], rules: MatchRules) -> dict[str, str]:
    return {m.record: g.id for g in group(reports, rules) for m in g.members}


def gdelt_day(rng: random.Random, rows: int, days: int = 1) -> tuple[list[Report], int]:
    """About ``rows`` GDELT-shaped reports per day over ``days`` days, and how many happenings."""
    world = World(rng, 120)
    reports: list[Report] = []
    count = 0
    while len(reports) < rows * days:
        for truth in truths(world, rng, 500, days):
            reports.extend(reports_of(world, rng, truth, f"g-{count}", ("gdelt",)))
            count += 1
    return reports, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--happenings", type=int, default=4000)
    parser.add_argument("--days", type=int, default=365, help="days the happenings spread over")
    parser.add_argument("--seed", default="1,2,3,7", help="one seed or several, comma-separated")
    parser.add_argument("--day-rows", type=int, default=100_000, help="GDELT rows of the synthetic day")
    parser.add_argument("--speed", default="100000,1000000", help="report counts to time group() on")
    args = parser.parse_args()
    rules = MatchRules.load()
    seeds = [int(s) for s in args.seed.split(",")]

    print(f"quality: {args.happenings} true happenings over {args.days} days (rules version {rules.version})")
    print(f"  {'seed':>4} {'records':>8}  {'precision':>9} {'recall':>7} {'F1':>7} {'B3 F1':>7}   datasets")
    totals: Counter[str] = Counter()
    for seed in seeds:
        rng = random.Random(seed)
        reports, truth = labelled(World(rng, 60), rng, args.happenings, args.days,
                                  ("gdelt", "gdelt", "gdelt", "polecat", "acled", "curated"))
        q = scores(_assign(reports, rules), truth)
        totals.update(q)
        mix = ", ".join(f"{d} {n}" for d, n in sorted(Counter(r.dataset for r in reports).items()))
        print(f"  {seed:>4} {len(reports):>8}  {q['precision']:>9.4f} {q['recall']:>7.4f} {q['f1']:>7.4f} "
              f"{q['bcubed_f1']:>7.4f}   {mix}")
    mean = {k: v / len(seeds) for k, v in totals.items()}
    print(f"  {'mean':>4} {'':>8}  {mean['precision']:>9.4f} {mean['recall']:>7.4f} {mean['f1']:>7.4f} "
          f"{mean['bcubed_f1']:>7.4f}   (targets: precision >= 0.98, F1 >= 0.95)")

    day, happened = gdelt_day(random.Random(seeds[0]), args.day_rows)
    found = len({g for g in _assign(day, rules).values()})
    print(f"synthetic GDELT day: {len(day)} rows of {happened} true happenings -> {found} happenings; "
          f"records per happening {len(day) / found:.2f} (true {len(day) / happened:.2f})")

    for size in (int(s) for s in args.speed.split(",") if s):
        many, _ = gdelt_day(random.Random(seeds[0]), args.day_rows, max(1, math.ceil(size / args.day_rows)))
        many = many[:size]
        began = time.perf_counter()
        groups = group(many, rules)
        took = time.perf_counter() - began
        print(f"group() on {len(many)} GDELT-shaped reports ({args.day_rows}/day): {took:.1f} s, "
              f"{len(many) / took:,.0f} reports/s, {len(groups)} happenings")


if __name__ == "__main__":
    main()
