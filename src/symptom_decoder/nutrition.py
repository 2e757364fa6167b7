"""Daily totals of minerals and vitamin D from supplements, antacids and laxatives.

One implementation, used by the engine's warnings and by the supplement stack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

SUPPLEMENT_NUTRIENTS = ("magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu", "potassium_mg")


def supplement_totals(supplements: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """Per-day totals: each product's amount per unit times its units per day (default 1)."""
    totals = dict.fromkeys(SUPPLEMENT_NUTRIENTS, 0.0)
    for item in supplements:
        units = item.get("units_per_day")
        units = 1.0 if units is None else float(units)
        for nutrient in SUPPLEMENT_NUTRIENTS:
            amount = item.get(nutrient)
            if amount is not None:
                totals[nutrient] += float(amount) * units
    return totals
