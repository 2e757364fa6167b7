"""One set of targets and limits, for her age band, on every page, in the API and the CLI."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from symptom_decoder.cli import app
from web_support import person, token, with_food_data

LOW_MAGNESIUM: dict[str, Any] = {"intake": {"magnesium_rich_servings_per_day": 0}}


def _row(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(r for r in rows if r["key"] == key)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(("band", "age", "aim", "calcium_limit"), [
    pytest.param(None, None, 360, 2500, id="age not given: an adult's figures"),
    pytest.param("14-18", 16, 400, 3000, id="16 years"),
    pytest.param("19-30", 25, 350, 2500, id="25 years"),
])
def test_it_shows_the_same_aim_and_limits_on_the_result_the_food_log_and_the_stack(
    band: str | None, age: int | None, aim: int, calcium_limit: int
) -> None:
    with_food_data()
    alice = person("alice")
    if band is not None:
        saved = alice.post("/settings/profile", data={"age": band,
                                                      "csrf_token": token(alice, "/settings")})
        assert saved.status_code in (200, 303)
    headers = {"x-csrf-token": token(alice)}
    alice.post("/api/v1/foodlog", json={"text": "30 g pumpkin seeds"}, headers=headers)
    alice.post("/api/v1/supplements", json={"kind": "magnesium", "name": "Mag",
                                            "magnesium_mg": 400}, headers=headers)

    food = _row(alice.get("/api/v1/foodlog").json()["totals"], "magnesium_mg")
    assert (food["target"], food["upper_limit"]) == (aim, None)
    stack = alice.get("/api/v1/supplements").json()["totals"]
    assert (_row(stack, "magnesium_mg")["upper_limit"], _row(stack, "magnesium_mg")["scope"],
            _row(stack, "magnesium_mg")["food"]) == (350, "supplemental", None)
    assert _row(stack, "calcium_mg")["upper_limit"] == calcium_limit

    answers = {**LOW_MAGNESIUM, **({"age_years": age} if age else {})}
    result = alice.post("/api/v1/assess", json=answers, headers=headers).json()
    plan = " ".join(p["text"] for p in result["plan"])
    assert f"about {aim} milligrams of magnesium a day from food" in plan

    foods = _text(alice.get("/foods").text)
    assert f"Magnesium (milligrams) {food['total']:.0f} {aim} (" in foods
    table = foods.split("Nutrient Today Aim a day", 1)[1].split("Figures for", 1)[0]
    assert "limit" not in table and "supplement" not in table
    supplements = _text(alice.get("/supplements").text)
    assert ("Upper limit: 350 milligrams a day from supplements and medicines. Food does not "
            "count toward it.") in supplements

    cli = ["log", "day", "--format", "json", *(["--age", str(age)] if age else [])]
    done = CliRunner().invoke(app, cli)
    assert done.exit_code == 0, done.output
    reference = {r["nutrient"]: r for r in json.loads(done.stdout)["reference"]}
    assert reference["magnesium_mg"]["target"] == aim


def test_it_shows_water_in_litres_on_the_food_log() -> None:
    with_food_data()
    alice = person("alice")
    made = alice.post("/api/v1/foodlog", json={"text": "300 g cooked spinach"},
                      headers={"x-csrf-token": token(alice)})
    assert made.status_code == 201, made.text
    grams = made.json()["nutrients"]["water_g"]
    water = _row(alice.get("/api/v1/foodlog").json()["totals"], "water_g")
    assert (water["unit"], water["target"]) == ("litres", 3.0)
    assert water["total"] == round(grams / 1000, 2)
    page = _text(alice.get("/foods").text)
    assert f"Water (litres) {water['total']:.2f} 3.0 (" in page
    assert "Pregnancy needs about 3.0 litres of water a day in all, about 2.3 litres" in page
