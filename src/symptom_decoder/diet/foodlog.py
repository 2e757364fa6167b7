"""The food log: from '1 cup cooked spinach' to a stored entry, and from entries to day totals.

Parsing lives in ``foods.quantity`` (the words), ``foods.resolver`` (which food the words
mean) and ``foods.amounts`` (the grams); this module puts them together, asks when the
choice would change the numbers, stores the entry
with its nutrient amounts, and adds up days against the pregnancy reference intakes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from symptom_decoder.errors import InvalidInput
from symptom_decoder.foods.amounts import Measured, PortionError, measure
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.foods.database import Food
from symptom_decoder.foods.nutrients import KEYS, NUTRIENTS
from symptom_decoder.foods.quantity import Quantity, QuantityError, parse_quantity
from symptom_decoder.foods.rules import load_rules
from symptom_decoder.foods.text import query_words
from symptom_decoder.store.diet_models import FoodLogEntry


class FoodLogError(InvalidInput):
    """An entry could not be understood; ``options`` lists choices when it was ambiguous."""

    def __init__(self, message: str, options: Sequence[str] = (), hint: str = "",
                 *, food_id: int | None = None, portions: Sequence[str] = (),
                 words: str = "") -> None:
        super().__init__(message)
        self.options = list(options)
        self.hint = hint
        self.words = words
        """The food words a pick is remembered for, when the log asks which food."""
        self.food_id = food_id
        """The food already chosen, when only the portion is in question."""
        self.portions = list(portions)
        """Words that pick each portion option with ``--portion``."""

    def field_errors(self) -> list[tuple[str, str]]:
        return [("portion" if self.food_id is not None else "text", str(self))]

    def picks(self) -> list[dict[str, str]]:
        """What she can pick: foods ('12016  Seeds, pumpkin...'), or the portions of the food
        already chosen, each with the form fields that pick it."""
        picks: list[dict[str, str]] = []
        if self.food_id is not None:
            for label, words in zip(self.options, self.portions, strict=False):
                picks.append({"label": label, "food_id": str(self.food_id), "portion": words})
            return picks
        for option in self.options:
            food_id, _, description = option.partition("  ")
            if food_id.strip().isdigit() and description:
                picks.append({"label": description.strip(), "food_id": food_id.strip(),
                              "portion": ""})
        return picks

    def extensions(self) -> dict[str, object]:
        picks = self.picks()
        return {"choices": picks} if picks else {}

    def summary(self) -> str:
        return str(self)


class Intake(Protocol):
    """What this module reads of a reference intake (``knowledge.models.Intake``)."""

    @property
    def unit(self) -> str: ...
    @property
    def rda(self) -> float | None: ...
    @property
    def ul(self) -> float | None: ...
    @property
    def ul_scope(self) -> str: ...
    @property
    def references(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Resolved:
    food: Food
    grams: float
    portion: str
    nutrients: dict[str, float | None]
    """Amounts in the eaten grams; None where USDA has no value."""
    words: str = ""
    """The food words as typed, normalised: where a choice is remembered."""
    learned: bool = False
    """True when the food is the one she picked before for these words."""
    note: str | None = None
    """What to know about this food in pregnancy (raw sprouts, brie, liver), or None."""


def resolve(
    catalog: Catalog,
    text: str,
    *,
    food_id: int | None = None,
    portion: str | None = None,
    learned: Mapping[str, int] | None = None,
) -> Resolved:
    """Read TEXT ('2 tbsp peanut butter') into a food, grams and nutrient amounts.

    LEARNED maps the words of earlier entries to the food she picked for them; that food
    is the first choice for the same words.
    """
    try:
        quantity = parse_quantity(text)
    except QuantityError as exc:
        raise FoodLogError(str(exc)) from None
    resolver = catalog.resolver
    understood = resolver.understand(quantity.food)
    mine = (learned or {}).get(understood.key)
    if food_id is not None:
        found = catalog.food(food_id)
        if found is None:
            raise FoodLogError(f"No food has the id {food_id}.",
                               hint="Find ids with: symptom-decoder foods search WORDS")
        food, was_learned = found, False
    else:
        food, was_learned = _choose(catalog, quantity, mine)
    try:
        measured = _measure(catalog, quantity, food, portion)
    except PortionError as exc:
        example = f" (for example --portion '{exc.choices[0]}')" if exc.choices else ""
        raise FoodLogError(f"{food.description}: {exc}", exc.options,
                           hint=f"Pick one with --portion WORDS{example}, or give grams.",
                           food_id=food.id, portions=exc.choices) from None
    per_100g = catalog.database.per_100g(food.id)
    amounts = {k: (None if v is None else v * measured.grams / 100.0) for k, v in per_100g.items()}
    return Resolved(food, measured.grams, measured.label, amounts, words=understood.key,
                    learned=was_learned, note=safety_note(catalog, food))


def safety_note(catalog: Catalog, food: Food) -> str | None:
    """What the food-safety rules say about a food she logs, or None: the suggester never
    offers such a food, but she may have eaten one."""
    rules = load_rules()
    return rules.log_note(food, catalog.database.values(food.id, rules.nutrient_numbers))


def _measure(catalog: Catalog, quantity: Quantity, food: Food, portion: str | None = None
             ) -> Measured:
    understood = catalog.resolver.understand(quantity.food)
    return measure(quantity, food, catalog.portions(food.id), food_words=understood.terms,
                   wanted=understood.portion_words, usual_size=catalog.resolver.usual_size(food),
                   choose=portion)


def _fits(catalog: Catalog, quantity: Quantity) -> Callable[[Food], bool]:
    def fits(food: Food) -> bool:
        try:
            _measure(catalog, quantity, food)
        except PortionError as exc:
            return exc.several
        return True

    return fits


_JOINS = re.compile(r",|\band\b|\bwith\b|\bplus\b|&|\+")


def _two_foods(resolver: Any, words: str, readings: Sequence[Any]) -> list[str]:
    """The parts of WORDS when they name more than one food ('porridge and a banana'), each
    known on its own; empty when a part is unknown or a reading names every part ('pork
    and beans' is one tin)."""
    parts = [p.strip() for p in _JOINS.split(words)]
    parts = [re.sub(r"^(an?|\d+)\s+", "", p) for p in parts if p]
    if len(parts) < 2 or not all(resolver.rank(p, limit=1) for p in parts):
        return []
    wanted = set(query_words(" ".join(parts)))
    if any(wanted <= set(query_words(r.food.description)) for r in readings):
        return []
    return parts


def _choose(catalog: Catalog, quantity: Quantity, learned: int | None) -> tuple[Food, bool]:
    """The food the words mean; FoodLogError listing the readings when the choice matters.

    Words that name no single food clearly but several foods one by one ('porridge and a
    banana') get asked to come one food at a time, rather than offered a mixed product.
    """
    resolver = catalog.resolver
    words = quantity.food
    readings = resolver.rank(words, learned=learned, limit=12, fits=_fits(catalog, quantity))
    clear = readings and not resolver.ambiguous(readings)
    parts = [] if clear or learned is not None else _two_foods(resolver, words, readings)
    if parts:
        raise FoodLogError(
            f"'{words}' looks like {len(parts)} foods; the log takes one food at a time.",
            hint="Log them one by one, each with its amount first: "
                 + ", then ".join(f"'{p}'" for p in parts) + ".",
        )
    if not readings:
        first, _, rest = words.partition(" ")
        rest = rest.removeprefix("of ").strip()
        if rest and resolver.rank(rest, limit=1):
            raise FoodLogError(
                f"'{first}' is not a measure I know.",
                hint=f"Give grams, for example '100 g {rest}', or a household measure such as "
                     "cup, tbsp, tsp, slice, glass, or small, medium or large.",
            )
        raise FoodLogError(
            f"No food matches '{words}'.",
            hint="Try other words, or look it up with: symptom-decoder foods search WORDS",
        )
    ask = resolver.ambiguous(readings)
    if ask:
        raise FoodLogError(
            f"'{words}' could mean several foods with different nutrients; "
            "pick one with --food ID.",
            [f"{r.food.id}  {r.food.description}" for r in ask],
            hint=f"The first is the usual one. For example: --food {ask[0].food.id}",
            words=resolver.understand(words).key,
        )
    return readings[0].food, readings[0].learned


def add_entry(session: Session, *, person_id: int, day: date, text: str,
              resolved: Resolved) -> FoodLogEntry:
    entry = FoodLogEntry(
        person_id=person_id,
        day=day,
        text=text[:300],
        food_id=resolved.food.id,
        ndb_no=resolved.food.ndb_no,
        fdc_id=resolved.food.fdc_id,
        description=resolved.food.description[:300],
        portion=resolved.portion[:200],
        grams=resolved.grams,
        **resolved.nutrients,
    )
    session.add(entry)
    session.flush()
    return entry


def entries_for(session: Session, *, person_id: int, first: date, last: date
                ) -> list[FoodLogEntry]:
    return list(session.scalars(
        select(FoodLogEntry)
        .where(FoodLogEntry.person_id == person_id, FoodLogEntry.day >= first,
               FoodLogEntry.day <= last)
        .order_by(FoodLogEntry.day, FoodLogEntry.id)
    ))


def remove_entry(session: Session, *, person_id: int, entry_id: int) -> bool:
    entry = session.get(FoodLogEntry, entry_id)
    if entry is None or entry.person_id != person_id:
        return False
    session.delete(entry)
    return True


@dataclass(frozen=True)
class NutrientTotal:
    key: str
    total: float | None
    """Sum over the entries that have a value; None when none has."""
    known: int
    entries: int

    @property
    def complete(self) -> bool:
        return self.known == self.entries


@dataclass(frozen=True)
class DayTotals:
    day: date
    entries: list[FoodLogEntry]
    totals: dict[str, NutrientTotal] = field(default_factory=dict)

    def value(self, key: str) -> float | None:
        return self.totals[key].total

    @property
    def calcium_to_magnesium(self) -> float | None:
        calcium, magnesium = self.value("calcium_mg"), self.value("magnesium_mg")
        if calcium is None or not magnesium:
            return None
        return calcium / magnesium


def add_up(day: date, entries: Sequence[FoodLogEntry]) -> DayTotals:
    """Totals per nutrient; an entry without a value counts as unknown, never as zero."""
    totals: dict[str, NutrientTotal] = {}
    for key in KEYS:
        values = [getattr(e, key) for e in entries]
        known = [v for v in values if v is not None]
        totals[key] = NutrientTotal(key, sum(known) if known else None, len(known), len(values))
    return DayTotals(day, list(entries), totals)


def day_totals(session: Session, *, person_id: int, day: date) -> DayTotals:
    return add_up(day, entries_for(session, person_id=person_id, first=day, last=day))


@dataclass(frozen=True)
class Comparison:
    key: str
    name: str
    unit: str
    """The unit in words, the reference intake's when there is one (water in litres)."""
    total: float | None
    complete: bool
    target: float | None
    upper_limit: float | None
    """A limit that food counts toward; None when the only limit is for supplements."""
    upper_limit_scope: str | None
    percent_of_target: float | None
    references: list[str]
    note: str


UNIT_WORDS = {"mg": "milligrams", "g": "grams", "L": "litres", "IU": "IU"}
# A nutrient stored in one unit (USDA's) and compared with an intake in another: water is
# stored in grams and its reference intake is in litres (a gram of water is a millilitre).
_SCALE = {("grams", "L"): 0.001}
# Upper limits that count what is eaten and drunk; "supplemental" ones count pills only.
FOOD_SCOPES = ("total", "limit")


def compare(totals: DayTotals, intakes: Mapping[str, Intake] | None) -> list[Comparison]:
    """Each nutrient's total beside its pregnancy reference intake, in the intake's unit, and
    beside an upper limit only when food counts toward that limit."""
    rows = []
    for nutrient in NUTRIENTS:
        total = totals.totals[nutrient.key]
        intake = intakes.get(nutrient.intake_key) if intakes and nutrient.intake_key else None
        scale = _SCALE.get((nutrient.unit, intake.unit), 1.0) if intake else 1.0
        amount = None if total.total is None else total.total * scale
        target = _target(intake)
        percent = 100.0 * amount / target if amount is not None and target else None
        food_limit = intake is not None and intake.ul_scope in FOOD_SCOPES
        rows.append(Comparison(
            key=nutrient.key,
            name=nutrient.name,
            unit=UNIT_WORDS.get(intake.unit, intake.unit) if intake else nutrient.unit,
            total=amount,
            complete=total.complete,
            target=target,
            upper_limit=intake.ul if intake and food_limit else None,
            upper_limit_scope=intake.ul_scope if intake and food_limit else None,
            percent_of_target=percent,
            references=list(intake.references) if intake else [],
            note=_note(nutrient.key, total, amount, intake, intakes or {}),
        ))
    return rows


def _target(intake: Intake | None) -> float | None:
    if intake is None:
        return None
    value = getattr(intake, "rda", None)
    if value is None:
        value = getattr(intake, "ai", None)
    return float(value) if value is not None else None


def _note(key: str, total: NutrientTotal, amount: float | None, intake: Intake | None,
          intakes: Mapping[str, Intake]) -> str:
    notes = []
    if total.entries and not total.complete:
        missing = total.entries - total.known
        notes.append(f"USDA has no value for {missing} of {total.entries} entries, "
                     "so the real total is higher.")
    if (intake is not None and intake.ul is not None and amount is not None
            and intake.ul_scope in FOOD_SCOPES and amount > intake.ul):
        unit = UNIT_WORDS.get(intake.unit, intake.unit)
        notes.append(f"Above the {intake.ul:,.0f} {unit} a day to stay under.")
    if key == "water_g":
        notes.append("Counted from the foods and drinks you logged.")
        water, fluid = intakes.get("water"), intakes.get("fluid")
        if water is not None and water.rda is not None:
            drinks = (f", about {fluid.rda:g} litres of it from drinks"
                      if fluid is not None and fluid.rda is not None else "")
            notes.append(f"Pregnancy needs about {water.rda:.1f} litres of water a day in "
                         f"all{drinks}.")
    return " ".join(notes)


def day_answers(session: Session, *, person_id: int, last: date, days: int = 1) -> dict[str, Any]:
    """An ``answers/v1`` ``intake`` fragment: daily averages over the logged days.

    Only days with at least one entry count; a nutrient is left out when no entry has a
    value for it. The figures are lower bounds when some entries lack a value.
    """
    first = last - timedelta(days=max(1, days) - 1)
    by_day: dict[date, list[FoodLogEntry]] = {}
    for entry in entries_for(session, person_id=person_id, first=first, last=last):
        by_day.setdefault(entry.day, []).append(entry)
    if not by_day:
        return {}
    out: dict[str, Any] = {}
    fields = {
        "magnesium_mg": "dietary_magnesium_mg_per_day",
        "calcium_mg": "dietary_calcium_mg_per_day",
        "iron_mg": "dietary_iron_mg_per_day",
        "caffeine_mg": "caffeine_mg_per_day",
    }
    totals = [add_up(day, entries) for day, entries in sorted(by_day.items())]
    for key, name in fields.items():
        values = [t.value(key) for t in totals if t.value(key) is not None]
        if values:
            out[name] = round(sum(v for v in values if v is not None) / len(totals), 1)
    return out


def entry_view(entry: FoodLogEntry) -> dict[str, Any]:
    """A logged food as the command line, the pages and the API show it, with its USDA ids."""
    return {
        "entry": entry.id,
        "date": entry.day.isoformat(),
        "text": entry.text,
        "id": entry.food_id,
        "description": entry.description,
        "portion": entry.portion,
        "grams": round(entry.grams, 1),
        "ndb_no": entry.ndb_no,
        "fdc_id": entry.fdc_id,
        "nutrients": {k: (None if getattr(entry, k) is None else round(getattr(entry, k), 2))
                      for k in KEYS},
    }
