"""Sign up, sign in and sign out; a visitor's result can be carried into her account."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from symptom_decoder.errors import TooManyAttempts
from symptom_decoder.store.models import Person
from symptom_decoder.web import accounts, csrf, services
from symptom_decoder.web.deps import client_ip, clock, current, unit
from symptom_decoder.web.security import safe_target as _safe_next
from symptom_decoder.web.templating import render, set_cookie

router = APIRouter()

DEVICE_COOKIE = "sd_device"
STATE = 50_000
"""The most a carried result's answers may take (a long supplement list is a few thousand)."""


def _signed_in_response(request: Request, token: str, device: str, target: str) -> Response:
    response = RedirectResponse(_safe_next(target), status_code=303)
    set_cookie(request, response, csrf.SESSION_COOKIE, token, accounts.SESSION_DAYS * 86400)
    set_cookie(request, response, DEVICE_COOKIE, device, accounts.DEVICE_DAYS * 86400)
    response.delete_cookie(csrf.VISITOR_COOKIE, path="/")
    return response


def _too_many(request: Request, page: str, context: Mapping[str, object], title: str) -> Response:
    response = render(request, page, {"errors": {
        "password" if page == "login.html" else "username":
        "Too many tries. Please wait 15 minutes, then try again."}, **context},
        status=429, title=title)
    response.headers["retry-after"] = str(int(accounts.WINDOW.total_seconds()))
    return response


def _keep(request: Request, session: Session, person_id: int, state: str) -> str | None:
    """Save the result a visitor carried here in the person's diary; where it now is."""
    pack = request.app.state.pack
    answers = services.carried_result(state, pack)
    person = session.get(Person, person_id)
    if answers is None or person is None:
        return None
    return f"/diary/results/{services.keep_result(session, person, answers, pack)}"


@router.get("/signup")
def signup_form(request: Request) -> Response:
    if current(request) is not None:
        return RedirectResponse("/diary", status_code=303)
    return render(request, "signup.html", {"errors": {}, "username": "", "state": ""},
                  title="Make an account")


@router.post("/signup/keep")
def signup_to_keep(
    request: Request, state: Annotated[str, Form(max_length=STATE)] = ""
) -> Response:
    """The sign-up form for a visitor who wants to keep her result: it carries the answers."""
    if current(request) is not None:
        return RedirectResponse("/assess", status_code=303)
    return render(request, "signup.html", {"errors": {}, "username": "", "state": state},
                  title="Make an account")


@router.post("/signup")
def signup(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=400)] = "",
    confirm: Annotated[str, Form(max_length=400)] = "",
    state: Annotated[str, Form(max_length=STATE)] = "",
) -> Response:
    """A new account; a result carried from the check is saved in it in the same step."""
    try:
        with unit(request) as session:
            accounts.count_sign_up(session, ip=client_ip(request), now=clock())
        with unit(request) as session:
            account = accounts.sign_up(
                session, username=username, password=password, confirm=confirm
            )
            token = accounts.open_session(session, account, now=clock())
            device = accounts.remember_device(session, account, None, now=clock())
            kept = _keep(request, session, account.person_id, state)
    except TooManyAttempts:
        return _too_many(request, "signup.html", {"username": username, "state": state},
                         "Make an account")
    except accounts.AccountError as exc:
        return render(
            request,
            "signup.html",
            {"errors": {exc.field: exc.message}, "username": username, "state": state},
            status=422,
            title="Make an account",
        )
    return _signed_in_response(request, token, device, kept or "/diary")


@router.get("/login")
def login_form(request: Request, next: str = "/diary") -> Response:
    if current(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(
        request,
        "login.html",
        {"errors": {}, "username": "", "next": _safe_next(next), "state": ""},
        title="Sign in",
    )


@router.post("/login/keep")
def login_to_keep(
    request: Request, state: Annotated[str, Form(max_length=STATE)] = ""
) -> Response:
    """The sign-in form for a visitor who wants to keep her result: it carries the answers."""
    if current(request) is not None:
        return RedirectResponse("/assess", status_code=303)
    return render(request, "login.html",
                  {"errors": {}, "username": "", "next": "/diary", "state": state},
                  title="Sign in")


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=400)] = "",
    next: Annotated[str, Form(max_length=400)] = "/diary",
    state: Annotated[str, Form(max_length=STATE)] = "",
) -> Response:
    """Sign in; a result carried from the check is saved in her diary in the same step."""
    again = {"username": username, "next": _safe_next(next), "state": state}
    device = request.cookies.get(DEVICE_COOKIE)
    try:
        # The try is counted (and committed) before the password is checked, so tries
        # racing in parallel cannot all pass the limit.
        with unit(request) as session:
            counted = accounts.count_sign_in(session, username=username, ip=client_ip(request),
                                             device=device, now=clock())
        with unit(request) as session:
            account = accounts.authenticate(
                session, username=username, password=password, ip=client_ip(request),
                now=clock(), counted=counted,
            )
            token = accounts.open_session(session, account, now=clock())
            device = accounts.remember_device(session, account, device, now=clock())
            kept = _keep(request, session, account.person_id, state)
    except TooManyAttempts:
        return _too_many(request, "login.html", again, "Sign in")
    except accounts.AccountError as exc:
        with unit(request) as session:
            accounts.record_failure(session, username=username, ip=client_ip(request),
                                    now=clock())
        return render(
            request,
            "login.html",
            {"errors": {exc.field: exc.message}, **again},
            status=422,
            title="Sign in",
        )
    return _signed_in_response(request, token, device, kept or next)


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(csrf.SESSION_COOKIE)
    if token:
        with unit(request) as session:
            accounts.close_session(session, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(csrf.SESSION_COOKIE, path="/")
    return response
