"""The supplement and antacid stack: products, daily totals against upper limits, warnings.

Totals come from ``nutrition.supplement_totals`` and warnings from the engine, the same
code the assessment uses, so the stack and the assessment can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from symptom_decoder import nutrition
from symptom_decoder.answers import AnswersError, validate_answers
from symptom_decoder.diet.foodlog import Intake
from symptom_decoder.errors import ProblemList
from symptom_decoder.nutrition import Blanks, blank_estimates
from symptom_decoder.store.diet_models import SupplementItem

AMOUNTS = ("magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu", "potassium_mg")
_NAMES = {
    "magnesium_mg": ("Magnesium", "milligrams", "magnesium"),
    "calcium_mg": ("Calcium", "milligrams", "calcium"),
    "iron_mg": ("Iron", "milligrams", "iron"),
    "vitamin_d_iu": ("Vitamin D", "IU", "vitamin_d"),
    "potassium_mg": ("Potassium", "milligrams", "potassium"),
}
# Food intake counts toward these limits too; magnesium's limit is for supplements only.
_FOOD_KEYS = {"calcium_mg": "dietary_calcium_mg_per_day", "iron_mg": "dietary_iron_mg_per_day"}
LIMIT_WARNINGS = {"magnesium_mg": "magnesium_supplement_above_ul",
                  "calcium_mg": "calcium_above_ul", "iron_mg": "iron_above_ul",
                  "vitamin_d_iu": "vitamin_d_above_ul"}
"""The engine's warning for each upper limit these totals are checked against."""


class StackError(ProblemList):
    """A product could not be added; ``problems`` holds one line per field."""


def as_answer(item: SupplementItem) -> dict[str, Any]:
    """The ``answers/v1`` supplement object for one stored product."""
    answer: dict[str, Any] = {"kind": item.kind, "name": item.name,
                              "units_per_day": item.units_per_day}
    for key in AMOUNTS:
        value = getattr(item, key)
        if value is not None:
            answer[key] = value
    return answer


def add_item(session: Session, *, person_id: int, kind: str, name: str,
             units_per_day: float = 1.0, amounts: Mapping[str, float | None]) -> SupplementItem:
    """Store a product after checking it against the public ``answers/v1`` contract."""
    answer: dict[str, Any] = {"kind": kind, "name": name, "units_per_day": units_per_day}
    answer.update({k: v for k, v in amounts.items() if v is not None})
    try:
        validate_answers({"supplements": [answer]})
    except AnswersError as exc:
        raise StackError([p.replace("supplements.0.", "") for p in exc.problems]) from None
    item = SupplementItem(person_id=person_id, kind=kind, name=name, units_per_day=units_per_day,
                          **{k: amounts.get(k) for k in AMOUNTS})
    session.add(item)
    session.flush()
    return item


def items_for(session: Session, *, person_id: int) -> list[SupplementItem]:
    return list(session.scalars(
        select(SupplementItem).where(SupplementItem.person_id == person_id)
        .order_by(SupplementItem.id)
    ))


def remove_item(session: Session, *, person_id: int, item_id: int) -> bool:
    item = session.get(SupplementItem, item_id)
    if item is None or item.person_id != person_id:
        return False
    session.delete(item)
    return True


@dataclass(frozen=True)
class LimitRow:
    key: str
    name: str
    unit: str
    supplements: float
    food: float | None
    """Food intake that counts toward the limit (calcium, iron); None if not counted or unknown."""
    counted: float
    upper_limit: float | None
    scope: str | None
    over: bool
    references: list[str]
    estimated: bool = False
    """True when part of the figure is an estimate for an amount left blank (never zero)."""
    unknown: bool = False
    """True when an amount was left blank with no typical figure: the total may be higher."""


@dataclass(frozen=True)
class StackCheck:
    items: list[dict[str, Any]]
    rows: list[LimitRow]
    warnings: list[dict[str, Any]]
    estimates: list[dict[str, Any]]
    """Each amount left blank and the typical figure counted for it instead of zero."""


def check(
    items: Sequence[Mapping[str, Any]],
    *,
    intakes: Mapping[str, Intake],
    food: Mapping[str, float] | None = None,
    warnings: Sequence[Mapping[str, Any]] = (),
    blanks: Blanks | None = None,
    typical_food: Mapping[str, float] | None = None,
    food_extra: Mapping[str, float] | None = None,
    unknown: frozenset[str] = frozenset(),
) -> StackCheck:
    """Daily totals of ITEMS against the upper limits; FOOD is an ``intake`` answers fragment.

    BLANKS (the pack's typical amounts) fill a blank amount instead of zero, as the engine
    does; TYPICAL_FOOD (``calcium_mg``) stands in for food calcium the log does not give.
    FOOD_EXTRA holds food amounts the answers contract does not carry (``vitamin_d_iu``)
    that count toward a food-plus-supplements limit; UNKNOWN names nutrients with a blank
    amount that has no typical figure.
    """
    totals = nutrition.supplement_totals(items, blanks)
    guessed = blank_estimates(items, blanks or {})
    rows = []
    for key in AMOUNTS:
        name, unit, intake_key = _NAMES[key]
        intake = intakes.get(intake_key)
        food_value = (food or {}).get(_FOOD_KEYS[key]) if key in _FOOD_KEYS else None
        if food_value is None and key in (food_extra or {}) and intake is not None \
                and intake.ul_scope == "total":
            food_value = (food_extra or {})[key]
        estimated = any(e.nutrient == key for e in guessed)
        if food_value is None and key in (typical_food or {}) and items:
            food_value, estimated = (typical_food or {})[key], True
        counted = totals[key] + (food_value or 0.0)
        limit = intake.ul if intake else None
        rows.append(LimitRow(
            key=key, name=name, unit=unit, supplements=totals[key], food=food_value,
            counted=counted, upper_limit=limit, scope=intake.ul_scope if intake else None,
            over=limit is not None and counted > limit,
            references=list(intake.references) if intake else [], estimated=estimated,
            unknown=key in unknown,
        ))
    return StackCheck(items=[dict(i) for i in items], rows=rows,
                      warnings=[dict(w) for w in warnings],
                      estimates=[{"index": e.index, "kind": e.kind, "name": e.name,
                                  "nutrient": e.nutrient, "per_unit": e.per_unit,
                                  "units_per_day": e.units, "total": e.total}
                                 for e in guessed])


def pack_estimates(pack: Any) -> dict[str, Any]:
    """The ``blanks`` and ``typical_food`` arguments of ``check`` from a knowledge pack."""
    est = pack.manifest.estimates
    typical = {} if est is None or est.typical_food_calcium_mg is None else {
        "calcium_mg": est.typical_food_calcium_mg}
    return {"blanks": pack.blanks, "typical_food": typical}


def engine_warnings(answers: Mapping[str, Any], pack: Any) -> list[dict[str, Any]]:
    """The assessment's warnings for these answers with PACK (the one the server or command
    runs with), from the engine: the one implementation of the limits."""
    from symptom_decoder.engine import assess

    assessment = assess(validate_answers(dict(answers), pack.answers_schema), pack)
    return [w.model_dump(mode="json") for w in assessment.warnings]
