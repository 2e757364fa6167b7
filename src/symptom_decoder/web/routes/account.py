"""Profile and settings, export my data, delete my data."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from symptom_decoder.diary import profile, times
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.web import accounts, csrf, episode_form, services
from symptom_decoder.web.deps import User, clock, current, person_of, unit
from symptom_decoder.web.security import safe_target
from symptom_decoder.web.templating import THEME_COOKIE, THEMES, YEAR, render, set_cookie

router = APIRouter()


SAVED = {"profile": "Your profile is saved.", "password": "Your password is changed."}


def _imported(counts: str) -> str:
    """The import's confirmation from its four counts (``3-0-1-4``), or nothing."""
    parts = counts.split("-")
    if len(parts) != 4 or not all(p.isdigit() and len(p) < 9 for p in parts):
        return ""
    added, updated, same, days = parts
    return f"Imported: {added} new, {updated} changed, {same} the same, {days} days."


@router.get("/settings")
def settings_page(request: Request, who: User, saved: str = "", imported: str = "") -> Response:
    """Profile and settings; SAVED or IMPORTED confirm the form just sent."""
    return services.settings_page(request, who, saved=SAVED.get(saved, ""),
                                  imported=_imported(imported[:40]))


@router.post("/settings/profile")
async def set_profile(request: Request, who: User) -> Response:
    """Due date (it dates the pregnancy for the trends), age band, allergies and diet (food
    suggestions leave those foods out)."""
    raw = await request.form()
    due_date = str(raw.get("due_date", ""))[:20]
    age = str(raw.get("age", ""))[:10]
    allergies = [str(v) for v in raw.getlist("allergy")][:20]
    diets = [str(v) for v in raw.getlist("diet")][:5]
    today = times.local(clock(), episode_form.browser_zone(request.cookies)).date()
    try:
        due = times.parse_day(due_date, field="due_date") if due_date.strip() else None
        with unit(request) as session:
            profile.set_profile(session, person_of(session, who), due_date=due,
                                age=age or None, allergies=allergies, diets=diets,
                                today=today)
    except FieldError as exc:
        return services.settings_page(request, who, errors={exc.field: exc.problem}, status=422)
    return RedirectResponse("/settings?saved=profile", status_code=303)


@router.post("/settings/theme")
def set_theme(request: Request, theme: Annotated[str, Form(max_length=10)] = "auto") -> Response:
    """Light, dark or as the phone is set; kept in a cookie, and in the account if signed in."""
    theme = theme if theme in THEMES else "auto"
    who = current(request)
    if who is not None:
        with unit(request) as session:
            accounts.set_theme(session, who, theme)
    back = request.headers.get("referer", "")
    home = "/settings" if who else "/"
    base = str(request.base_url)
    target = "/" + back.removeprefix(base) if back.startswith(base) else home
    response = RedirectResponse(safe_target(target, home), status_code=303)
    set_cookie(request, response, THEME_COOKIE, theme, YEAR)
    return response


@router.post("/settings/password")
def change_password(
    request: Request,
    who: User,
    current_password: Annotated[str, Form(max_length=400)] = "",
    password: Annotated[str, Form(max_length=400)] = "",
    confirm: Annotated[str, Form(max_length=400)] = "",
) -> Response:
    try:
        with unit(request) as session:
            accounts.change_password(
                session, who, current=current_password, new=password, confirm=confirm
            )
    except accounts.AccountError as exc:
        field = "current_password" if exc.field == "current" else exc.field
        return services.settings_page(request, who, errors={field: exc.message}, status=422)
    return RedirectResponse("/settings?saved=password", status_code=303)


@router.get("/export")
def export(request: Request, who: User) -> Response:
    """Everything kept about the signed-in person, as one JSON file."""
    with unit(request) as session:
        doc = services.export_my_data(session, who.person_id, now=clock())
    body = json.dumps(doc, indent=2, ensure_ascii=False)
    return Response(
        body,
        media_type="application/json",
        headers={
            "content-disposition": 'attachment; filename="symptom-decoder-my-data.json"',
            "cache-control": "no-store",
        },
    )


@router.post("/delete")
def delete_everything(
    request: Request,
    who: User,
    confirm_delete: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Erase the person and all their records, after she types her name exactly as it is
    shown: nothing is trimmed or lowered, so a near miss never deletes."""
    if confirm_delete != who.username:
        return services.settings_page(
            request, who, errors={"confirm_delete": _near_miss(confirm_delete, who.username)},
            typed={"confirm_delete": confirm_delete}, status=422,
        )
    with unit(request) as session:
        services.erase_my_data(session, who.person_id)
        accounts.forget_attempts(session, who.username)
    request.state.who = None
    response = RedirectResponse("/deleted", status_code=303)
    response.delete_cookie(csrf.SESSION_COOKIE, path="/")
    return response


def _near_miss(typed: str, name: str) -> str:
    """What is wrong with the name she typed, so she can see it and fix it."""
    if not typed:
        return f"Type your sign-in name, {name}, to confirm."
    if typed.strip().lower() != name.lower():
        return f"That is not your sign-in name. Type {name} exactly to confirm."
    fixes = [words for wrong, words in ((typed.strip() != typed.strip().lower(),
                                         "in small letters"),
                                        (typed.strip() != typed, "without spaces")) if wrong]
    return f"Type it exactly as shown, {' and '.join(fixes)}: {name}."


@router.get("/deleted")
def deleted(request: Request) -> Response:
    """Where deleting everything lands; someone still signed in has deleted nothing."""
    if current(request) is not None:
        return RedirectResponse("/settings", status_code=303)
    return render(request, "deleted.html", title="Deleted")
