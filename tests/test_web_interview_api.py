"""POST /api/v1/interview: the check one screen at a time, stateless, for any front end."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from personas import full_answers, walk
from symptom_decoder.engine import Turn, assess, next_turn
from symptom_decoder.knowledge import load_pack
from web_support import make_client

PACK = load_pack()
DANGER_SIGNS = [q.path for q in PACK.questions if q.red_flag and q.ask_when is None]


@pytest.fixture
def client() -> TestClient:
    return make_client()


def test_it_starts_with_the_danger_checklist_alone(client: TestClient) -> None:
    response = client.post("/api/v1/interview", json={"answers": {}, "mode": "quick"})
    assert response.status_code == 200
    body = response.json()
    assert body["done"] is False
    assert body["checklist"] is True
    assert [q["path"] for q in body["next"]] == DANGER_SIGNS
    assert body["next"][0] == {
        "path": "red_flags.sudden_shortness_of_breath", "id": "sudden_breathlessness",
        "text": "Have you suddenly become short of breath?",
        "help": "New or sudden breathlessness, not the slow breathlessness of late pregnancy.",
        "type": "boolean", "choices": None, "unit": None,
    }
    assert body["progress"] == {"asked": 0, "left": 15, "screen": 1, "screens": 4}


def test_a_danger_answer_ends_it_with_the_danger_result(client: TestClient) -> None:
    answers = {"gestational_week": 30, "red_flags": {"chest_pain": True}}
    body = client.post("/api/v1/interview", json={"answers": answers}).json()
    assert body["done"] is True and body["danger"] is True
    assert body["assessment"] == assess({**answers}, PACK).to_json()
    assert body["assessment"]["triage"]["level"] == "emergency"


def test_the_persona_walks_it_over_http_as_the_engine_says(client: TestClient) -> None:
    full = full_answers("tired-30-weeks")

    def step(answers: dict[str, Any], skipped: list[str], mode: Any) -> Turn:
        body = client.post("/api/v1/interview", json={
            "answers": answers, "skipped": skipped, "mode": mode}).json()
        turn = next_turn(answers, PACK, skipped=skipped, mode=mode)
        assert body["done"] == turn.done
        if not turn.done:
            assert [q["path"] for q in body["next"]] == [q.path for q in turn.questions]
        return turn

    quick = walk(PACK, full, "quick", step=step)
    assert quick.questions <= 15 and len(quick.screens) <= 4


def test_it_reads_numbers_typed_as_text(client: TestClient) -> None:
    answers = {"gestational_week": "30 weeks", "intake": {"fluid_litres_per_day": "1,5 l"},
               "supplements": [{"kind": "calcium_antacid", "calcium_mg": "500 mg"}]}
    body = client.post("/api/v1/interview", json={"answers": answers, "mode": "full"}).json()
    expected = {"schema": "answers/v1", "gestational_week": 30,
                "intake": {"fluid_litres_per_day": 1.5},
                "supplements": [{"kind": "calcium_antacid", "calcium_mg": 500}]}
    assert body["done"] is False
    assert body["next"] == client.post("/api/v1/interview", json={
        "answers": expected, "mode": "full"}).json()["next"]


def test_a_whole_blood_pressure_reading_in_one_field_is_split_in_words(
        client: TestClient) -> None:
    response = client.post("/api/v1/interview", json={
        "answers": {"measurements": {"bp_systolic_mmhg": "142/91"}}, "mode": "full"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "answers.measurements.bp_systolic_mmhg",
         "message": "Please type 142 as the upper number and 91 as the lower number, each in "
                    "its own box."}]


def test_it_names_every_field_at_fault(client: TestClient) -> None:
    response = client.post("/api/v1/interview", json={
        "answers": {"gestational_week": "soon", "age_years": 200},
        "skipped": ["nope"], "mode": "fast", "seen": "self_care", "extra": 1})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "/problems/422",
        "title": "Some answers need another look",
        "status": 422,
        "detail": "Some values are not valid.",
        "errors": [
            {"field": "extra", "message": "unknown field"},
            {"field": "answers.gestational_week",
             "message": "Please type a number, like 2 or 2.5."},
            {"field": "answers.age_years", "message": "must be at most 60 (got 200)"},
            {"field": "skipped", "message": "\"nope\" is not a question's path"},
            {"field": "mode", "message": "must be one of quick, full (got \"fast\")"},
            {"field": "seen", "message": "must be one of urgent, emergency (got \"self_care\")"},
        ],
    }


def test_it_refuses_a_body_that_is_not_an_object(client: TestClient) -> None:
    response = client.post("/api/v1/interview", json=[1])
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body", "message": "must be a JSON object (got [1])"}]


def test_it_is_described_in_the_openapi_spec(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/v1/interview"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/interview_request"}
    schemas = spec["components"]["schemas"]
    assert set(schemas["interview_request"]["properties"]) == {"answers", "skipped", "mode",
                                                               "seen"}
    done, screen = (schemas["interview_turn"]["oneOf"][i]["properties"] for i in (1, 0))
    assert done["assessment"] == {"$ref": "#/components/schemas/assessment_v1"}
    assert {"path", "text", "help", "type", "choices", "unit"} <= set(
        screen["next"]["items"]["properties"])
