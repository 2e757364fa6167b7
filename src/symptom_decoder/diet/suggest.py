"""Foods that close a nutrient gap, in realistic servings, never unsafe and never excluded.

Candidates are everyday foods (see ``foods/rules.yaml``) with a household portion between
15 and 250 grams. They are ranked by the nutrient in one serving and per kilocalorie
together (the geometric mean of both, each scaled to the best candidate), and only the
best of near-identical foods is kept ("Seeds, pumpkin..., roasted, with salt" and
"..., without salt" are one suggestion).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from symptom_decoder.errors import InvalidInput
from symptom_decoder.foods.catalog import Catalog, source_ids
from symptom_decoder.foods.database import Food, Portion, format_amount
from symptom_decoder.foods.nutrients import BY_KEY
from symptom_decoder.foods.portions import portion_unit
from symptom_decoder.foods.rules import Rules, food_text, load_rules

TARGETS = ("magnesium_mg", "calcium_mg", "iron_mg")
_SHOWN = ("magnesium_mg", "calcium_mg", "iron_mg", "energy_kcal")
_MIN_GRAMS, _MAX_GRAMS = 15.0, 250.0
# Household units in order of how people serve food.
_SERVING_UNITS = ("oz", "cup", "medium", "slice", "piece", "tbsp", "large", "small", "serving")
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
            **source_ids(self.food),
        }


def serving(food: Food, portions: Sequence[Portion]) -> tuple[float, str] | None:
    """A realistic serving from USDA's portions, or None when there is none."""
    text = food_text(food)
    if food.group_code in {"1200", "1600"} and (" butter " in text or " spread " in text):
        spoons = [p for p in portions if portion_unit(p) == "tbsp"]
        grams = 2 * spoons[0].grams_per_unit if spoons else 32.0
        return grams, "2 tbsp"
    if food.group_code == "1200":
        return 28.35, "1 oz"
    if " cheese " in text:
        return 42.5, "1.5 oz"
    by_unit: dict[str, Portion] = {}
    for portion in portions:
        by_unit.setdefault(portion_unit(portion), portion)
    for unit in _SERVING_UNITS:
        if unit not in by_unit:
            continue
        portion = by_unit[unit]
        grams, label = portion.grams_per_unit, f"1 {portion.unit}"
        if unit == "oz":
            grams, label = 28.35, "1 oz"
        elif unit == "cup" and grams > _HALF_CUP_ABOVE:
            grams, label = grams / 2, f"{format_amount(0.5)} {portion.unit}"
        if _MIN_GRAMS <= grams <= _MAX_GRAMS:
            return grams, label
    return None


_MAX_KCAL = 400.0
_PER_KIND = 2
"""At most this many suggestions of one kind (two spinach dishes, two cheeses)."""
_PER_SERVING = 0.6
"""Weight of the amount per serving against the amount per kilocalorie in the ranking."""


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
        scored: list[tuple[float, float, Candidate, float | None]] = []
        for candidate in self.candidates:
            per_100g = candidate.per_100g[nutrient]
            if not per_100g:
                continue
            if not self.excluded[candidate.food.id].isdisjoint(names):
                continue
            amount = per_100g * candidate.grams / 100.0
            kcal = candidate.per_100g["energy_kcal"]
            per_kcal = per_100g / kcal if kcal else None
            scored.append((amount, per_kcal or 0.0, candidate, per_kcal))
        if not scored:
            return []
        # Percentile ranks, so one extreme food does not flatten everyone else's score.
        by_amount = _percentiles([s[0] for s in scored])
        by_density = _percentiles([s[1] for s in scored])
        order = sorted(
            range(len(scored)),
            key=lambda i: (-(_PER_SERVING * by_amount[i] + (1 - _PER_SERVING) * by_density[i]),
                           scored[i][2].food.id),
        )
        ranked = [scored[i] for i in order]
        out: list[Suggestion] = []
        seen: set[str] = set()
        kinds: dict[str, int] = {}
        for amount, _, candidate, per_kcal in ranked:
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
                closes_percent=100.0 * amount / gap if gap and gap > 0 else None,
            ))
            if len(out) >= limit:
                break
        return out


def _percentiles(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    for position, index in enumerate(order):
        out[index] = position / max(1, len(values) - 1)
    return out


def _family(food: Food) -> str:
    """Foods that differ only in salt or roasting are one suggestion."""
    parts = [p.strip().lower() for p in food.description.split(",")]
    return ",".join(parts[:2])
