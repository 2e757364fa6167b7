"""Lab results typed in the unit on the report. Many reports, in the US above all, give
blood calcium and magnesium in mg/dL and vitamin D in ng/mL; the questions ask in
millimoles and nanomoles per litre. A normal US calcium of 9.2 read as 9.2 millimoles per
litre is an emergency that is not there, at 3 a.m.

The factors are those of the evidence (section 1, units): calcium 1 mmol/L = 4.008 mg/dL,
magnesium 1 mmol/L = 2.43 mg/dL = 2 mEq/L, 25(OH)D 1 ng/mL = 2.496 nmol/L. A typed unit is
converted; a bare number that no blood test gives in the asked unit, but a usual one does
in the other, is asked again with its unit, and the words say how.
"""

from __future__ import annotations

import pytest

from symptom_decoder.answers import get_path
from symptom_decoder.engine import ReplyError, assess, parse_reply
from symptom_decoder.engine.interview import plain_entries
from symptom_decoder.knowledge import load_pack
from symptom_decoder.types import Level

PACK = load_pack()
CALCIUM = "labs.serum_calcium_mmol_per_l"
MAGNESIUM = "labs.serum_magnesium_mmol_per_l"
VITAMIN_D = "labs.vitamin_d_25oh_nmol_per_l"
TEMPERATURE = "measurements.temperature_c"


def _question(path: str):  # type: ignore[no-untyped-def]
    return next(q for q in PACK.questions if q.path == path)


@pytest.mark.parametrize(
    ("path", "typed", "value"),
    [
        pytest.param(CALCIUM, "9.2 mg/dL", 9.2 / 4.008, id="calcium in mg/dL"),
        pytest.param(CALCIUM, "9,2 mg/dl", 9.2 / 4.008, id="calcium, a decimal comma"),
        pytest.param(CALCIUM, "2.3", 2.3, id="calcium in mmol/L, bare"),
        pytest.param(CALCIUM, "2.3 mmol/L", 2.3, id="calcium with its own unit"),
        pytest.param(CALCIUM, "3.6", 3.6, id="a very high calcium is still taken"),
        pytest.param(MAGNESIUM, "2.1 mg/dL", 2.1 / 2.43, id="magnesium in mg/dL"),
        pytest.param(MAGNESIUM, "1.6 mEq/L", 0.8, id="magnesium in mEq/L"),
        pytest.param(MAGNESIUM, "0.8", 0.8, id="magnesium in mmol/L, bare"),
        pytest.param(VITAMIN_D, "30 ng/mL", 30 * 2.496, id="vitamin D in ng/mL"),
        pytest.param(VITAMIN_D, "30", 30, id="vitamin D bare is read as asked"),
        pytest.param(TEMPERATURE, "101 F", (101 - 32) * 5 / 9, id="a temperature in F"),
        pytest.param(TEMPERATURE, "100.4°F", 38.0, id="a fever in F, with the degree sign"),
        pytest.param(TEMPERATURE, "99 degrees fahrenheit", (99 - 32) * 5 / 9,
                     id="Fahrenheit in words"),
        pytest.param(TEMPERATURE, "38.5", 38.5, id="a temperature in Celsius, bare"),
    ],
)
def test_a_result_is_read_in_the_unit_she_types(path: str, typed: str, value: float) -> None:
    assert parse_reply(_question(path), typed, PACK) == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize(
    ("path", "typed", "example"),
    [
        pytest.param(CALCIUM, "9.2", "9.2 mg/dL", id="a US calcium typed bare"),
        pytest.param(CALCIUM, "7", "7 mg/dL", id="a low US calcium typed bare"),
        pytest.param(MAGNESIUM, "2.1", "2.1 mg/dL", id="a US magnesium typed bare"),
        pytest.param(TEMPERATURE, "101", "101 F", id="a temperature in F typed bare"),
    ],
)
def test_a_bare_number_only_another_unit_gives_is_asked_again_with_its_unit(
        path: str, typed: str, example: str) -> None:
    with pytest.raises(ReplyError) as caught:
        parse_reply(_question(path), typed, PACK)
    message = str(caught.value)
    assert f"type {example}" in message  # what to type instead, with the number she typed
    assert "millimoles per litre" in message or "Celsius" in message
    assert "{" not in message


def test_she_can_keep_a_number_out_of_the_usual_reach_by_typing_its_unit() -> None:
    assert parse_reply(_question(CALCIUM), "4.6 mmol/L", PACK) == pytest.approx(4.6)


def test_a_us_calcium_typed_with_its_unit_is_no_emergency_and_a_real_high_one_still_is() -> None:
    def level(typed: str) -> Level:
        value = parse_reply(_question(CALCIUM), typed, PACK)
        answers = {"gestational_week": 30, "labs": {"serum_calcium_mmol_per_l": value}}
        return assess(answers, PACK).triage.level

    assert level("9.2 mg/dL") == Level.self_care
    assert level("14 mg/dL") == Level.emergency  # 3.49 mmol/L: above 3.4 (evidence A.10)
    assert level("3.5") == Level.emergency


def test_the_interview_api_reads_typed_units_and_names_a_bare_number_to_check() -> None:
    doc, problems = plain_entries({"labs": {"serum_calcium_mmol_per_l": "9.2 mg/dL",
                                            "vitamin_d_25oh_nmol_per_l": "20 ng/mL"}}, PACK)
    assert get_path(doc, CALCIUM) == pytest.approx(2.295, abs=0.001)
    assert get_path(doc, VITAMIN_D) == pytest.approx(49.92)
    assert problems == []
    _, problems = plain_entries({"labs": {"serum_calcium_mmol_per_l": "9.2"}}, PACK)
    assert len(problems) == 1
    assert problems[0].startswith(f"{CALCIUM}: ")
    assert "9.2 mg/dL" in problems[0]


def test_the_help_tells_her_she_can_type_the_unit_on_her_report() -> None:
    for path, unit in ((CALCIUM, "mg/dL"), (MAGNESIUM, "mg/dL"), (VITAMIN_D, "ng/mL"),
                       (TEMPERATURE, "101 F")):
        assert unit in (_question(path).help or "")


def test_the_calcium_help_asks_for_the_adjusted_figure_not_the_ionised_one() -> None:
    # A usual ionised calcium (about 1.2) read as a total calcium is "very low" (below 1.9,
    # urgent); reports that give both name them (evidence 4.4.2).
    words = _question(CALCIUM).help or ""
    assert "adjusted" in words and "ionised" in words
