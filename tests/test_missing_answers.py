"""Missing answers are ranked by computing what each could change, not listed by hand."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from strategies import answers
from symptom_decoder.engine import _missing, assess
from symptom_decoder.engine._decide import Decision, band, decide
from symptom_decoder.engine._plan import compile_pack
from symptom_decoder.knowledge import load_pack
from symptom_decoder.knowledge.derived import get_path


def _brute_impact(base: Decision, other: Decision, plan: Any) -> float:
    """The same measure as the engine's, from two whole decisions."""
    impact = _missing.LEVEL_STEP * abs(other.level.rank - base.level.rank)
    impact += _missing.WARNING_APPEARS * len(set(base.warnings) ^ set(other.warnings))
    for lid in set(base.look_alikes) | set(other.look_alikes):
        a, b = base.look_alikes.get(lid), other.look_alikes.get(lid)
        if (a is None) != (b is None):
            impact += _missing.LOOK_ALIKE_APPEARS
        elif a is not None and b is not None:
            changed_band = band(a[0], plan) != band(b[0], plan)
            impact += abs(a[0] - b[0]) + (_missing.BAND_CHANGE if changed_band else 0)
    for fid, (score, _) in base.factors.items():
        new = other.factors[fid][0]
        impact += _missing.FACTOR_SCORE * abs(new - score)
        impact += _missing.BAND_CHANGE if band(new, plan) != band(score, plan) else 0
    impact += _missing.TEST_CHANGE * len(set(base.tests) ^ set(other.tests))
    impact += _missing.ADVICE_CHANGE * len(set(base.relief) ^ set(other.relief))
    impact += _missing.ADVICE_CHANGE * len(set(base.plan) ^ set(other.plan))
    return impact


def _brute_rank(given: dict[str, Any]) -> list[tuple[str, float]]:
    plan = compile_pack(load_pack())
    base, _ = decide(plan, given)
    ranked = []
    for path, order in plan.question_order.items():
        if get_path(given, path) is not None:
            continue
        best = max((_brute_impact(base, decide(plan, _missing._with(given, path, v))[0], plan)
                    for v in plan.candidates.get(path, ())), default=0.0)
        if best > 0:
            ranked.append((-best, order, path))
    ranked.sort()
    return [(p, -n) for n, _, p in ranked]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_the_fast_ranking_matches_re_running_the_whole_pack(given_answers: dict[str, Any]) -> None:
    plan = compile_pack(load_pack())
    base, ctx = decide(plan, given_answers)
    fast = _missing.rank_missing(plan, base, ctx)
    slow = _brute_rank(given_answers)
    assert [p for p, _ in fast] == [p for p, _ in slow]
    for (_, a), (_, b) in zip(fast, slow, strict=True):
        assert abs(a - b) < 1e-9


def test_with_no_answers_the_danger_questions_come_first() -> None:
    missing = assess({}).missing_answers
    assert missing[:4] == [
        "red_flags.sudden_shortness_of_breath",
        "red_flags.chest_pain",
        "red_flags.coughing_blood",
        "red_flags.fainted_or_collapsed",
    ]
    assert "labs.ferritin_ug_per_l" in missing


def test_a_ferritin_result_is_asked_for_when_iron_is_in_question() -> None:
    tired = {"gestational_week": 30, "other_symptoms": {"fatigue": True, "urge_to_move_legs": True}}
    missing = assess(tired).missing_answers
    safe = [p for p in missing if not p.startswith("red_flags.")]
    assert "labs.ferritin_ug_per_l" in safe[:6]


def test_which_leg_is_swollen_is_asked_once_one_leg_is_swollen() -> None:
    swollen = {"gestational_week": 12, "red_flags": {"one_leg_swelling": True}}
    missing = assess(swollen).missing_answers
    assert "red_flags.swollen_leg" in missing
    assert "red_flags.calf_circumference_difference_cm" in missing


def test_answered_questions_are_never_listed_as_missing() -> None:
    answers_given = {"gestational_week": 30, "labs": {"ferritin_ug_per_l": 20},
                     "red_flags": {"chest_pain": False}}
    missing = assess(answers_given).missing_answers
    assert "gestational_week" not in missing
    assert "labs.ferritin_ug_per_l" not in missing
    assert "red_flags.chest_pain" not in missing
