"""Profile and settings, export my data, delete my data."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from symptom_decoder.diary import profile, times
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.web import accounts, csrf, episode_form, mydata, shares
from symptom_decoder.web.deps import User, clock, current, person_of, unit
from symptom_decoder.web.templating import THEME_COOKIE, THEMES, YEAR, render, set_cookie

router = APIRouter()


def settings_page_for(
    request: Request, who: User, *, errors: dict[str, str] | None = None, saved: str = "",
    status: int = 200,
) -> Response:
    today = times.local(clock(), episode_form.browser_zone(request.cookies)).date()
    with unit(request) as session:
        me = person_of(session, who)
        view = profile.profile_view(profile.get_profile(session, me), today)
        links = [shares.view(s) for s in shares.live(session, me, now=clock())]
    return render(
        request, "settings.html",
        {"errors": errors or {}, "saved": saved, "profile": view, "bands": profile.AGE_BANDS,
         "allergies": profile.ALLERGIES, "diets": profile.DIETS, "shares": links},
        status=status, title="Profile and settings",
    )


@router.get("/settings")
def settings_page(request: Request, who: User) -> Response:
    return settings_page_for(request, who)


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
        return settings_page_for(request, who, errors={exc.field: exc.problem}, status=422)
    return settings_page_for(request, who, saved="Your profile is saved.")


@router.post("/settings/theme")
def set_theme(request: Request, theme: Annotated[str, Form(max_length=10)] = "auto") -> Response:
    """Light, dark or as the phone is set; kept in a cookie, and in the account if signed in."""
    theme = theme if theme in THEMES else "auto"
    who = current(request)
    if who is not None:
        with unit(request) as session:
            accounts.set_theme(session, who, theme)
    back = request.headers.get("referer", "")
    response = RedirectResponse("/settings" if who else "/", status_code=303)
    if back.startswith(str(request.base_url)):
        response.headers["location"] = "/" + back.removeprefix(str(request.base_url))
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
        return settings_page_for(request, who, errors={field: exc.message}, status=422)
    return settings_page_for(request, who, saved="Your password is changed.")


@router.get("/export")
def export(request: Request, who: User) -> Response:
    """Everything kept about the signed-in person, as one JSON file."""
    with unit(request) as session:
        doc = mydata.export(session, who.person_id, now=clock())
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
    """Erase the person and all their records, after she types her name to confirm."""
    if accounts.normalise_username(confirm_delete) != who.username:
        return settings_page_for(
            request, who, errors={"confirm_delete": "Type your name exactly to confirm."},
            status=422,
        )
    with unit(request) as session:
        mydata.erase(session, who.person_id)
        accounts.forget_attempts(session, who.username)
    request.state.who = None
    response = render(request, "deleted.html", title="Deleted")
    response.delete_cookie(csrf.SESSION_COOKIE, path="/")
    return response
