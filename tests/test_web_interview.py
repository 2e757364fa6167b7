"""The interview in pages: danger signs first, a stop on danger, follow-ups, the result."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from symptom_decoder.web import steps
from web_support import make_client, token


@pytest.fixture
def client() -> TestClient:
    return make_client()


def _state(page: str) -> dict[str, object]:
    found = re.search(r'name="state" value="([^"]*)"', page)
    assert found
    return dict(json.loads(html.unescape(found.group(1))))


def _post(client: TestClient, data: dict[str, str]) -> str:
    form = {"csrf_token": token(client, "/assess"), **data}
    response = client.post("/assess", data=form)
    assert response.status_code in (200, 422), response.text
    return response.text


def _shown(*ids: str) -> dict[str, str]:
    return {f"shown_{i}": "1" for i in ids}


def _danger_ids(client: TestClient) -> list[str]:
    page = client.get("/assess").text
    return re.findall(r'name="shown_([a-z0-9_]+)"', page)


def test_it_asks_the_danger_signs_first_and_alone(client: TestClient) -> None:
    page = client.get("/assess").text
    assert "Step 1 of" in page
    assert "Danger signs first" in page
    ids = _danger_ids(client)
    assert ids[:2] == ["sudden_breathlessness", "chest_pain"]
    assert "age" not in ids


def test_it_stops_on_a_danger_sign_and_says_what_to_do_now(client: TestClient) -> None:
    page = _post(client, {"step": "danger", "state": "", "action": "next",
                          "chest_pain": "yes", **_shown(*_danger_ids(client))})
    assert "Get help now" in page
    assert 'class="do-now"' in page
    assert "emergency" in page
    assert "Answer the other questions" in page


def test_it_goes_on_after_the_danger_page_without_showing_it_again(client: TestClient) -> None:
    page = _post(client, {"step": "danger", "state": "", "action": "next",
                          "chest_pain": "yes", **_shown(*_danger_ids(client))})
    state = _state(page)
    page = _post(client, {"step": "danger", "state": json.dumps(state), "seen": "emergency",
                          "action": "continue"})
    assert "About you" in page
    assert 'name="seen" value="emergency"' in page


def test_it_opens_a_follow_up_on_the_same_page(client: TestClient) -> None:
    page = _post(client, {"step": "danger", "state": "", "action": "next", "seen": "urgent",
                          "one_leg_swelling": "yes", **_shown(*_danger_ids(client))})
    assert "opened a question" in page
    assert "Which leg is swollen?" in page
    flags = _state(page)["red_flags"]
    assert isinstance(flags, dict)
    assert {k for k, v in flags.items() if v} == {"one_leg_swelling"}


def test_it_reads_unticked_danger_signs_as_absent(client: TestClient) -> None:
    page = _post(client, {"step": "danger", "state": "", "action": "next",
                          **_shown(*_danger_ids(client))})
    assert "About you" in page
    flags = _state(page)["red_flags"]
    assert isinstance(flags, dict) and set(flags.values()) == {False}


def test_it_names_an_answer_that_is_not_a_number(client: TestClient) -> None:
    page = _post(client, {"step": "you", "state": "", "action": "next", "age": "twenty",
                          **_shown("age", "week")})
    assert 'id="err-age"' in page
    assert "Please type a number." in page
    assert 'aria-invalid="true"' in page


def test_it_keeps_answers_across_steps_and_back(client: TestClient) -> None:
    page = _post(client, {"step": "you", "state": "", "action": "next", "age": "29",
                          "week": "32", **_shown("age", "week")})
    assert "Readings" in page
    assert _state(page)["age_years"] == 29
    back = _post(client, {"step": "readings", "state": json.dumps(_state(page)), "action": "back"})
    assert 'value="29"' in back


def test_it_throws_away_a_tampered_state(client: TestClient) -> None:
    page = _post(client, {"step": "you", "state": '{"gestational_week": 99}', "action": "next",
                          **_shown("age", "week")})
    assert "gestational_week" not in _state(page)


def test_it_shows_the_whole_result(client: TestClient) -> None:
    answers = json.dumps({
        "schema": "answers/v1", "age_years": 29, "gestational_week": 32,
        "cramps": {"episodes_per_week": 3, "timing": "night", "muscles": ["calf"]},
        "intake": {"magnesium_rich_servings_per_day": 0.5},
    })
    page = _post(client, {"step": "labs", "state": answers, "action": "result"})
    for text in ("Manage at home", "Get help now if", "What may be behind your cramps",
                 "Low magnesium", "Evidence:", "During a cramp", "A plan for the next weeks",
                 "References", 'id="ref-R1"', "<details>", "Sources:", 'href="/claims"'):
        assert text in page, text
    assert page.index("Get help now if") < page.index("What may be behind your cramps")
    assert not re.search(r"\b0\.\d{2}\b", page), "a likelihood shown as a decimal"


def test_a_blood_pressure_reading_in_the_readings_step_stops_for_danger(client: TestClient
                                                                      ) -> None:
    page = _post(client, {"step": "readings", "state": json.dumps({"gestational_week": 33}),
                          "action": "next", "bp_systolic": "165", "bp_diastolic": "100",
                          **_shown("bp_systolic", "bp_diastolic")})
    assert "Get help now" in page
    assert "maternity unit" in page
    assert "Answer the other questions" in page


def test_it_takes_supplements_in_rows(client: TestClient) -> None:
    page = _post(client, {"step": "pills", "state": "", "action": "next",
                          "sup0_kind": "calcium_antacid", "sup0_units_per_day": "6",
                          "sup0_calcium_mg": "500", **_shown("supplements", "medications"),
                          "medications": "proton_pump_inhibitor"})
    state = _state(page)
    assert state["supplements"] == [
        {"kind": "calcium_antacid", "units_per_day": 6, "calcium_mg": 500}
    ]
    assert state["medications"] == ["proton_pump_inhibitor"]


def test_it_walks_every_step_to_the_result(client: TestClient) -> None:
    state = ""
    page = client.get("/assess").text
    for index, step in enumerate(steps.STEPS):
        shown = _shown(*re.findall(r'name="shown_([a-z0-9_]+)"', page))
        page = _post(client, {"step": step.id, "state": state, "action": "next", **shown})
        state = json.dumps(_state(page))
        if index + 1 < len(steps.STEPS):
            assert steps.STEPS[index + 1].title in page
    assert "What may be behind your cramps" in page


def test_it_starts_a_signed_in_person_with_her_week_of_pregnancy() -> None:
    from datetime import date, timedelta

    from web_support import person

    alice = person("alice")
    due = (date.today() + timedelta(days=7 * 10)).isoformat()
    alice.post("/settings/profile", data={"due_date": due, "csrf_token": token(alice)})
    state = _state(alice.get("/assess").text)
    assert state["gestational_week"] in (29, 30)


def test_it_adds_a_row_for_another_supplement(client: TestClient) -> None:
    page = client.get("/assess").text
    page = _post(client, {"step": "pills", "state": "", "action": "goto:pills"})
    assert 'name="sup0_kind"' in page
    assert 'name="sup1_kind"' not in page
    page = _post(client, {"step": "pills", "state": "", "action": "more",
                          "sup0_kind": "iron", "sup0_iron_mg": "20", **_shown("supplements")})
    assert "Supplements and medicines" in page
    assert 'name="sup1_kind"' in page
    assert _state(page)["supplements"] == [{"kind": "iron", "iron_mg": 20}]


def test_it_names_a_supplement_amount_the_contract_refuses(client: TestClient) -> None:
    page = _post(client, {"step": "pills", "state": "", "action": "next",
                          "sup0_kind": "iron", "sup0_iron_mg": "2000",
                          **_shown("supplements")})
    assert "must be at most 1000 (got 2000)" in page
    assert "Supplements and medicines" in page
