"""Every request's outcome: one access log line, and a named answer instead of a crash.

``AccessLog`` (the outermost layer) writes one JSON line per request: method, path (never
the query string), status, milliseconds and the worker's process id; never a body, a
header or a cookie. ``Guard`` (the innermost) turns an error that escaped every handler into
``503`` with plain words when storage failed (a full disk, read-only storage, a database
that does not answer) and ``500`` otherwise, and logs the error's class and where it was
raised, never its message: database messages can quote what a person typed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import traceback
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from symptom_decoder.store.db import storage_problem
from symptom_decoder.web.problems import Problem, problem_response

ACCESS = logging.getLogger("symptom_decoder.access")
_SECRET_PATH = re.compile(r"^/s/[^/]+")


def _logged_path(path: str) -> str:
    """The path for the log, without a share link's token: the token opens her summary."""
    return _SECRET_PATH.sub("/s/{token}", path)
ERRORS = logging.getLogger("symptom_decoder.errors")
_PACKAGE = Path(__file__).resolve().parents[1]


def configure_logging() -> None:
    """JSON lines on standard error for the access log and errors (``serve`` calls this)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for logger in (ACCESS, ERRORS):
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not ACCESS.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            ACCESS.info(json.dumps({
                "event": "request", "method": scope.get("method", ""),
                "path": _logged_path(scope.get("path", "")), "status": status or 500,
                "ms": round((time.perf_counter() - start) * 1000, 1), "pid": os.getpid(),
            }))


def _where(exc: BaseException) -> list[str]:
    """The product's frames the error went through, as ``file:line function``."""
    frames = []
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.is_relative_to(_PACKAGE):
            frames.append(f"{path.relative_to(_PACKAGE)}:{frame.lineno} {frame.name}")
    return frames[-8:]


def log_error(scope: Scope, exc: BaseException, status: int) -> None:
    orig = getattr(exc, "orig", None)
    ERRORS.error(json.dumps({
        "event": "error", "status": status, "method": scope.get("method", ""),
        "path": _logged_path(scope.get("path", "")), "error": type(exc).__name__,
        "cause": type(orig).__name__ if orig is not None else None,
        "code": getattr(orig, "sqlstate", None), "where": _where(exc), "pid": os.getpid(),
    }))


class Guard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            words = storage_problem(exc)
            status = 503 if words else 500
            log_error(scope, exc, status)
            if started:
                return  # half an answer has gone out: the server closes the connection
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            problem = Problem(status, words or "",
                              headers={"retry-after": "60"} if words else {})
            response = problem_response(problem, path=scope.get("path", ""),
                                        accept=headers.get("accept", ""))
            await response(scope, receive, send)
