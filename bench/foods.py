"""Benchmark the food data: full SR28 import, search latency, and memory with the database open.

Usage: python bench/foods.py [PATH-TO-SR28]   (default ../shared/data/usda-sr28)

Prints figures; it is not a timed test. Search is measured over at least 1,000 realistic
queries (names of everyday foods, with typos, plurals and shuffled word order) against
a plain linear scan (RapidFuzz token_set_ratio over every description) in the same run.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.foods.importer import import_foods
from symptom_decoder.foods.text import STOP_WORDS

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "usda-sr28"
HAND_WRITTEN = [
    "spinach", "spinnach", "almnds", "pumkin seeds", "banana", "bananas", "peanut butter",
    "cooked spinach", "spinach cooked", "brown rice", "lentils", "black beans", "milk",
    "yogurt", "greek yogurt", "cheddar cheese", "salmon", "tofu", "oatmeal", "quinoa",
    "chia seeds", "cashews", "avocado", "sweet potato", "potato baked", "orange juice",
    "whole wheat bread", "egg", "eggs", "broccoli", "kale", "edamame", "dark chocolate",
    "sardines", "apricots dried", "kidney beans", "chickpeas", "hummus", "coffee", "tea",
]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def queries(catalog: Catalog, count: int = 1200, seed: int = 28) -> list[str]:
    """Realistic queries: everyday food names as people type them, some misspelt."""
    rng = random.Random(seed)
    names = []
    for food in catalog.database.foods():
        if not food.survey:
            continue
        parts = [p.strip().lower() for p in food.description.split(",")]
        words = [w for w in " ".join(parts[:2]).replace("(", " ").split()
                 if w.isalpha() and w not in STOP_WORDS]
        if words:
            names.append(words[:3])
    out = list(HAND_WRITTEN)
    while len(out) < count:
        words = list(rng.choice(names))
        roll = rng.random()
        if roll < 0.3:
            words = [_typo(w, rng) for w in words]
        elif roll < 0.45:
            rng.shuffle(words)
        elif roll < 0.55:
            words = [w + "s" if not w.endswith("s") else w[:-1] for w in words]
        out.append(" ".join(words[: rng.choice([1, 2, 2, 3])]))
    return out


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _time(fn: object, items: list[str]) -> list[float]:
    out = []
    for query in items:
        start = time.perf_counter()
        fn(query)  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return out


_MEMORY_PROBE = """
import sys
from pathlib import Path
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.diet.suggest import Suggester
catalog = Catalog.open(Path(sys.argv[1]))
catalog.search("spinach")
Suggester(catalog).suggest("magnesium_mg")
for line in open("/proc/self/status"):
    if line.startswith(("VmRSS", "VmHWM")):
        print(line.split(":")[0], int(line.split()[1]) / 1024)
"""


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "foods.sqlite3"
        start = time.perf_counter()
        summary = import_foods(source, target)
        seconds = time.perf_counter() - start
        print(f"import: {summary.foods:,} foods, {summary.nutrient_values:,} values, "
              f"{summary.portions:,} portions in {seconds:.2f} s (aim < 60 s); "
              f"file {target.stat().st_size / 1e6:.1f} MB")

        catalog = Catalog.open(target)
        start = time.perf_counter()
        index = catalog.index
        print(f"search index: built in {(time.perf_counter() - start) * 1000:.0f} ms "
              f"over {len(index):,} foods")
        items = queries(catalog)
        indexed = _time(lambda q: index.search(q, limit=10), items)
        scanned = _time(lambda q: index.scan(q, limit=10), items)
        for name, values in (("indexed search", indexed), ("linear scan   ", scanned)):
            print(f"{name}: {len(values):,} queries, p50 {statistics.median(values):.2f} ms, "
                  f"p99 {_percentile(values, 0.99):.2f} ms, max {max(values):.2f} ms")
        print("aim: indexed p99 < 10 ms")
        catalog.close()

        probe = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(target)],
                               capture_output=True, text=True, check=True)
        figures = dict(line.split() for line in probe.stdout.splitlines())
        print(f"memory with the food database open, index built and suggestions ranked: "
              f"resident {float(figures['VmRSS']):.0f} MB, peak {float(figures['VmHWM']):.0f} MB "
              "(aim < 150 MB)")


if __name__ == "__main__":
    main()
