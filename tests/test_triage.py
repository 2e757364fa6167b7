"""The safety floor: each danger sign reaches at least its level, and says what to do."""

from __future__ import annotations

from typing import Any

import pytest

from symptom_decoder.engine import assess
from symptom_decoder.knowledge import load_pack

PACK = load_pack()

CALM = {"gestational_week": 30, "cramps": {"episodes_per_week": 2, "timing": "night",
                                           "muscle_hardens": True, "relieved_by_stretching": True}}



FLOOR = [
    ("sudden_shortness_of_breath", {"red_flags": {"sudden_shortness_of_breath": True}},
     "emergency"),
    ("chest_pain", {"red_flags": {"chest_pain": True}}, "emergency"),
    ("coughing_blood", {"red_flags": {"coughing_blood": True}}, "emergency"),
    ("fainted_or_collapsed", {"red_flags": {"fainted_or_collapsed": True}}, "emergency"),
    ("bladder and weak leg", {"red_flags": {"loss_of_bladder_or_bowel_control": True,
                                            "leg_weakness_or_numbness": True}}, "emergency"),
    ("bladder alone", {"red_flags": {"loss_of_bladder_or_bowel_control": True}}, "emergency"),
    ("saddle numbness alone", {"red_flags": {"saddle_numbness": True}}, "emergency"),
    ("seizure", {"red_flags": {"seizure": True}}, "emergency"),
    ("pain down both legs", {"red_flags": {"pain_down_both_legs": True}}, "urgent"),
    ("both legs and a weak leg", {"red_flags": {"pain_down_both_legs": True,
                                                "leg_weakness_or_numbness": True}}, "emergency"),
    ("blood pressure 162/95", {"measurements": {"bp_systolic_mmhg": 162,
                                                "bp_diastolic_mmhg": 95}}, "emergency"),
    ("blood pressure 150/112", {"measurements": {"bp_systolic_mmhg": 150,
                                                 "bp_diastolic_mmhg": 112}}, "emergency"),
    ("blood pressure 144/92 late", {"measurements": {"bp_systolic_mmhg": 144,
                                                     "bp_diastolic_mmhg": 92}}, "urgent"),
    ("pulse 110 and a swollen leg", {"measurements": {"heart_rate_bpm": 110},
                                     "red_flags": {"one_leg_swelling": True}}, "emergency"),
    ("temperature 38.2", {"measurements": {"temperature_c": 38.2}}, "urgent"),
    ("temperature 38.2 and pulse 135", {"measurements": {"temperature_c": 38.2,
                                                          "heart_rate_bpm": 135}}, "emergency"),
    ("severe vomiting late", {"intake": {"nausea_vomiting": "severe"}}, "urgent"),
    ("calcium 3.1", {"labs": {"serum_calcium_mmol_per_l": 3.1}}, "urgent"),
    ("calcium 3.5", {"labs": {"serum_calcium_mmol_per_l": 3.5}}, "emergency"),
    ("potassium 6.6", {"labs": {"serum_potassium_mmol_per_l": 6.6}}, "emergency"),
    ("known high blood pressure", {"risk_factors": {"high_blood_pressure": True}}, "routine"),
    ("one_leg_swelling", {"red_flags": {"one_leg_swelling": True}}, "urgent"),
    ("redness_or_warmth", {"red_flags": {"redness_or_warmth": True}}, "urgent"),
    ("constant_pain", {"red_flags": {"constant_pain": True}}, "urgent"),
    ("calf 2 cm wider", {"red_flags": {"calf_circumference_difference_cm": 2}}, "urgent"),
    ("severe_headache", {"red_flags": {"severe_headache": True}}, "urgent"),
    ("vision_changes", {"red_flags": {"vision_changes": True}}, "urgent"),
    ("sudden_face_hand_swelling", {"red_flags": {"sudden_face_hand_swelling": True}}, "urgent"),
    ("upper_abdominal_pain", {"red_flags": {"upper_abdominal_pain": True}}, "urgent"),
    ("leg_weakness_or_numbness", {"red_flags": {"leg_weakness_or_numbness": True}}, "urgent"),
    ("unable_to_keep_fluids_down", {"red_flags": {"unable_to_keep_fluids_down": True}},
     "urgent"),
    ("haemoglobin below 7", {"labs": {"hemoglobin_g_per_dl": 6.8}}, "urgent"),
    ("potassium below 3.0", {"labs": {"serum_potassium_mmol_per_l": 2.9}}, "urgent"),
    ("potassium above 6.0", {"labs": {"serum_potassium_mmol_per_l": 6.2}}, "urgent"),
    ("magnesium below 0.5", {"labs": {"serum_magnesium_mmol_per_l": 0.45}}, "urgent"),
    ("calcium below 1.9", {"labs": {"serum_calcium_mmol_per_l": 1.8}}, "urgent"),
    ("calcium above the upper limit", {"supplements": [
        {"kind": "calcium_antacid", "units_per_day": 10, "calcium_mg": 300}]}, "routine"),
    ("kidney disease with magnesium", {"risk_factors": {"kidney_disease": True},
                                       "supplements": [{"kind": "magnesium",
                                                        "magnesium_mg": 100}]}, "routine"),
    ("ferritin low", {"labs": {"ferritin_ug_per_l": 12}}, "routine"),
    ("restless legs", {"other_symptoms": {"urge_to_move_legs": True,
                                          "urge_worse_at_rest_or_evening": True,
                                          "urge_relieved_by_movement": True}}, "routine"),
    ("palpitations", {"other_symptoms": {"palpitations": True}}, "routine"),
    ("cramps after self-care", {"cramps": {"episodes_per_week": 4, "self_care_tried_weeks": 3}},
     "routine"),
    ("nothing of note", {}, "self_care"),
]


def _build(sections: dict[str, Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {**CALM}
    for key, value in sections.items():
        answers[key] = {**answers.get(key, {}), **value} if isinstance(value, dict) else value
    return answers


@pytest.mark.parametrize(("given", "level"), [pytest.param(g, lv, id=i) for i, g, lv in FLOOR])
def test_each_row_of_the_safety_floor_sets_its_level(given: dict[str, Any], level: str) -> None:
    assert assess(_build(given), PACK).triage.level.value == level


def test_just_under_the_calf_threshold_is_not_urgent() -> None:
    result = assess(_build({"red_flags": {"calf_circumference_difference_cm": 1.9}}), PACK)
    assert result.triage.level.value == "self_care"


def test_an_emergency_headline_says_what_to_do_first_then_why() -> None:
    result = assess(_build({"red_flags": {"chest_pain": True, "one_leg_swelling": True}}), PACK)
    assert result.triage.level.value == "emergency"
    assert result.triage.headline.startswith("Call your local emergency number now")
    assert "blood clot in the lung" in result.triage.headline
    assert [r.id for r in result.triage.reasons] == ["pe_chest_pain", "dvt_one_leg_swelling"]
    assert result.triage.reasons[0].answers == ["red_flags.chest_pain"]


def test_the_urgent_headline_for_a_swollen_leg_warns_against_massage() -> None:
    result = assess(_build({"red_flags": {"one_leg_swelling": True}}), PACK)
    assert result.triage.do_now is not None
    assert "Do not rub or massage that leg" in result.triage.do_now


def test_a_benign_picture_rates_no_factor_high() -> None:
    result = assess(CALM, PACK)
    assert result.triage.level.value == "self_care"
    assert all(f.likelihood != "high" for f in result.factors)
    assert result.look_alikes == []
