"""One error shape: ``application/problem+json`` (RFC 9457) for the API, a plain page for people.

Every error path in the app raises ``Problem`` or is turned into one here, so the JSON API
answers with ``type, title, status, detail, errors: [{field, message}]`` and never a traceback.
The product's own errors (``symptom_decoder.errors.DecoderError`` and its kin) carry their
HTTP status and the fields at fault, so routes let them rise and this one handler answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response

from symptom_decoder.errors import DecoderError

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    410: "Gone",
    413: "Too large",
    415: "Unsupported media type",
    422: "Some answers need another look",
    429: "Too many tries",
    500: "Something went wrong on our side",
    503: "Not available right now",
}

PLAIN = {
    401: "Please sign in to see this.",
    403: "This form had expired or came from somewhere else. Go back, reload and try again.",
    404: "There is nothing here.",
    405: "This address does not take that kind of request.",
    410: "This is no longer here.",
    413: "That was more than we can take in one go.",
    429: "Too many tries. Please wait a few minutes, then try again.",
    500: "Something went wrong on our side. Your data is safe. Please try again.",
    503: "This is not available right now. Please try again in a few minutes.",
}


@dataclass(eq=False)
class Problem(Exception):
    """An error to show: STATUS with a plain DETAIL and, for bad input, one entry per field."""

    status: int
    detail: str = ""
    errors: list[dict[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, Any] = field(default_factory=dict)
    """Extra members of the problem document (RFC 9457), e.g. the choices to pick from."""

    def __str__(self) -> str:
        return f"{self.status}: {self.detail}"

    @property
    def title(self) -> str:
        return TITLES.get(self.status, "Error")

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": f"/problems/{self.status}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail or PLAIN.get(self.status, self.title),
        }
        if self.errors:
            doc["errors"] = self.errors
        doc.update({k: v for k, v in self.extensions.items() if k not in doc})
        return doc


def from_error(exc: DecoderError) -> Problem:
    """The problem for one of the product's errors: its status, and each field at fault."""
    fields = [{"field": f, "message": m} for f, m in exc.field_errors()]
    return Problem(exc.status, exc.summary(), fields, extensions=dict(exc.extensions()))


def field_errors(problems: list[str]) -> list[dict[str, str]]:
    """``path: message`` lines (as the answers validator writes them) as field entries."""
    out = []
    for line in problems:
        where, _, message = line.partition(": ")
        out.append({"field": where, "message": message or line})
    return out


def wants_json(path: str, accept: str) -> bool:
    return path.startswith("/api/") or (
        "json" in accept and "text/html" not in accept
    )


def _html(problem: Problem) -> HTMLResponse:
    # A page without the app's templates: it must work even when rendering is what failed.
    detail = problem.detail or PLAIN.get(problem.status, problem.title)
    body = (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{_escape(problem.title)} - Symptom Decoder</title>"
        "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main id=\"main\">"
        f"<h1>{_escape(problem.title)}</h1><p>{_escape(detail)}</p>"
        + "".join(
            f"<p>{_escape(e['field'])}: {_escape(e['message'])}</p>" for e in problem.errors
        )
        + "<p><a class=\"button\" href=\"/\">Go to the start</a></p></main></body></html>"
    )
    return HTMLResponse(body, status_code=problem.status, headers=problem.headers)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def problem_response(
    problem: Problem, *, path: str, accept: str, back: str | None = None
) -> Response:
    if wants_json(path, accept):
        return Response(
            # Text from a request may hold lone surrogates, which UTF-8 cannot carry.
            json.dumps(problem.document(), ensure_ascii=False).encode("utf-8", "replace"),
            status_code=problem.status,
            media_type=PROBLEM_JSON,
            headers=problem.headers,
        )
    if problem.status == 401:
        return RedirectResponse(f"/login?next={quote(back or path)}", status_code=303)
    return _html(problem)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "form")]
        out.append({"field": ".".join(loc) or "body", "message": str(err.get("msg", "invalid"))})
    return out


def install(app: FastAPI) -> None:
    """Route every error through ``problem_response``."""

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        # After signing in she comes back to the page she asked for; a form sent with an
        # expired session cannot be sent again by a redirect, so that leads to the diary.
        back = request.url.path if request.method == "GET" else "/diary"
        return problem_response(exc, path=request.url.path, accept=_accept(request), back=back)

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DecoderError)
        back = request.url.path if request.method == "GET" else "/diary"
        return problem_response(from_error(exc), path=request.url.path,
                                accept=_accept(request), back=back)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        problem = Problem(exc.status_code, headers=dict(exc.headers or {}))
        return problem_response(problem, path=request.url.path, accept=_accept(request))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problem = Problem(422, "Some values are missing or not valid.", _validation_errors(exc))
        return problem_response(problem, path=request.url.path, accept=_accept(request))

    async def on_crash(request: Request, exc: Exception) -> Response:
        return problem_response(Problem(500), path=request.url.path, accept=_accept(request))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(DecoderError, on_error)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_crash)


def _accept(request: Request) -> str:
    return request.headers.get("accept", "")
