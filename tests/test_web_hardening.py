"""Each input that once gave a 500 now gets a named 4xx, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from symptom_decoder.settings import get_settings
from symptom_decoder.store.diary_models import Episode
from symptom_decoder.web.app import create_app
from web_support import sign_up, token

pytestmark = pytest.mark.postgres


@pytest.fixture
def alice(blank_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("DATABASE_URL", blank_url)
    get_settings.cache_clear()
    app = create_app(get_settings())
    client = TestClient(app, base_url="https://testserver")
    sign_up(client, "alice")
    client.headers["x-csrf-token"] = token(client)
    try:
        yield client
    finally:
        app.state.engine.dispose()


def _field(response: object) -> str:
    doc = response.json()  # type: ignore[attr-defined]
    return str(doc["errors"][0]["field"])


def _log(client: TestClient, **body: object) -> int:
    body.setdefault("uuid", str(uuid.uuid4()))
    return client.post("/api/v1/diary/episodes", json=body).status_code


@pytest.mark.parametrize("big", [2**31, 2**63, 10**30])
def test_it_answers_an_id_too_large_for_any_table_with_422(alice: TestClient, big: int) -> None:
    for path in (f"/api/v1/diary/episodes/{big}", f"/api/v1/foods/{big}",
                 f"/api/v1/diary/assessments/{big}"):
        response = alice.get(path)
        assert response.status_code == 422, path
        assert _field(response) == "episode_id" or "id" in _field(response)
    assert alice.patch(f"/api/v1/diary/episodes/{2**63}", json={}).status_code == 422
    assert alice.delete(f"/api/v1/diary/episodes/{2**31}").status_code == 422


def test_it_refuses_json_nested_a_thousand_deep_by_name(alice: TestClient) -> None:
    for depth in (40, 1000, 100_000):
        body = "[" * depth + "]" * depth
        response = alice.post("/api/v1/assess", content=body,
                              headers={"content-type": "application/json"})
        assert response.status_code == 422
        assert "deeper than 32" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("text", ['"\\ud800"', '"a\\u0000b"'], ids=["lone-surrogate", "nul"])
def test_it_refuses_text_no_database_can_store(alice: TestClient, text: str) -> None:
    for path, body in (("/api/v1/diary/episodes", f'{{"note": {text}}}'),
                       ("/api/v1/supplements", f'{{"kind": "prenatal", "name": {text}}}'),
                       ("/api/v1/foodlog", f'{{"text": {text}}}'),
                       ("/api/v1/assess", f'{{"supplements": [{{"name": {text}}}]}}')):
        response = alice.post(path, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, (path, response.text)
    assert alice.get("/api/v1/diary/episodes").json() == {"episodes": []}


def test_it_refuses_a_nul_in_any_form_field(alice: TestClient) -> None:
    # The same app (and engine, disposed by the fixture) as alice's, in a new browser.
    client = TestClient(alice.app, base_url="https://testserver")
    response = client.post("/signup", data={"username": "bob\x00", "password": "x" * 12,
                                            "confirm": "x" * 12,
                                            "csrf_token": token(client, "/signup")})
    assert response.status_code == 422
    assert "NUL" in response.text


@pytest.mark.parametrize("zone", ["Europe", "x" * 300, "Europe/../../etc/passwd", "+99:00"])
def test_a_zone_that_does_not_exist_falls_back_to_the_servers(
    alice: TestClient, zone: str
) -> None:
    """A phone's queued cramp must never be refused for its zone, so an unknown one is
    replaced by the server's; the cookie likewise, on every page that reads it."""
    response = alice.post("/api/v1/diary/episodes", json={"zone": zone,
                                                          "started_at": "2026-11-01T02:00"})
    assert response.status_code == 201
    assert response.json()["zone"] != zone
    alice.cookies.set("sd_zone", zone)
    for page in ("/diary", "/foods", "/settings", "/trends"):
        assert alice.get(page).status_code == 200, page


@pytest.mark.parametrize(
    ("change", "field"),
    [({"started_at": 5}, "started_at"), ({"severity": "7"}, "severity"),
     ({"severity": 10**400}, "severity"), ({"duration_min": 10**400}, "duration_min"),
     ({"leg": 5}, "leg"), ({"woke": "yes"}, "woke"), ({"note": ["a"]}, "note"),
     ({"zone": 3}, "zone"), ({"uuid": str(uuid.uuid4())}, "uuid"), ({"nope": 1}, "nope"),
     ({"started_at": "9999-12-31T00:00:00+00:00"}, "started_at")],
    ids=["instant-number", "severity-text", "severity-huge", "duration-huge", "leg-number",
         "woke-text", "note-list", "zone-number", "uuid", "unknown", "far-future"],
)
def test_it_answers_a_wrongly_typed_patch_with_the_field(
    alice: TestClient, change: dict[str, object], field: str
) -> None:
    assert _log(alice, zone="UTC", severity=4) == 201
    episode = alice.get("/api/v1/diary/episodes").json()["episodes"][0]
    response = alice.patch(f"/api/v1/diary/episodes/{episode['id']}",
                           content=json.dumps(change), headers={"content-type":
                                                                "application/json"})
    assert response.status_code == 422, response.text
    assert _field(response) == field
    assert alice.get(f"/api/v1/diary/episodes/{episode['id']}").json() == episode


def test_it_still_changes_a_cramp_with_a_patch(alice: TestClient) -> None:
    assert _log(alice, zone="UTC", severity=4) == 201
    episode = alice.get("/api/v1/diary/episodes").json()["episodes"][0]
    changed = alice.patch(f"/api/v1/diary/episodes/{episode['id']}",
                          json={"severity": 6, "note": "better", "leg": "left",
                                "started_at": "2026-11-01T03:00", "zone": "Europe/Paris"})
    assert changed.status_code == 200, changed.text
    view = changed.json()
    assert (view["severity"], view["note"], view["leg"], view["zone"]) == (
        6, "better", "left", "Europe/Paris")
    assert view["started_at"].startswith("2026-11-01T03:00")


@pytest.mark.parametrize("when", ["9999-12-31T00:00:00+00:00", "1900-01-01T00:00:00+00:00",
                                  "1999-12-31T23:00:00+00:00"])
def test_it_refuses_cramps_outside_2000_to_tomorrow(alice: TestClient, when: str) -> None:
    response = alice.post("/api/v1/diary/episodes", json={"started_at": when, "zone": "UTC"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "started_at", "message":
                                          f"must be between 2000-01-01 and a day from now (got "
                                          f"{when[:10]})"}]


def test_stats_and_charts_stay_bounded_whatever_is_stored(alice: TestClient) -> None:
    """Rows written before dates were checked (year 1 or 9999) are left out of the counts."""
    assert _log(alice, zone="Europe/London", severity=5) == 201
    engine = alice.app.state.engine  # type: ignore[attr-defined]
    person_id = alice.get("/export").json()["tables"]["episodes"][0]
    with engine.begin() as connection:
        owner = connection.execute(Episode.__table__.select()).first().person_id
        for year in (1, 1900, 9999):
            connection.execute(insert(Episode).values(
                uuid=str(uuid.uuid4()), person_id=owner, zone="+05:00", woke=False,
                started_at=datetime(year, 6, 1, tzinfo=UTC), helped="", note=""))
    assert person_id
    stats = alice.get("/api/v1/diary/stats")
    assert stats.status_code == 200
    assert stats.json()["episodes"] == 1
    assert stats.json()["days"] <= 3 * 366
    assert alice.get("/trends").status_code == 200
    chart = alice.get("/trends/chart.png")
    assert chart.status_code == 200
    assert chart.headers["content-type"] == "image/png"


def test_a_forced_database_error_logs_no_private_data(
    alice: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same uuid inserted twice behind the service's back: the database refuses it, the
    answer is a plain 500, and nothing she typed reaches the log."""
    from symptom_decoder.diary import episodes

    secret = "PRIVATE-note-about-" + uuid.uuid4().hex

    def clash(session: object, person: object, entry: object) -> object:
        for _ in range(2):
            session.execute(insert(Episode).values(  # type: ignore[attr-defined]
                uuid="11111111-1111-1111-1111-111111111111", person_id=person.id,  # type: ignore[attr-defined]
                started_at=datetime(2026, 11, 1, tzinfo=UTC), zone="UTC", woke=False,
                helped=secret, note=secret))
        raise AssertionError("the database accepted a duplicate uuid")

    monkeypatch.setattr(episodes, "log_episode", clash)
    caplog.set_level(logging.DEBUG)
    response = alice.post("/api/v1/diary/episodes", json={"zone": "UTC", "note": secret})
    assert response.status_code == 500
    assert secret not in response.text
    assert secret not in caplog.text
    errors = [json.loads(r.getMessage()) for r in caplog.records
              if r.name == "symptom_decoder.errors"]
    assert errors and errors[0]["error"] == "IntegrityError"
    assert errors[0]["path"] == "/api/v1/diary/episodes"


def test_the_access_log_has_one_line_per_request_without_query_or_body(
    alice: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="symptom_decoder.access")
    alice.get("/api/v1/diary/stats?secret=PRIVATE-QUERY")
    _log(alice, zone="UTC", note="PRIVATE-BODY")
    lines = [json.loads(r.getMessage()) for r in caplog.records
             if r.name == "symptom_decoder.access"]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/api/v1/diary/stats", 200), ("POST", "/api/v1/diary/episodes", 201)]
    assert "PRIVATE" not in caplog.text


def test_the_access_log_never_holds_a_share_links_token(
    alice: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A share link's token opens her summary to anyone who has it: the log keeps the route,
    not the token."""
    caplog.set_level(logging.INFO, logger="symptom_decoder.access")
    _log(alice, zone="UTC", note="a cramp")
    made = alice.post("/api/v1/shares", json={"days": 2})
    assert made.status_code == 201, made.text
    secret = made.json()["url"].rsplit("/s/", 1)[1]
    alice.get(f"/s/{secret}")
    paths = [json.loads(r.getMessage())["path"] for r in caplog.records
             if r.name == "symptom_decoder.access"]
    assert "/s/{token}" in paths
    assert secret not in caplog.text
