"""Sign up, sign in, sign out; cookies, argon2, the rate limit and CSRF on every form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from symptom_decoder.store.account_models import Account, LoginAttempt
from web_support import PASSWORD, all_routes, make_client, person, sign_up, token


@pytest.fixture
def client() -> TestClient:
    return make_client()


def _login(client: TestClient, name: str, password: str) -> int:
    response = client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token(client, "/login")},
        follow_redirects=False,
    )
    return response.status_code


def test_it_signs_up_and_signs_in_at_once(client: TestClient) -> None:
    sign_up(client, "alice")
    page = client.get("/settings")
    assert page.status_code == 200
    assert "Signed in as alice" in page.text


def test_it_sets_a_secure_httponly_samesite_session_cookie(client: TestClient) -> None:
    response = client.post(
        "/signup",
        data={"username": "alice", "password": PASSWORD, "confirm": PASSWORD,
              "csrf_token": token(client, "/signup")},
        follow_redirects=False,
    )
    cookie = next(v for k, v in response.headers.multi_items()
                  if k == "set-cookie" and v.startswith("sd_session="))
    lowered = cookie.lower()
    assert "secure" in lowered
    assert "httponly" in lowered
    assert "samesite=lax" in lowered


def test_it_stores_only_an_argon2_hash(client: TestClient) -> None:
    sign_up(client, "alice")
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        account = session.scalars(select(Account)).one()
    assert account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash


@pytest.mark.parametrize(
    ("name", "password", "confirm", "field"),
    [
        ("al", PASSWORD, PASSWORD, "username"),
        ("alice", "short", "short", "password"),
        ("alice", PASSWORD, PASSWORD + "x", "confirm"),
    ],
    ids=["name-too-short", "password-too-short", "passwords-differ"],
)
def test_it_names_the_field_that_stops_a_sign_up(
    client: TestClient, name: str, password: str, confirm: str, field: str
) -> None:
    response = client.post(
        "/signup",
        data={"username": name, "password": password, "confirm": confirm,
              "csrf_token": token(client, "/signup")},
    )
    assert response.status_code == 422
    assert f'id="err-{field}"' in response.text


def test_it_refuses_a_name_that_is_taken() -> None:
    person("alice")
    client = make_client()
    response = client.post(
        "/signup",
        data={"username": "Alice", "password": PASSWORD, "confirm": PASSWORD,
              "csrf_token": token(client, "/signup")},
    )
    assert response.status_code == 422
    assert "That name is taken" in response.text


def test_it_signs_in_and_out(client: TestClient) -> None:
    sign_up(client, "alice")
    client.post("/logout", data={"csrf_token": token(client)})
    assert client.get("/settings", follow_redirects=False).status_code == 303
    assert _login(client, "alice", PASSWORD) == 303
    assert client.get("/settings").status_code == 200


def test_it_sends_a_visitor_to_sign_in_and_back(client: TestClient) -> None:
    response = client.get("/settings", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/settings"


def test_it_never_redirects_to_another_site_after_sign_in(client: TestClient) -> None:
    sign_up(client, "alice")
    client.post("/logout", data={"csrf_token": token(client)})
    response = client.post(
        "/login",
        data={"username": "alice", "password": PASSWORD, "next": "//evil.example/x",
              "csrf_token": token(client, "/login")},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/diary"


def test_it_says_the_same_for_a_wrong_name_and_a_wrong_password(client: TestClient) -> None:
    sign_up(client, "alice")
    client.post("/logout", data={"csrf_token": token(client)})
    wrong_password = client.post(
        "/login", data={"username": "alice", "password": "nope nope nope",
                        "csrf_token": token(client, "/login")})
    wrong_name = client.post(
        "/login", data={"username": "nobody", "password": PASSWORD,
                        "csrf_token": token(client, "/login")})
    assert wrong_password.status_code == wrong_name.status_code == 422
    assert "That name and password do not match." in wrong_password.text
    assert "That name and password do not match." in wrong_name.text


def test_it_slows_down_password_guessing_after_five_failures(client: TestClient) -> None:
    sign_up(client, "alice")
    client.post("/logout", data={"csrf_token": token(client)})
    for _ in range(5):
        assert _login(client, "alice", "wrong password!") == 422
    assert _login(client, "alice", PASSWORD) == 429
    response = client.post("/login", data={"username": "alice", "password": PASSWORD,
                                           "csrf_token": token(client, "/login")})
    assert response.headers["retry-after"] == "900"
    assert "Too many tries. Please wait 15 minutes" in response.text
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        assert len(session.scalars(select(LoginAttempt)).all()) == 5


def test_it_limits_guesses_from_one_address_across_names(client: TestClient) -> None:
    for number in range(20):
        assert _login(client, f"name{number}", "wrong password!") == 422
    assert _login(client, "another", "wrong password!") == 429


def test_it_counts_only_the_last_fifteen_minutes() -> None:
    from datetime import timedelta

    from symptom_decoder.web import accounts

    client = person("alice")
    old = datetime.now(UTC) - timedelta(minutes=16)
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        for _ in range(5):
            accounts.record_failure(session, username="alice", ip="testclient", now=old)
        session.commit()
    client.post("/logout", data={"csrf_token": token(client)})
    assert _login(client, "alice", PASSWORD) == 303


def _form_routes(client: TestClient) -> list[str]:
    return [
        r.path for r in all_routes(list(client.app.routes))  # type: ignore[attr-defined]
        if "POST" in (r.methods or ()) and not r.path.startswith("/api/")
    ]


def test_it_refuses_every_form_without_the_csrf_token() -> None:
    client = person("alice")
    paths = _form_routes(client)
    assert {"/signup", "/login", "/logout", "/assess", "/delete"} <= set(paths)
    for path in paths:
        response = client.post(path, data={"x": "1"}, follow_redirects=False)
        assert response.status_code == 403, path
        bad = client.post(path, data={"csrf_token": "0" * 64}, follow_redirects=False)
        assert bad.status_code == 403, path


def test_it_ties_the_token_to_the_session() -> None:
    alice, bob = person("alice"), person("bob")
    stolen = token(alice)
    response = bob.post("/logout", data={"csrf_token": stolen}, follow_redirects=False)
    assert response.status_code == 403


def test_it_changes_a_password_and_signs_out_other_browsers() -> None:
    phone = person("alice")
    laptop = make_client()
    assert _login(laptop, "alice", PASSWORD) == 303
    response = phone.post(
        "/settings/password",
        data={"current_password": PASSWORD, "password": "a new long password",
              "confirm": "a new long password", "csrf_token": token(phone, "/settings")},
    )
    assert "Your password is changed." in response.text
    assert laptop.get("/settings", follow_redirects=False).status_code == 303
    assert phone.get("/settings").status_code == 200


def test_it_sends_a_form_from_an_expired_session_to_sign_in_then_the_diary(
    client: TestClient,
) -> None:
    response = client.post("/diary/episodes", data={"csrf_token": token(client)},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/diary"
