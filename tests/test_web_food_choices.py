"""The pages and the API read food words with the food log's resolver, and learn per person."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from web_support import make_client, sign_up, token, with_food_data

RYE = 18060


@pytest.fixture
def app_people() -> tuple[TestClient, TestClient]:
    with_food_data()
    alice, bob = make_client(), make_client()
    sign_up(alice, "alice")
    sign_up(bob, "bob")
    return alice, bob


def _api(client: TestClient) -> dict[str, str]:
    return {"x-csrf-token": token(client)}


def test_the_search_box_ranks_foods_as_the_food_log_reads_them(
    app_people: tuple[TestClient, TestClient],
) -> None:
    alice, _ = app_people
    found = alice.get("/api/v1/foods?q=whole milk&limit=3").json()["foods"]
    assert found[0]["id"] == 1077
    logged = alice.post("/api/v1/foodlog", json={"text": "1 cup whole milk"},
                        headers=_api(alice)).json()
    assert logged["id"] == found[0]["id"]
    page = alice.get("/foods?q=kiwis").text
    assert "Kiwifruit, green, raw" in page


def test_a_pick_on_the_page_is_her_first_choice_next_time_and_only_hers(
    app_people: tuple[TestClient, TestClient],
) -> None:
    alice, bob = app_people
    asked = alice.post("/foods/log", data={"text": "2 slices bread",
                                           "csrf_token": token(alice, "/foods")})
    assert asked.status_code == 422
    assert "Which one?" in asked.text
    assert f'name="food_id" value="{RYE}"' in asked.text
    picked = alice.post("/foods/log", data={"text": "2 slices bread", "food_id": str(RYE),
                                            "csrf_token": token(alice, "/foods")})
    assert picked.status_code == 200
    again = alice.post("/api/v1/foodlog", json={"text": "1 slice bread"}, headers=_api(alice))
    assert again.status_code == 201
    assert again.json()["id"] == RYE
    assert alice.get("/api/v1/foods?q=bread").json()["foods"][0]["id"] == RYE
    assert alice.get("/api/v1/foods?q=2 slices of bread").json()["foods"][0]["id"] == RYE
    assert bob.get("/api/v1/foods?q=bread").json()["foods"][0]["id"] != RYE
    other = bob.post("/api/v1/foodlog", json={"text": "1 slice bread"}, headers=_api(bob))
    assert other.status_code == 422


def test_the_api_offers_the_choices_and_takes_a_portion(
    app_people: tuple[TestClient, TestClient],
) -> None:
    alice, _ = app_people
    asked = alice.post("/api/v1/foodlog", json={"text": "1 cup cooked pasta"},
                       headers=_api(alice))
    assert asked.status_code == 422
    problem = asked.json()
    assert problem["errors"][0]["field"] == "portion"
    penne = next(c for c in problem["choices"] if "penne" in c["label"])
    made = alice.post("/api/v1/foodlog", json={"text": "1 cup cooked pasta",
                                               "food_id": int(penne["food_id"]),
                                               "portion": penne["portion"]},
                      headers=_api(alice))
    assert made.status_code == 201
    assert made.json()["grams"] == 107.0
    bad = alice.post("/api/v1/foodlog", json={"text": "1 cup cooked pasta", "portion": 3},
                     headers=_api(alice))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "portion"


def test_a_portion_question_on_the_page_has_buttons_that_log_it(
    app_people: tuple[TestClient, TestClient],
) -> None:
    alice, _ = app_people
    asked = alice.post("/foods/log", data={"text": "1 cup cooked pasta",
                                           "csrf_token": token(alice, "/foods")})
    assert asked.status_code == 422
    assert 'name="portion" value="cup penne"' in asked.text
    done = alice.post("/foods/log", data={"text": "1 cup cooked pasta", "food_id": "20121",
                                          "portion": "cup penne",
                                          "csrf_token": token(alice, "/foods")})
    assert done.status_code == 200
    assert "Logged 1 cup penne (107 g)" in done.text
