"""Response headers that keep pages from being framed or injected, and bounded request bodies."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from symptom_decoder.web.problems import Problem, problem_response

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

def safe_target(target: str, fallback: str = "/diary") -> str:
    """TARGET if it is a path on this site, else FALLBACK: never an open redirect."""
    if (target.startswith("/") and not target.startswith("//") and "\\" not in target
            and not any(ord(c) < 32 for c in target)):
        return target
    return fallback


JSON_LIMIT = 256 * 1024
UPLOAD_LIMIT = 2 * 1024 * 1024


class SecurityHeaders:
    """Adds the headers above to every HTTP response, and ``Cache-Control: no-store`` to
    every response outside /static/ that sets none: personal pages and answers must not
    stay in a shared phone's cache."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        cacheable = scope.get("path", "").startswith("/static/")

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in names]
                if not cacheable and b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, add_headers)


def limit_for(content_type: str) -> int:
    """Uploads (multipart) may be up to 2 MB; everything else up to 256 KB."""
    return UPLOAD_LIMIT if content_type.startswith("multipart/") else JSON_LIMIT


class BodyLimit:
    """Refuses bodies over the limit with 413, whether or not a Content-Length was sent.

    A body without a Content-Length (chunked) is read here first, up to the limit, and
    handed on whole: refusing it half-way through the app would leave upload parsers with
    open temporary files.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        limit = limit_for(headers.get("content-type", ""))
        declared = headers.get("content-length", "")
        if declared.isdigit():
            if int(declared) > limit:
                await self._refuse(scope, receive, send, limit, headers)
                return
            # The server holds the body to its declared length, so it cannot grow past it.
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, receive, send, limit, headers)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(
        scope: Scope, receive: Receive, send: Send, limit: int, headers: dict[str, str]
    ) -> None:
        problem = Problem(413, f"The request body is over the limit of {limit // 1024} KB.")
        response = problem_response(
            problem, path=scope.get("path", ""), accept=headers.get("accept", "")
        )
        await response(scope, receive, send)


class HeadAsGet:
    """Answers HEAD like GET without the body, as HTTP asks; FastAPI's GET routes do not
    (link checkers and uptime monitors send HEAD)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
