"""Rule families: what raises and lowers each factor, warnings' totals, relief and plan."""

from __future__ import annotations

from typing import Any

import pytest

from symptom_decoder.engine import assess
from symptom_decoder.engine.result import Assessment
from symptom_decoder.knowledge import load_pack

PACK = load_pack()


def factor(result: Assessment, fid: str) -> Any:
    return next(f for f in result.factors if f.id == fid)


def reasons(result: Assessment, fid: str) -> dict[str, str]:
    return {r.id: r.direction or "" for r in factor(result, fid).reasons}


@pytest.mark.parametrize(
    ("answers", "fid", "rule", "direction"),
    [
        pytest.param({"intake": {"magnesium_rich_servings_per_day": 0}}, "magnesium",
                     "mg_diet_below_ear", "for", id="a diet low in magnesium"),
        pytest.param({"intake": {"dietary_magnesium_mg_per_day": 420}}, "magnesium",
                     "mg_diet_enough", "against", id="a food log with enough magnesium"),
        pytest.param({"medications": ["proton_pump_inhibitor"]}, "magnesium", "mg_ppi", "for",
                     id="an acid blocker"),
        pytest.param({"labs": {"serum_magnesium_mmol_per_l": 0.8}}, "magnesium",
                     "mg_serum_normal", "against", id="a normal blood magnesium"),
        pytest.param({"supplements": [{"kind": "magnesium", "magnesium_mg": 300}]}, "magnesium",
                     "mg_supplement_taken", "against", id="magnesium already taken"),
        pytest.param({"cramps": {"worse_after_starting_calcium": True}},
                     "calcium_magnesium_balance", "ca_worse_after_calcium", "for",
                     id="worse after starting calcium"),
        pytest.param({"labs": {"ferritin_ug_per_l": 20}}, "iron", "fe_ferritin_low", "for",
                     id="a low ferritin"),
        pytest.param({"labs": {"ferritin_ug_per_l": 90}}, "iron", "fe_ferritin_good", "against",
                     id="a good ferritin"),
        pytest.param({"intake": {"fluid_litres_per_day": 1.0}}, "hydration", "hy_fluid_very_low",
                     "for", id="little to drink"),
        pytest.param({"intake": {"fluid_litres_per_day": 2.5}}, "hydration", "hy_fluid_enough",
                     "against", id="enough to drink"),
        pytest.param({"gestational_week": 34}, "circulation", "ci_third_trimester", "for",
                     id="the third trimester"),
        pytest.param({"activity": {"daily_walking_minutes": 45}}, "circulation", "ci_walking",
                     "against", id="daily walks"),
        pytest.param({"other_symptoms": {"pain_radiates_from_back_or_buttock": True}},
                     "nerve_compression", "ne_radiates", "for", id="pain from the back"),
        pytest.param({"cramps": {"muscle_hardens": True}}, "nerve_compression", "ne_knot",
                     "against", id="a hard knot"),
        pytest.param({"labs": {"vitamin_d_25oh_nmol_per_l": 25}}, "vitamin_d", "vd_very_low",
                     "for", id="very low vitamin D"),
        pytest.param({"supplements": [{"kind": "vitamin_d", "vitamin_d_iu": 1000}]},
                     "vitamin_d", "vd_supplement", "against", id="vitamin D taken"),
    ],
)
def test_each_answer_raises_or_lowers_its_factor(answers: dict[str, Any], fid: str, rule: str,
                                                 direction: str) -> None:
    result = assess(answers, PACK)
    assert reasons(result, fid).get(rule) == direction
    base = factor(assess({}, PACK), fid).score
    moved = factor(result, fid).score
    assert (moved > base) if direction == "for" else (moved < base)


def test_every_reason_names_the_answers_behind_it_and_its_sources() -> None:
    result = assess({"age_years": 30, "intake": {"magnesium_rich_servings_per_day": 1},
                     "medications": ["proton_pump_inhibitor"]}, PACK)
    mg = {r.id: r for r in factor(result, "magnesium").reasons}
    assert mg["mg_diet_below_ear"].answers == ["age_years",
                                               "intake.magnesium_rich_servings_per_day"]
    assert mg["mg_ppi"].answers == ["medications"]
    assert mg["mg_ppi"].sources == ["R62", "R63"]
    cited = {r.id for r in result.references}
    assert {"R62", "R63", "R10"} <= cited


def test_the_magnesium_reason_quotes_the_estimate_and_the_age_band_need() -> None:
    result = assess({"age_years": 35, "intake": {"magnesium_rich_servings_per_day": 1}}, PACK)
    text = {r.id: r.text for r in factor(result, "magnesium").reasons}["mg_diet_below_ear"]
    assert "about 220 milligrams of magnesium a day" in text
    assert "below the 300 milligrams" in text


def test_mixed_evidence_on_magnesium_is_said_plainly_and_nothing_promises_a_cure() -> None:
    result = assess({"intake": {"magnesium_rich_servings_per_day": 0}}, PACK)
    evidence = factor(result, "magnesium").evidence
    assert evidence.level == "trial"
    assert "conflict" in evidence.note
    assert "low to very low" in evidence.note
    everything = result.model_copy(update={"references": []}).model_dump_json().lower()
    for word in ("cure", "guarantee", "diagnos"):
        assert word not in everything.replace("does not diagnose", "")


def test_supplement_totals_count_antacids_and_units_per_day() -> None:
    result = assess({"age_years": 25, "supplements": [
        {"kind": "magnesium", "magnesium_mg": 250},
        {"kind": "magnesium_antacid_or_laxative", "units_per_day": 3, "magnesium_mg": 50}]}, PACK)
    warning = next(w for w in result.warnings if w.id == "magnesium_supplement_above_ul")
    assert "about 400 milligrams of magnesium" in warning.text
    assert "upper limit" in warning.text


def test_food_magnesium_never_counts_toward_the_supplement_limit() -> None:
    result = assess({"intake": {"dietary_magnesium_mg_per_day": 600},
                     "supplements": [{"kind": "magnesium", "magnesium_mg": 300}]}, PACK)
    assert "magnesium_supplement_above_ul" not in {w.id for w in result.warnings}


@pytest.mark.parametrize(("age", "calcium", "expected"), [
    pytest.param(17, 2800, False, id="14 to 18 has a 3000 mg limit"),
    pytest.param(19, 2800, True, id="19 and over has a 2500 mg limit"),
    pytest.param(None, 2600, True, id="no age takes the stricter limit"),
])
def test_the_calcium_limit_follows_the_age_band(age: int | None, calcium: int,
                                                expected: bool) -> None:
    answers: dict[str, Any] = {"intake": {"dietary_calcium_mg_per_day": calcium}}
    if age is not None:
        answers["age_years"] = age
    fired = "calcium_above_ul" in {w.id for w in assess(answers, PACK).warnings}
    assert fired is expected


def test_a_prenatal_holding_iron_and_calcium_needs_no_timing_warning() -> None:
    one = assess({"supplements": [{"kind": "prenatal", "iron_mg": 27, "calcium_mg": 200}]}, PACK)
    two = assess({"supplements": [{"kind": "iron", "iron_mg": 65},
                                  {"kind": "calcium", "calcium_mg": 500}]}, PACK)
    assert "iron_calcium_timing" not in {w.id for w in one.warnings}
    assert "iron_calcium_timing" in {w.id for w in two.warnings}


def test_relief_never_suggests_rubbing_a_leg_that_may_hold_a_clot() -> None:
    calm = assess({"cramps": {"soreness_after": True}}, PACK)
    clot = assess({"red_flags": {"redness_or_warmth": True},
                   "cramps": {"soreness_after": True}}, PACK)
    assert any("Rub the tight muscle" in step for step in calm.relief_now)
    assert not any("Rub the tight muscle" in step for step in clot.relief_now)
    assert clot.relief_now[0].startswith("Do not rub, massage or stretch")


def test_no_magnesium_tablets_are_suggested_with_kidney_disease() -> None:
    low = {"intake": {"magnesium_rich_servings_per_day": 0}}
    plain = assess(low, PACK)
    kidney = assess({**low, "risk_factors": {"kidney_disease": True}}, PACK)
    assert "magnesium_supplement_option" in {p.id for p in plain.plan}
    assert "magnesium_supplement_option" not in {p.id for p in kidney.plan}


def test_the_plan_always_warns_against_quinine() -> None:
    assert "no_quinine" in {p.id for p in assess({}, PACK).plan}


def test_references_are_only_those_cited_and_in_order() -> None:
    result = assess({"labs": {"ferritin_ug_per_l": 12}}, PACK)
    ids = [r.id for r in result.references]
    assert ids == sorted(ids, key=lambda i: (int("".join(c for c in i if c.isdigit())), i))
    assert "R19" in ids
    assert "R43" not in ids
