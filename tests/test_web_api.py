"""The JSON API: the same answers as the command line, and every error as problem+json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from symptom_decoder.engine import assess
from symptom_decoder.knowledge import load_pack
from web_support import make_client, person, token

EXAMPLES = Path(__file__).resolve().parents[1] / "src/symptom_decoder/knowledge/packs"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "contract" / "examples"


@pytest.fixture
def client() -> TestClient:
    return make_client()


def _examples() -> list[Path]:
    return sorted(p for p in SHARED.glob("*.json") if p.name != "bad-input.json")


def test_the_api_text_is_the_command_lines_document_for_every_clinical_case() -> None:
    """The API serialises the assessment in one step (``to_json_bytes``); the command line
    builds the dict (``to_json``). Both must say the same, keys in the same order."""
    import yaml

    pack = load_pack()
    cases = Path(__file__).resolve().parent / "cases"
    sets = [case["answers"] for path in sorted(cases.glob("*.yaml"))
            for case in yaml.safe_load(path.read_text())]
    assert len(sets) > 150
    for answers in sets:
        result = assess(answers, pack)
        text, doc = json.loads(result.to_json_bytes()), result.to_json()
        assert text == doc, answers
        assert list(text) == list(doc)


@pytest.mark.parametrize("example", _examples(), ids=lambda p: p.stem)
def test_it_answers_exactly_what_the_engine_answers(client: TestClient, example: Path) -> None:
    answers = json.loads(example.read_text())["answers"]
    response = client.post("/api/v1/assess", json=answers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == assess(answers, load_pack()).to_json()


def test_it_names_each_bad_field(client: TestClient) -> None:
    response = client.post(
        "/api/v1/assess", json={"gestational_week": 50, "cramps": {"timing": "noon"}, "x": 1}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "/problems/422",
        "title": "Some answers need another look",
        "status": 422,
        "detail": "Some answers are not valid.",
        "errors": [
            {"field": "x", "message": "unknown field"},
            {"field": "cramps.timing", "message": "must be one of night, day, both (got \"noon\")"},
            {"field": "gestational_week", "message": "must be at most 44 (got 50)"},
        ],
    }


def test_it_refuses_a_body_that_is_not_json(client: TestClient) -> None:
    response = client.post(
        "/api/v1/assess", content=b"{oops", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "type": "/problems/400",
        "title": "Bad request",
        "status": 400,
        "detail": "The body is not valid JSON (line 1, column 2).",
        "errors": [{"field": "body", "message": "not JSON"}],
    }


def test_it_refuses_a_body_that_is_not_an_object(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json=[1])
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "answers", "message": "must be a JSON object (got [1])"}
    ]


def test_it_wants_json_content(client: TestClient) -> None:
    response = client.post("/api/v1/assess", content=b"{}", headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"


def test_it_refuses_a_body_over_256_kb(client: TestClient) -> None:
    body = b'{"x": "' + b"a" * (300 * 1024) + b'"}'
    response = client.post("/api/v1/assess", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["title"] == "Too large"


def test_it_refuses_a_streamed_body_over_the_limit_too(client: TestClient) -> None:
    def chunks() -> object:
        for _ in range(300):
            yield b"a" * 1024

    response = client.post("/api/v1/assess", content=chunks(),  # type: ignore[arg-type]
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_it_answers_unknown_api_paths_with_problem_json(client: TestClient) -> None:
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.json() == {"type": "/problems/404", "title": "Not found", "status": 404,
                               "detail": "There is nothing here."}


def test_it_answers_a_wrong_method_with_problem_json(client: TestClient) -> None:
    response = client.get("/api/v1/assess")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"


def test_it_wants_the_csrf_header_when_a_session_cookie_is_sent() -> None:
    alice = person("alice")
    refused = alice.post("/api/v1/assess", json={})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Send the page's CSRF token in the X-CSRF-Token header."
    allowed = alice.post("/api/v1/assess", json={}, headers={"x-csrf-token": token(alice)})
    assert allowed.status_code == 200


def test_it_documents_the_api_with_the_contract_schemas(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/assess" in spec["paths"]
    assert "/assess" not in spec["paths"]
    schemas = spec["components"]["schemas"]
    assert schemas["assessment_v1"]["properties"]["schema"] == {"const": "assessment/v1"}
    ref = schemas["assessment_v1"]["properties"]["factors"]["items"]["properties"]["reasons"]
    assert ref["items"]["$ref"] == "#/components/schemas/assessment_v1/$defs/reason"


def test_it_hides_a_crash_behind_a_plain_problem(client: TestClient) -> None:
    def boom() -> None:
        raise RuntimeError("secret internals")

    client.app.add_api_route("/api/v1/boom", boom)  # type: ignore[attr-defined]
    quiet = TestClient(client.app, base_url="https://testserver",
                       raise_server_exceptions=False)
    response = quiet.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json() == {
        "type": "/problems/500", "title": "Something went wrong on our side", "status": 500,
        "detail": "Something went wrong on our side. Your data is safe. Please try again.",
    }
    assert "secret internals" not in response.text


def test_it_tells_a_page_who_is_signed_in_and_the_current_token() -> None:
    visitor = make_client()
    assert visitor.get("/api/v1/session").json()["signed_in"] is False
    alice = person("alice")
    info = alice.get("/api/v1/session").json()
    assert info == {"signed_in": True, "username": "alice", "csrf_token": token(alice)}
    assert "access-control-allow-origin" not in alice.get("/api/v1/session").headers
