"""Grams of one food for an amount as typed, from USDA's portion rows used as written.

A USDA row reads like ``1 potato medium (2-1/4" to 3-1/4" dia) = 173 g`` or
``0.33 package (10 oz) = 95 g``. Each row is split into its measure (cup, tbsp, oz,
package...), its size (small, medium, large...) and its other words (potato, sliced,
packed...). The amount typed picks rows by measure, size or piece word, and among rows of
the same label the one with the amount typed, else the one for 1, is used as written:
``1 package`` is the ``1 package (10 oz) = 284 g`` row, not 0.33 of it scaled up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from symptom_decoder.foods.database import Food, Portion, format_amount
from symptom_decoder.foods.household import Household, household
from symptom_decoder.foods.quantity import UNITS, VOLUME_ML, WEIGHT_GRAMS, Quantity
from symptom_decoder.foods.text import STOP_WORDS, words

SIZES = ("extra small", "extra large", "small", "medium", "large", "jumbo", "mini")
# Rows that measure the food in another form than it is usually eaten: left aside when
# the same measure has a plain row ("1 cup, pureed" beside "1 cup, halves").
_TRANSFORMED = frozenset({"pureed", "mashed", "ground", "crushed", "melted", "crumb", "juice",
                          "dry", "packed", "grated", "powdered"})
_LOOSE = frozenset({"not", "loosely", "unpacked"})
# Words of a row that add nothing to its measure.
_FILLER = frozenset({"regular", "approx", "about", "dia", "long", "thick", "x", "inch",
                     "oz", "edible", "refuse", "without", "with", "yield", "from", "serving"})
_SAME = 0.10
_COUNT_NOUNS = ("fruit", "whole", "item", "each", "unit")


class PortionError(Exception):
    """The amount cannot be turned into grams of this food; ``options`` lists what can."""

    def __init__(self, message: str, options: Sequence[str], choices: Sequence[str] = (),
                 *, several: bool = False) -> None:
        super().__init__(message)
        self.options = list(options)
        self.choices = list(choices)
        """For each option, words that pick it with ``--portion``."""
        self.several = several
        """True when the food has the measure, in several sizes to choose from."""


@dataclass(frozen=True)
class Measured:
    grams: float
    label: str
    """What was eaten, in words: '1 cup (180 g)'."""


@dataclass(frozen=True)
class Row:
    portion: Portion
    measure: str | None
    size: str | None
    others: frozenset[str]

    @property
    def signature(self) -> tuple[str | None, str | None, frozenset[str]]:
        return self.measure, self.size, self.others

    @property
    def transformed(self) -> bool:
        return bool(self.others & _TRANSFORMED) and not (self.others & _LOOSE)

    @property
    def per_unit(self) -> float:
        return self.portion.grams_per_unit


_PARENTHESES = re.compile(r"\([^)]*\)")


def row(portion: Portion) -> Row:
    """USDA's portion label taken apart: measure, size, and its other words."""
    text = _PARENTHESES.sub(" ", portion.unit.lower())
    text = text.replace("fluid ounce", "fl oz")
    measure = "fl oz" if re.search(r"\bfl\.? oz\b", text) else None
    text = re.sub(r"\bfl\.? oz\b", " ", text)
    size = None
    for candidate in SIZES:
        if re.search(rf"\b{candidate}\b", text):
            size = candidate
            text = re.sub(rf"\b{candidate}\b", " ", text)
            break
    others = set()
    for raw in re.findall(r"[a-z]+", text):
        canonical = UNITS.get(raw)
        if measure is None and canonical is not None and canonical not in SIZES:
            measure = canonical
            continue
        stem = words(raw)[0] if words(raw) else raw
        if stem not in STOP_WORDS and stem not in _FILLER and len(stem) > 1:
            others.add(stem)
    return Row(portion, measure, size, frozenset(others))


def _label(amount: float, row_: Row, grams: float) -> str:
    return f"{format_amount(amount)} {_words(row_)} ({grams:.0f} g)"


def _words(row_: Row) -> str:
    """The row's unit as USDA wrote it, without the dimensions in brackets."""
    return " ".join(_PARENTHESES.sub(" ", row_.portion.unit).split()).strip(" ,")


def plain_label(portion: Portion, amount: float | None = None) -> str:
    """USDA's label without the dimensions in brackets: '0.5 cup', '1 medium'."""
    unit = " ".join(_PARENTHESES.sub(" ", portion.unit).split()).strip(" ,")
    return f"{format_amount(portion.amount if amount is None else amount)} {unit}"


def _option(row_: Row) -> str:
    return f"{row_.portion.label} = {row_.portion.grams:g} g"


def _as_written(rows: list[Row], amount: float) -> list[Row]:
    """One row per label: the one for the amount typed, else the one for 1, else the first."""
    groups: dict[tuple[str | None, str | None, frozenset[str]], list[Row]] = {}
    for r in rows:
        groups.setdefault(r.signature, []).append(r)
    out = []
    for group in groups.values():
        exact = [r for r in group if abs(r.portion.amount - amount) < 1e-9]
        ones = [r for r in group if abs(r.portion.amount - 1.0) < 1e-9]
        out.append((exact or ones or group)[0])
    return out


def _agree(rows: Sequence[Row]) -> bool:
    low, high = min(r.per_unit for r in rows), max(r.per_unit for r in rows)
    return high <= low * (1 + _SAME)


def _pick(rows: list[Row], amount: float, wanted: frozenset[str], what: str) -> Row:
    """The row to use among rows of the same measure; PortionError when it is a real choice."""
    rows = _as_written(rows, amount)
    if wanted:
        said = [r for r in rows if r.others & wanted]
        if said:
            rows = said
    plain = [r for r in rows if not r.transformed]
    if plain and len(plain) < len(rows):
        rows = plain
    if len(rows) == 1 or _agree(rows):
        return rows[0]
    fewest = min(len(r.others) for r in rows)
    bare = [r for r in rows if len(r.others) == fewest]
    if fewest == 0 and _agree(bare):
        return bare[0]
    whole = [r for r in rows if "whole" in r.others]
    if len(whole) == 1:
        return whole[0]
    raise PortionError(
        f"USDA gives several {what} portions for this food, of different weights; pick one.",
        [_option(r) for r in rows], [_choice(r) for r in rows], several=True,
    )


def _choice(row_: Row) -> str:
    """Words that pick this row with ``--portion``: USDA's own, as written."""
    return " ".join(row_.portion.unit.split())


def measure(
    quantity: Quantity,
    food: Food,
    portions: Sequence[Portion],
    *,
    food_words: Sequence[str] = (),
    wanted: frozenset[str] = frozenset(),
    usual_size: str | None = None,
    choose: str | None = None,
) -> Measured:
    """Grams for QUANTITY of FOOD with these PORTIONS.

    FOOD_WORDS are the stems typed for the food (a count of "bagels" uses the bagel row),
    WANTED the portion words typed ("sliced"), USUAL_SIZE the size a bare count means for
    this food (medium unless the resolver data says otherwise), CHOOSE words of the row
    to use, as given with ``--portion``.
    """
    rows = [row(p) for p in portions if p.unit != "g"]
    options = [_option(r) for r in rows]
    amount = quantity.amount
    if choose:
        return _chosen(quantity, rows, choose, options)
    unit = quantity.unit
    if unit in WEIGHT_GRAMS:
        grams = amount * WEIGHT_GRAMS[unit]
        label = f"{format_amount(amount)} {unit}"
        return Measured(grams, label if unit == "g" else f"{label} ({grams:.0f} g)")
    measure_word = household(unit) if unit else None
    if measure_word is None and unit is None and food_words:
        found = household(food_words[-1])
        if found is not None and found.applies(food):
            measure_word = found
    if measure_word is not None and measure_word.applies(food):
        return _household(quantity, food, rows, measure_word, options)
    if measure_word is not None:
        raise PortionError(
            f"'{measure_word.word}' means {measure_word.means} only for some foods; "
            "give a unit or grams for this one.", options, [_choice(r) for r in rows])
    if unit is None:
        return _count(amount, rows, food_words, usual_size, wanted, options)
    if unit in SIZES:
        sized = [r for r in rows if r.size == unit]
        if sized:
            return _measured(amount, _pick(sized, amount, wanted, unit))
        raise PortionError(f"USDA gives no '{unit}' size for this food. Use grams, or pick a "
                           "portion.", options, [_choice(r) for r in rows])
    same = [r for r in rows if r.measure == unit or (r.measure is None and unit in r.others)]
    if not same and unit == "packet":
        same = [r for r in rows if r.measure == "package"]
    if same:
        return _measured(amount, _pick(same, amount, wanted, unit))
    if unit in VOLUME_ML:
        # Spoons, cups and millilitres convert through any volume row, by its density.
        volume = [_per_ml(r) for r in rows if r.measure in VOLUME_ML]
        if volume:
            chosen = _pick(volume, 1.0, wanted, "volume")
            grams = amount * VOLUME_ML[unit] * chosen.per_unit
            return Measured(grams, f"{format_amount(amount)} {unit} ({grams:.0f} g)")
    if unit not in UNITS.values() and household(unit) is None:
        raise PortionError(f"'{unit}' is not a measure I know for this food. Use grams, or "
                           "pick a portion.", options, [_choice(r) for r in rows])
    raise PortionError(
        f"USDA gives no '{unit}' portion for this food. Use grams, or pick a portion.",
        options, [_choice(r) for r in rows],
    )


def _per_ml(row_: Row) -> Row:
    """The row as grams per millilitre, so rows in different spoons and cups compare."""
    assert row_.measure is not None
    millilitres = row_.portion.amount * VOLUME_ML[row_.measure]
    return Row(Portion(1.0, "ml", row_.portion.grams / millilitres), "ml", row_.size,
               row_.others)


def _measured(amount: float, chosen: Row) -> Measured:
    grams = amount * chosen.per_unit
    return Measured(grams, _label(amount, chosen, grams))


def _household(quantity: Quantity, food: Food, rows: list[Row], word: Household,
               options: list[str]) -> Measured:
    """A household word: its meaning in the table, measured like a typed amount."""
    inner = Quantity(word.amount, word.unit, quantity.food)
    said = word.word if quantity.amount == 1 or not word.plural else word.plural
    if word.unit not in WEIGHT_GRAMS and word.unit not in VOLUME_ML and word.unit not in SIZES:
        # A piece USDA names ("0.5 breast"): that row as written.
        pieces = [r for r in rows if word.unit in r.others or r.measure == word.unit]
        exact = [r for r in pieces if abs(r.portion.amount - word.amount) < 1e-9]
        if not exact:
            raise PortionError(f"USDA gives no '{word.unit}' portion for this food.", options,
                               [_choice(r) for r in rows])
        grams = quantity.amount * exact[0].portion.grams
        return Measured(grams, f"{format_amount(quantity.amount)} {said} "
                               f"({grams:.0f} g, USDA's {exact[0].portion.label})")
    one = measure(inner, food, [r.portion for r in rows])
    grams = quantity.amount * one.grams
    return Measured(grams, f"{format_amount(quantity.amount)} {said} "
                           f"({grams:.0f} g, {word.means} each)")


def _count(amount: float, rows: list[Row], food_words: Sequence[str], usual_size: str | None,
           wanted: frozenset[str], options: list[str]) -> Measured:
    """A count with no unit ("2 kiwis", "1 bagel"): the row for one of the food itself."""
    pool = [r for r in rows if r.measure is None or r.measure in {"piece", "serving"}]
    for size in dict.fromkeys((usual_size or "medium", "medium")):
        sized = [r for r in pool if r.size == size]
        if sized:
            return _measured(amount, _pick(sized, amount, wanted, size))
    counted = [r for r in pool if r.others & set(_COUNT_NOUNS)]
    if counted:
        return _measured(amount, _pick(counted, amount, wanted, "whole"))
    named = [r for r in pool if r.measure is None and r.others & set(food_words)]
    if named:
        fewest = min(len(r.others) for r in named)
        return _measured(amount, _pick([r for r in named if len(r.others) == fewest], amount,
                                       wanted, "piece"))
    for size in ("large", "small"):
        sized = [r for r in pool if r.size == size]
        if sized:
            return _measured(amount, _pick(sized, amount, wanted, size))
    singles = [r for r in pool if r.measure is None and "nlea" not in r.others]
    if len(singles) == 1:
        return _measured(amount, singles[0])
    raise PortionError("How big is one? Give a unit or grams, or pick a portion.", options,
                       [_choice(r) for r in rows])


def _chosen(quantity: Quantity, rows: list[Row], choose: str, options: list[str]) -> Measured:
    """The row named by CHOOSE (USDA's words for it, whole or in part); among rows with the
    same words, the one for the amount typed, else the one for 1, else the first."""
    wanted = " ".join(choose.lower().split())

    def spaced(text: str) -> str:
        return " ".join(text.lower().split())

    found = [r for r in rows if spaced(r.portion.unit) == wanted]
    found = found or [r for r in rows if spaced(r.portion.label) == wanted]
    found = found or [r for r in rows if wanted in spaced(r.portion.label)]
    if not found:
        raise PortionError(f"This food has no portion called '{choose}'.", options,
                           [_choice(r) for r in rows])
    exact = [r for r in found if abs(r.portion.amount - quantity.amount) < 1e-9]
    ones = [r for r in found if abs(r.portion.amount - 1.0) < 1e-9]
    chosen = (exact or ones or found)[0]
    grams = quantity.amount * chosen.per_unit
    return Measured(grams, _label(quantity.amount, chosen, grams))
