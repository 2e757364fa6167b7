"""Properties that must hold for every valid set of answers, not only the ones we wrote."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED
from strategies import RED_FLAG_BOOLEANS, answers
from symptom_decoder.answers import validate_answers
from symptom_decoder.engine import assess
from symptom_decoder.knowledge import load_pack
from symptom_decoder.types import Level

PACK = load_pack()

SCHEMA = json.loads((SHARED / "contract" / "assessment.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
FACTOR_IDS = set(SCHEMA["properties"]["factors"]["items"]["properties"]["id"]["enum"])

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(answers())
def test_it_always_returns_a_schema_valid_assessment(given_answers: dict[str, Any]) -> None:
    validate_answers(given_answers)  # the strategy only makes valid answers
    doc = assess(given_answers, PACK).to_json()
    errors = [e.message for e in VALIDATOR.iter_errors(doc)]
    assert errors == []
    assert {f["id"] for f in doc["factors"]} == FACTOR_IDS
    assert sorted(f["rank"] for f in doc["factors"]) == list(range(1, len(FACTOR_IDS) + 1))


@FAST
@given(answers())
def test_it_gives_the_same_assessment_for_the_same_answers(given_answers: dict[str, Any]) -> None:
    first = assess(given_answers, PACK).to_json()
    second = assess(copy.deepcopy(given_answers), PACK).to_json()
    assert first == second


@FAST
@given(answers(), st.sampled_from(RED_FLAG_BOOLEANS))
def test_adding_a_danger_sign_never_lowers_the_level(given_answers: dict[str, Any],
                                                      flag: str) -> None:
    before = assess(given_answers, PACK).triage.level
    raised = copy.deepcopy(given_answers)
    raised.setdefault("red_flags", {})[flag] = True
    after = assess(raised, PACK).triage.level
    assert after.rank >= before.rank
    assert after.rank >= Level.urgent.rank


@FAST
@given(answers(), st.floats(min_value=2, max_value=30))
def test_a_wider_calf_never_lowers_the_level(given_answers: dict[str, Any], cm: float) -> None:
    before = assess(given_answers, PACK).triage.level
    raised = copy.deepcopy(given_answers)
    raised.setdefault("red_flags", {})["calf_circumference_difference_cm"] = cm
    assert assess(raised, PACK).triage.level.rank >= max(before.rank, Level.urgent.rank)


@FAST
@given(answers())
def test_it_never_advises_rubbing_a_leg_that_may_hold_a_clot(given_answers: dict[str, Any]) -> None:
    doc = assess(given_answers, PACK).to_json()
    if any(la["id"] == "dvt" for la in doc["look_alikes"]):
        advice = " ".join(doc["relief_now"]).lower()
        assert "rub the tight muscle" not in advice
        assert "pull your toes" not in advice
        assert "do not rub" in advice


@FAST
@given(answers())
def test_urgent_and_emergency_headlines_start_with_what_to_do(
    given_answers: dict[str, Any],
) -> None:
    doc = assess(given_answers, PACK).to_json()
    level, headline = doc["triage"]["level"], doc["triage"]["headline"]
    if level == "emergency":
        assert headline.startswith("Call your local emergency number now")
    elif level == "urgent":
        assert headline.startswith("Get checked today")


@FAST
@given(answers())
def test_missing_answers_are_only_unanswered_questions(given_answers: dict[str, Any]) -> None:
    from symptom_decoder.answers import get_path

    doc = assess(given_answers, PACK).to_json()
    assert len(doc["missing_answers"]) == len(set(doc["missing_answers"]))
    for path in doc["missing_answers"]:
        assert get_path(given_answers, path) is None
