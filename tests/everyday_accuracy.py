"""How well the food log reads everyday entries: right, asked with the right choice, refused
without it, or silently wrong. Shared by the accuracy test and bench/foodlog_accuracy.py.

An entry is *right* when the food logged is one a careful person would pick
(``tests/fixtures/everyday_entries.yaml``) and its grams are within 10 % (or in USDA's
range). It is *asked* when the log asks and one of the choices it offers, taken with the
fix it names (``--food ID``, then ``--portion WORDS`` when it asks that too), is right.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from symptom_decoder.diet.foodlog import FoodLogError, Resolved, resolve
from symptom_decoder.foods.catalog import Catalog

ENTRIES = Path(__file__).with_name("fixtures") / "everyday_entries.yaml"
OUTCOMES = ("right", "asked", "refused", "wrong")


@dataclass(frozen=True)
class Entry:
    text: str
    accept: dict[int, tuple[float, float]]
    """Food id -> the grams that count as right (low, high)."""


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    kind: str
    detail: str


def load_entries() -> dict[str, list[Entry]]:
    document = yaml.safe_load(ENTRIES.read_text("utf-8"))
    out: dict[str, list[Entry]] = {}
    for part in ("dev", "held_out"):
        entries = []
        for raw in document[part]:
            accept: dict[int, tuple[float, float]] = {}
            for food, grams in raw["accept"].items():
                low, high = grams if isinstance(grams, list) else (grams * 0.9, grams * 1.1)
                accept[int(food)] = (float(low) * 0.99, float(high) * 1.01)
            entries.append(Entry(str(raw["text"]), accept))
        out[part] = entries
    return out


def _right(entry: Entry, resolved: Resolved) -> bool:
    grams = entry.accept.get(resolved.food.id)
    return grams is not None and grams[0] <= resolved.grams <= grams[1]


def _follow(catalog: Catalog, entry: Entry, error: FoodLogError) -> bool:
    """Whether taking one of the offered choices, with the fixes the log names, is right."""
    foods = [int(option.split()[0]) for option in error.options
             if option.split() and option.split()[0].isdigit()]
    tries: list[tuple[int | None, str | None]] = [(f, None) for f in foods
                                                  if f in entry.accept]
    if error.food_id is not None:
        tries += [(error.food_id, p) for p in error.portions]
    for food_id, portion in tries:
        try:
            if _right(entry, resolve(catalog, entry.text, food_id=food_id, portion=portion)):
                return True
        except FoodLogError as again:
            for words in again.portions:
                try:
                    chosen = resolve(catalog, entry.text, food_id=food_id, portion=words)
                except FoodLogError:
                    continue
                if _right(entry, chosen):
                    return True
    return False


def judge(catalog: Catalog, entry: Entry) -> Outcome:
    try:
        resolved = resolve(catalog, entry.text)
    except FoodLogError as error:
        kind = "asked" if _follow(catalog, entry, error) else "refused"
        return Outcome(entry, kind, f"{error} {error.options[:3]}")
    kind = "right" if _right(entry, resolved) else "wrong"
    return Outcome(entry, kind, f"{resolved.food.id} {resolved.food.description} "
                                f"{resolved.grams:.0f} g")


def tally(outcomes: list[Outcome]) -> Counter[str]:
    counts: Counter[str] = Counter({kind: 0 for kind in OUTCOMES})
    counts.update(o.kind for o in outcomes)
    return counts


def summary(part: str, outcomes: list[Outcome]) -> str:
    counts = tally(outcomes)
    total = len(outcomes)
    good = counts["right"] + counts["asked"]
    return (f"{part:9} {total:3} entries: right {counts['right']}, asked with the right choice "
            f"{counts['asked']}, refused {counts['refused']}, silently wrong {counts['wrong']}"
            f" -> right or asked {100 * good / total:.0f} %, silently wrong "
            f"{40 * counts['wrong'] / total:.1f} in 40")
