"""Numbers as people type them: "30 weeks", "2 litres", "3,5". One reader for the web check,
the terminal and the interview API."""

from __future__ import annotations

import pytest

from symptom_decoder.answers import NumberError, read_number


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        pytest.param("30", "weeks", 30, id="a plain number"),
        pytest.param("30 weeks", "weeks", 30, id="with its unit"),
        pytest.param("30 weeks pregnant", "weeks", 30, id="in a sentence"),
        pytest.param("thirty-two", "weeks", 32, id="in words"),
        pytest.param("2 litres", "litres a day", 2, id="litres"),
        pytest.param("1.5 l/day", "litres a day", 1.5, id="litres a day, short"),
        pytest.param("500 ml", "litres a day", 0.5, id="millilitres as litres"),
        pytest.param("half a litre", "litres a day", 0.5, id="half"),
        pytest.param("3,5", "litres a day", 3.5, id="a decimal comma"),
        pytest.param("about 2", "servings a day", 2, id="about"),
        pytest.param("1/2", "servings a day", 0.5, id="a fraction"),
        pytest.param("1,500 mg", "milligrams a day", 1500, id="a thousands comma"),
        pytest.param("1.500,5", "milligrams a day", 1500.5, id="European grouping"),
        pytest.param("38,5°C", "degrees Celsius", 38.5, id="degrees"),
        pytest.param("31 years old", "years", 31, id="years old"),
        pytest.param("30 seconds", "minutes", 0.5, id="seconds as minutes"),
        pytest.param("110 g/L", "grams per decilitre", 11, id="haemoglobin in grams a litre"),
        pytest.param("4 tablets", "tablets", 4, id="tablets"),
    ],
)
def test_it_reads_plain_entries(typed: str, unit: str, value: float) -> None:
    assert read_number(typed, unit) == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "unit", "message"),
    [
        pytest.param("lots", "weeks", "Please type a number, like 2 or 2.5.", id="no number"),
        pytest.param("2 litres", "milligrams a day",
                     "Please type just the number of milligrams a day, like 2 or 2.5.",
                     id="another unit"),
        pytest.param("2-3", "cramps a week", "Please type one number, like 2 or 2.5.",
                     id="a range"),
        pytest.param("1.2.3", "weeks", "Please type one number, like 2 or 2.5.",
                     id="two points"),
        pytest.param("nan", "weeks", "Please type a number, like 2 or 2.5.", id="not a number"),
        pytest.param("120/80", "mmHg", "Please type 120 as the upper number and 80 as the "
                     "lower number, each in its own box.", id="a whole reading in one box"),
        pytest.param("128 over 84", "mmHg", "Please type 128 as the upper number and 84 as the "
                     "lower number, each in its own box.", id="a reading in words"),
        pytest.param("high", "mmHg", "Please type a number from your reading or result.",
                     id="a reading is not shown an example to copy"),
        pytest.param("37/38", "degrees Celsius",
                     "Please type one number from your reading or result.",
                     id="no fractions of a reading"),
        pytest.param("20 mg", "millimoles per litre",
                     "Please type just the number of millimoles per litre from your reading "
                     "or result.", id="a lab result in another unit"),
    ],
)
def test_it_says_what_to_type_instead(typed: str, unit: str, message: str) -> None:
    with pytest.raises(NumberError) as caught:
        read_number(typed, unit)
    assert str(caught.value) == message
