"""The app factory: ``create_app(settings)`` wires the store, the pack, the routers and the
security layers. ``symptom-decoder serve`` runs it with uvicorn."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from symptom_decoder.settings import Settings

STATIC = Path(__file__).with_name("static")


def secret_key(settings: Settings) -> str:
    """SD_SECRET_KEY, or a key made once and kept in the data directory."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key + "\n", encoding="utf-8")
    path.chmod(0o600)
    return key


def create_app(settings: Settings, *, secure_cookies: bool = True) -> FastAPI:
    """The web app on SETTINGS' database. SECURE_COOKIES=False is for plain HTTP on a
    development host other than localhost (browsers already accept Secure cookies there)."""
    from symptom_decoder.knowledge import load_pack
    from symptom_decoder.store.db import make_engine, session_factory, upgrade
    from symptom_decoder.web import csrf, problems
    from symptom_decoder.web.routes import (
        account,
        api,
        api_diary,
        api_foods,
        api_shares,
        assess,
        auth,
        diary,
        foods,
        pages,
        shared,
        summary,
    )
    from symptom_decoder.web.security import BodyLimit, HeadAsGet, SecurityHeaders

    engine = make_engine(settings.effective_database_url)
    upgrade(engine)
    app = FastAPI(
        title="Symptom Decoder",
        version=_version(),
        description="Night-time leg cramps in pregnancy: danger signs first, likely drivers "
        "with their reasons, and a safe plan. It explains; it never diagnoses.",
        docs_url=None,  # Swagger UI loads its assets from a CDN; /api lists the endpoints.
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.pack = load_pack(settings.pack)
    app.state.secret_key = secret_key(settings)
    app.state.secure_cookies = secure_cookies

    problems.install(app)
    forms = [Depends(csrf.protect)]
    app.include_router(pages.router, dependencies=forms, include_in_schema=False)
    app.include_router(auth.router, dependencies=forms, include_in_schema=False)
    app.include_router(assess.router, dependencies=forms, include_in_schema=False)
    app.include_router(account.router, dependencies=forms, include_in_schema=False)
    app.include_router(diary.router, dependencies=forms, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(foods.router, dependencies=forms, include_in_schema=False)
    app.include_router(api_diary.router)
    app.include_router(api_foods.router)
    app.include_router(summary.router, dependencies=forms, include_in_schema=False)
    app.include_router(shared.router, include_in_schema=False)
    app.include_router(api_shares.router)
    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        return api.add_schemas(plain_openapi())

    app.openapi = openapi  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


def _version() -> str:
    from symptom_decoder import __version__

    return str(__version__)
