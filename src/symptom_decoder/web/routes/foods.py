"""The food log with search, and the supplement stack: pages and their JSON twins.

Thin: the diet services (``foodlog``, ``stack``, ``foods.catalog``) do the work; every
query is scoped to the signed-in person's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from symptom_decoder import foodchoices, foodlog, ledger, stack
from symptom_decoder.diary import times
from symptom_decoder.personal import Personal, personal
from symptom_decoder.web import episode_form, foodservice
from symptom_decoder.web.deps import User, clock, person_of, unit
from symptom_decoder.web.problems import Problem
from symptom_decoder.web.templating import render

router = APIRouter()

KINDS = (
    ("prenatal", "Prenatal vitamin"), ("multivitamin", "Multivitamin"),
    ("magnesium", "Magnesium"), ("calcium", "Calcium"), ("iron", "Iron"),
    ("vitamin_d", "Vitamin D"), ("calcium_antacid", "Antacid with calcium"),
    ("magnesium_antacid_or_laxative", "Antacid or laxative with magnesium"),
    ("electrolyte", "Electrolyte drink or tablet"), ("other", "Something else"),
)
AMOUNTS = (("magnesium_mg", "Magnesium (mg)"), ("calcium_mg", "Calcium (mg)"),
           ("iron_mg", "Iron (mg)"), ("vitamin_d_iu", "Vitamin D (IU)"),
           ("potassium_mg", "Potassium (mg)"))
SEARCH_LIMIT = 8


def today(request: Request) -> date:
    return times.local(clock(), episode_form.browser_zone(request.cookies)).date()


@dataclass(frozen=True)
class Overrides:
    """What a request says instead of her saved profile (the API's ``age``, ``exclude``,
    ``ignore_profile``); the pages use the profile as it is."""

    age: int | None = None
    exclude: tuple[str, ...] = ()
    ignore_profile: bool = False


def mine(request: Request, session: Session, who: User,
         overrides: Overrides | None = None) -> Personal:
    """Her age band, exclusions and stage from the profile, as every diet view reads them."""
    given = overrides or Overrides()
    return personal(session, person_of(session, who), today=today(request), age=given.age,
                    exclude=given.exclude, ignore_profile=given.ignore_profile)


def day_view(request: Request, who: User, day: date,
             overrides: Overrides | None = None) -> dict[str, Any]:
    """A day's entries and totals against the pregnancy reference intakes for her age band."""
    with unit(request) as session:
        totals = foodlog.day_totals(session, person_id=who.person_id, day=day)
        entries = [foodlog.entry_view(e) for e in totals.entries]
        her = mine(request, session, who, overrides)
    rows = foodlog.compare(totals, request.app.state.pack.intakes_for(her.age_years))
    return {
        "date": day.isoformat(),
        "entries": entries,
        "totals": [
            {"key": r.key, "name": r.name, "unit": r.unit,
             "total": None if r.total is None else round(r.total, 1),
             "target": r.target, "percent_of_target": None if r.percent_of_target is None
             else round(r.percent_of_target), "upper_limit": r.upper_limit,
             "note": r.note, "references": r.references}
            for r in rows
        ],
        "profile": her.view(),
        "profile_sentence": her.sentence(),
    }


def search(request: Request, query: str, limit: int = SEARCH_LIMIT,
           who: User | None = None) -> list[dict[str, Any]]:
    """Foods for QUERY ranked by the food log's resolver, her own choice for the words first."""
    found = foodservice.catalog(request)
    if found is None or len(query.strip()) < 2:
        return []
    with unit(request) as session:
        foods = foodchoices.search(session if who else None, found, query,
                                   person_id=who.person_id if who else None, limit=limit)
    return [{"name": f.description, **found.as_result(f)} for f in foods]


def suggestions(request: Request, who: User, *, limit: int = 5,
                overrides: Overrides | None = None) -> list[dict[str, Any]]:
    """Foods that would close today's magnesium gap, leaving out what her profile excludes
    (allergies and diet) and what pregnancy food-safety rules exclude."""
    made = foodservice.suggester(request)
    if made is None:
        return []
    day = today(request)
    with unit(request) as session:
        totals = foodlog.day_totals(session, person_id=who.person_id, day=day)
        her = mine(request, session, who, overrides)
    intake = request.app.state.pack.intakes_for(her.age_years).get("magnesium")
    target = getattr(intake, "rda", None)
    eaten = (totals.value("magnesium_mg") or 0.0) if totals.entries else 0.0
    gap = None if target is None else max(0.0, target - eaten)
    found = made.suggest("magnesium_mg", gap=gap, exclude=her.exclusions, limit=limit)
    return [{**s.as_json(), "log_text": f"{s.grams:g} g {s.food.description}"} for s in found]


def log_food(request: Request, who: User, *, text: str, food_id: int | None,
             day: date, portion: str | None = None) -> dict[str, Any]:
    """Resolve TEXT ('1 cup cooked spinach') with her remembered choices and store it;
    FoodLogError when unclear. A food she picks is her first choice next time."""
    found = foodservice.catalog(request)
    if found is None:
        raise foodlog.FoodLogError("There is no food data on this server yet.")
    with unit(request) as session:
        entry, _ = foodchoices.log_food(session, found, person_id=who.person_id, day=day,
                                        text=text, food_id=food_id, portion=portion)
        return foodlog.entry_view(entry)


def _foods_page(request: Request, who: User, *, q: str = "", text: str = "",
                error: str = "", options: list[dict[str, str]] | None = None,
                status: int = 200,
                logged: str = "", remembered: str = "") -> Response:
    day = today(request)
    return render(
        request, "foods.html",
        {"q": q, "results": search(request, q, who=who) if q else [], "text": text,
         "error": error,
         "options": options or [], "day": day_view(request, who, day), "logged": logged,
         "remembered": remembered,
         "no_data": foodservice.missing(request) if foodservice.catalog(request) is None
         else [], "suggestions": suggestions(request, who)},
        status=status, title="Food log",
    )


@router.get("/foods")
def foods_page(request: Request, who: User, q: str = "") -> Response:
    return _foods_page(request, who, q=q[:100])


def choices(error: foodlog.FoodLogError) -> list[dict[str, str]]:
    """What she can pick when an entry is unclear: foods ('12016  Seeds, pumpkin...'), or
    the portions of the food already chosen, each with the form fields that pick it."""
    picks: list[dict[str, str]] = []
    if error.food_id is not None:
        for label, words in zip(error.options, error.portions, strict=False):
            picks.append({"label": label, "food_id": str(error.food_id), "portion": words})
        return picks
    for option in error.options:
        food_id, _, description = option.partition("  ")
        if food_id.strip().isdigit() and description:
            picks.append({"label": description.strip(), "food_id": food_id.strip(),
                          "portion": ""})
    return picks


@router.post("/foods/log")
async def foods_log(request: Request, who: User) -> Response:
    raw = await request.form()
    text = str(raw.get("text", "")).strip()[:300]
    food = str(raw.get("food_id", "")).strip()
    portion = str(raw.get("portion", "")).strip()[:200] or None
    try:
        food_id = int(food) if food else None
        entry = log_food(request, who, text=text, food_id=food_id, day=today(request),
                         portion=portion)
    except ValueError:
        return _foods_page(request, who, text=text, error="Pick a food from the list.",
                           status=422)
    except foodlog.FoodLogError as exc:
        picks = choices(exc)
        error = str(exc).replace(" with --food ID", " below")
        if exc.food_id is not None:
            error = error.replace("; pick one.", "; pick one below, or give grams.")
        elif exc.hint and not picks:
            error += " " + exc.hint.replace(" with: symptom-decoder foods search WORDS",
                                            " with the search below")
        return _foods_page(request, who, text=text, error=error, options=picks, status=422,
                           remembered=exc.words)
    return _foods_page(request, who, logged=f"Logged {entry['portion']} of "
                       f"{entry['description']}.")


@router.post("/foods/entries/{entry_id}/delete")
def foods_remove(request: Request, who: User, entry_id: int) -> Response:
    with unit(request) as session:
        if not foodlog.remove_entry(session, person_id=who.person_id, entry_id=entry_id):
            raise Problem(404)
    return RedirectResponse("/foods", status_code=303)


def stack_view(request: Request, who: User,
               overrides: Overrides | None = None) -> dict[str, Any]:
    """The stack and the food log against the upper limits for her age band, with the
    engine's warnings and the ledger's own (``ledger.check_stack``)."""
    with unit(request) as session:
        rows = stack.items_for(session, person_id=who.person_id)
        items = [{"item": i.id, **stack.as_answer(i)} for i in rows]
        her = mine(request, session, who, overrides)
        found = ledger.check_stack(session, person_id=who.person_id,
                                   pack=request.app.state.pack, today=today(request), who=her)
    return {**found.document(), "items": items, "profile_sentence": her.sentence()}


@router.get("/supplements")
def supplements_page(request: Request, who: User) -> Response:
    return render(request, "supplements.html",
                  {"s": stack_view(request, who), "kinds": KINDS, "amounts": AMOUNTS,
                   "errors": {}, "form": {}}, title="Supplements")


def _float(text: str, field: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise stack.StackError([f"{field}: please type a number"]) from None


@router.post("/supplements")
async def supplements_add(request: Request, who: User) -> Response:
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if isinstance(v, str)}
    try:
        units = _float(form.get("units_per_day", ""), "units_per_day")
        amounts = {key: _float(form.get(key, ""), key) for key, _ in AMOUNTS}
        with unit(request) as session:
            stack.add_item(session, person_id=who.person_id, kind=form.get("kind", ""),
                           name=form.get("name", "").strip()[:200] or "Supplement",
                           units_per_day=1.0 if units is None else units, amounts=amounts)
    except stack.StackError as exc:
        errors = {p.partition(":")[0]: p.partition(":")[2].strip() for p in exc.problems}
        return render(request, "supplements.html",
                      {"s": stack_view(request, who), "kinds": KINDS, "amounts": AMOUNTS,
                       "errors": errors, "form": form}, status=422, title="Supplements")
    return RedirectResponse("/supplements", status_code=303)


@router.post("/supplements/{item_id}/delete")
def supplements_remove(request: Request, who: User, item_id: int) -> Response:
    with unit(request) as session:
        if not stack.remove_item(session, person_id=who.person_id, item_id=item_id):
            raise Problem(404)
    return RedirectResponse("/supplements", status_code=303)
