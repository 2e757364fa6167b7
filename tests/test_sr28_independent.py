"""The food log's arithmetic checked against USDA's raw SR28 files, read here by this test's
own code (not the product's importer): 200 food-and-portion totals, to 0.5 % or the
display rounding, including portions whose labels USDA repeats with other amounts
("0.33 package (10 oz)" and "1 package (10 oz)").
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from foods_data import SR28, catalog, sr28_path  # noqa: F401
from symptom_decoder.diet.foodlog import resolve
from symptom_decoder.foods.catalog import Catalog

# SR28 nutrient numbers (NUTR_DEF.txt) for the nutrients the food log keeps, by its JSON key.
NUMBERS = {"magnesium_mg": "304", "calcium_mg": "301", "iron_mg": "303",
           "potassium_mg": "306", "sodium_mg": "307", "water_g": "255",
           "vitamin_d_iu": "324", "caffeine_mg": "262", "energy_kcal": "208"}
SAMPLE = 200
REPEATED = 50
"""How many of the sample are portions whose label USDA repeats for the same food."""


def _fields(path: Path) -> list[list[str]]:
    """An SR28 ASCII file: '^' between fields, '~' around text, Latin-1, CRLF lines."""
    out = []
    with path.open("rb") as handle:
        for raw in handle:
            line = raw.decode("latin-1").rstrip("\r\n")
            if line:
                out.append([field.strip("~") for field in line.split("^")])
    return out


@dataclass(frozen=True)
class WeightRow:
    ndb: str
    seq: int
    amount: float
    description: str
    grams: float


@cache
def _raw() -> tuple[dict[str, str], dict[str, dict[str, float]], list[WeightRow]]:
    """Food groups by NDB number, nutrient values per 100 g, and the portion rows."""
    foods = {f[0]: f[1] for f in _fields(SR28 / "FOOD_DES.txt")}
    wanted = set(NUMBERS.values())
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for f in _fields(SR28 / "NUT_DATA.txt"):
        if f[1] in wanted and f[2] != "":
            values[f[0]][f[1]] = float(f[2])
    weights = [WeightRow(f[0], int(f[1]), float(f[2]), f[3], float(f[4]))
               for f in _fields(SR28 / "WEIGHT.txt") if float(f[4]) > 0]
    return foods, dict(values), weights


def _sample() -> list[WeightRow]:
    _, _, weights = _raw()
    by_label: dict[tuple[str, str], list[WeightRow]] = defaultdict(list)
    for row in weights:
        by_label[row.ndb, " ".join(row.description.lower().split())].append(row)
    # A label repeated with other amounts; rows repeating label *and* amount cannot be told
    # apart by anything a person types, so the first (USDA's order) is the one used.
    repeated = [r for rows in by_label.values() if len({x.amount for x in rows}) > 1
                for r in rows if sum(x.amount == r.amount for x in rows) == 1]
    chance = random.Random(14)
    picked = chance.sample(sorted(repeated, key=lambda r: (r.ndb, r.seq)), REPEATED)
    rest = [r for r in weights if r not in set(picked)]
    return picked + chance.sample(rest, SAMPLE - REPEATED)


def _case_id(row: WeightRow) -> str:
    return f"{row.ndb}-{row.seq}"


CASES = _sample()


def test_the_sample_covers_all_food_groups_and_repeated_labels() -> None:
    foods, _, _ = _raw()
    assert len(CASES) == SAMPLE
    assert len({c.ndb for c in CASES}) > 150
    assert all(c.ndb in foods for c in CASES)
    assert len({foods[c.ndb] for c in CASES}) >= 20, "most of SR28's 25 food groups"


@pytest.mark.parametrize("row", CASES, ids=_case_id)
def test_a_logged_portion_matches_the_raw_files(catalog: Catalog, row: WeightRow  # noqa: F811
                                                ) -> None:
    _, values, _ = _raw()
    resolved = resolve(catalog, f"{row.amount:g} x", food_id=int(row.ndb),
                       portion=row.description)
    assert resolved.grams == pytest.approx(row.grams, rel=0.005)
    per_100g = values.get(row.ndb, {})
    for key, number in NUMBERS.items():
        got = resolved.nutrients[key]
        if number not in per_100g:
            assert got is None, f"{key}: USDA has no value, so the log must say unknown"
            continue
        expected = per_100g[number] * row.grams / 100.0
        assert got is not None, key
        assert got == pytest.approx(expected, rel=0.005, abs=0.005), key
