"""Sign up, sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from symptom_decoder.errors import TooManyAttempts
from symptom_decoder.web import accounts, csrf
from symptom_decoder.web.deps import client_ip, clock, current, unit
from symptom_decoder.web.templating import render, set_cookie

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only paths on this site: never an open redirect to another host."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/diary"


def _signed_in_response(request: Request, token: str, target: str) -> Response:
    response = RedirectResponse(_safe_next(target), status_code=303)
    set_cookie(request, response, csrf.SESSION_COOKIE, token, accounts.SESSION_DAYS * 86400)
    response.delete_cookie(csrf.VISITOR_COOKIE, path="/")
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
            account = accounts.sign_up(
                session, username=username, password=password, confirm=confirm
            )
            token = accounts.open_session(session, account, now=clock())
    except accounts.AccountError as exc:
        return render(
            request,
            "signup.html",
            {"errors": {exc.field: exc.message}, "username": username},
            status=422,
            title="Make an account",
        )
    return _signed_in_response(request, token, "/diary")


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
    try:
        with unit(request) as session:
            account = accounts.authenticate(
                session, username=username, password=password, ip=client_ip(request), now=clock()
            )
            token = accounts.open_session(session, account, now=clock())
    except TooManyAttempts:
        response = render(
            request,
            "login.html",
            {"errors": {"password": "Too many tries. Please wait 15 minutes, then try again."},
             "username": username, "next": _safe_next(next)},
            status=429,
            title="Sign in",
        )
        response.headers["retry-after"] = str(int(accounts.WINDOW.total_seconds()))
        return response
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
    return _signed_in_response(request, token, next)


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(csrf.SESSION_COOKIE)
    if token:
        with unit(request) as session:
            accounts.close_session(session, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(csrf.SESSION_COOKIE, path="/")
    return response
