"""Turn an amount and a unit into grams of one food, using USDA's household portions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from symptom_decoder.foods.database import Portion, format_amount
from symptom_decoder.foods.quantity import UNITS, VOLUME_ML, WEIGHT_GRAMS, Quantity

SIZES = ("extra large", "small", "medium", "large")
# A count with no unit ("2 eggs") means one of these, in this order of preference.
_COUNT_PREFERENCE = ("medium", "whole", "fruit", "large", "small")
_MEASURES = frozenset({*WEIGHT_GRAMS, *VOLUME_ML, "package", "container", "serving", "can"})
_SAME = 0.10


class PortionError(Exception):
    """The amount cannot be turned into grams of this food; ``options`` lists what can."""

    def __init__(self, message: str, options: list[str]) -> None:
        super().__init__(message)
        self.options = options


@dataclass(frozen=True)
class Measured:
    grams: float
    label: str
    """What was eaten, in words: '1 cup (180 g)'."""


def portion_unit(portion: Portion) -> str:
    """The canonical unit a USDA portion is measured in: 'cup, chopped' -> 'cup'."""
    text = portion.unit.lower().strip()
    for size in SIZES:
        if text.startswith(size):
            return size
    if text.startswith(("fl oz", "fluid ounce")):
        return "fl oz"
    first = re.split(r"[\s,(]+", text, maxsplit=1)[0].rstrip(".")
    return UNITS.get(first, first)


def _describe(amount: float, unit: str, grams: float) -> str:
    return f"{format_amount(amount)} {unit} ({grams:.0f} g)"


def measure(quantity: Quantity, portions: list[Portion], *, choose: str | None = None) -> Measured:
    """Grams for QUANTITY of a food with these PORTIONS; CHOOSE picks a portion by its words."""
    household = [p for p in portions if p.unit != "g"]
    options = [f"{p.label} = {p.grams:g} g" for p in household]
    if choose:
        wanted = choose.lower().strip()
        chosen = [p for p in household if wanted in p.label.lower() or wanted in p.unit.lower()]
        if not chosen:
            raise PortionError(f"This food has no portion called '{choose}'.", options)
        portion = chosen[0]
        grams = quantity.amount * portion.grams_per_unit
        return Measured(grams, _describe(quantity.amount, portion.unit, grams))
    unit = quantity.unit
    if unit in WEIGHT_GRAMS:
        grams = quantity.amount * WEIGHT_GRAMS[unit]
        label = f"{format_amount(quantity.amount)} {unit}"
        return Measured(grams, label if unit == "g" else f"{label} ({grams:.0f} g)")
    if unit is None:
        for preferred in _COUNT_PREFERENCE:
            found = [p for p in household if portion_unit(p) == preferred]
            if found:
                return _from_portion(quantity.amount, found)
        singles = [p for p in household if portion_unit(p) not in _MEASURES]
        if len(singles) == 1:
            return _from_portion(quantity.amount, singles)
        raise PortionError(
            f"How big is one '{quantity.food}'? Give a unit or grams, or pick a portion.", options
        )
    matching = [p for p in household if portion_unit(p) == unit]
    if matching:
        return _from_portion(quantity.amount, matching)
    if unit in VOLUME_ML:
        # Convert between spoons, cups and millilitres through any volume portion.
        for portion in household:
            other = portion_unit(portion)
            if other in VOLUME_ML:
                per_ml = portion.grams_per_unit / VOLUME_ML[other]
                grams = quantity.amount * VOLUME_ML[unit] * per_ml
                return Measured(grams, _describe(quantity.amount, unit, grams))
    raise PortionError(
        f"USDA gives no '{unit}' portion for this food. Use grams, or pick a portion.", options
    )


def _from_portion(amount: float, found: list[Portion]) -> Measured:
    first = found[0]
    spread = [p for p in found if abs(p.grams_per_unit - first.grams_per_unit)
              > _SAME * first.grams_per_unit]
    if spread:
        raise PortionError(
            "This food has several portions of that kind with different weights; pick one.",
            [f"{p.label} = {p.grams:g} g" for p in found],
        )
    grams = amount * first.grams_per_unit
    return Measured(grams, _describe(amount, first.unit, grams))
