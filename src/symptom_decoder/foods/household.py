"""Household words for amounts USDA does not list (a glass, a handful, a bowl), from one table.

``measures.csv`` is the only place these live: each row names the word, what it means in
USDA's own measures, the foods it applies to (USDA food-group codes, or words of the
description) and why. ``docs/diet.md`` prints the same table.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from symptom_decoder.foods.database import Food
from symptom_decoder.foods.text import words


class MeasuresError(Exception):
    """measures.csv is malformed; the message names the row."""


@dataclass(frozen=True)
class Household:
    word: str
    plural: str
    amount: float
    unit: str
    """What one of these is in USDA's terms: ``1 cup``, ``1 oz``, ``0.5 breast``."""
    groups: frozenset[str]
    food_words: tuple[str, ...]
    why: str

    @property
    def means(self) -> str:
        return f"{self.amount:g} {self.unit}"

    def applies(self, food: Food) -> bool:
        """Whether this word is a measure for FOOD (any food when the table says ``any``)."""
        if not self.groups and not self.food_words:
            return True
        if food.group_code in self.groups:
            return True
        stems = set(words(food.description))
        return any(w in stems for w in self.food_words)


def _row(number: int, row: dict[str, str]) -> Household:
    try:
        amount_text, unit = row["means"].strip().split(" ", 1)
        amount = float(amount_text)
    except (KeyError, ValueError):
        raise MeasuresError(f"measures.csv row {number}: 'means' must be an amount and a unit, "
                            f"like '1 cup' (got {row.get('means')!r})") from None
    scope = row.get("applies_to", "").split()
    groups = frozenset(s for s in scope if s.isdigit())
    food_words = tuple(s for s in scope if not s.isdigit() and s != "any")
    return Household(word=row["word"].strip().lower(), plural=row["plural"].strip().lower(),
                     amount=amount, unit=unit.strip().lower(), groups=groups,
                     food_words=food_words, why=row.get("why", "").strip())


@lru_cache(maxsize=1)
def household_measures() -> dict[str, Household]:
    """Every household word and its plural -> its row."""
    text = resources.files("symptom_decoder.foods").joinpath("measures.csv").read_text("utf-8")
    out: dict[str, Household] = {}
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        measure = _row(number, row)
        out[measure.word] = measure
        if measure.plural:
            out[measure.plural] = measure
    return out


def household(word: str) -> Household | None:
    return household_measures().get(word.lower().strip().rstrip("."))
