"""The diary in the web app: one tap, details, edits, the offline sync contract, trends."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from web_support import make_client, person, token


@pytest.fixture
def alice() -> TestClient:
    return person("alice")


def _api(client: TestClient) -> dict[str, str]:
    return {"x-csrf-token": token(client)}


def test_it_logs_a_cramp_with_one_tap(alice: TestClient) -> None:
    page = alice.get("/diary").text
    assert "Log a cramp now" in page
    form = {"csrf_token": token(alice, "/diary"), "uuid": str(uuid.uuid4()), "zone": "UTC"}
    response = alice.post("/diary/episodes", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/diary?logged=1"
    assert "1 cramp in your diary." in alice.get("/diary").text


def test_it_stores_a_double_tap_once(alice: TestClient) -> None:
    form = {"csrf_token": token(alice, "/diary"), "uuid": str(uuid.uuid4()), "zone": "UTC"}
    alice.post("/diary/episodes", data=form)
    alice.post("/diary/episodes", data=form)
    assert "1 cramp in your diary." in alice.get("/diary").text


def test_it_logs_a_cramp_with_details_and_names_a_bad_one(alice: TestClient) -> None:
    form = {"csrf_token": token(alice, "/diary"), "uuid": str(uuid.uuid4()),
            "zone": "Europe/London", "started_at": "2026-11-20T03:10", "leg": "left",
            "muscle": "calf", "severity": "7", "duration_min": "2", "woke": "yes"}
    assert alice.post("/diary/episodes", data=form, follow_redirects=False).status_code == 303
    [episode] = alice.get("/api/v1/diary/episodes").json()["episodes"]
    assert episode["started_at"] == "2026-11-20T03:10:00+00:00"
    assert (episode["leg"], episode["severity"], episode["woke"], episode["night"]) == (
        "left", 7, True, True)
    bad = alice.post("/diary/episodes", data={**form, "uuid": str(uuid.uuid4()),
                                             "severity": "11"})
    assert bad.status_code == 422
    assert 'id="err-severity"' in bad.text


def test_it_syncs_an_offline_cramp_once_never_twice(alice: TestClient) -> None:
    item = {"uuid": str(uuid.uuid4()), "started_at": "2026-11-21T02:00:00+01:00",
            "zone": "Europe/Paris"}
    first = alice.post("/api/v1/diary/episodes", json=item, headers=_api(alice))
    again = alice.post("/api/v1/diary/episodes", json=item, headers=_api(alice))
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert len(alice.get("/api/v1/diary/episodes").json()["episodes"]) == 1


def test_it_names_the_field_of_a_bad_episode(alice: TestClient) -> None:
    response = alice.post("/api/v1/diary/episodes", json={"leg": "middle"}, headers=_api(alice))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "leg", "message": "must be one of left, right, both (got 'middle')"}
    ]
    unknown = alice.post("/api/v1/diary/episodes", json={"colour": "red"}, headers=_api(alice))
    assert unknown.json()["errors"] == [{"field": "colour", "message": "unknown field"}]


def test_it_edits_and_deletes_an_episode(alice: TestClient) -> None:
    made = alice.post("/api/v1/diary/episodes", json={"zone": "UTC"}, headers=_api(alice)).json()
    changed = alice.patch(f"/api/v1/diary/episodes/{made['id']}", json={"severity": 4},
                          headers=_api(alice))
    assert changed.json()["severity"] == 4
    page = alice.get(f"/diary/episodes/{made['id']}")
    assert page.status_code == 200
    form = {"csrf_token": token(alice, "/diary"), "severity": "5", "leg": "right", "zone": "UTC"}
    alice.post(f"/diary/episodes/{made['id']}", data=form)
    assert alice.get(f"/api/v1/diary/episodes/{made['id']}").json()["leg"] == "right"
    alice.post(f"/diary/episodes/{made['id']}/delete",
               data={"csrf_token": token(alice, "/diary")})
    assert alice.get(f"/api/v1/diary/episodes/{made['id']}").status_code == 404


def test_it_draws_the_trend_chart(alice: TestClient) -> None:
    for day in (18, 19, 20):
        alice.post("/api/v1/diary/episodes", headers=_api(alice),
                   json={"zone": "UTC", "started_at": f"2026-11-{day}T03:00:00+00:00",
                         "severity": 5})
    page = alice.get("/trends")
    assert "3 cramps from" in page.text
    assert "Leg cramps per week" in page.text
    for theme in ("light", "dark"):
        chart = alice.get(f"/trends/chart.png?theme={theme}")
        assert chart.headers["content-type"] == "image/png"
        assert chart.content.startswith(b"\x89PNG")
    assert alice.get("/api/v1/diary/stats").json()["episodes"] == 3


def test_it_draws_the_chart_for_the_width_it_is_shown_at(alice: TestClient) -> None:
    import re

    from symptom_decoder.diary.charts import WEB_WIDTHS

    alice.post("/api/v1/diary/episodes", headers=_api(alice),
               json={"zone": "UTC", "started_at": "2026-11-18T03:00:00+00:00", "severity": 5})
    page = alice.get("/trends").text
    assert "1 cramp from 18 Nov to " in page
    widths = [int(w) for w in re.findall(r'<source srcset="/trends/chart.svg\?width=(\d+)', page)]
    assert sorted(set(widths)) == sorted(WEB_WIDTHS)
    assert '(max-width: 375px) and (prefers-color-scheme: dark)' in page
    for width in WEB_WIDTHS:
        chart = alice.get(f"/trends/chart.svg?width={width}&theme=dark")
        assert chart.headers["content-type"] == "image/svg+xml"
        svg = chart.text
        assert re.search(rf'viewBox="0 0 {width} [\d.]+"', svg)
        # One SVG unit is one CSS pixel at the width the page shows it at, or more.
        assert {float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)} == {13.0}
    assert alice.get("/trends/chart.svg?width=1320").status_code == 404


def test_it_saves_a_result_to_the_diary(alice: TestClient) -> None:
    state = '{"schema":"answers/v1","gestational_week":30}'
    response = alice.post("/assess/save", data={"state": state,
                                                "csrf_token": token(alice, "/diary")},
                          follow_redirects=False)
    assert response.status_code == 303
    page = alice.get(response.headers["location"])
    assert "All possible causes" in page.text
    saved = alice.get("/api/v1/diary/assessments").json()["assessments"]
    assert saved[0]["assessment"]["schema"] == "assessment/v1"


def test_it_keeps_the_diary_for_people_who_signed_in() -> None:
    visitor = make_client()
    assert visitor.get("/diary", follow_redirects=False).headers["location"] == "/login?next=/diary"
    response = visitor.get("/api/v1/diary/episodes")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_it_saves_the_due_date_in_the_profile(alice: TestClient) -> None:
    from datetime import date, timedelta

    due = (date.today() + timedelta(days=70)).isoformat()
    page = alice.post("/settings/profile", data={"due_date": due, "age": "19-30",
                                                 "csrf_token": token(alice, "/settings")})
    assert "Your profile is saved." in page.text
    assert "pregnant (due" in page.text
    bad = alice.post("/settings/profile", data={"due_date": "2001-01-01",
                                                "csrf_token": token(alice, "/settings")})
    assert bad.status_code == 422
    assert 'id="err-due_date"' in bad.text


def test_it_exports_and_imports_the_diary_as_csv(alice: TestClient) -> None:
    alice.post("/api/v1/diary/episodes", json={"zone": "UTC", "note": "first"},
               headers=_api(alice))
    exported = alice.get("/diary/export.csv")
    assert exported.headers["content-type"] == "text/csv; charset=utf-8"
    bob = person("bob")
    response = bob.post("/diary/import", data={"csrf_token": token(bob, "/diary")},
                        files={"file": ("diary.csv", exported.content, "text/csv")})
    assert response.status_code == 422  # the UUIDs are alice's
    fresh = exported.text.replace(
        alice.get("/api/v1/diary/episodes").json()["episodes"][0]["uuid"], str(uuid.uuid4()))
    response = bob.post("/diary/import", data={"csrf_token": token(bob, "/diary")},
                        files={"file": ("diary.csv", fresh.encode(), "text/csv")})
    assert "Imported: 1 new" in response.text
    assert bob.get("/api/v1/diary/episodes").json()["episodes"][0]["note"] == "first"


def test_it_refuses_an_upload_over_2_mb(alice: TestClient) -> None:
    big = b"record,uuid\n" + b"x" * (2 * 1024 * 1024 + 10)
    response = alice.post("/diary/import", data={"csrf_token": token(alice, "/diary")},
                          files={"file": ("diary.csv", big, "text/csv")})
    assert response.status_code == 413
    assert "Too large" in response.text


def test_it_refuses_a_form_over_256_kb(alice: TestClient) -> None:
    response = alice.post("/diary/episodes", data={"csrf_token": token(alice, "/diary"),
                                                   "note": "x" * (300 * 1024)})
    assert response.status_code == 413
