"""The app factory: ``create_app(settings)`` wires the store, the pack, the routers and the
security layers. ``symptom-decoder serve`` runs it with uvicorn."""

from __future__ import annotations

import os
import secrets
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from symptom_decoder.settings import Settings
from symptom_decoder.web.templating import STATIC


def secret_key(settings: Settings) -> str:
    """SD_SECRET_KEY, or a key made once and kept in the data directory."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        draft = path.with_name(f".secret_key.{os.getpid()}")
        try:
            # Made whole or not at all: workers starting together must read the same key.
            fd = os.open(draft, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(secrets.token_urlsafe(48) + "\n")
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8").strip()


def create_app(settings: Settings, *, secure_cookies: bool = True) -> FastAPI:
    """The web app on SETTINGS' database. SECURE_COOKIES=False is for plain HTTP on a
    development host other than localhost (browsers already accept Secure cookies there)."""
    from symptom_decoder.knowledge import load_pack
    from symptom_decoder.store.db import make_engine, session_factory, upgrade
    from symptom_decoder.web import csrf, problems
    from symptom_decoder.web.guard import AccessLog, Guard
    from symptom_decoder.web.health import Health
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
    app.state.health = Health(settings, engine)

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
        from symptom_decoder.web.openapi import add_errors

        return add_errors(api.add_schemas(plain_openapi()))

    app.openapi = openapi  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Innermost first: Guard answers for any error that escaped the handlers, inside the
    # layers that add headers; AccessLog, outermost, sees every answer.
    app.add_middleware(Guard)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.add_middleware(AccessLog)
    return app


def serve_app() -> FastAPI:
    """The app ``symptom-decoder serve`` runs in each worker process: settings from the
    environment (``SD_DEV_HTTP=1`` for ``--dev-http``), logs as JSON lines.

    Everything built at start (the app, the pack, its compiled plan) lives as long as the
    process, so it is moved out of the garbage collector's sight (``gc.freeze``): a full
    collection then walks only what requests made, not the whole app. Without it one
    request in a few hundred waited about 90 ms for such a walk.
    """
    import gc
    import os

    from symptom_decoder.engine import assess
    from symptom_decoder.settings import get_settings
    from symptom_decoder.web.guard import configure_logging

    configure_logging()
    app = create_app(get_settings(), secure_cookies=os.environ.get("SD_DEV_HTTP") != "1")
    assess({}, app.state.pack)  # compile the pack now, not on someone's first request
    app.openapi()  # build the API document now too
    gc.collect()
    gc.freeze()
    return app


def _version() -> str:
    from symptom_decoder import __version__

    return str(__version__)
