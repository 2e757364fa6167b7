"""'No cramps today' and 'did it help?' in the web app: one tap, one entry, and the same
comparison on the trends page, in the API and on the command line."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from diary_support import diary_csv
from symptom_decoder.diary.report import compare_for
from symptom_decoder.settings import get_settings
from symptom_decoder.store.db import make_engine, session_factory, transaction
from symptom_decoder.store.models import Person
from web_support import person, token


@pytest.fixture
def alice() -> TestClient:
    return person("alice")


def _api(client: TestClient) -> dict[str, str]:
    return {"x-csrf-token": token(client)}


def _import(client: TestClient, text: str) -> None:
    response = client.post("/diary/import", data={"csrf_token": token(client, "/diary")},
                           files={"file": ("diary.csv", text.encode(), "text/csv")})
    assert "Imported:" in response.text


def test_it_marks_no_cramps_today_with_one_tap_and_keeps_it_once(alice: TestClient) -> None:
    page = alice.get("/diary").text
    assert "No cramps today" in page
    day = re.search(r'name="day" value="([0-9-]+)"', page)
    assert day is not None
    form = {"csrf_token": token(alice, "/diary"), "day": day.group(1)}
    first = alice.post("/diary/days", data=form, follow_redirects=False)
    assert (first.status_code, first.headers["location"]) == (303, "/diary?none=1")
    alice.post("/diary/days", data=form)
    assert alice.get("/api/v1/diary/days").json() == {"days": [
        {"day": day.group(1), "no_cramps": True, "fluids_ml": None, "supplements": [],
         "stretching_min": None, "hours_standing": None},
    ]}  # fmt: skip
    assert "Marked: no cramps today." in alice.get("/diary?none=1").text
    assert "Today is marked: no cramps so far." in alice.get("/diary").text


def test_it_records_a_day_through_the_api_the_same_way_twice(alice: TestClient) -> None:
    body = {"day": "2026-06-01", "no_cramps": True}
    first = alice.post("/api/v1/diary/days", json=body, headers=_api(alice))
    again = alice.post("/api/v1/diary/days", json=body, headers=_api(alice))
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    merged = alice.post("/api/v1/diary/days", json={"day": "2026-06-01", "fluids_ml": 1800},
                        headers=_api(alice)).json()  # fmt: skip
    assert (merged["no_cramps"], merged["fluids_ml"]) == (True, 1800)
    assert len(alice.get("/api/v1/diary/days").json()["days"]) == 1


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"no_cramps": True}, "day", "is needed, as YYYY-MM-DD"),
        ({"day": "1 June"}, "day", "not a date (got '1 June'); use YYYY-MM-DD"),
        ({"day": "2026-06-01", "no_cramps": "yes"}, "no_cramps",
         "must be true or false (got 'yes')"),
        ({"day": "2026-06-01", "colour": "red"}, "colour", "unknown field"),
        ({"day": "2026-06-01", "supplements": "magnesium"}, "supplements",
         "must be a list of names"),
        ({"day": "2026-06-01", "fluids_ml": 99999}, "fluids_ml",
         "must be a whole number from 0 to 10000 ml (got 99999)"),
    ],
    ids=["no-day", "bad-day", "no-cramps-not-boolean", "unknown", "supplements-not-list",
         "fluids-too-much"],
)  # fmt: skip
def test_it_names_the_field_of_a_bad_day(
    alice: TestClient, body: dict[str, object], field: str, message: str
) -> None:
    response = alice.post("/api/v1/diary/days", json=body, headers=_api(alice))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": field, "message": message}]
    assert alice.get("/api/v1/diary/days").json() == {"days": []}


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_it_shows_the_same_comparison_on_the_page_in_the_api_and_in_the_service(
    alice: TestClient,
) -> None:
    _import(alice, diary_csv(start=date(2026, 4, 27), weeks=[6, 2, 5, 1, 4, 1, 0, 1, 0, 1],
                             change_after=5))
    api = alice.get("/api/v1/diary/compare?change=2026-06-01").json()
    engine = make_engine(get_settings().effective_database_url)
    with transaction(session_factory(engine)) as session:
        owner = session.query(Person).filter(Person.handle != "local").one()
        assert compare_for(session, owner, change=date(2026, 6, 1)).as_dict() == api
    engine.dispose()
    assert (api["verdict"], api["method"]) == ("fewer", "exact")
    page = alice.get("/trends?change=2026-06-01")
    assert page.status_code == 200
    text = _text(page.text)
    assert api["sentence"] in text
    for item in api["cautions"]:
        assert item["text"] in text
    assert api["method_text"] in text
    assert 'value="2026-06-01"' in page.text


def test_it_shows_the_days_left_out_on_the_trends_page_and_in_the_stats(
    alice: TestClient,
) -> None:
    # Ten days logged, then a ten-day gap, then ten more: the gap is named, not counted.
    text = diary_csv(start=date(2026, 5, 4), weeks=[2, 1], change_after=9, stop_after=10)
    later = diary_csv(start=date(2026, 5, 24), weeks=[1, 2], change_after=9, stop_after=10)
    _import(alice, text + later.split("\r\n", 1)[1])
    stats = alice.get("/api/v1/diary/stats").json()
    assert stats["left_out"] == [{"first_day": "2026-05-14", "last_day": "2026-05-23",
                                  "days": 10}]  # fmt: skip
    assert [c["id"] for c in stats["cautions"]] == ["unlogged_days"]
    assert stats["cautions"][0]["text"] in _text(alice.get("/trends").text)
    assert "symptom-decoder" not in _text(alice.get("/trends").text)  # no command on a page


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("", "change", "is needed: the day you made the change, as YYYY-MM-DD"),
        ("change=someday", "change", "not a date (got 'someday'); use YYYY-MM-DD"),
        ("change=2026-06-01&from=2026-06-10&to=2026-06-01", "to",
         "must not be before 2026-06-10 (got 2026-06-01)"),
    ],
    ids=["missing", "not-a-date", "to-before-from"],
)
def test_it_names_a_bad_change_day_in_the_api_and_on_the_page(
    alice: TestClient, query: str, field: str, message: str
) -> None:
    response = alice.get(f"/api/v1/diary/compare?{query}")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": field, "message": message}]
    if field == "change":
        page = alice.get(f"/trends?{query or 'change='}")
        assert page.status_code == 422
        assert 'id="err-change"' in page.text and message in _text(page.text)
