"""The web app's accounts and data on both databases: SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from symptom_decoder.settings import get_settings
from symptom_decoder.web.app import create_app
from web_support import PASSWORD, sign_up, token

pytestmark = pytest.mark.postgres


@pytest.fixture
def client(blank_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("DATABASE_URL", blank_url)
    get_settings.cache_clear()
    app = create_app(get_settings())
    try:
        yield TestClient(app, base_url="https://testserver")
    finally:
        app.state.engine.dispose()


def _login(client: TestClient, password: str) -> int:
    return client.post("/login", data={"username": "alice", "password": password,
                                       "csrf_token": token(client, "/login")},
                       follow_redirects=False).status_code


def test_it_signs_in_limits_guesses_and_erases_on_each_database(client: TestClient) -> None:
    sign_up(client, "alice")
    headers = {"x-csrf-token": token(client)}
    item = {"uuid": str(uuid.uuid4()), "zone": "Europe/London", "severity": 6}
    assert client.post("/api/v1/diary/episodes", json=item, headers=headers).status_code == 201
    assert client.post("/api/v1/diary/episodes", json=item, headers=headers).status_code == 200
    assert len(client.get("/export").json()["tables"]["episodes"]) == 1

    client.post("/logout", data={"csrf_token": token(client)})
    for _ in range(5):
        assert _login(client, "not the password") == 422
    assert _login(client, PASSWORD) == 429


def test_it_deletes_a_person_with_all_her_rows_on_each_database(client: TestClient) -> None:
    sign_up(client, "alice")
    client.post("/api/v1/diary/episodes", json={"zone": "UTC"},
                headers={"x-csrf-token": token(client)})
    done = client.post("/delete", data={"confirm_delete": "alice",
                                        "csrf_token": token(client, "/settings")})
    assert "Everything is deleted" in done.text
    assert _login(client, PASSWORD) == 422
