"""Read what a person typed into a food log: an amount, maybe a unit, and the food's words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from symptom_decoder.foods.text import stem

_UNICODE_FRACTIONS = {
    "½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅛": "1/8",
    "⅜": "3/8", "⅝": "5/8", "⅞": "7/8", "⅙": "1/6",
}
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "half": 0.5, "quarter": 0.25,
}
# Every spelling of a unit -> its canonical name.
UNITS = {
    **dict.fromkeys(["g", "gr", "gm", "gms", "gram", "grams", "gramme", "grammes"], "g"),
    **dict.fromkeys(["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"], "kg"),
    **dict.fromkeys(["oz", "ounce", "ounces"], "oz"),
    **dict.fromkeys(["lb", "lbs", "pound", "pounds"], "lb"),
    **dict.fromkeys(["ml", "millilitre", "millilitres", "milliliter", "milliliters"], "ml"),
    **dict.fromkeys(["l", "litre", "litres", "liter", "liters"], "l"),
    **dict.fromkeys(["cup", "cups", "c"], "cup"),
    **dict.fromkeys(["tbsp", "tbsps", "tbs", "tbl", "tablespoon", "tablespoons"], "tbsp"),
    **dict.fromkeys(["tsp", "tsps", "teaspoon", "teaspoons"], "tsp"),
    **dict.fromkeys(["slice", "slices"], "slice"),
    **dict.fromkeys(["piece", "pieces", "pc", "pcs"], "piece"),
    **dict.fromkeys(["serving", "servings", "portion", "portions"], "serving"),
    **dict.fromkeys(["small"], "small"),
    **dict.fromkeys(["medium", "med"], "medium"),
    **dict.fromkeys(["large", "big"], "large"),
    **dict.fromkeys(["stalk", "stalks"], "stalk"),
    **dict.fromkeys(["leaf", "leaves"], "leaf"),
    **dict.fromkeys(["clove", "cloves"], "clove"),
    **dict.fromkeys(["can", "cans"], "can"),
    **dict.fromkeys(["bar", "bars"], "bar"),
    **dict.fromkeys(["ear", "ears"], "ear"),
    **dict.fromkeys(["quart", "quarts"], "quart"),
    **dict.fromkeys(["pint", "pints"], "pint"),
    **dict.fromkeys(["packet", "packets", "sachet", "sachets"], "packet"),
    **dict.fromkeys(["package", "packages", "pack", "packs"], "package"),
    **dict.fromkeys(["container", "containers", "carton", "cartons"], "container"),
}
WEIGHT_GRAMS = {"g": 1.0, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}
VOLUME_ML = {"ml": 1.0, "l": 1000.0, "cup": 236.5882365, "tbsp": 14.78676478125,
             "tsp": 4.92892159375, "fl oz": 29.5735295625, "quart": 946.352946,
             "pint": 473.176473}
MAX_GRAMS = 5000.0

_NUMBER = r"(?:\d+(?:[.,]\d+)?(?:\s+\d+/\d+|/\d+)?)"
_AMOUNT = re.compile(rf"^\s*({_NUMBER})\s*(.*)$")


_VAGUE = re.compile(r"^(?:a lot of|lots of|loads of|plenty of|a bit of|a little|some)\s+",
                    re.IGNORECASE)
"""Words that say "some" without an amount; left out of the example in the message."""


class QuantityError(Exception):
    """The text could not be read as an amount of a food; the message says what to type."""


@dataclass(frozen=True)
class Quantity:
    amount: float
    unit: str | None
    """Canonical unit (``g``, ``cup``, ``medium``...), or None for a count ("2 eggs")."""
    food: str


def _normalise(text: str) -> str:
    for symbol, fraction in _UNICODE_FRACTIONS.items():
        # "1½" is one and a half; a lone "½" is a half.
        text = re.sub(rf"(\d){symbol}", rf"\1 {fraction}", text).replace(symbol, f" {fraction} ")
    return " ".join(text.split())


def _parse_number(text: str) -> float:
    text = text.replace(",", ".")
    total = Fraction(0)
    for part in text.split():
        total += Fraction(part)
    return float(total)


def parse_quantity(text: str) -> Quantity:
    """'30 g pumpkin seeds' -> Quantity(30, 'g', 'pumpkin seeds'); QuantityError if unclear."""
    cleaned = _normalise(text.strip())
    if not cleaned:
        raise QuantityError("Nothing to log: type an amount and a food, e.g. '30 g pumpkin seeds'.")
    amount: float | None = None
    rest = cleaned
    match = _AMOUNT.match(cleaned)
    if match:
        try:
            amount = _parse_number(match.group(1))
        except (ValueError, ZeroDivisionError):
            raise QuantityError(f"'{match.group(1)}' is not an amount I can read.") from None
        rest = match.group(2)
    else:
        first, _, remainder = cleaned.partition(" ")
        if first.lower() in _WORD_NUMBERS:
            amount = float(_WORD_NUMBERS[first.lower()])
            rest = remainder
            # "half a cup", "half an avocado"
            second, _, after = rest.partition(" ")
            if first.lower() in {"half", "quarter"} and second.lower() in {"a", "an"}:
                rest = after
        elif _unit_word(first) is not None:
            # "handful of almonds", "glass of milk": a measure without a number is one.
            amount = 1.0
    if amount is None:
        food = _VAGUE.sub("", cleaned) or cleaned  # "lots of spinach": the food is spinach
        raise QuantityError(
            f"How much '{cleaned}'? Start with an amount, e.g. '1 cup {food}' or "
            f"'30 g {food}'."
        )
    if amount <= 0:
        raise QuantityError(f"The amount must be more than zero (got {cleaned.split()[0]}).")
    unit, food = _split_unit(rest)
    food = re.sub(r"^(?:of)\s+", "", food, flags=re.IGNORECASE).strip(" ,.")
    if not food:
        raise QuantityError(f"Which food? Add its name after the amount, e.g. '{cleaned} spinach'.")
    if unit in WEIGHT_GRAMS and amount * WEIGHT_GRAMS[unit] > MAX_GRAMS:
        raise QuantityError(
            f"{amount:g} {unit} is more than {MAX_GRAMS:g} grams in one entry; check the amount."
        )
    return Quantity(amount, unit, food)


def _unit_word(word: str) -> str | None:
    """The canonical unit WORD names: a unit ('cups' -> 'cup') or a household word ('glass')."""
    from symptom_decoder.foods.household import household

    cleaned = word.lower().rstrip(".")
    if cleaned in UNITS:
        return UNITS[cleaned]
    found = household(cleaned)
    return found.word if found else None


def _split_unit(rest: str) -> tuple[str | None, str]:
    lowered = rest.lower()
    for spoken in ("fl oz", "fluid ounce", "fluid ounces", "extra large"):
        if lowered.startswith(spoken + " ") or lowered == spoken:
            unit = "fl oz" if spoken.startswith("fl") else "extra large"
            return unit, rest[len(spoken):].strip()
    word, _, after = rest.partition(" ")
    canonical = _unit_word(word)
    if canonical is None:
        # "an ear of corn", "a box of raisins": a word before "of" is a measure too.
        of = re.match(r"^([a-z]+)\s+of\s+(\S.*)$", rest.strip(), flags=re.IGNORECASE)
        if of and len(of.group(1)) > 2:
            return stem(of.group(1).lower()), of.group(2)
        return None, rest.strip()
    return canonical, after.strip()
