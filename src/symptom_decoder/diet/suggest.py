"""Foods that close a nutrient gap, in realistic servings, never unsafe and never excluded.

Candidates are everyday foods (see ``foods/rules.yaml``: no herbs, spices or condiments,
raw grains or cooking liquids) with a serving between 15 and 250 grams taken from USDA's
own portion rows as written ("3 oz = 85 g" is 3 ounces). They are ranked by what one
serving gives toward the gap, counting only the share the body absorbs (``absorption`` in
the rules: haem iron over plant iron; oxalate-rich calcium not at all), then by the amount
per kilocalorie; only the best of near-identical foods is kept ("Seeds, pumpkin...,
roasted, with salt" and "..., without salt" are one suggestion).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from symptom_decoder.errors import InvalidInput
from symptom_decoder.foods.amounts import plain_label, row
from symptom_decoder.foods.catalog import Catalog, source_ids
from symptom_decoder.foods.database import Food, Portion
from symptom_decoder.foods.nutrients import BY_KEY
from symptom_decoder.foods.rules import Absorption, Rules, food_text, load_rules

TARGETS = ("magnesium_mg", "calcium_mg", "iron_mg")
_SHOWN = ("magnesium_mg", "calcium_mg", "iron_mg", "energy_kcal")
_MIN_GRAMS, _MAX_GRAMS = 15.0, 250.0
# Household units in order of how people serve food.
_SERVING_UNITS = ("cup", "medium", "piece", "slice", "large", "small", "serving", "container",
                  "oz", "tbsp")
_SIZES = frozenset({"medium", "large", "small"})
_COUNT_WORDS = frozenset({"fruit", "whole", "item", "each", "unit"})
_MEAT_GROUPS = frozenset({"0500", "1000", "1300", "1500", "1700"})
_HALF_CUP_ABOVE = 150.0


class SuggestError(InvalidInput):
    """The request cannot be met; the message says why in plain words."""


@dataclass(frozen=True)
class Candidate:
    food: Food
    grams: float
    portion: str
    per_100g: dict[str, float | None]


@dataclass(frozen=True)
class Suggestion:
    food: Food
    nutrient: str
    grams: float
    portion: str
    amounts: dict[str, float | None]
    per_kcal: float | None
    closes_percent: float | None
    """The share of the gap one serving closes, counting only what is absorbed."""
    absorption: Absorption | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.food.id,
            "description": self.food.description,
            "grams": round(self.grams, 1),
            "portion": self.portion,
            "for": self.nutrient.removesuffix("_mg"),
            **{k: (None if v is None else round(v, 2)) for k, v in self.amounts.items()},
            "closes_percent_of_gap": (None if self.closes_percent is None
                                      else round(self.closes_percent)),
            "absorption": None if self.absorption is None else {
                "id": self.absorption.id, "short": self.absorption.short,
                "note": self.absorption.note,
                "counted": self.absorption.counted,
                "references": list(self.absorption.references)},
            **source_ids(self.food),
        }


def serving(food: Food, portions: Sequence[Portion]) -> tuple[float, str] | None:
    """A realistic serving from USDA's portion rows as written, or None when there is none."""
    text = food_text(food)
    rows = [row(p) for p in portions if p.unit != "g"]
    if food.group_code in {"1200", "1600"} and (" butter " in text or " spread " in text):
        spoons = [r for r in rows if r.measure == "tbsp"]
        grams = 2 * spoons[0].per_unit if spoons else 32.0
        return grams, "2 tbsp"
    if food.group_code == "1200":
        return 28.35, "1 oz"
    if " cheese " in text:
        return 42.5, "1.5 oz"
    if food.group_code in _MEAT_GROUPS:
        # USDA's "3 oz = 85 g" row is the usual cooked serving of meat or fish.
        three = [r for r in rows if r.measure == "oz" and abs(r.portion.amount - 3) < 1e-9]
        return (three[0].portion.grams, "3 oz") if three else (85.05, "3 oz")
    usable = [r for r in rows if not r.transformed]
    for unit in _SERVING_UNITS:
        found = [r for r in usable if (r.size == unit if unit in _SIZES else r.measure == unit)]
        if unit == "piece":
            found = found or [r for r in usable if r.measure is None and r.size is None
                              and r.others & _COUNT_WORDS]
        for candidate in found:
            grams, label = candidate.portion.grams, plain_label(candidate.portion)
            if unit == "cup" and grams / candidate.portion.amount > _HALF_CUP_ABOVE:
                grams = candidate.per_unit / 2
                label = plain_label(candidate.portion, 0.5)
            if _MIN_GRAMS <= grams <= _MAX_GRAMS:
                return grams, label
    return None


_MAX_KCAL = 400.0
_PER_KIND = 2
"""At most this many suggestions of one kind (two spinach dishes, two cheeses)."""


class Suggester:
    """Ranks the catalog's safe everyday foods; build once, ask many times."""

    def __init__(self, catalog: Catalog, rules: Rules | None = None) -> None:
        self.rules = rules or load_rules()
        database = catalog.database
        columns = {key: database.column(BY_KEY[key].number) for key in _SHOWN}
        extra = {number: database.column(number) for number in self.rules.nutrient_numbers}
        portions = database.all_portions()
        foods = database.foods()
        # USDA marks foods its dietary survey uses; where a release has the mark, only
        # those are suggested, which leaves out dock, spleen and cottonseed kernels.
        surveyed_only = any(food.survey for food in foods)
        self.candidates: list[Candidate] = []
        self.unsafe: dict[int, str] = {}
        self.excluded: dict[int, frozenset[str]] = {}
        self.absorbed: dict[tuple[int, str], Absorption | None] = {}
        for food in foods:
            values = {number: column.get(food.id, 0.0) for number, column in extra.items()}
            broken = self.rules.unsafe(food, values)
            if broken is not None:
                self.unsafe[food.id] = broken.id
                continue
            if (surveyed_only and not food.survey) or not self.rules.everyday(food, values):
                continue
            found = serving(food, portions.get(food.id, []))
            if found is None:
                continue
            per_100g: dict[str, float | None] = {k: columns[k].get(food.id) for k in _SHOWN}
            kcal = per_100g["energy_kcal"]
            if kcal is not None and kcal * found[0] / 100.0 > _MAX_KCAL:
                continue
            self.candidates.append(Candidate(food, found[0], found[1], per_100g))
            for target in TARGETS:
                self.absorbed[food.id, target] = self.rules.absorbed(food, target)
            self.excluded[food.id] = frozenset(
                name for name in self.rules.exclusions
                if self.rules.excluded_by(food, [name], values) is not None
            )

    def suggest(
        self,
        nutrient: str = "magnesium_mg",
        *,
        gap: float | None = None,
        exclude: Iterable[str] = (),
        limit: int = 10,
    ) -> list[Suggestion]:
        """The best foods for NUTRIENT, leaving out every food an EXCLUDE name covers."""
        if nutrient not in TARGETS:
            raise SuggestError(f"Suggestions are for {', '.join(TARGETS)}, not {nutrient}.")
        names = list(dict.fromkeys(exclude))
        unknown = [n for n in names if n not in self.rules.exclusions]
        if unknown:
            raise SuggestError(
                f"Unknown exclusion: {', '.join(unknown)}. "
                f"Choose from: {', '.join(self.rules.exclusions)}."
            )
        scored: list[tuple[float, float, float, Candidate, float | None]] = []
        for candidate in self.candidates:
            per_100g = candidate.per_100g[nutrient]
            if not per_100g:
                continue
            if not self.excluded[candidate.food.id].isdisjoint(names):
                continue
            amount = per_100g * candidate.grams / 100.0
            absorbed = self.absorbed[candidate.food.id, nutrient]
            counted = amount * (absorbed.counted if absorbed else 1.0)
            kcal = candidate.per_100g["energy_kcal"]
            per_kcal = per_100g / kcal if kcal else None
            # What one serving gives toward the gap: a serving that closes it all is as
            # good as a bigger one, and then the lighter food (per kilocalorie) comes first.
            toward = min(counted, gap) if gap and gap > 0 else counted
            density = counted / (kcal * candidate.grams / 100.0) if kcal else 0.0
            scored.append((toward, density, counted, candidate, per_kcal))
        scored.sort(key=lambda s: (-s[0], -s[1], s[3].food.id))
        out: list[Suggestion] = []
        seen: set[str] = set()
        kinds: dict[str, int] = {}
        for _, _, counted, candidate, per_kcal in scored:
            family = _family(candidate.food)
            kind = family.split(",")[0]
            if family in seen or kinds.get(kind, 0) >= _PER_KIND:
                continue
            seen.add(family)
            kinds[kind] = kinds.get(kind, 0) + 1
            amounts = {k: (None if v is None else v * candidate.grams / 100.0)
                       for k, v in candidate.per_100g.items()}
            out.append(Suggestion(
                food=candidate.food, nutrient=nutrient, grams=candidate.grams,
                portion=candidate.portion, amounts=amounts, per_kcal=per_kcal,
                closes_percent=100.0 * counted / gap if gap and gap > 0 else None,
                absorption=self.absorbed[candidate.food.id, nutrient],
            ))
            if len(out) >= limit:
                break
        return out


def _family(food: Food) -> str:
    """Foods that differ only in salt or roasting are one suggestion."""
    parts = [p.strip().lower() for p in food.description.split(",")]
    return ",".join(parts[:2])
