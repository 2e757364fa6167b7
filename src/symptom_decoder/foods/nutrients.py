"""The nutrients the product reports, with their USDA numbers (SR28 Nutr_No = FDC nutrient_nbr)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Nutrient:
    key: str
    """Stable key used in JSON, e.g. ``magnesium_mg``."""
    number: str
    """SR28 ``Nutr_No``, the same as FoodData Central's ``nutrient_nbr``."""
    name: str
    unit: str
    """Unit as a person reads it: ``milligrams``, ``grams``, ``IU``, ``kilocalories``."""
    intake_key: str | None
    """Key in the knowledge pack's ``intakes`` table, when one exists."""


NUTRIENTS: tuple[Nutrient, ...] = (
    Nutrient("magnesium_mg", "304", "Magnesium", "milligrams", "magnesium"),
    Nutrient("calcium_mg", "301", "Calcium", "milligrams", "calcium"),
    Nutrient("iron_mg", "303", "Iron", "milligrams", "iron"),
    Nutrient("potassium_mg", "306", "Potassium", "milligrams", "potassium"),
    Nutrient("sodium_mg", "307", "Sodium", "milligrams", "sodium"),
    Nutrient("water_g", "255", "Water", "grams", "water"),
    Nutrient("vitamin_d_iu", "324", "Vitamin D", "IU", "vitamin_d"),
    Nutrient("caffeine_mg", "262", "Caffeine", "milligrams", "caffeine"),
    Nutrient("energy_kcal", "208", "Energy", "kilocalories", None),
)

BY_KEY = {n.key: n for n in NUTRIENTS}
BY_NUMBER = {n.number: n for n in NUTRIENTS}
KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)

ALCOHOL = "221"
"""Alcohol, ethyl (g per 100 g): used by the safety rules, not reported."""
