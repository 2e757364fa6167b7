"""Daily totals of minerals and vitamin D from supplements, antacids and laxatives.

One implementation, used by the engine's warnings and by the supplement stack. An amount
left blank is never counted as zero when the knowledge pack states a typical amount for
that kind of product: the typical amount is counted, and ``blank_estimates`` names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SUPPLEMENT_NUTRIENTS = ("magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu", "potassium_mg")

Blanks = Mapping[str, Mapping[str, float]]
"""kind -> nutrient -> amount per unit counted when that amount is left blank."""


@dataclass(frozen=True)
class BlankEstimate:
    """One amount that was left blank and counted at the pack's typical figure."""

    index: int
    kind: str
    name: str
    nutrient: str
    per_unit: float
    units: float

    @property
    def total(self) -> float:
        return self.per_unit * self.units

    @property
    def path(self) -> str:
        """Where the missing amount goes in ``answers/v1``."""
        return f"supplements.{self.index}.{self.nutrient}"


def _units(item: Mapping[str, Any]) -> float:
    units = item.get("units_per_day")
    return 1.0 if units is None else float(units)


def blank_estimates(supplements: Sequence[Mapping[str, Any]], blanks: Blanks
                    ) -> list[BlankEstimate]:
    """Every blank amount that BLANKS gives a typical figure for, in list order."""
    out = []
    for i, item in enumerate(supplements):
        kind = str(item.get("kind", ""))
        for nutrient, per_unit in blanks.get(kind, {}).items():
            if item.get(nutrient) is None:
                out.append(BlankEstimate(index=i, kind=kind, name=str(item.get("name") or ""),
                                         nutrient=nutrient, per_unit=float(per_unit),
                                         units=_units(item)))
    return out


def supplement_totals(supplements: Iterable[Mapping[str, Any]], blanks: Blanks | None = None
                      ) -> dict[str, float]:
    """Per-day totals: each product's amount per unit times its units per day (default 1);
    a blank amount counts the typical figure from BLANKS where one is given."""
    totals = dict.fromkeys(SUPPLEMENT_NUTRIENTS, 0.0)
    for item in supplements:
        units = _units(item)
        typical = (blanks or {}).get(str(item.get("kind", "")), {})
        for nutrient in SUPPLEMENT_NUTRIENTS:
            amount = item.get(nutrient)
            if amount is None:
                amount = typical.get(nutrient)
            if amount is not None:
                totals[nutrient] += float(amount) * units
    return totals
