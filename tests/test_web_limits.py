"""Sign-in limits that hold under parallel tries on both databases, a lock a stranger cannot
use against the owner's own phone, a limited sign-up, and only safe redirects."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from conftest import Store
from symptom_decoder.errors import TooManyAttempts
from symptom_decoder.store.db import transaction
from symptom_decoder.web import accounts
from web_support import PASSWORD, make_client, person, sign_up, token

TRIES = 24


@pytest.mark.postgres
def test_parallel_tries_check_at_most_five_passwords(store: Store) -> None:
    with transaction(store.factory) as session:
        accounts.sign_up(session, username="alice", password=PASSWORD, confirm=PASSWORD)
    now = datetime.now(UTC)
    checked: list[int] = []
    refused: list[int] = []
    start = threading.Barrier(TRIES)

    def guess(n: int) -> None:
        start.wait()
        try:
            with transaction(store.factory) as session:
                counted = accounts.count_sign_in(session, username="alice", ip=f"10.0.0.{n}",
                                                 device=None, now=now)
        except TooManyAttempts:
            refused.append(n)
            return
        checked.append(n)
        try:
            with transaction(store.factory) as session:
                accounts.authenticate(session, username="alice", password=f"wrong {n} guess",
                                      ip=f"10.0.0.{n}", now=now, counted=counted)
        except accounts.AccountError:
            pass

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(TRIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(checked) == accounts.MAX_FAILURES
    assert len(refused) == TRIES - accounts.MAX_FAILURES


def _login(client: object, password: str) -> int:
    response = client.post(  # type: ignore[attr-defined]
        "/login", data={"username": "alice", "password": password,
                        "csrf_token": token(client, "/login")},  # type: ignore[arg-type]
        follow_redirects=False)
    return int(response.status_code)


def test_a_stranger_cannot_lock_the_owner_out_of_her_own_phone() -> None:
    phone = person("alice")
    phone.post("/logout", data={"csrf_token": token(phone)})
    stranger = make_client()
    for _ in range(accounts.MAX_FAILURES):
        assert _login(stranger, "guess guess guess") == 422
    assert _login(stranger, PASSWORD) == 429
    assert _login(make_client(), PASSWORD) == 429  # a new browser waits like the stranger
    assert _login(phone, PASSWORD) == 303  # her phone signed in before: it is let in
    phone.post("/logout", data={"csrf_token": token(phone)})
    for _ in range(accounts.MAX_FAILURES):
        assert _login(phone, "wrong on the phone") == 422
    assert _login(phone, PASSWORD) == 429  # the phone has its own limit


def test_sign_up_is_limited_per_address() -> None:
    client = make_client()
    for _ in range(accounts.MAX_SIGNUPS_PER_ADDRESS):
        response = client.post("/signup", data={
            "username": "alice", "password": PASSWORD, "confirm": PASSWORD,
            "csrf_token": token(client, "/signup")}, follow_redirects=False)
        assert response.status_code in (303, 422)
        client.cookies.clear()
    response = client.post("/signup", data={"username": "brand-new", "password": PASSWORD,
                                            "confirm": PASSWORD,
                                            "csrf_token": token(client, "/signup")})
    assert response.status_code == 429
    assert "Too many tries" in response.text
    assert "taken" not in response.text


@pytest.mark.parametrize("referer", ["https://testserver//evil.example/x",
                                     "https://testserver/\\evil.example",
                                     "https://evil.example/settings"])
def test_the_theme_switch_never_redirects_to_another_site(referer: str) -> None:
    client = make_client()
    sign_up(client, "alice")
    response = client.post("/settings/theme", data={"theme": "dark", "csrf_token": token(client)},
                           headers={"referer": referer}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/settings"


def test_the_theme_switch_goes_back_to_the_page_it_was_on() -> None:
    client = make_client()
    sign_up(client, "alice")
    response = client.post("/settings/theme", data={"theme": "dark", "csrf_token": token(client)},
                           headers={"referer": "https://testserver/relief"},
                           follow_redirects=False)
    assert response.headers["location"] == "/relief"
