"""The adaptive interview (``engine.next_turn``): danger signs first and alone, a stop at
once on danger, then only what could still change the result, in the engine's own order."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from personas import Walk, full_answers, walk
from symptom_decoder.answers import get_path
from symptom_decoder.engine import assess, next_turn
from symptom_decoder.engine.interview import QUICK_QUESTIONS, SCREEN_SIZE
from symptom_decoder.knowledge import load_pack
from symptom_decoder.types import Level

PACK = load_pack()
DANGER_SIGNS = [q.path for q in PACK.questions if q.red_flag and q.ask_when is None]
NO_FLAGS: dict[str, bool] = {p.split(".")[1]: False for p in DANGER_SIGNS}
NO_DANGER: dict[str, Any] = {"schema": "answers/v1", "red_flags": NO_FLAGS}


def test_the_tired_30_weeks_persona_gets_her_quick_result_in_15_questions_on_4_screens(
) -> None:
    full = full_answers("tired-30-weeks")
    quick = walk(PACK, full, "quick")
    assert quick.last is not None and quick.last.done
    assert quick.questions <= 15, quick.screens
    assert len(quick.screens) <= 4, quick.screens
    assert quick.last.assessment.triage.level == assess(full, PACK).triage.level


def test_her_quick_result_points_to_what_her_full_answers_point_to() -> None:
    full = full_answers("tired-30-weeks")
    quick = walk(PACK, full, "quick").last
    assert quick is not None

    def worth_a_look(result: Any) -> list[str]:
        return [f.id for f in result.factors if f.likelihood != "low"][:3]

    assert worth_a_look(quick.assessment) == worth_a_look(assess(full, PACK))
    assert "supplements" in [p for s in walk(PACK, full, "quick").screens for p in s]


def test_answering_more_goes_on_from_where_the_quick_check_stopped() -> None:
    full = full_answers("tired-30-weeks")
    quick = walk(PACK, full, "quick")
    asked_before = {p for s in quick.screens for p in s}
    quick_screens = len(quick.screens)
    more = walk(PACK, full, "full", start=quick)
    new_screens = more.screens[quick_screens:]
    assert new_screens, "the full check asked nothing more"
    asked_after = [p for s in new_screens for p in s]
    assert not asked_before & set(asked_after)
    assert "measurements.bp_systolic_mmhg" in asked_after
    assert more.last is not None and more.last.more == 0


def test_the_danger_signs_come_first_and_alone() -> None:
    turn = next_turn({"schema": "answers/v1"}, PACK)
    assert turn.checklist
    assert [q.path for q in turn.questions] == DANGER_SIGNS
    assert turn.screen == 1


@pytest.mark.parametrize("sign", ["chest_pain", "one_leg_swelling", "severe_headache",
                                  "saddle_numbness"])
def test_a_danger_answer_ends_the_interview_at_once(sign: str) -> None:
    answers = {"schema": "answers/v1", "red_flags": {sign: True}}
    turn = next_turn(answers, PACK, mode="full")
    assert turn.done and turn.danger
    assert turn.assessment.triage.level.at_least(Level.urgent)
    assert turn.assessment.triage.do_now


def test_after_the_danger_page_she_may_go_on_and_is_stopped_again_only_for_worse() -> None:
    swollen = {"schema": "answers/v1", "gestational_week": 30,
               "red_flags": {**NO_FLAGS, "one_leg_swelling": True}}
    turn = next_turn(swollen, PACK, mode="full", seen=Level.urgent)
    assert not turn.done
    went_on = walk(PACK, {}, "full", start=Walk(copy.deepcopy(swollen)), seen=Level.urgent)
    assert "red_flags.swollen_leg" in [p for s in went_on.screens for p in s]
    worse = {**swollen, "measurements": {"heart_rate_bpm": 120}}
    again = next_turn(worse, PACK, mode="full", seen=Level.urgent)
    assert again.danger and again.assessment.triage.level is Level.emergency


def test_the_questions_follow_the_engines_ranking_of_missing_answers() -> None:
    answers = {**NO_DANGER, "gestational_week": 30}
    turn = next_turn(answers, PACK, mode="full")
    ranked = [q.path for q in assess(answers, PACK).next_questions]
    chosen = [q.path for q in turn.questions]
    assert sorted(chosen, key=ranked.index) == ranked[:SCREEN_SIZE]


def test_a_follow_up_waits_for_its_lead_question() -> None:
    ranked = [q.path for q in assess(NO_DANGER, PACK).next_questions]
    assert ranked.index("postpartum_weeks") < ranked.index("gestational_week")
    asked = [p for s in walk(PACK, {}, "full").screens for p in s]
    assert asked.index("gestational_week") < asked.index("postpartum_weeks")
    no_week = walk(PACK, {}, "quick", start=Walk(copy.deepcopy(NO_DANGER), ["gestational_week"]))
    assert "postpartum_weeks" in [p for s in no_week.screens for p in s]


def test_the_quick_check_leaves_readings_and_test_results_for_later() -> None:
    quick = walk(PACK, {}, "quick")
    asked = {p for s in quick.screens for p in s}
    needs = {q.path for q in PACK.questions if q.needs is not None}
    assert needs and not asked & needs
    assert quick.questions <= QUICK_QUESTIONS
    assert quick.last is not None and quick.last.more > 0


def test_the_quick_check_asks_for_a_reading_when_what_she_said_makes_it_matter() -> None:
    # NICE NG133: a reading decides how urgent high blood pressure in pregnancy is, and a
    # woman who knows she has it often has a home monitor.
    answers = {**NO_DANGER, "gestational_week": 34}
    without = walk(PACK, {}, "quick", start=Walk(copy.deepcopy(answers)))
    assert "measurements.bp_systolic_mmhg" not in [p for s in without.screens for p in s]
    known = {**answers, "risk_factors": {"high_blood_pressure": True}}
    turn = next_turn(known, PACK, mode="quick")
    asked = [q.path for q in turn.questions]
    assert asked[:2] == ["measurements.bp_systolic_mmhg", "measurements.bp_diastolic_mmhg"]
    severe = {**known, "measurements": {"bp_systolic_mmhg": 165, "bp_diastolic_mmhg": 112}}
    assert next_turn(severe, PACK, mode="quick").danger


def test_a_skipped_question_is_never_asked_again() -> None:
    first = next_turn(NO_DANGER, PACK, mode="full")
    skipped = [q.path for q in first.questions]
    second = next_turn(NO_DANGER, PACK, mode="full", skipped=skipped)
    assert not {q.path for q in second.questions} & set(skipped)


@pytest.mark.parametrize(("supplements", "path", "name", "help_says"), [
    # A typical figure is counted for a blank antacid, and the help says which.
    pytest.param([{"kind": "calcium_antacid", "name": "Rennie", "units_per_day": 4}],
                 "supplements.0.calcium_mg", "Rennie", "300 milligrams a tablet is counted",
                 id="estimated"),
    # A magnesium product with no strength has no usual figure: the total may be higher.
    pytest.param([{"kind": "magnesium", "magnesium_mg": 300},
                  {"kind": "magnesium", "name": "Shop magnesium", "units_per_day": 2}],
                 "supplements.1.magnesium_mg", "Shop magnesium", "may be higher than shown",
                 id="unknown"),
])
def test_the_full_check_asks_a_blank_amount_by_the_products_name(
        supplements: list[dict[str, Any]], path: str, name: str, help_says: str) -> None:
    answers = {**NO_DANGER, "gestational_week": 30, "supplements": supplements}
    asked = walk(PACK, {}, "full", start=Walk(copy.deepcopy(answers)))
    paths = [p for s in asked.screens for p in s]
    assert path in paths
    blank = next(q for q in next_turn(answers, PACK, mode="full",
                                      skipped=paths[:paths.index(path)]
                                      ).questions if q.path == path)
    assert blank.text.startswith(f"{name}: ")
    assert help_says in (blank.help or "")


def test_nothing_is_asked_that_is_already_answered() -> None:
    full = full_answers("tired-30-weeks")
    turn = next_turn(full, PACK, mode="full")
    assert all(get_path(full, q.path) is None for q in turn.questions)
