"""Pages anyone may read: home, relief guide, references, the API index, and the files that
make the app installable and usable offline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, JSONResponse, Response

from symptom_decoder.knowledge.pack import reference_order
from symptom_decoder.web.templating import STATIC, render

router = APIRouter()

STRETCH_SECONDS = 30
CLOT_ADVICE = "clot_leg_still"


@router.get("/")
def home(request: Request) -> Response:
    return render(request, "home.html", title="Night leg cramps in pregnancy")


@router.get("/relief")
def relief(request: Request) -> Response:
    pack = request.app.state.pack
    # Safety wording lives in the pack: its advice for a leg that may hold a clot comes first.
    safety = next((a for a in pack.relief if a.id == CLOT_ADVICE), None)
    return render(
        request,
        "relief.html",
        {"steps": [a for a in pack.relief if a.when is None], "safety": safety,
         "seconds": STRETCH_SECONDS, "refs": _refs(request)},
        title="Relief now",
    )


@router.get("/references")
def references(request: Request) -> Response:
    return render(
        request,
        "references.html",
        {"references": sorted(_refs(request).values(), key=lambda r: reference_order(r.id))},
        title="References",
    )


@router.get("/claims")
def claims(request: Request) -> Response:
    pack = request.app.state.pack
    return render(request, "claims.html",
                  {"claims": pack.claims, "refs": _refs(request), "verdicts": VERDICT_WORDS},
                  title="What the article claims, and what studies show")


VERDICT_WORDS = {"supported": "Supported", "mixed": "Mixed", "not_supported": "Not supported",
                 "unknown": "Not known"}


def _refs(request: Request) -> dict[str, Any]:
    return dict(request.app.state.pack.references)


@router.get("/api")
def api_index(request: Request) -> Response:
    spec = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
        for path, item in spec.get("paths", {}).items()
        for method, op in item.items()
    ]
    return render(request, "api.html", {"endpoints": endpoints}, title="JSON API")


@router.get("/offline")
def offline(request: Request) -> Response:
    return render(request, "offline.html", title="Offline")


@router.get("/healthz", include_in_schema=False)
async def healthz(request: Request) -> Response:
    """200 when this server can write its data; 503 naming the problem when it cannot."""
    problem = await request.app.state.health.problem_now()
    if problem is None:
        return JSONResponse({"status": "ok"})
    return JSONResponse({"status": "unavailable", "problem": problem}, status_code=503,
                        headers={"retry-after": "10"})


@router.get("/livez", include_in_schema=False)
async def livez() -> Response:
    """The process answers: nothing else is checked (restart it only when this fails)."""
    return JSONResponse({"status": "alive"})


@router.get("/manifest.webmanifest", include_in_schema=False)
def manifest() -> Response:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")


@router.get("/sw.js", include_in_schema=False)
def service_worker() -> Response:
    # Served from the root so that it may control every page of the app.
    response = FileResponse(STATIC / "sw.js", media_type="text/javascript")
    response.headers["cache-control"] = "no-cache"
    return response
