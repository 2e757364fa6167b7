"""Export my data and delete my data."""

from __future__ import annotations

import json

from sqlalchemy import select

from symptom_decoder.store.account_models import LoginAttempt
from symptom_decoder.store.models import Person
from web_support import PASSWORD, make_client, person, token


def test_it_exports_everything_but_secrets() -> None:
    alice = person("alice")
    alice.post("/api/v1/diary/episodes", json={"zone": "UTC", "note": "after a long walk"},
               headers={"x-csrf-token": token(alice)})
    response = alice.get("/export")
    assert response.headers["content-disposition"].startswith("attachment;")
    doc = json.loads(response.text)
    assert doc["schema"] == "symptom-decoder-export/v1"
    assert doc["tables"]["accounts"][0]["username"] == "alice"
    assert doc["tables"]["episodes"][0]["note"] == "after a long walk"
    assert "password_hash" not in response.text
    assert "web_sessions" not in doc["tables"]
    assert "argon2" not in response.text


def test_it_deletes_everything_after_the_name_is_typed() -> None:
    alice, bob = person("alice"), person("bob")
    alice.post("/api/v1/diary/episodes", json={"zone": "UTC"},
               headers={"x-csrf-token": token(alice)})
    wrong = alice.post("/delete", data={"confirm_delete": "bob",
                                        "csrf_token": token(alice, "/settings")})
    assert wrong.status_code == 422
    done = alice.post("/delete", data={"confirm_delete": "alice",
                                       "csrf_token": token(alice, "/settings")})
    assert "Everything is deleted" in done.text
    assert alice.get("/settings", follow_redirects=False).status_code == 303
    with alice.app.state.sessions() as session:  # type: ignore[attr-defined]
        handles = session.scalars(select(Person.handle)).all()
    assert len(handles) == 1  # only bob's person is left
    with alice.app.state.sessions() as session:  # type: ignore[attr-defined]
        names = session.scalars(select(LoginAttempt.username)).all()
    assert "alice" not in names
    assert bob.get("/settings").status_code == 200
    again = make_client()
    response = again.post("/login", data={"username": "alice", "password": PASSWORD,
                                          "csrf_token": token(again, "/login")})
    assert response.status_code == 422
