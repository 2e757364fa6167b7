from __future__ import annotations

import pytest

from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.foods.catalog import Catalog


def _top(catalog: Catalog, query: str, n: int = 3) -> list[str]:  # noqa: F811
    return [food.description for food in catalog.search(query, limit=n)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("spinnach", "Spinach, raw", id="doubled-letter"),
        pytest.param("almnds", "Nuts, almonds", id="missing-vowel"),
        pytest.param("pumkin seeds", "Seeds, pumpkin and squash seed kernels, dried", id="typo"),
        pytest.param("almond", "Nuts, almonds", id="singular"),
        pytest.param("bananas", "Bananas, raw", id="plural"),
        pytest.param("seed pumpkin", "Seeds, pumpkin and squash seed kernels, dried",
                     id="word-order"),
        pytest.param("Spinach cooked", "Spinach, cooked, boiled, drained, without salt",
                     id="word-order-and-case"),
        pytest.param("lentils", "Lentils, mature seeds, cooked, boiled, without salt",
                     id="lentils-cooked"),
        pytest.param("chickpeas",
                     "Chickpeas (garbanzo beans, bengal gram), mature seeds, cooked, boiled, "
                     "without salt", id="parentheses"),
        pytest.param("soy milk", "Soymilk, original and vanilla, with added calcium, vitamins A "
                     "and D", id="compound"),
        pytest.param("pea nut butter", "Peanut butter, smooth style, without salt",
                     id="split-compound"),
        pytest.param("kidney beans", "Beans, kidney, red, mature seeds, cooked, boiled, "
                     "without salt", id="dried-beans-cooked-first"),
    ],
)
def test_it_finds_what_people_type(
    catalog: Catalog, query: str, expected: str  # noqa: F811
) -> None:
    assert expected in _top(catalog, query)


@pytest.mark.parametrize(("query", "expected"), [
    ("brie", "Cheese, brie"),
    ("1 oz brie", "Cheese, brie"),
    ("camembert", "Cheese, camembert"),
    ("pâté de foie gras", "Pate de foie gras, canned (goose liver pate), smoked"),
])
def test_a_word_usda_uses_is_taken_as_typed_not_as_a_typo(
    catalog: Catalog, query: str, expected: str  # noqa: F811
) -> None:
    # "brie" was read as a typo of "rice": white rice came first, and the food log took it.
    assert _top(catalog, query, 1)[0] == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("a bowl of porridge", "Cereals, oats, regular and quick, unenriched, cooked with water"),
    ("glass of milk", "Milk, whole, 3.25% milkfat"),
    ("30 g pumpkin seeds", "Seeds, pumpkin and squash seed kernels"),
    ("half an avocado", "Avocados, raw"),
])
def test_it_reads_an_amount_in_front_as_the_food_log_does(
    catalog: Catalog, query: str, expected: str  # noqa: F811
) -> None:
    # The search box once offered waffle bowls and horned owl for "a bowl of porridge".
    assert _top(catalog, query, 1)[0].startswith(expected)


def test_it_puts_raw_and_cooked_spinach_before_baby_foods_and_dishes(
    catalog: Catalog,  # noqa: F811
) -> None:
    top = _top(catalog, "spinach", 10)
    assert top[:2] == ["Spinach, raw", "Spinach, cooked, boiled, drained, without salt"]
    assert all("Babyfood" not in d and "souffle" not in d and "KASHI" not in d for d in top)


def test_it_gives_each_result_its_portions_with_grams(catalog: Catalog) -> None:  # noqa: F811
    result = catalog.as_result(catalog.search("almonds", limit=1)[0])
    assert result["id"] == 12061
    assert result["portions"][0] == {"label": "1 cup, whole", "grams": 143.0}
    assert {"label": "1 oz (23 whole kernels)", "grams": 28.35} in result["portions"]
    assert result["portions"][-1] == {"label": "100 g", "grams": 100.0}
    assert result["fdc_id"] == 170567


@pytest.mark.parametrize("query", ["", "   ", "the and of", "xqzvwk"])
def test_it_returns_nothing_for_queries_with_no_food(
    catalog: Catalog, query: str  # noqa: F811
) -> None:
    assert catalog.search(query) == []
