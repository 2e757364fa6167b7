"""The pages and the API read the saved profile (age band, allergies, diet) for every diet
view, and the API can say otherwise with ?age=, ?exclude= and ?ignore_profile=."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from web_support import person, token, with_food_data


@pytest.fixture
def teen() -> TestClient:
    with_food_data()
    alice = person("alice")
    saved = alice.post("/settings/profile", data={
        "age": "16", "allergy": "nut", "diet": "vegan", "csrf_token": token(alice, "/settings")})
    assert saved.status_code == 200
    return alice


def _row(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(r for r in document["totals"] if r["key"] == key)


def test_the_supplements_view_uses_her_age_band_unless_asked_otherwise(
    teen: TestClient,
) -> None:
    headers = {"x-csrf-token": token(teen)}
    teen.post("/api/v1/supplements", json={"kind": "calcium", "name": "Ca", "calcium_mg": 600,
                                           "units_per_day": 4}, headers=headers)
    mine = teen.get("/api/v1/supplements").json()
    assert _row(mine, "calcium_mg")["upper_limit"] == 3000
    assert mine["profile"]["age_band"] == "14-18"
    adult = teen.get("/api/v1/supplements?age=30").json()
    assert _row(adult, "calcium_mg")["upper_limit"] == 2500
    page = teen.get("/supplements").text
    assert "Using your profile: age 14 to 18" in page
    bad = teen.get("/api/v1/supplements?age=7")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "age"


def test_the_day_view_aims_at_her_age_bands_intakes(teen: TestClient) -> None:
    day = teen.get("/api/v1/foodlog").json()
    assert _row(day, "calcium_mg")["target"] == 1300
    assert _row(teen.get("/api/v1/foodlog?ignore_profile=true").json(),
                "calcium_mg")["target"] == 1000


def test_suggestions_leave_out_her_allergies_and_diet(teen: TestClient) -> None:
    found = teen.get("/api/v1/foods/suggestions?limit=20").json()["suggestions"]
    assert found
    assert not any(s["description"].startswith(("Nuts,", "Cheese", "Milk", "Fish"))
                   for s in found)
    everything = teen.get("/api/v1/foods/suggestions?limit=20&ignore_profile=true").json()
    assert any(s["description"].startswith("Nuts,") for s in everything["suggestions"])
    bad = teen.get("/api/v1/foods/suggestions?exclude=bananas")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "exclude"
