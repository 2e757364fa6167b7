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

NUTRIENT_WORDS = {"magnesium_mg": "magnesium", "calcium_mg": "calcium", "iron_mg": "iron",
                  "vitamin_d_iu": "vitamin D", "potassium_mg": "potassium"}

Blanks = Mapping[str, Mapping[str, float]]
"""kind -> nutrient -> amount per unit counted when that amount is left blank."""

Expected = Mapping[str, Sequence[str]]
"""kind -> the amounts a product of that kind is taken for (the pack's ``ledger.expected``)."""


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


@dataclass(frozen=True)
class BlankUnknown:
    """One amount a product is taken for, left blank, with no typical figure to count."""

    index: int
    kind: str
    name: str
    """The product's own name, "" when none was given."""
    nutrient: str

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


def blank_unknowns(supplements: Sequence[Mapping[str, Any]], expected: Expected, blanks: Blanks
                   ) -> list[BlankUnknown]:
    """Every amount EXPECTED for a product's kind, left blank, that BLANKS has no typical
    figure for, in list order: never counted as zero, only as unknown."""
    out = []
    for i, item in enumerate(supplements):
        kind = str(item.get("kind", ""))
        typical = blanks.get(kind, {})
        for nutrient in expected.get(kind, ()):
            if item.get(nutrient) is None and nutrient not in typical:
                out.append(BlankUnknown(index=i, kind=kind, name=str(item.get("name") or ""),
                                        nutrient=nutrient))
    return out


def gives(item: Mapping[str, Any], nutrient: str, expected: Expected) -> bool:
    """Whether a product gives NUTRIENT: a stated amount above zero, or a blank one that its
    kind is taken for (a calcium antacid with no strength still holds calcium)."""
    amount = item.get(nutrient)
    if amount is None:
        return nutrient in expected.get(str(item.get("kind", "")), ())
    return float(amount) > 0


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
