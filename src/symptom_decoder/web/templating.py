"""Rendering pages: the shared context (who is signed in, the form token, the theme) and
cookies set with the app's flags."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from symptom_decoder.render import evidence_word, likelihood_word
from symptom_decoder.web import csrf, deps
from symptom_decoder.web.deps import current

THEMES = ("auto", "light", "dark")
THEME_COOKIE = "sd_theme"
YEAR = 365 * 24 * 3600

STATIC = Path(__file__).with_name("static")
"""The app's own assets (CSS, script, icons): served by the app, never from another host."""

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
templates.env.globals["now"] = lambda: datetime.now(UTC)
templates.env.filters["likelihood"] = likelihood_word
templates.env.filters["evidence"] = evidence_word


def amount(value: float | None) -> str:
    """A figure as people read it: 1,250 and 360; 2.3 and 0.45 below ten."""
    if value is None:
        return "–"
    if abs(value) >= 10:
        return f"{value:,.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1 else f"{value:.1f}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 cramp``, ``2 cramps``: the count with its noun."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def day(iso: str, year: bool = False) -> str:
    """A date as people write it: ``16 Nov``, or ``16 Nov 2026`` with YEAR."""
    found = date.fromisoformat(iso)
    return f"{found.day} {found.strftime('%b')}" + (f" {found.year}" if year else "")


templates.env.filters["amount"] = amount
templates.env.filters["day"] = day
templates.env.filters["plural"] = plural


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    """Cookies are HttpOnly, SameSite=Lax and Secure (unless the app runs with the
    explicit plain-HTTP development switch)."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=bool(request.app.state.secure_cookies),
        path="/",
    )


NIGHT_PAGES = ("/diary", "/relief", "/offline")


def chosen_theme(request: Request) -> str:
    """What she picked: auto (like the phone), light or dark."""
    who = current(request)
    if who is not None and who.theme in THEMES and who.theme != "auto":
        return who.theme
    value = request.cookies.get(THEME_COOKIE, "auto")
    return value if value in THEMES else "auto"


def theme_of(request: Request) -> str:
    """Light or dark as chosen; left to the phone ("auto"), the phone's own setting decides
    (``prefers-color-scheme``), except that the pages used at night in bed (diary, relief)
    are dark between 21:00 and 07:00 on her clock. Her clock is known only once the page's
    script has sent her zone: before that (a first visit) the server's clock, which may be
    hours away, never decides."""
    value = chosen_theme(request)
    if value != "auto":
        return value
    if request.url.path.startswith(NIGHT_PAGES) and request.cookies.get("sd_zone"):
        from symptom_decoder.diary.times import is_night
        from symptom_decoder.web.episode_form import browser_zone

        if is_night(deps.clock(), browser_zone(request.cookies)):
            return "dark"
    return "auto"


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    title: str = "",
) -> Response:
    """The page NAME with the shared context; sets the visitor cookie on a first visit."""
    ctx: dict[str, Any] = {
        "user": current(request),
        "csrf_token": csrf.token_for(request),
        "theme": theme_of(request),
        "theme_choice": chosen_theme(request),
        "title": title,
        "path": request.url.path,
    }
    ctx.update(context or {})
    response = templates.TemplateResponse(request, name, ctx, status_code=status)
    new_visitor = getattr(request.state, "new_visitor", None)
    if new_visitor and not request.cookies.get(csrf.SESSION_COOKIE):
        set_cookie(request, response, csrf.VISITOR_COOKIE, new_visitor, YEAR)
    response.headers["cache-control"] = "no-store"
    return response
