"""The food and supplement JSON API, over the same calls as the pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import JSONResponse, Response

from symptom_decoder.diet import foodlog, ledger, stack
from symptom_decoder.foods.rules import load_rules
from symptom_decoder.web import openapi, services
from symptom_decoder.web.deps import RowId, User, api_guard, current, json_body, unit
from symptom_decoder.web.problems import Problem

router = APIRouter(prefix="/api/v1", dependencies=[Depends(api_guard)], tags=["food"])


def _no_data(request: Request) -> Problem:
    return Problem(503, " ".join(services.missing(request)))


@router.get("/foods", summary="Search foods (USDA), ranked as the food log reads the words")
def foods(request: Request, q: str = "", limit: int = 10) -> dict[str, Any]:
    if services.catalog(request) is None:
        raise _no_data(request)
    return {"foods": services.search(request, q[:100], max(1, min(limit, 50)),
                                     who=current(request))}


def _overrides(age: int | None, exclude: list[str] | None = None,
               ignore_profile: bool = False) -> services.Overrides:
    """Query parameters that stand in for her saved profile; 422 naming a bad one."""
    if age is not None and not 12 <= age <= 60:
        raise Problem(422, "Some values are not valid.",
                      [{"field": "age", "message": "must be between 12 and 60 years"}])
    names = tuple(n.strip().lower() for item in exclude or [] for n in item.split(",")
                  if n.strip())
    unknown = [n for n in names if n not in load_rules().exclusions]
    if unknown:
        raise Problem(422, "Some values are not valid.", [
            {"field": "exclude", "message": f"unknown exclusion {unknown[0]!r}; choose from "
             f"{', '.join(load_rules().exclusions)}"}])
    return services.Overrides(age=age, exclude=names, ignore_profile=ignore_profile)


AgeQuery = Annotated[int | None, Query(description="Years; instead of the profile's age band.")]
IgnoreQuery = Annotated[bool, Query(description="Leave out the saved profile.")]


@router.get("/foods/suggestions", summary="Foods that would close today's magnesium gap")
def food_suggestions(request: Request, who: User, limit: int = 5, age: AgeQuery = None,
                     exclude: Annotated[list[str] | None, Query(
                         description="nut, dairy, vegan...; added to the profile's")] = None,
                     ignore_profile: IgnoreQuery = False) -> dict[str, Any]:
    if services.catalog(request) is None:
        raise _no_data(request)
    overrides = _overrides(age, exclude, ignore_profile)
    return {"suggestions": services.suggestions(request, who, limit=max(1, min(limit, 20)),
                                                overrides=overrides)}


@router.get("/foods/{food_id}", summary="One food: nutrients per 100 grams, portions")
def food(request: Request, food_id: RowId) -> dict[str, Any]:
    found = services.catalog(request)
    if found is None:
        raise _no_data(request)
    item = found.food(food_id)
    if item is None:
        raise Problem(404)
    return found.details(item)


@router.get("/foodlog", summary="A day's food log and totals (default today)")
def foodlog_day(request: Request, who: User, day: date | None = None, age: AgeQuery = None,
                ignore_profile: IgnoreQuery = False) -> dict[str, Any]:
    return services.day_view(request, who, day or services.today(request),
                             _overrides(age, None, ignore_profile))


@router.post("/foodlog", summary="Log a food: {text, food_id?, portion?, date?}",
             status_code=201, openapi_extra=openapi.body(openapi.FOODLOG_ENTRY))
async def foodlog_add(request: Request, who: User) -> Response:
    """An unclear entry answers 422 naming ``text`` (or ``portion``), with ``choices`` to pick
    from; a food picked by ``food_id`` is her first choice for the same words next time."""
    body = await json_body(request)
    if not isinstance(body, dict):
        raise Problem(422, "Some values are not valid.",
                      [{"field": "body", "message": "must be a JSON object"}])
    unknown = sorted(set(body) - {"text", "food_id", "portion", "date"})
    if unknown:
        raise Problem(422, "Some values are not valid.",
                      [{"field": unknown[0], "message": "unknown field"}])
    text, food_id, day = body.get("text"), body.get("food_id"), body.get("date")
    portion = body.get("portion")
    if portion is not None and (not isinstance(portion, str) or not portion.strip()):
        raise Problem(422, "Some values are not valid.",
                      [{"field": "portion", "message": "must be words of a portion"}])
    if not isinstance(text, str) or not text.strip():
        raise Problem(422, "Some values are not valid.",
                      [{"field": "text", "message": "type an amount and a food"}])
    if food_id is not None and (isinstance(food_id, bool) or not isinstance(food_id, int)):
        raise Problem(422, "Some values are not valid.",
                      [{"field": "food_id", "message": "must be a whole number"}])
    try:
        the_day = date.fromisoformat(day) if isinstance(day, str) else services.today(request)
    except ValueError:
        raise Problem(422, "Some values are not valid.",
                      [{"field": "date", "message": "must be YYYY-MM-DD"}]) from None
    entry = services.log_food(request, who, text=text.strip()[:300], food_id=food_id,
                              day=the_day, portion=portion.strip()[:200] if portion else None)
    return JSONResponse(entry, status_code=201)


@router.delete("/foodlog/{entry_id}", summary="Remove a logged food", status_code=204)
def foodlog_remove(request: Request, who: User, entry_id: RowId) -> Response:
    with unit(request) as session:
        if not foodlog.remove_entry(session, person_id=who.person_id, entry_id=entry_id):
            raise Problem(404)
    return Response(status_code=204)


@router.get("/supplements", summary="My supplement stack, totals against upper limits")
def supplements(request: Request, who: User, age: AgeQuery = None,
                ignore_profile: IgnoreQuery = False) -> dict[str, Any]:
    return services.stack_view(request, who, _overrides(age, None, ignore_profile))


@router.post("/supplements", summary="Add a product: answers/v1 supplement fields",
             status_code=201, openapi_extra=openapi.body(openapi.SUPPLEMENT))
async def supplements_add(request: Request, who: User) -> Response:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise Problem(422, "Some values are not valid.",
                      [{"field": "body", "message": "must be a JSON object"}])
    amounts = {k: body.get(k) for k in stack.AMOUNTS}
    with unit(request) as session:
        item = stack.add_item(session, person_id=who.person_id, kind=body.get("kind", ""),
                              name=str(body.get("name") or "Supplement")[:200],
                              units_per_day=body.get("units_per_day", 1.0), amounts=amounts)
        answer = stack.as_answer(item)
        view = {"item": item.id, **answer,
                "will_count": ledger.counted_for(request.app.state.pack, answer)}
    return JSONResponse(view, status_code=201)


@router.delete("/supplements/{item_id}", summary="Remove a product", status_code=204)
def supplements_remove(request: Request, who: User, item_id: RowId) -> Response:
    with unit(request) as session:
        if not stack.remove_item(session, person_id=who.person_id, item_id=item_id):
            raise Problem(404)
    return Response(status_code=204)
