"""Sign up, sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from symptom_decoder.errors import TooManyAttempts
from symptom_decoder.web import accounts, csrf
from symptom_decoder.web.deps import client_ip, clock, current, unit
from symptom_decoder.web.security import safe_target as _safe_next
from symptom_decoder.web.templating import render, set_cookie

router = APIRouter()

DEVICE_COOKIE = "sd_device"


def _signed_in_response(request: Request, token: str, device: str, target: str) -> Response:
    response = RedirectResponse(_safe_next(target), status_code=303)
    set_cookie(request, response, csrf.SESSION_COOKIE, token, accounts.SESSION_DAYS * 86400)
    set_cookie(request, response, DEVICE_COOKIE, device, accounts.DEVICE_DAYS * 86400)
    response.delete_cookie(csrf.VISITOR_COOKIE, path="/")
    return response


def _too_many(request: Request, page: str, context: dict[str, object], title: str) -> Response:
    response = render(request, page, {"errors": {
        "password" if page == "login.html" else "username":
        "Too many tries. Please wait 15 minutes, then try again."}, **context},
        status=429, title=title)
    response.headers["retry-after"] = str(int(accounts.WINDOW.total_seconds()))
    return response


@router.get("/signup")
def signup_form(request: Request) -> Response:
    if current(request) is not None:
        return RedirectResponse("/diary", status_code=303)
    return render(request, "signup.html", {"errors": {}, "username": ""}, title="Make an account")


@router.post("/signup")
def signup(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=400)] = "",
    confirm: Annotated[str, Form(max_length=400)] = "",
) -> Response:
    try:
        with unit(request) as session:
            accounts.count_sign_up(session, ip=client_ip(request), now=clock())
        with unit(request) as session:
            account = accounts.sign_up(
                session, username=username, password=password, confirm=confirm
            )
            token = accounts.open_session(session, account, now=clock())
            device = accounts.remember_device(session, account, None, now=clock())
    except TooManyAttempts:
        return _too_many(request, "signup.html", {"username": username}, "Make an account")
    except accounts.AccountError as exc:
        return render(
            request,
            "signup.html",
            {"errors": {exc.field: exc.message}, "username": username},
            status=422,
            title="Make an account",
        )
    return _signed_in_response(request, token, device, "/diary")


@router.get("/login")
def login_form(request: Request, next: str = "/diary") -> Response:
    if current(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(
        request,
        "login.html",
        {"errors": {}, "username": "", "next": _safe_next(next)},
        title="Sign in",
    )


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=400)] = "",
    next: Annotated[str, Form(max_length=400)] = "/diary",
) -> Response:
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
    except TooManyAttempts:
        return _too_many(request, "login.html", {"username": username, "next": _safe_next(next)},
                         "Sign in")
    except accounts.AccountError as exc:
        with unit(request) as session:
            accounts.record_failure(session, username=username, ip=client_ip(request),
                                    now=clock())
        return render(
            request,
            "login.html",
            {"errors": {exc.field: exc.message}, "username": username, "next": _safe_next(next)},
            status=422,
            title="Sign in",
        )
    return _signed_in_response(request, token, device, next)


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(csrf.SESSION_COOKIE)
    if token:
        with unit(request) as session:
            accounts.close_session(session, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(csrf.SESSION_COOKIE, path="/")
    return response
