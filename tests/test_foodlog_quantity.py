from __future__ import annotations

import pytest

from symptom_decoder.foods.quantity import Quantity, QuantityError, parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("30 g pumpkin seeds", Quantity(30, "g", "pumpkin seeds"), id="grams"),
        pytest.param("1 cup cooked spinach", Quantity(1, "cup", "cooked spinach"), id="cup"),
        pytest.param("1 medium banana", Quantity(1, "medium", "banana"), id="size"),
        pytest.param("2 tbsp peanut butter", Quantity(2, "tbsp", "peanut butter"), id="tbsp"),
        pytest.param("½ cup oats", Quantity(0.5, "cup", "oats"), id="unicode-half"),
        pytest.param("1/2 cup rice", Quantity(0.5, "cup", "rice"), id="slash-half"),
        pytest.param("1½ cups milk", Quantity(1.5, "cup", "milk"), id="mixed-unicode"),
        pytest.param("1 1/2 cups milk", Quantity(1.5, "cup", "milk"), id="mixed-slash"),
        pytest.param("100g almonds", Quantity(100, "g", "almonds"), id="no-space"),
        pytest.param("2 slices bread", Quantity(2, "slice", "bread"), id="slices"),
        pytest.param("half a cup of milk", Quantity(0.5, "cup", "milk"), id="words"),
        pytest.param("an apple", Quantity(1, None, "apple"), id="article"),
        pytest.param("2 eggs", Quantity(2, None, "eggs"), id="count"),
        pytest.param("8 fl oz orange juice", Quantity(8, "fl oz", "orange juice"), id="fl-oz"),
        pytest.param("1,5 kg potatoes", Quantity(1.5, "kg", "potatoes"), id="decimal-comma"),
        pytest.param("3 Tablespoons of tahini", Quantity(3, "tbsp", "tahini"), id="of"),
    ],
)
def test_it_reads_amounts_units_and_foods(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "Nothing to log", id="empty"),
        pytest.param("spinach", "How much 'spinach'?", id="no-amount"),
        pytest.param("lots of spinach", r"e\.g\. '1 cup spinach' or '30 g spinach'",
                     id="no-amount-in-words"),
        pytest.param("0 g spinach", "more than zero", id="zero"),
        pytest.param("30 g", "Which food?", id="no-food"),
        pytest.param("1/0 cup rice", "'1/0' is not an amount", id="divide-by-zero"),
        pytest.param("9 kg rice", "more than 5000 grams", id="too-much"),
    ],
)
def test_it_names_the_problem_in_bad_input(text: str, message: str) -> None:
    with pytest.raises(QuantityError, match=message):
        parse_quantity(text)
