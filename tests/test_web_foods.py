"""The food log with search, and the supplement stack, in pages and in the API."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from web_support import make_client, person, token, with_food_data


@pytest.fixture
def alice() -> TestClient:
    with_food_data()
    return person("alice")


def _api(client: TestClient) -> dict[str, str]:
    return {"x-csrf-token": token(client)}


def test_it_says_how_to_get_food_data_when_there_is_none() -> None:
    alice = person("alice")
    page = alice.get("/foods")
    assert page.status_code == 200
    assert "symptom-decoder foods import PATH" in page.text
    response = alice.get("/api/v1/foods?q=spinach")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


def test_it_searches_foods_as_you_type(alice: TestClient) -> None:
    found = alice.get("/api/v1/foods?q=pumpkin seeds&limit=3").json()["foods"]
    assert 1 <= len(found) <= 3
    assert "pumpkin" in found[0]["name"].lower()
    page = alice.get("/foods?q=spinach")
    assert "Spinach" in page.text


def test_it_logs_a_meal_and_adds_up_the_day(alice: TestClient) -> None:
    response = alice.post("/foods/log", data={"text": "30 g pumpkin seeds",
                                              "csrf_token": token(alice, "/foods")})
    assert response.status_code == 200
    assert "Logged 30 g of" in response.text
    day = alice.get("/api/v1/foodlog").json()
    assert len(day["entries"]) == 1
    magnesium = next(t for t in day["totals"] if t["key"] == "magnesium_mg")
    assert magnesium["total"] > 100
    assert "Magnesium" in alice.get("/foods").text


def test_it_names_what_it_cannot_read_in_a_meal(alice: TestClient) -> None:
    response = alice.post("/foods/log", data={"text": "spinach",
                                              "csrf_token": token(alice, "/foods")})
    assert response.status_code == 422
    assert 'id="err-text"' in response.text
    api = alice.post("/api/v1/foodlog", json={"text": "spinach"}, headers=_api(alice))
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "text"


def test_logging_a_food_unsafe_in_pregnancy_says_why_once_logged(alice: TestClient) -> None:
    """The suggester never offers brie or raw sprouts, but she may have eaten them: the log
    keeps the entry and says what to know, on the page and in the API."""
    page = alice.post("/foods/log", data={"text": "1 oz brie",
                                          "csrf_token": token(alice, "/foods")})
    assert "Logged 1 oz (28 g) of Cheese, brie." in page.text
    assert "listeria" in page.text and "steaming hot" in page.text
    sprouts = alice.post("/api/v1/foodlog", json={"text": "1 cup alfalfa sprouts"},
                         headers=_api(alice))
    assert sprouts.status_code == 201
    assert "cooked through" in sprouts.json()["note"]
    spinach = alice.post("/api/v1/foodlog", json={"text": "1 cup cooked spinach"},
                         headers=_api(alice))
    assert spinach.json()["note"] is None
    coffee = alice.post("/api/v1/foodlog", json={"text": "1 cup coffee"}, headers=_api(alice))
    assert coffee.json()["note"] is None  # caffeine is counted in the day's totals instead
    assert len(alice.get("/api/v1/foodlog").json()["entries"]) == 4


def test_it_logs_through_the_api_and_removes(alice: TestClient) -> None:
    made = alice.post("/api/v1/foodlog", json={"text": "1 cup cooked spinach"},
                      headers=_api(alice))
    assert made.status_code == 201
    entry = made.json()["entry"]
    assert alice.delete(f"/api/v1/foodlog/{entry}", headers=_api(alice)).status_code == 204
    assert alice.get("/api/v1/foodlog").json()["entries"] == []


def test_it_keeps_the_supplement_stack_and_warns_over_the_limit(alice: TestClient) -> None:
    form = {"kind": "magnesium", "name": "Mag 400", "units_per_day": "1",
            "magnesium_mg": "400", "csrf_token": token(alice, "/supplements")}
    response = alice.post("/supplements", data=form, follow_redirects=False)
    assert response.status_code == 303
    page = alice.get("/supplements").text
    assert "Mag 400" in page
    assert "over the limit" in page
    data = alice.get("/api/v1/supplements").json()
    assert data["items"][0]["magnesium_mg"] == 400
    assert [w["id"] for w in data["warnings"]] == ["magnesium_supplement_above_ul"]


def test_adding_a_product_without_its_amount_says_which_typical_amount_counts(
    alice: TestClient,
) -> None:
    form = {"kind": "calcium_antacid", "name": "Tums", "units_per_day": "3",
            "csrf_token": token(alice, "/supplements")}
    page = alice.post("/supplements", data=form).text
    assert "Added Tums." in page
    assert "300 milligrams a tablet is counted (3 a day, about 900 milligrams)" in page
    made = alice.post("/api/v1/supplements", json={"kind": "iron", "name": "Ferrous"},
                      headers=_api(alice)).json()
    assert made["will_count"] and "iron per tablet was left blank" in made["will_count"][0]
    labelled = alice.post("/api/v1/supplements", json={"kind": "calcium_antacid",
                                                        "name": "Rennie", "calcium_mg": 280},
                          headers=_api(alice)).json()
    assert labelled["will_count"] == []
    assert "Added Tums." not in alice.get("/supplements").text  # said once, after adding


def test_it_names_a_bad_supplement_field(alice: TestClient) -> None:
    response = alice.post("/api/v1/supplements", json={"kind": "potion"}, headers=_api(alice))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind"
    page = alice.post("/supplements", data={"kind": "magnesium", "magnesium_mg": "lots",
                                            "csrf_token": token(alice, "/supplements")})
    assert page.status_code == 422


def test_it_starts_the_interview_with_the_logged_food_and_stack(alice: TestClient) -> None:
    alice.post("/api/v1/foodlog", json={"text": "30 g pumpkin seeds"}, headers=_api(alice))
    alice.post("/api/v1/supplements", json={"kind": "calcium_antacid", "name": "Tums",
                                            "units_per_day": 4, "calcium_mg": 400},
               headers=_api(alice))
    page = alice.get("/assess").text
    assert "dietary_magnesium_mg_per_day" in page
    assert "Tums" in page


def test_it_keeps_food_and_supplements_for_signed_in_people() -> None:
    visitor = make_client()
    assert visitor.get("/foods", follow_redirects=False).status_code == 303
    assert visitor.get("/api/v1/supplements").status_code == 401


def test_it_suggests_magnesium_foods_without_what_her_profile_leaves_out(
    alice: TestClient,
) -> None:
    before = alice.get("/api/v1/foods/suggestions?limit=20").json()["suggestions"]
    assert any("nut" in s["description"].lower() for s in before)
    alice.post("/settings/profile", data={"allergy": ["nut", "peanut"], "diet": "vegan",
                                          "csrf_token": token(alice, "/settings")})
    found = alice.get("/api/v1/foods/suggestions?limit=20").json()["suggestions"]
    assert found and all(s["for"] == "magnesium" for s in found)
    assert not any("nuts," in s["description"].lower() for s in found)
    page = alice.get("/foods").text
    assert "Foods rich in magnesium" in page
    first = found[0]
    logged = alice.post("/foods/log", data={"text": first["log_text"], "food_id": first["id"],
                                            "csrf_token": token(alice, "/foods")})
    assert "Logged" in logged.text


def test_she_can_say_she_eats_fish_but_no_meat(alice: TestClient) -> None:
    page = alice.get("/settings").text
    assert "Fish, no meat" in page
    alice.post("/settings/profile", data={"diet": "pescatarian",
                                          "csrf_token": token(alice, "/settings")})
    assert re.search(r'value="pescatarian" checked', alice.get("/settings").text)
    found = alice.get("/api/v1/foods/suggestions?limit=20").json()["suggestions"]
    assert found
    assert not any(w in s["description"].lower() for s in found
                   for w in ("beef", "pork", "chicken", "turkey", "lamb"))


def test_it_asks_which_food_when_the_choice_matters_and_logs_the_pick(alice: TestClient) -> None:
    import re

    page = alice.post("/foods/log", data={"text": "1 egg", "csrf_token": token(alice, "/foods")})
    assert page.status_code == 422
    assert "Which one?" in page.text
    food_id, name = re.findall(r'name="food_id" value="(\d+)">\s*<button>([^<]*)<', page.text)[0]
    done = alice.post("/foods/log", data={"text": "1 egg", "food_id": food_id,
                                          "csrf_token": token(alice, "/foods")})
    assert f"of {name}." in done.text
