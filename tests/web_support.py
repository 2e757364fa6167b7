"""Helpers for the web tests: an app on a fresh data directory, and people who sign up."""

from __future__ import annotations

import atexit
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from symptom_decoder.settings import get_settings
from symptom_decoder.web.app import create_app

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


def make_client() -> TestClient:
    """A client for a new app; HTTPS so that the Secure session cookie is sent back."""
    return TestClient(create_app(get_settings()), base_url="https://testserver")


def token(client: TestClient, path: str = "/") -> str:
    """The CSRF token of the page at PATH for this client's session."""
    found = _TOKEN.search(client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_up(client: TestClient, name: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/signup",
        data={"username": name, "password": password, "confirm": password,
              "csrf_token": token(client, "/signup")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def person(name: str) -> TestClient:
    client = make_client()
    sign_up(client, name)
    return client


def all_routes(routes: list[object]) -> list[APIRoute]:
    """Every API route of an app, inside FastAPI's included routers too."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        included = getattr(route, "original_router", None)
        if included is not None:
            found.extend(all_routes(list(included.routes)))
    return found


_FOODS: list[Path] = []
SR28 = Path(__file__).resolve().parents[2] / "shared" / "data" / "usda-sr28"


def with_food_data() -> None:
    """Put USDA SR28, imported once per run, where the app's settings look for food data."""
    from symptom_decoder.foods.importer import import_foods

    if not _FOODS:
        folder = Path(tempfile.mkdtemp(prefix="sd-foods-"))
        atexit.register(shutil.rmtree, folder, True)
        import_foods(SR28, folder / "foods.sqlite3")
        _FOODS.append(folder / "foods.sqlite3")
    target = get_settings().food_db_path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_FOODS[0], target)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[Any], seconds: float = 30) -> None:
    """Stop a server a test started: asked politely, then by force after SECONDS."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
