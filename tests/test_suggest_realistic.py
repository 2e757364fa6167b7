"""Suggestions a person would eat: realistic servings, ranked by what a serving gives toward
the gap with absorption weighed, and nothing forbidden in any configuration.

The oracle below is written apart from rules.yaml, in plain word lists, so that a gap in
the rules shows up as a failure here rather than as agreement with itself.
"""

from __future__ import annotations

import itertools
import re

import pytest

from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.diary.profile import ALLERGIES, DIETS
from symptom_decoder.diet.suggest import TARGETS, Suggester, Suggestion
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.foods.database import Food

_MEAT = {"0500", "0700", "1000", "1300", "1500", "1700", "3500"}
_HERBS_SPICES_CONDIMENTS = [
    "garlic", "ginger", "jalapeno", "parsley", "cilantro", "coriander",
    "basil", "mint", "dill", "chives", "oregano", "thyme", "rosemary", "sage", "horseradish",
    "wasabi", "ketchup", "catsup", "vinegar", "pickle", "relish", "salsa", "capers",
]
_GIBLETS = ["giblet", "gizzard", "heart", "liver", "kidney", "kidneys", "brain", "spleen",
            "tongue", "tripe", "lungs", "pancreas"]
_ALLERGEN_WORDS = {
    "nut": ["almond", "almonds", "cashew", "walnut", "pecan", "pistachio", "hazelnut",
            "macadamia", "brazilnuts"],
    "peanut": ["peanut", "peanuts"],
    "seed": ["sesame", "tahini", "flaxseed", "chia", "hummus", "poppy"],
    "dairy": ["milk", "cheese", "yogurt", "cream", "whey", "kefir"],
    "egg": ["egg", "eggs"],
    "fish": ["salmon", "tuna", "sardine", "sardines", "cod", "anchovy", "trout", "herring",
             "mackerel", "pollock", "fish"],
    "shellfish": ["shrimp", "crab", "lobster", "clam", "clams", "oyster", "mussel", "mussels",
                  "scallop", "octopus", "squid"],
    "soy": ["soy", "soybean", "soybeans", "tofu", "edamame", "tempeh", "miso", "natto",
            "soymilk"],
    "gluten": ["wheat", "barley", "rye", "bread", "pasta", "bagel", "bagels", "naan"],
}


def _words(food: Food) -> set[str]:
    return set(re.findall(r"[a-z]+", food.description.lower()))


def forbidden(food: Food, exclude: tuple[str, ...]) -> str | None:
    """Why the food must never be suggested with these exclusions, or None."""
    words = _words(food)
    text = food.description.lower()
    if food.group_code == "0200" or (
            words & set(_HERBS_SPICES_CONDIMENTS) and "greens" not in words):
        return "herb, spice or condiment"
    if words & {"chili", "chile"} and words & {"pepper", "peppers", "powder"}:
        return "hot peppers by the cup"
    if food.group_code == "2000" and not words & {"cooked", "boiled", "prepared", "steamed",
                                                  "canned"}:
        return "raw grain"
    if "liquid from" in text and "coconut" not in words:
        return "cooking liquid"
    if food.group_code in _MEAT and words & set(_GIBLETS):
        return "giblet"
    if "liver" in words or "pate" in words:
        return "liver"
    names = set(exclude)
    if "vegan" in names:
        names |= {"vegetarian", "dairy", "egg"}
    if "vegetarian" in names:
        names |= {"fish", "shellfish", "pescatarian"}
    if "pescatarian" in names:
        analogue = words & {"meatless", "imitation", "vegetarian", "veggie"}
        if food.group_code in _MEAT - {"1500"} or (
                words & {"beef", "pork", "chicken", "turkey", "lamb"} and not analogue):
            return "meat for someone who eats no meat"
    for name in names:
        hits = words & set(_ALLERGEN_WORDS.get(name, []))
        if name == "dairy" and food.group_code in {"1200", "1600"}:
            hits -= {"milk", "cream"} if "soymilk" in words or "almond" in words else set()
            hits -= {"cheese"} if "soybean" in words or "curd" in words else set()
        if name == "dairy" and ("almond milk" in text or "coconut milk" in text
                                or "soymilk" in text or "rice milk" in text):
            hits -= {"milk"}
        if hits:
            return f"{name}: {', '.join(sorted(hits))}"
    return None


@pytest.fixture(scope="module")
def suggester(catalog: Catalog) -> Suggester:  # noqa: F811
    return Suggester(catalog)


def _configurations() -> list[tuple[str, ...]]:
    out = []
    for diet in ((), *((d,) for d in DIETS)):
        for size in range(len(ALLERGIES) + 1):
            for allergies in itertools.combinations(ALLERGIES, size):
                out.append((*allergies, *diet))
    return out


def test_no_configuration_of_diet_allergies_and_nutrient_suggests_a_forbidden_food(
    suggester: Suggester,
) -> None:
    configurations = _configurations()
    assert len(configurations) == (1 + len(DIETS)) * 2 ** len(ALLERGIES)
    assert {"pescatarian", "vegetarian", "vegan"} <= set(DIETS)
    broken = []
    for exclude in configurations:
        for nutrient in TARGETS:
            for suggestion in suggester.suggest(nutrient, exclude=exclude, limit=25):
                why = forbidden(suggestion.food, exclude)
                if why:
                    broken.append((exclude, nutrient, suggestion.food.description, why))
    assert broken == []


def test_no_candidate_is_a_herb_spice_condiment_raw_grain_cooking_liquid_or_giblet(
    suggester: Suggester,
) -> None:
    assert [c.food.description for c in suggester.candidates
            if forbidden(c.food, ())] == []


@pytest.mark.parametrize(("food_id", "why"), [
    pytest.param(5024, "liver", id="chicken-gizzard"),
    pytest.param(5026, "liver", id="chicken-heart"),
    pytest.param(13322, "liver", id="beef-heart"),
    pytest.param(13324, "liver", id="beef-kidney"),
    pytest.param(5027, "liver", id="chicken-liver"),
])
def test_giblets_are_a_family_not_a_word(suggester: Suggester, food_id: int, why: str) -> None:
    assert suggester.unsafe[food_id] == why


def _find(found: list[Suggestion], food_id: int) -> Suggestion:
    return next(s for s in found if s.food.id == food_id)


def test_servings_use_usdas_rows_as_written(suggester: Suggester) -> None:
    by_id = {c.food.id: c for c in suggester.candidates}
    salmon = by_id[15080]  # Fish, salmon, chum, canned, drained solids with bone
    assert (salmon.portion, salmon.grams) == ("3 oz", 85.0)
    oats = by_id[8123]  # Cereals, oats, instant, fortified, plain, prepared with water
    assert oats.grams > 100 and "dry" not in oats.portion
    assert all(15 <= c.grams <= 250 for c in suggester.candidates)
    assert all(not c.portion.startswith("1 oz") for c in suggester.candidates
               if c.food.group_code in {"1500", "1300", "0500"})


def test_it_ranks_by_what_one_serving_gives(suggester: Suggester) -> None:
    found = suggester.suggest("magnesium_mg", gap=400.0, limit=30)
    amounts = [s.amounts["magnesium_mg"] or 0.0 for s in found]
    assert amounts == sorted(amounts, reverse=True)
    seeds = _find(found, 12014)
    greens = _find(found, 11087)  # Beet greens, cooked
    assert found.index(seeds) < found.index(greens)
    assert found[0].food.id == 12014


def test_someone_who_eats_fish_but_no_meat_is_offered_fish_and_never_meat(
    suggester: Suggester,
) -> None:
    found = suggester.suggest("iron_mg", gap=27.0, limit=60, exclude=("pescatarian",))
    groups = {s.food.group_code for s in found}
    assert "1500" in groups  # fish and shellfish: haem iron she eats
    assert not groups & {"0500", "0700", "1000", "1300", "1700", "3500"}
    vegetarian = suggester.suggest("iron_mg", gap=27.0, limit=60, exclude=("vegetarian",))
    assert "1500" not in {s.food.group_code for s in vegetarian}


def test_iron_from_meat_and_fish_counts_for_more_than_plant_iron(suggester: Suggester) -> None:
    found = suggester.suggest("iron_mg", gap=27.0, limit=8)
    haem = [s for s in found if s.absorption and s.absorption.id == "haem"]
    assert len(haem) >= 3
    assert all(s.food.group_code in {"0500", "1000", "1300", "1500", "1700"} for s in haem)
    lentils = _find(suggester.suggest("iron_mg", gap=27.0, limit=400), 16070)
    assert lentils.absorption is not None and lentils.absorption.id == "plant"
    assert "absorbed less well" in lentils.as_json()["absorption"]["note"]
    iron = lentils.amounts["iron_mg"] or 0.0
    assert lentils.closes_percent == pytest.approx(100 * iron * 0.5 / 27.0)


def test_oxalate_rich_calcium_is_marked_poorly_absorbed_and_closes_nothing(
    suggester: Suggester,
) -> None:
    found = suggester.suggest("calcium_mg", gap=1000.0, limit=2000)
    for food_id in (11458, 9307, 11964):  # spinach cooked, rhubarb raw, nopales cooked
        hit = _find(found, food_id)
        assert hit.absorption is not None and hit.absorption.id == "oxalate"
        assert "Poorly absorbed" in hit.absorption.note
        assert hit.closes_percent == 0
        assert (hit.amounts["calcium_mg"] or 0) > 0
    yogurt = next(i for i, s in enumerate(found)
                  if s.food.description.startswith("Yogurt, plain"))
    assert all(found.index(_find(found, f)) > yogurt for f in (11458, 9307, 11964))
    assert not any(s.absorption and s.absorption.id == "oxalate" for s in found[:8])


@pytest.mark.parametrize(("exclude", "food_id"), [
    # Found by a review that scanned every suggestion against USDA's own ingredient data.
    pytest.param("vegetarian", 16059, id="chili-with-beans-holds-beef"),
    pytest.param("vegan", 16059, id="chili-with-beans-for-a-vegan"),
    pytest.param("egg", 18328, id="vanilla-cream-pie-holds-egg"),
    pytest.param("egg", 18304, id="banana-cream-pie-holds-egg"),
    pytest.param("vegan", 18279, id="corn-muffins-hold-egg-or-milk"),
    pytest.param("dairy", 18326, id="pumpkin-pie-holds-milk"),
    pytest.param("soy", 43410, id="meatless-chicken-may-hold-soy"),
    pytest.param("gluten", 43132, id="meatless-meatballs-may-hold-wheat"),
    pytest.param("seed", 12016, id="pumpkin-seeds"),
    pytest.param("seed", 12023, id="sesame-seeds"),
    pytest.param("seed", 16137, id="hummus-holds-tahini"),
])
def test_foods_whose_names_hide_an_ingredient_are_left_out(
        suggester: Suggester, exclude: str, food_id: int) -> None:
    assert food_id in suggester.excluded, "expected among the candidates, to be left out"
    assert exclude in suggester.excluded[food_id]
    for nutrient in TARGETS:
        assert food_id not in {s.food.id for s in suggester.suggest(nutrient, exclude=[exclude],
                                                                      limit=200)}


@pytest.mark.parametrize("food_id", [
    pytest.param(16112, id="miso-by-the-half-cup-is-twice-a-days-sodium"),
    pytest.param(11031, id="raw-lima-beans"),
    pytest.param(11518, id="raw-taro"),
])
def test_foods_not_eaten_by_the_serving_or_raw_are_never_suggested(
        suggester: Suggester, food_id: int) -> None:
    assert food_id not in {c.food.id for c in suggester.candidates}
