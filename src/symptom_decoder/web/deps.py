"""Per-request helpers: a unit of work on the store, who is signed in, and the JSON API's
body reader and CSRF guard."""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from symptom_decoder.store.db import transaction
from symptom_decoder.store.models import Person
from symptom_decoder.web import accounts, csrf
from symptom_decoder.web.csrf import SESSION_COOKIE
from symptom_decoder.web.problems import Problem


def clock() -> datetime:
    return datetime.now(UTC)


@contextmanager
def unit(request: Request) -> Iterator[Session]:
    """One transaction on the app's store, committed before the response is built."""
    with transaction(request.app.state.sessions) as session:
        yield session


def current(request: Request) -> accounts.SignedIn | None:
    """Who is signed in on this request (looked up once), or None."""
    if hasattr(request.state, "who"):
        who: accounts.SignedIn | None = request.state.who
        return who
    token = request.cookies.get(SESSION_COOKIE)
    who = None
    if token:
        with unit(request) as session:
            who = accounts.signed_in(session, token, now=clock())
    request.state.who = who
    return who


def require(request: Request) -> accounts.SignedIn:
    """Dependency: the signed-in person; pages redirect to sign-in, the API answers 401."""
    who = current(request)
    if who is None:
        raise Problem(401)
    return who


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


MAX_ROW_ID = 2**31 - 1
"""The largest id any table holds (PostgreSQL's integer); larger ones cannot exist."""

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="a record's id")]
"""A route parameter naming one record: a larger id is a 422, never a database error."""

User = Annotated[accounts.SignedIn, Depends(require)]
"""A route parameter for the signed-in person (401, or a redirect to sign in, if none)."""


def person_of(session: Session, who: accounts.SignedIn) -> Person:
    """The signed-in person's row; every diary and food service is scoped by it."""
    found = session.get(Person, who.person_id)
    if found is None:
        raise Problem(401)
    return found


async def api_guard(request: Request) -> None:
    """Unsafe methods: a JSON body, and the CSRF header when a session cookie is sent."""
    if request.method in csrf.SAFE:
        return
    if request.cookies.get(csrf.SESSION_COOKIE):
        sent = request.headers.get(csrf.HEADER, "")
        if not hmac.compare_digest(sent, csrf.token_for(request)):
            raise Problem(403, "Send the page's CSRF token in the X-CSRF-Token header.")


MAX_DEPTH = 32
"""No body of the API nests deeper than a few levels; a thousand levels is an attack."""
MAX_INTEGER = 2**53
"""Larger whole numbers are not exact in JavaScript or as floats; nothing here needs them."""


async def json_body(request: Request) -> Any:
    """The request's JSON body, or a named 400/415/422 for anything unfit to go further:
    not JSON, nested too deep, text that is not Unicode or holds a NUL, a huge number."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip() != "application/json":
        raise Problem(415, "Send the body as JSON with Content-Type: application/json.")
    raw = await request.body()
    try:
        document = json.loads(raw)
    except RecursionError:
        document = None
        _refuse("body", f"nests deeper than {MAX_DEPTH} levels")
    except (ValueError, UnicodeDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(
            exc, json.JSONDecodeError) else ""
        raise Problem(
            400, f"The body is not valid JSON{where}.", [{"field": "body", "message": "not JSON"}]
        ) from None
    _check_tree(document)
    return document


def _refuse(field: str, message: str) -> None:
    raise Problem(422, "Some values are not valid.", [{"field": field, "message": message}])


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character, which cannot be stored"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (a lone surrogate)"
    return None


def _check_tree(document: Any) -> None:
    """Walk DOCUMENT without recursion; the first unfit value raises, naming its path."""
    todo: list[tuple[Any, str, int]] = [(document, "", 0)]
    while todo:
        node, path, depth = todo.pop()
        where = path or "body"
        if depth > MAX_DEPTH:
            _refuse(where, f"nests deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            for key, value in node.items():
                problem = _text_problem(key)
                if problem:
                    _refuse(where, f"has a field name that {problem}")
                todo.append((value, f"{path}.{key}" if path else key, depth + 1))
        elif isinstance(node, list):
            todo.extend((value, f"{path}.{i}" if path else str(i), depth + 1)
                        for i, value in enumerate(node))
        elif isinstance(node, str):
            problem = _text_problem(node)
            if problem:
                _refuse(where, problem)
        elif isinstance(node, int) and not isinstance(node, bool) and abs(node) > MAX_INTEGER:
            _refuse(where, "is too large a number")
