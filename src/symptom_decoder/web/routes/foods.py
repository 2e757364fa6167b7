"""The food log with search, and the supplement stack: pages and their JSON twins.

Thin: the diet services (``foodlog``, ``stack``, ``foods.catalog``) do the work; every
query is scoped to the signed-in person's id. Every form that writes answers with a redirect
to a page that says what was done, so a reload never writes twice.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from symptom_decoder.diet import foodlog, ledger, stack
from symptom_decoder.web import services
from symptom_decoder.web.deps import RowId, User, unit
from symptom_decoder.web.problems import Problem
from symptom_decoder.web.templating import render

router = APIRouter()


def _foods_page(request: Request, who: User, *, q: str = "", text: str = "",
                error: str = "", options: list[dict[str, str]] | None = None,
                status: int = 200, logged: str = "", logged_id: int = 0,
                remembered: str = "") -> Response:
    day = services.day_view(request, who, services.today(request))
    entry = next((e for e in day["entries"] if logged_id and e["entry"] == logged_id), None)
    if entry is not None:
        logged = f"Logged {entry['portion']} of {entry['description']}."
        note = services.food_note(request, entry["id"])
        if note:
            logged = f"{logged} {note}"
    return render(
        request, "foods.html",
        {"q": q, "results": services.search(request, q, who=who) if q else [], "text": text,
         "error": error, "options": options or [], "day": day, "logged": logged,
         "remembered": remembered,
         "no_data": services.missing(request) if services.catalog(request) is None
         else [], "suggestions": services.suggestions(request, who)},
        status=status, title="Food log",
    )


@router.get("/foods")
def foods_page(request: Request, who: User, q: str = "", logged: int = 0,
               removed: int = 0) -> Response:
    """The food log; LOGGED (an entry of today's) or REMOVED confirm the form just sent."""
    return _foods_page(request, who, q=q[:100], logged_id=logged,
                       logged="Removed." if removed else "")


@router.post("/foods/log")
async def foods_log(request: Request, who: User) -> Response:
    raw = await request.form()
    text = str(raw.get("text", "")).strip()[:300]
    food = str(raw.get("food_id", "")).strip()
    portion = str(raw.get("portion", "")).strip()[:200] or None
    try:
        food_id = int(food) if food else None
        entry = services.log_food(request, who, text=text, food_id=food_id,
                                  day=services.today(request), portion=portion)
    except ValueError:
        return _foods_page(request, who, text=text, error="Pick a food from the list.",
                           status=422)
    except foodlog.FoodLogError as exc:
        picks = exc.picks()
        error = str(exc).replace(" with --food ID", " below")
        if exc.food_id is not None:
            error = error.replace("; pick one.", "; pick one below, or give grams.")
        elif exc.hint and not picks:
            error += " " + exc.hint.replace(" with: symptom-decoder foods search WORDS",
                                            " with the search below")
        return _foods_page(request, who, text=text, error=error, options=picks, status=422,
                           remembered=exc.words)
    return RedirectResponse(f"/foods?logged={entry['entry']}", status_code=303)


@router.post("/foods/entries/{entry_id}/delete")
def foods_remove(request: Request, who: User, entry_id: RowId) -> Response:
    with unit(request) as session:
        if not foodlog.remove_entry(session, person_id=who.person_id, entry_id=entry_id):
            raise Problem(404)
    return RedirectResponse("/foods?removed=1", status_code=303)


@router.get("/supplements")
def supplements_page(request: Request, who: User, added: int = 0, removed: int = 0) -> Response:
    """The stack; ADDED (one of her products) or REMOVED confirm the form just sent."""
    view = services.stack_view(request, who)
    item = next((i for i in view["items"] if added and i["item"] == added), None)
    done = f"Added {item['name']}." if item else "Removed." if removed else ""
    counted = ledger.counted_for(request.app.state.pack, item) if item else []
    return render(request, "supplements.html",
                  {"s": view, **services.vocabulary(request), "errors": {}, "form": {},
                   "done": done, "counted": counted}, title="Supplements")


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
        amounts = {key: _float(form.get(key, ""), key)
                   for key, _ in services.vocabulary(request)["amounts"]}
        with unit(request) as session:
            item = stack.add_item(session, person_id=who.person_id, kind=form.get("kind", ""),
                                  name=form.get("name", "").strip()[:200] or "Supplement",
                                  units_per_day=1.0 if units is None else units,
                                  amounts=amounts)
            added = item.id
    except stack.StackError as exc:
        errors = {p.partition(":")[0]: p.partition(":")[2].strip() for p in exc.problems}
        return render(request, "supplements.html",
                      {"s": services.stack_view(request, who), **services.vocabulary(request),
                       "errors": errors, "form": form}, status=422, title="Supplements")
    return RedirectResponse(f"/supplements?added={added}", status_code=303)


@router.post("/supplements/{item_id}/delete")
def supplements_remove(request: Request, who: User, item_id: RowId) -> Response:
    with unit(request) as session:
        if not stack.remove_item(session, person_id=who.person_id, item_id=item_id):
            raise Problem(404)
    return RedirectResponse("/supplements?removed=1", status_code=303)
