"""Post/redirect/get: every form that writes answers 303 to a page that says what was done,
so reloading that page (or going back to it) never writes twice."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from web_support import PASSWORD, person, token, with_food_data


def _api(client: TestClient) -> dict[str, str]:
    return {"x-csrf-token": token(client)}


def _foods(client: TestClient) -> int:
    return len(client.get("/api/v1/foodlog").json()["entries"])


def _stack(client: TestClient) -> int:
    return len(client.get("/api/v1/supplements").json()["items"])


def _cramps(client: TestClient) -> int:
    return len(client.get("/api/v1/diary/episodes").json()["episodes"])


def _results(client: TestClient) -> int:
    return len(client.get("/api/v1/diary/assessments").json()["assessments"])


def _cramp(client: TestClient, **fields: Any) -> int:
    made = client.post("/api/v1/diary/episodes", headers=_api(client),
                       json={"uuid": str(uuid.uuid4()), "zone": "UTC", **fields})
    return int(made.json()["id"])


def _food(client: TestClient) -> int:
    made = client.post("/api/v1/foodlog", json={"text": "30 g pumpkin seeds"},
                       headers=_api(client))
    return int(made.json()["entry"])


def _supplement(client: TestClient) -> int:
    made = client.post("/api/v1/supplements", headers=_api(client),
                       json={"kind": "magnesium", "name": "Mag 400", "magnesium_mg": 400})
    return int(made.json()["item"])


def _diary_csv() -> bytes:
    rows = [f"episode,,{uuid.uuid4()},2026-11-{day}T03:10:00+00:00,UTC,left,calf,,7,yes,,,"
            ",,,," for day in (20, 21)]
    header = ("record,id,uuid,started_at,zone,leg,muscle,duration_min,severity,woke,helped,"
              "note,day,fluids_ml,supplements,stretching_min,hours_standing")
    return "\r\n".join([header, *rows, ""]).encode()


@dataclass(frozen=True)
class Form:
    """One form: what it needs first, what it sends, where it lands and what that says."""

    send: Callable[[TestClient], tuple[str, dict[str, Any], dict[str, Any] | None]]
    lands: str
    says: str
    count: Callable[[TestClient], int]
    after: int
    food: bool = False


def _remove_food(c: TestClient) -> tuple[str, dict[str, Any], None]:
    return f"/foods/entries/{_food(c)}/delete", {}, None


def _remove_supplement(c: TestClient) -> tuple[str, dict[str, Any], None]:
    return f"/supplements/{_supplement(c)}/delete", {}, None


def _edit(c: TestClient) -> tuple[str, dict[str, Any], None]:
    return (f"/diary/episodes/{_cramp(c)}", {"zone": "UTC", "started_day": "2026-11-20",
                                            "started_time": "03:10", "severity": "6"}, None)


def _delete_cramp(c: TestClient) -> tuple[str, dict[str, Any], None]:
    return f"/diary/episodes/{_cramp(c)}/delete", {}, None


def _save_result(c: TestClient) -> tuple[str, dict[str, Any], None]:
    return "/assess/save", {"state": '{"schema":"answers/v1","gestational_week":30}'}, None


FORMS = {
    "log a food": Form(lambda c: ("/foods/log", {"text": "30 g pumpkin seeds"}, None),
                       r"/foods\?logged=\d+", "Logged 30 g of", _foods, 1, food=True),
    "remove a food": Form(_remove_food, r"/foods\?removed=1", "Removed.", _foods, 0,
                          food=True),
    "add a supplement": Form(
        lambda c: ("/supplements", {"kind": "magnesium", "name": "Mag 400",
                                    "magnesium_mg": "400", "units_per_day": "1"}, None),
        r"/supplements\?added=\d+", "Added Mag 400.", _stack, 1),
    "remove a supplement": Form(_remove_supplement, r"/supplements\?removed=1", "Removed.",
                                _stack, 0),
    "log a cramp": Form(lambda c: ("/diary/episodes", {"uuid": str(uuid.uuid4()),
                                                       "zone": "UTC"}, None),
                        r"/diary\?logged=1", "Logged. Rest now", _cramps, 1),
    "change a cramp": Form(_edit, r"/diary\?saved=\d+", "Your changes are saved.", _cramps, 1),
    "delete a cramp": Form(_delete_cramp, r"/diary\?deleted=1", "The cramp is deleted.",
                           _cramps, 0),
    "import a diary": Form(lambda c: ("/diary/import", {}, {
        "file": ("diary.csv", _diary_csv(), "text/csv")}),
        r"/settings\?imported=2-0-0-0", "Imported: 2 new, 0 changed, 0 the same, 0 days.",
        _cramps, 2),
    "save the profile": Form(lambda c: ("/settings/profile", {"age": "31-50"}, None),
                             r"/settings\?saved=profile", "Your profile is saved.",
                             lambda c: int("31-50 years</option>" in c.get("/settings").text
                                           .split("selected>")[1][:20]), 1),
    "change the password": Form(
        lambda c: ("/settings/password", {"current_password": PASSWORD,
                                          "password": PASSWORD + "!", "confirm": PASSWORD + "!"},
                   None),
        r"/settings\?saved=password", "Your password is changed.", lambda c: 1, 1),
    "save a result": Form(_save_result, r"/diary/results/\d+", "A saved result", _results, 1),
    "choose dark colours": Form(lambda c: ("/settings/theme", {"theme": "dark"}, None),
                                r"/settings", 'data-theme="dark"',
                                lambda c: int('aria-pressed="true">Dark' in c.get("/").text), 1),
    "delete my account": Form(lambda c: ("/delete", {"confirm_delete": "alice"}, None),
                              r"/deleted", "Everything is deleted",
                              lambda c: int(c.get("/api/v1/session").json()["signed_in"]), 0),
}


@pytest.mark.parametrize("name", list(FORMS))
def test_it_redirects_after_a_write_so_a_reload_never_writes_twice(name: str) -> None:
    form = FORMS[name]
    if form.food:
        with_food_data()
    alice = person("alice")
    path, data, files = form.send(alice)
    response = alice.post(path, data={**data, "csrf_token": token(alice, "/settings")},
                          files=files, follow_redirects=False)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(form.lands, location.split("#")[0]), location
    for _ in range(2):  # the page she lands on, then a reload of it
        page = alice.get(location)
        assert page.status_code == 200
        assert form.says in page.text
    assert form.count(alice) == form.after


def test_it_still_answers_a_refused_form_with_the_page_and_the_field() -> None:
    alice = person("alice")
    page = alice.post("/supplements", data={"kind": "magnesium", "magnesium_mg": "lots",
                                            "csrf_token": token(alice, "/supplements")})
    assert page.status_code == 422
    assert _stack(alice) == 0


def test_it_asks_before_deleting_a_cramp() -> None:
    alice = person("alice")
    episode = _cramp(alice, started_at="2026-11-20T03:10:00+00:00", leg="both",
                     muscle="calf", severity=7)
    page = alice.get(f"/diary/episodes/{episode}").text
    assert f'href="/diary/episodes/{episode}/delete"' in page
    ask = alice.get(f"/diary/episodes/{episode}/delete")
    assert ask.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", ask.text).split())
    assert "Delete this cramp?" in text
    assert "both legs, calf, 7 out of 10." in text
    assert "This cannot be undone." in text
    assert _cramps(alice) == 1
