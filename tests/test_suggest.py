from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.diet.suggest import TARGETS, Suggester, SuggestError
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.foods.database import Food

EXCLUSIONS = ["nut", "peanut", "dairy", "egg", "fish", "shellfish", "soy", "gluten",
              "vegetarian", "vegan"]

# An oracle written apart from rules.yaml: words and food groups that must never appear
# in a suggestion for each exclusion. Narrower than the rules, never wider.
_ORACLE_WORDS = {
    "nut": ["almond", "cashew", "walnut", "pecan", "pistachio", "hazelnut", "macadamia"],
    "peanut": ["peanut"],
    "dairy": ["milk", "cheese", "yogurt", "cream", "whey"],
    "egg": ["egg"],
    "fish": ["salmon", "tuna", "sardine", "cod", "anchovy", "trout", "herring"],
    "shellfish": ["shrimp", "crab", "lobster", "clam", "oyster", "mussel", "scallop"],
    "soy": ["soy", "tofu", "edamame", "tempeh", "miso"],
    "gluten": ["wheat", "barley", "rye", "bread", "pasta"],
    "vegetarian": ["beef", "pork", "chicken", "turkey", "lamb", "fish"],
    "vegan": ["beef", "chicken", "milk", "cheese", "egg", "honey", "yogurt"],
}
_ORACLE_STARTS = {"nut": ("Nuts,",), "fish": ("Fish,",), "shellfish": ("Crustaceans,",
                  "Mollusks,"), "vegetarian": ("Fish,", "Crustaceans,", "Mollusks,")}
_ORACLE_GROUPS = {
    "dairy": set(),
    "vegetarian": {"0500", "0700", "1000", "1300", "1500", "1700"},
    "vegan": {"0500", "0700", "1000", "1300", "1500", "1700"},
}
_UNSAFE_WORDS = ["liver", "pate", "shark", "swordfish", "marlin", "tilefish", "roughy",
                 "brie", "camembert", "sprouted", "alcoholic", "beverages, coffee"]


_MEAT_ANALOGUE = ("meatless", "imitation", "vegetarian", "veggie")


def _breaks(food: Food, exclusion: str) -> bool:
    text = food.description.lower()
    if exclusion == "vegetarian" and any(w in text for w in _MEAT_ANALOGUE) \
            and food.group_code not in _ORACLE_GROUPS["vegetarian"]:
        return False  # "Chicken, meatless" is a meat analogue: fine for vegetarians
    words = set(re.findall(r"[a-z]+", text))
    singular = {w[:-1] if w.endswith("s") else w for w in words}
    # Nut and seed butters (peanut butter, tahini) are not dairy.
    if exclusion == "dairy" and food.group_code not in {"1200", "1600"} \
            and "butter" in singular:
        return True
    return (
        any(w in singular or w in words for w in _ORACLE_WORDS[exclusion])
        or food.description.startswith(_ORACLE_STARTS.get(exclusion, ()))
        or food.group_code in _ORACLE_GROUPS.get(exclusion, set())
    )


def _unsafe(food: Food) -> bool:
    text = food.description.lower()
    raw_animal = food.group_code in {"0500", "1000", "1300", "1500", "1700"} and "raw" in text
    return raw_animal or any(re.search(rf"\b{w}", text) for w in _UNSAFE_WORDS)


@pytest.fixture(scope="module")
def suggester(catalog: Catalog) -> Suggester:  # noqa: F811
    return Suggester(catalog)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    exclude=st.lists(st.sampled_from(EXCLUSIONS), unique=True, max_size=5),
    nutrient=st.sampled_from(TARGETS),
    limit=st.integers(min_value=1, max_value=40),
)
def test_it_never_suggests_an_excluded_or_unsafe_food(
    suggester: Suggester, exclude: list[str], nutrient: str, limit: int
) -> None:
    for suggestion in suggester.suggest(nutrient, exclude=exclude, limit=limit):
        food = suggestion.food
        assert not _unsafe(food), food.description
        assert suggester.rules.unsafe(food, {}) is None, food.description
        for name in exclude:
            assert not _breaks(food, name), (name, food.description)


def test_it_never_lets_an_unsafe_food_become_a_candidate(suggester: Suggester) -> None:
    assert all(not _unsafe(c.food) for c in suggester.candidates)
    assert suggester.unsafe[7053] == "liver"  # Pate, chicken liver, canned
    assert suggester.unsafe[15110] == "high_mercury_fish"  # Fish, swordfish, raw
    assert suggester.unsafe[11001] == "raw_sprouts"  # Alfalfa seeds, sprouted, raw
    assert suggester.unsafe[1006] == "listeria"  # Cheese, brie
    assert suggester.unsafe[14209] == "caffeine"  # Coffee, brewed


def test_it_suggests_magnesium_foods_in_realistic_servings(suggester: Suggester) -> None:
    found = suggester.suggest("magnesium_mg", gap=200.0, limit=15)
    descriptions = [s.food.description for s in found]
    assert "Spinach, cooked, boiled, drained, without salt" in descriptions
    assert descriptions[0] == "Seeds, pumpkin and squash seed kernels, dried"
    seeds = next(s for s in found if s.food.id == 12014)
    assert (seeds.portion, seeds.grams) == ("1 oz", 28.35)
    assert seeds.amounts["magnesium_mg"] == pytest.approx(592 * 0.2835)
    assert seeds.closes_percent == pytest.approx(100 * 592 * 0.2835 / 200)
    assert all(15 <= s.grams <= 250 for s in found)
    assert len({",".join(s.food.description.split(",")[:2]) for s in found}) == len(found), \
        "near-identical foods are one suggestion"


def test_it_keeps_every_number_traceable_to_usda(suggester: Suggester) -> None:
    document = suggester.suggest("magnesium_mg", limit=1)[0].as_json()
    assert set(document) >= {"id", "description", "grams", "magnesium_mg", "ndb_no", "fdc_id"}
    assert document["ndb_no"] == str(document["id"]).zfill(5)


def test_it_leaves_out_nuts_and_seeds_stay(suggester: Suggester) -> None:
    found = suggester.suggest("magnesium_mg", exclude=["nut", "peanut"], limit=30)
    assert not any("almond" in s.food.description.lower() for s in found)
    assert any(s.food.id == 12014 for s in found), "seeds are not nuts"


def test_it_refuses_an_unknown_exclusion(suggester: Suggester) -> None:
    with pytest.raises(SuggestError, match="Unknown exclusion: meat. Choose from: nut"):
        suggester.suggest("magnesium_mg", exclude=["meat"])


def test_meat_analogues_are_left_out_for_vegans(suggester: Suggester) -> None:
    # Found by the property test: "Chicken, meatless, breaded, fried" is fine for a
    # vegetarian, but analogues often hold egg or milk that the description does not name.
    for nutrient in TARGETS:
        for suggestion in suggester.suggest(nutrient, exclude=["vegan"], limit=200):
            assert "meatless" not in suggestion.food.description.lower()
