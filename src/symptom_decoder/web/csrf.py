"""Synchronizer tokens: each form carries a token derived from the browser's session.

A signed-in browser's token comes from its session token; a visitor's from a random
``sd_visitor`` cookie set with the first page. The token is an HMAC of that key under the
app's secret, so it cannot be guessed from another site and changes when the session does.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request

from symptom_decoder.web.problems import Problem

SESSION_COOKIE = "sd_session"
VISITOR_COOKIE = "sd_visitor"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE = {"GET", "HEAD", "OPTIONS"}


def session_key(request: Request) -> str:
    """The key the token hangs on; makes a visitor key (set later as a cookie) if none."""
    key = request.cookies.get(SESSION_COOKIE) or request.cookies.get(VISITOR_COOKIE)
    if key:
        return key
    new = getattr(request.state, "new_visitor", None)
    if new is None:
        new = secrets.token_urlsafe(24)
        request.state.new_visitor = new
    return str(new)


def token_for(request: Request) -> str:
    secret: str = request.app.state.secret_key
    return hmac.new(
        secret.encode(), b"csrf:" + session_key(request).encode(), hashlib.sha256
    ).hexdigest()


async def protect(request: Request) -> None:
    """Router dependency: every unsafe form request must carry the right token."""
    if request.method in SAFE:
        return
    sent = request.headers.get(HEADER, "")
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/")):
        form = await request.form()
        if not sent:
            value = form.get(FIELD)
            sent = value if isinstance(value, str) else ""
        for name, value in form.multi_items():
            # No field of any form may hold a NUL: PostgreSQL cannot store one.
            if isinstance(value, str) and "\x00" in value + name:
                raise Problem(422, "Some values are not valid.", [
                    {"field": name.replace("\x00", ""), "message": "contains a NUL character"}])
    if not (request.cookies.get(SESSION_COOKIE) or request.cookies.get(VISITOR_COOKIE)):
        raise Problem(403)
    if not hmac.compare_digest(sent, token_for(request)):
        raise Problem(403)
