"""The revision-2 safety floor and its consistency rules, for answers nobody wrote down.

Hypothesis builds any valid ``answers/v1`` document, adds one or more answers that point to
danger, and checks what the contract promises (shared/contract/README.md): the level reaches
each row's floor and never falls, the headline never sits below a danger look-alike, an
emergency carries no plan and no routine tests, and every result has a safety net.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from strategies import answers
from symptom_decoder.engine import assess
from symptom_decoder.knowledge import load_pack
from symptom_decoder.types import Level

PACK = load_pack()

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LEVELS = ["self_care", "routine", "urgent", "emergency"]
DANGER_LOOK_ALIKES = {"dvt": "urgent", "preeclampsia": "urgent",
                      "pulmonary_embolism": "emergency", "cauda_equina": "emergency"}
ROUTINE_TESTS = {"dietary_magnesium_review", "vitamin_d", "ferritin"}
ARTICLE_ONLY = {"calcium_magnesium_balance", "iron"}


def _late(a: dict[str, Any]) -> bool:
    if a.get("postpartum_weeks") is not None:
        return bool(a["postpartum_weeks"] <= 6)
    return bool(a.get("gestational_week", 20) >= 20)


def _recent_birth(a: dict[str, Any]) -> bool:
    return a.get("postpartum_weeks") is not None and a["postpartum_weeks"] <= 6


def _merge(a: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(a)
    for key, value in change.items():
        if isinstance(value, dict):
            out[key] = {**(out.get(key) or {}), **value}
        else:
            out[key] = value
    return out


def _floor(a: dict[str, Any], change: dict[str, Any]) -> str:
    """The least level CHANGE must give on answers A, from the README's floor table."""
    flags = change.get("red_flags", {})
    m = change.get("measurements", {})
    if flags.get("loss_of_bladder_or_bowel_control") or flags.get("saddle_numbness"):
        return "urgent" if _recent_birth(a) else "emergency"
    if "bp_systolic_mmhg" in m:
        if m["bp_systolic_mmhg"] >= 160 or m.get("bp_diastolic_mmhg", 0) >= 110:
            return "emergency"
        return "urgent" if _late(a) else "routine"
    if "temperature_c" in m:
        return "emergency" if m.get("heart_rate_bpm", 0) > 130 else "urgent"
    if "heart_rate_bpm" in m:
        return "emergency"  # always with an objective clot sign below
    if "vomiting_times_per_day" in change.get("intake", {}):
        return "urgent" if _late(a) else "routine"
    labs = change.get("labs", {})
    if labs:
        value = next(iter(labs.values()))
        return "emergency" if value > 3.4 and "serum_calcium_mmol_per_l" in labs or \
            value >= 6.5 else "urgent"
    if change.get("risk_factors"):
        return "routine"
    return {"sudden_shortness_of_breath": "emergency", "chest_pain": "emergency",
            "coughing_blood": "emergency", "fainted_or_collapsed": "emergency",
            "seizure": "emergency"}.get(next(iter(flags)), "urgent")


DANGER = st.sampled_from([
    {"red_flags": {"sudden_shortness_of_breath": True}},
    {"red_flags": {"chest_pain": True}},
    {"red_flags": {"coughing_blood": True}},
    {"red_flags": {"fainted_or_collapsed": True}},
    {"red_flags": {"seizure": True}},
    {"red_flags": {"loss_of_bladder_or_bowel_control": True}},
    {"red_flags": {"saddle_numbness": True}},
    {"red_flags": {"pain_down_both_legs": True}},
    {"red_flags": {"one_leg_swelling": True}},
    {"red_flags": {"redness_or_warmth": True}},
    {"red_flags": {"constant_pain": True}},
    {"red_flags": {"severe_headache": True}},
    {"red_flags": {"vision_changes": True}},
    {"red_flags": {"upper_abdominal_pain": True}},
    {"red_flags": {"leg_weakness_or_numbness": True}},
    {"red_flags": {"unable_to_keep_fluids_down": True}},
    {"measurements": {"bp_systolic_mmhg": 163, "bp_diastolic_mmhg": 96}},
    {"measurements": {"bp_systolic_mmhg": 148, "bp_diastolic_mmhg": 112}},
    {"measurements": {"bp_systolic_mmhg": 144, "bp_diastolic_mmhg": 91}},
    {"measurements": {"temperature_c": 38.6}},
    {"measurements": {"temperature_c": 35.4}},
    {"measurements": {"temperature_c": 38.6, "heart_rate_bpm": 134}},
    {"measurements": {"heart_rate_bpm": 112}, "red_flags": {"one_leg_swelling": True}},
    {"measurements": {"heart_rate_bpm": 104}, "red_flags": {"redness_or_warmth": True}},
    {"intake": {"vomiting_times_per_day": 7}},
    {"labs": {"serum_calcium_mmol_per_l": 3.2}},
    {"labs": {"serum_calcium_mmol_per_l": 3.6}},
    {"labs": {"serum_potassium_mmol_per_l": 6.8}},
    {"risk_factors": {"high_blood_pressure": True}},
])


def _consistent(a: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    """The README's rules that hold for every result, as readable problems."""
    bad = []
    level = LEVELS.index(doc["triage"]["level"])
    looks = {x["id"]: x["likelihood"] for x in doc["look_alikes"]}
    for la, floor in DANGER_LOOK_ALIKES.items():
        if looks.get(la) in ("moderate", "high") and level < LEVELS.index(floor):
            bad.append(f"{la} is {looks[la]} under {doc['triage']['level']}")
    if looks.get("preeclampsia") in ("moderate", "high") and not _late(a):
        bad.append("preeclampsia shown at moderate or more before week 20")
    for f in doc["factors"]:
        if f["id"] in ARTICLE_ONLY and f["likelihood"] == "high":
            bad.append(f"{f['id']} rests on the article alone but is high")
    if not doc["safety_net"]:
        bad.append("no safety net")
    if doc["triage"]["level"] == "emergency":
        if doc["plan"]:
            bad.append("a plan at an emergency")
        routine = ROUTINE_TESTS & {t["id"] for t in doc["tests_to_discuss"]}
        if routine:
            bad.append(f"routine tests {sorted(routine)} at an emergency")
    return bad


@FAST
@given(answers(), DANGER)
def test_a_danger_answer_reaches_its_floor_and_never_lowers_the_level(
        given_answers: dict[str, Any], change: dict[str, Any]) -> None:
    for section, values in change.items():
        for name in values:  # a value already given would be replaced, not added
            assume((given_answers.get(section) or {}).get(name) in (None, False))
    before = LEVELS.index(assess(given_answers, PACK).triage.level.value)
    raised = _merge(given_answers, change)
    doc = assess(raised, PACK).to_json()
    after = LEVELS.index(doc["triage"]["level"])
    assert after >= before
    assert after >= LEVELS.index(_floor(given_answers, change)), (change, doc["triage"])
    assert _consistent(raised, doc) == []


@FAST
@given(answers(), st.lists(DANGER, min_size=2, max_size=4))
def test_danger_answers_together_never_give_less_than_each_alone(
        given_answers: dict[str, Any], changes: list[dict[str, Any]]) -> None:
    levels = []
    merged = given_answers
    seen = {(section, name) for section, values in given_answers.items()
            if isinstance(values, dict) for name, value in values.items()
            if value not in (None, False)}
    for change in changes:
        fields = {(section, name) for section, values in change.items() for name in values}
        if fields & seen:
            continue  # a second reading replaces the first: not an added answer
        seen |= fields
        merged = _merge(merged, change)
        levels.append(assess(merged, PACK).triage.level.rank)
    assert levels == sorted(levels)


@FAST
@given(answers())
def test_every_result_keeps_the_contract_rules(given_answers: dict[str, Any]) -> None:
    doc = assess(given_answers, PACK).to_json()
    assert _consistent(given_answers, doc) == []
    level = doc["triage"]["level"]
    if level in ("urgent", "emergency"):
        headline = doc["triage"]["headline"]
        assert headline.startswith(("Call your local emergency number now", "Get checked today"))
        if _late(given_answers):
            assert "maternity unit's triage line" in headline


@FAST
@given(answers())
def test_a_clot_sign_always_shows_a_clot_at_moderate_or_more(given_answers: dict[str, Any]
                                                             ) -> None:
    for sign in ({"one_leg_swelling": True}, {"redness_or_warmth": True},
                 {"constant_pain": True}, {"calf_circumference_difference_cm": 2.4}):
        raised = _merge(given_answers, {"red_flags": sign,
                                        "cramps": {"relieved_by_stretching": True}})
        doc = assess(raised, PACK).to_json()
        looks = {x["id"]: x["likelihood"] for x in doc["look_alikes"]}
        assert looks.get("dvt") in ("moderate", "high"), sign
        assert doc["triage"]["level"] in ("urgent", "emergency")


@FAST
@given(answers(), st.sampled_from([{"loss_of_bladder_or_bowel_control": True},
                                   {"saddle_numbness": True}]))
def test_a_cauda_equina_sign_in_pregnancy_shows_the_look_alike(given_answers: dict[str, Any],
                                                               sign: dict[str, Any]) -> None:
    pregnant = {k: v for k, v in given_answers.items() if k != "postpartum_weeks"}
    doc = assess(_merge(pregnant, {"red_flags": sign}), PACK).to_json()
    looks = {x["id"]: x["likelihood"] for x in doc["look_alikes"]}
    assert looks.get("cauda_equina") in ("moderate", "high")
    assert doc["triage"]["level"] == "emergency"


def test_the_cause_is_never_called_known_and_no_factor_is_the_usual_cause() -> None:
    doc = assess({}, PACK).to_json()
    assert "Nobody knows" in doc["about_causes"]
    for f in doc["factors"]:
        assert "usual cause" not in f["evidence"]["note"].lower()
        assert "most common cause" not in f["evidence"]["note"].lower()


def test_on_empty_answers_no_factor_outranks_the_well_evidenced_ones() -> None:
    doc = assess({}, PACK).to_json()
    scores = {f["id"]: f["score"] for f in doc["factors"]}
    level_start = {scores[f] for f in ("magnesium", "hydration", "circulation",
                                       "nerve_compression", "vitamin_d")}
    assert len(level_start) == 1
    assert max(scores.values()) == level_start.pop()
    assert all(f["likelihood"] == "low" for f in doc["factors"])


def test_evidence_sits_beside_every_factor_with_the_levels_the_contract_fixes() -> None:
    doc = assess({"gestational_week": 30}, PACK).to_json()
    levels = {f["id"]: f["evidence"]["level"] for f in doc["factors"]}
    assert levels == {"magnesium": "trial", "calcium_magnesium_balance": "source_article_claim",
                      "iron": "source_article_claim", "hydration": "expert_opinion",
                      "circulation": "expert_opinion", "nerve_compression": "expert_opinion",
                      "vitamin_d": "trial"}
    assert all(f["evidence"]["note"] for f in doc["factors"])


def test_an_emergency_keeps_only_what_is_safe_while_waiting() -> None:
    doc = assess({"gestational_week": 30, "red_flags": {"chest_pain": True},
                  "intake": {"magnesium_rich_servings_per_day": 0},
                  "other_symptoms": {"fatigue": True}}, PACK).to_json()
    assert doc["triage"]["level"] == "emergency"
    assert doc["plan"] == []
    assert not ROUTINE_TESTS & {t["id"] for t in doc["tests_to_discuss"]}
    relief = " ".join(doc["relief_now"])
    assert "While you wait for help" in relief
    assert "Rub the tight muscle" not in relief
    assert "Straighten your knee" not in relief


def test_the_safety_net_is_worded_for_the_stage() -> None:
    early = " ".join(assess({"gestational_week": 9}, PACK).to_json()["safety_net"])
    late = " ".join(assess({"gestational_week": 30}, PACK).to_json()["safety_net"])
    after = " ".join(assess({"postpartum_weeks": 3}, PACK).to_json()["safety_net"])
    unknown = " ".join(assess({}, PACK).to_json()["safety_net"])
    assert "one side of your tummy" in early and "moving less" not in early
    assert "moving less" in late and "waters break" in late
    assert "heavy bleeding" in after and "fever" in after
    assert "heavy bleeding" not in late and "waters break" not in after
    # No stage counts as late, which runs to 6 weeks after birth: both kinds of sign show.
    assert "waters break" in unknown and "heavy bleeding" in unknown
    for text in (early, late, after, unknown):
        assert "short of breath" in text and "numb between" in text
        assert "one leg" in text and "headache" in text


def test_a_blank_antacid_amount_is_counted_and_named_never_zero() -> None:
    doc = assess({"age_years": 27, "gestational_week": 30, "supplements": [
        {"kind": "calcium_antacid", "name": "chews", "units_per_day": 12}]}, PACK).to_json()
    warning = next(w for w in doc["warnings"] if w["id"] == "calcium_above_ul")
    assert "300 milligrams a tablet is counted" in warning["text"]
    assert "about 1,000 milligrams a day is counted" in warning["text"]
    assert doc["triage"]["level"] == "routine"
    assert "supplements.0.calcium_mg" in doc["missing_answers"]
    one = assess({"supplements": [{"kind": "magnesium_antacid_or_laxative",
                                   "units_per_day": 3}]}, PACK).to_json()
    assert "magnesium_supplement_above_ul" in {w["id"] for w in one["warnings"]}
    assert any("milk of magnesia" in e for e in one["estimates"])


def test_the_retired_calcium_warning_is_never_given() -> None:
    doc = assess({"supplements": [{"kind": "calcium", "calcium_mg": 1200}],
                  "intake": {"magnesium_rich_servings_per_day": 0}}, PACK).to_json()
    assert "calcium_without_magnesium" not in {w["id"] for w in doc["warnings"]}


def test_an_article_only_factor_is_capped_below_high_and_says_why() -> None:
    doc = assess({"age_years": 30, "cramps": {"worse_after_starting_calcium": True},
                  "intake": {"magnesium_rich_servings_per_day": 0, "dairy_servings_per_day": 4},
                  "supplements": [{"kind": "calcium_antacid", "units_per_day": 10,
                                   "calcium_mg": 400}]}, PACK).to_json()
    balance = next(f for f in doc["factors"] if f["id"] == "calcium_magnesium_balance")
    assert balance["likelihood"] == "moderate"
    assert any("never rated high" in r["text"] for r in balance["reasons"])


def test_no_level_is_lowered_by_a_blood_thinner_or_by_stretching_relief() -> None:
    leg = {"gestational_week": 26, "red_flags": {"redness_or_warmth": True},
           "other_symptoms": {"varicose_veins": True}}
    base = assess(leg, PACK)
    for extra in ({"risk_factors": {"on_anticoagulant": True}},
                  {"cramps": {"relieved_by_stretching": True}}):
        doc = assess(_merge(leg, extra), PACK)
        assert doc.triage.level.rank >= base.triage.level.rank >= Level.urgent.rank
        dvt = next(x for x in doc.look_alikes if x.id == "dvt")
        assert dvt.likelihood in ("moderate", "high")
