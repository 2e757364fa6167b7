"""A visitor's result is kept when she makes an account (or signs in) from the result page,
and deleting an account needs the name exactly as it is shown."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from web_support import PASSWORD, make_client, person, token

ANSWERS = {"schema": "answers/v1", "gestational_week": 30,
           "cramps": {"timing": "night", "muscles": ["calf"]},
           "intake": {"fluid_litres_per_day": 1.0}}


def _result_page(visitor: TestClient) -> str:
    """The result page a visitor sees, by way of the check's last step."""
    page = visitor.post("/assess", data={"state": json.dumps(ANSWERS), "step": "danger",
                                         "action": "result", "csrf_token": token(visitor)})
    assert page.status_code == 200
    return page.text


def _state(page: str) -> str:
    found = re.search(r'action="/signup/keep".*?name="state" value="([^"]*)"', page, re.S)
    assert found, "the result page offers no way to keep it"
    return found.group(1).replace("&#34;", '"').replace("&quot;", '"')


def test_the_result_page_offers_a_visitor_to_keep_her_result() -> None:
    visitor = make_client()
    page = _result_page(visitor)
    assert "Save to my diary" in page and 'formaction="/login/keep"' in page
    assert json.loads(_state(page))["gestational_week"] == 30


def test_it_keeps_a_visitors_result_when_she_makes_an_account() -> None:
    visitor = make_client()
    state = json.dumps(ANSWERS)
    form = visitor.post("/signup/keep", data={"state": state, "csrf_token": token(visitor)})
    assert "Your result comes with you" in form.text
    made = visitor.post("/signup", data={"username": "maya30", "password": PASSWORD,
                                         "confirm": PASSWORD, "state": state,
                                         "csrf_token": token(visitor, "/signup")},
                        follow_redirects=False)
    assert made.status_code == 303
    assert re.fullmatch(r"/diary/results/\d+", made.headers["location"])
    saved = visitor.get("/api/v1/diary/assessments").json()["assessments"]
    assert len(saved) == 1
    kept = visitor.get(f"/api/v1/diary/assessments/{saved[0]['id']}").json()
    assert kept["answers"] == ANSWERS
    page = visitor.get(made.headers["location"])
    assert page.status_code == 200
    triage = kept["assessment"]["triage"]
    assert html.escape(triage.get("do_now") or triage["headline"]) in page.text
    assert "/diary/results/" in visitor.get("/diary").text


def test_it_keeps_the_result_through_a_refused_sign_up() -> None:
    visitor = make_client()
    state = json.dumps(ANSWERS)
    refused = visitor.post("/signup", data={"username": "maya30", "password": "short",
                                            "confirm": "short", "state": state,
                                            "csrf_token": token(visitor, "/signup")})
    assert refused.status_code == 422
    assert _state_field(refused.text) == state


def _state_field(page: str) -> str:
    found = re.search(r'name="state" value="([^"]*)"', page)
    assert found
    return found.group(1).replace("&#34;", '"').replace("&quot;", '"')


def test_it_keeps_the_result_when_she_signs_in_instead() -> None:
    person("maya30")
    visitor = make_client()
    state = json.dumps(ANSWERS)
    form = visitor.post("/login/keep", data={"state": state, "csrf_token": token(visitor)})
    assert "Your result comes with you" in form.text
    done = visitor.post("/login", data={"username": "maya30", "password": PASSWORD,
                                        "state": state, "csrf_token": token(visitor, "/login")},
                        follow_redirects=False)
    assert re.fullmatch(r"/diary/results/\d+", done.headers["location"])
    assert len(visitor.get("/api/v1/diary/assessments").json()["assessments"]) == 1


@pytest.mark.parametrize(("state", "kept"), [
    pytest.param(None, 0, id="no result carried"),
    pytest.param("{}", 1, id="a result with every question skipped"),
    pytest.param('{"gestational_week": 99}', 0, id="answers that are not valid"),
])
def test_it_keeps_only_a_result_that_was_carried(state: str | None, kept: int) -> None:
    visitor = make_client()
    form = {"username": "maya30", "password": PASSWORD, "confirm": PASSWORD,
            "csrf_token": token(visitor, "/signup"), **({"state": state} if state else {})}
    made = visitor.post("/signup", data=form, follow_redirects=False)
    assert made.status_code == 303
    assert made.headers["location"].startswith("/diary/results/" if kept else "/diary")
    assert len(visitor.get("/api/v1/diary/assessments").json()["assessments"]) == kept


@pytest.mark.parametrize(("typed", "says"), [
    pytest.param("Maya30 ", "Type it exactly as shown, in small letters and without spaces: "
                 "maya30.", id="a capital and a space"),
    pytest.param(" maya30", "Type it exactly as shown, without spaces: maya30.",
                 id="a space before it"),
    pytest.param("Maya30", "Type it exactly as shown, in small letters: maya30.",
                 id="a capital"),
    pytest.param("maya3", "That is not your sign-in name. Type maya30 exactly to confirm.",
                 id="a letter short"),
    pytest.param("", "Type your sign-in name, maya30, to confirm.", id="nothing"),
])
def test_it_deletes_an_account_only_for_the_exact_name(typed: str, says: str) -> None:
    maya = person("maya30")
    refused = maya.post("/delete", data={"confirm_delete": typed,
                                         "csrf_token": token(maya, "/settings")})
    assert refused.status_code == 422
    field = re.search(r'<input id="f-confirm_delete"[^>]*>', refused.text)
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0) and "autofocus" in field.group(0)
    assert 'aria-describedby="hint-confirm_delete err-confirm_delete"' in field.group(0)
    assert f'<p class="error" id="err-confirm_delete">{says}</p>' in refused.text
    assert maya.get("/api/v1/session").json()["signed_in"] is True
