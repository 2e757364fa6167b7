"""The supplement ledger: everything the product knows, added up against the upper limits.

One service for ``supplements check``, the supplements page and its API twin. It takes her
products, the average of the food log over the last days (food vitamin D included, which
the answers contract does not carry), her age band and stage (``personal``), and returns
``stack.check``'s rows with the engine's warnings, plus:

- a warning, in the knowledge pack's words, for a food-plus-supplements total over its
  limit that the engine could not see (vitamin D from food);
- a note for each amount left blank that has no typical figure: never counted as zero,
  named as unknown instead. Amounts with a typical figure are counted at it and named
  (``estimates``), as the contract says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from symptom_decoder import nutrition
from symptom_decoder.diet import stack
from symptom_decoder.diet.foodlog import add_up, day_answers, entries_for
from symptom_decoder.diet.personal import Personal
from symptom_decoder.foods.nutrients import KEYS
from symptom_decoder.nutrition import NUTRIENT_WORDS

_UNIT_WORDS = {"magnesium_mg": "milligrams", "calcium_mg": "milligrams", "iron_mg": "milligrams",
               "vitamin_d_iu": "units", "potassium_mg": "milligrams"}
FOOD_EXTRA = ("vitamin_d_iu",)
"""Food amounts that count toward a food-plus-supplements limit but that the answers
contract does not carry, so the engine cannot see them."""


@dataclass(frozen=True)
class Unknown:
    name: str
    kind: str
    nutrient: str
    text: str


@dataclass(frozen=True)
class Ledger:
    check: stack.StackCheck
    unknown: list[Unknown]
    personal: Personal
    food_days: int

    def document(self) -> dict[str, Any]:
        """The JSON the command line and the API print, with stable keys."""
        return {
            "items": self.check.items,
            "totals": [r.__dict__ for r in self.check.rows],
            "warnings": self.check.warnings,
            "estimates": self.check.estimates,
            "unknown": [u.__dict__ for u in self.unknown],
            "profile": self.personal.view(),
        }


def food_averages(session: Session, *, person_id: int, last: date, days: int
                  ) -> dict[str, float]:
    """Daily averages of every nutrient over the logged days among the last DAYS."""
    first = last - timedelta(days=max(1, days) - 1)
    by_day: dict[date, list[Any]] = {}
    for entry in entries_for(session, person_id=person_id, first=first, last=last):
        by_day.setdefault(entry.day, []).append(entry)
    if not by_day:
        return {}
    totals = [add_up(day, entries) for day, entries in by_day.items()]
    out = {}
    for key in KEYS:
        values = [t.value(key) for t in totals]
        known = [v for v in values if v is not None]
        if known:
            out[key] = sum(known) / len(totals)
    return out


def food_extra(session: Session, *, person_id: int, last: date, days: int
               ) -> dict[str, float]:
    """The food log's daily averages of ``FOOD_EXTRA``, for ``stack.check``'s ``food_extra``."""
    averages = food_averages(session, person_id=person_id, last=last, days=days)
    return {k: averages[k] for k in FOOD_EXTRA if k in averages}


def total_warnings(rows: Sequence[stack.LimitRow], said: set[str], pack: Any
                   ) -> list[dict[str, Any]]:
    """A warning, in the pack's words, for each food-plus-supplements total over its limit
    that the engine did not give (SAID holds the ids it gave): vitamin D from food."""
    ledger = pack.manifest.ledger
    out = []
    for row in rows:
        if (ledger is None or not row.over or row.scope != "total" or not row.food
                # the engine's own warning already says it: not twice
                or stack.LIMIT_WARNINGS.get(row.key) in said):
            continue
        text = ledger.total_above_limit.format(
            name=NUTRIENT_WORDS[row.key], unit=_UNIT_WORDS[row.key], total=row.counted,
            supplements=row.supplements, food=row.food, limit=row.upper_limit)
        out.append({"id": f"{row.key.rsplit('_', 1)[0]}_total_above_ul", "text": " ".join(
            text.split()), "sources": row.references})
    return out


def blank_unknowns(items: Sequence[Mapping[str, Any]], pack: Any) -> list[Unknown]:
    """Amounts a product is taken for, left blank, with no typical figure to count."""
    ledger = pack.manifest.ledger
    if ledger is None:
        return []
    out = []
    for u in nutrition.blank_unknowns(items, pack.expected, pack.blanks):
        name = pack.product_name(u.kind, u.name)
        out.append(Unknown(name=name, kind=u.kind, nutrient=u.nutrient,
                           text=pack.unknown_amount(u.nutrient, name)))
    return out


def will_count(pack: Any, *, kind: str, name: str, units: float,
               amounts: Mapping[str, float | None]) -> list[str]:
    """What adding this product with blank amounts means, in the pack's words: the typical
    figure that will be counted, or that the amount stays unknown."""
    out = []
    est = pack.manifest.estimates
    texts = {(r.kind, r.nutrient): r.text for r in est.blank_amounts} if est else {}
    for nutrient, per_unit in pack.blanks.get(kind, {}).items():
        if amounts.get(nutrient) is None:
            out.append(" ".join(texts[(kind, nutrient)].format(
                name=name, units=units, per_unit=per_unit, total=per_unit * units).split()))
    item = {"kind": kind, "name": name, **{k: v for k, v in amounts.items() if v is not None}}
    out += [u.text for u in blank_unknowns([item], pack)]
    return out


def counted_for(pack: Any, item: Mapping[str, Any]) -> list[str]:
    """``will_count`` for a stored product in its ``answers/v1`` form (blank amounts absent)."""
    return will_count(pack, kind=str(item["kind"]), name=str(item["name"]),
                      units=float(item["units_per_day"]),
                      amounts={k: item.get(k) for k in stack.AMOUNTS})


def check_stack(session: Session, *, person_id: int, pack: Any, today: date,
                who: Personal, days: int = 7) -> Ledger:
    """Her products and food against the upper limits for her age band."""
    items = [stack.as_answer(i) for i in stack.items_for(session, person_id=person_id)]
    intake = day_answers(session, person_id=person_id, last=today, days=days)
    answers: dict[str, Any] = {"supplements": items, "intake": intake, **who.answers()}
    unknown = blank_unknowns(items, pack)
    extra = food_extra(session, person_id=person_id, last=today, days=days)
    result = stack.check(items, intakes=pack.intakes_for(who.age_years), food=intake,
                         warnings=stack.engine_warnings(answers, pack), food_extra=extra,
                         unknown=frozenset(u.nutrient for u in unknown),
                         **stack.pack_estimates(pack))
    own = total_warnings(result.rows, {str(w.get("id")) for w in result.warnings}, pack)
    est = pack.manifest.estimates
    texts = {(r.kind, r.nutrient): r.text for r in est.blank_amounts} if est else {}
    estimates = [{**e, "text": " ".join(texts[(e["kind"], e["nutrient"])].format(
        name=pack.product_name(e["kind"], e["name"]), units=e["units_per_day"],
        per_unit=e["per_unit"], total=e["total"]).split())}
        for e in result.estimates if (e["kind"], e["nutrient"]) in texts]
    result = stack.StackCheck(items=result.items, rows=result.rows,
                              warnings=[*result.warnings, *own], estimates=estimates)
    return Ledger(check=result, unknown=unknown, personal=who, food_days=days)
