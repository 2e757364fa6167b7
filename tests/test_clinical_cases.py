"""Clinical cases for the decoder, written from the clinical facts, not from its output.

Each case in ``tests/cases/clinical_cases.yaml`` is an answers/v1 document and what a
clinician reading ``shared/clinical/evidence.md`` and the safety floor in
``shared/contract/README.md`` expects the assessment to say. Every case carries its
reasoning in a YAML comment above it. A case the engine gets clinically wrong is kept and
marked ``xfail: "reason"``; the runner turns that into a strict xfail, so the case starts
failing loudly (XPASS) once the engine is fixed and the mark can be removed.

Text expectations (``relief_text_excludes`` and friends) are case-sensitive substrings of
the joined texts, so a phrase such as "Rub the tight muscle" can be excluded while a
warning such as "Do not rub, massage or stretch" stays allowed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from symptom_decoder.engine import assess
from symptom_decoder.knowledge import load_pack

PACK = load_pack()

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASES_FILES = (CASES_DIR / "clinical_cases.yaml", CASES_DIR / "clinical_cases_rev2.yaml",
               CASES_DIR / "clinical_cases_review.yaml", CASES_DIR / "clinical_cases_labs.yaml",
               CASES_DIR / "clinical_cases_lookalikes.yaml")
CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "contract"

LEVELS = ("self_care", "routine", "urgent", "emergency")
BANDS = ("low", "moderate", "high")
LOOK_ALIKE_IDS = (
    "dvt",
    "pulmonary_embolism",
    "preeclampsia",
    "restless_legs",
    "sciatica",
    "cauda_equina",
    "peripheral_neuropathy",
    "anaemia",
    "hyperemesis",
)
WARNING_IDS = (
    "magnesium_supplement_above_ul",
    "calcium_above_ul",
    "iron_above_ul",
    "vitamin_d_above_ul",
    "iron_calcium_timing",
    "ppi_low_magnesium",
    "kidney_disease_magnesium",
    "low_fluid_intake",
    "high_caffeine",
    "lab_out_of_range",
)
EXPECT_KEYS = {
    "level",
    "level_at_least",
    "level_at_most",
    "look_alikes_include",
    "look_alikes_exclude",
    "look_alike_likelihood",
    "warnings_include",
    "warnings_exclude",
    "tests_include",
    "tests_exclude",
    "top_factors_include",
    "no_high_factor",
    "relief_text_excludes",
    "relief_text_includes",
    "plan_text_excludes",
    "plan_text_includes",
    "missing_first_prefix",
    "missing_answers_include",
    "headline_includes",
    "plan_empty",
    "missing_answers_exclude",
    "factor_likelihood_at_most",
    "tests_only",
    "words_include",
    "words_exclude",
}
RETIRED_WARNINGS = ("calcium_without_magnesium",)
CASE_KEYS = {"id", "answers", "expect", "xfail"}
MIN_CASES = 150


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in CASES_FILES:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        assert isinstance(data, list), f"{path} must hold a list of cases"
        cases += data
    return cases


CASES = _load_cases()


def _schema(name: str) -> Draft202012Validator:
    schema = json.loads((CONTRACT / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


ANSWERS_SCHEMA = _schema("answers.schema.json")
ASSESSMENT_SCHEMA = _schema("assessment.schema.json")


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=str(case["xfail"])))
        params.append(pytest.param(case, id=str(case.get("id")), marks=marks))
    return params


def _as_dict(result: Any) -> dict[str, Any]:
    out = result.to_json()
    if isinstance(out, str | bytes):
        out = json.loads(out)
    assert isinstance(out, dict)
    return out


def _schema_problems(validator: Draft202012Validator, doc: Any) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in err.absolute_path) or '<root>'}: {err.message}"
        for err in validator.iter_errors(doc)
    ]


def _rank(level: str) -> int:
    return LEVELS.index(level)


def _words(out: dict[str, Any]) -> str:
    """Every sentence the result shows, one per line: headline, the amounts it estimated,
    reasons, warnings, tests, advice (``words_include`` and ``words_exclude`` read these)."""
    lines = [out["triage"]["headline"], out["triage"].get("do_now") or ""]
    lines += out.get("estimates", [])
    lines += [r["text"] for r in out["triage"]["reasons"]]
    for item in (*out["factors"], *out["look_alikes"]):
        lines += [r["text"] for r in item.get("reasons", [])]
    lines += [w["text"] for w in out["warnings"]]
    lines += [t["why"] for t in out["tests_to_discuss"]]
    lines += [a if isinstance(a, str) else a["text"]
              for a in (*out["relief_now"], *out["plan"], *out["safety_net"])]
    return "\n".join(" ".join(line.split()) for line in lines if line)


def _check(case_id: str, expect: dict[str, Any], out: dict[str, Any]) -> list[str]:
    """Every expectation the assessment breaks, each as one readable line."""
    problems: list[str] = []
    level = out["triage"]["level"]
    reasons = [r.get("id", r["text"]) for r in out["triage"]["reasons"]]
    looks = {la["id"]: la["likelihood"] for la in out["look_alikes"]}
    warnings = [w["id"] for w in out["warnings"]]
    tests = [t["id"] for t in out["tests_to_discuss"]]
    factors = sorted(out["factors"], key=lambda f: f["rank"])
    top2 = [f["id"] for f in factors[:2]]
    relief = "\n".join(out["relief_now"])
    plan = "\n".join(item["text"] for item in out["plan"])

    def fail(msg: str) -> None:
        problems.append(f"[{case_id}] {msg}")

    if "level" in expect and level != expect["level"]:
        fail(
            f"triage level is {level!r}, expected exactly {expect['level']!r} "
            f"(triage reasons: {reasons})"
        )
    if "level_at_least" in expect and _rank(level) < _rank(expect["level_at_least"]):
        fail(
            f"triage level is {level!r}, expected at least {expect['level_at_least']!r} "
            f"(triage reasons: {reasons})"
        )
    if "level_at_most" in expect and _rank(level) > _rank(expect["level_at_most"]):
        fail(
            f"triage level is {level!r}, expected at most {expect['level_at_most']!r} "
            f"(triage reasons: {reasons})"
        )
    for la in expect.get("look_alikes_include", []):
        if la not in looks:
            fail(f"look-alike {la!r} missing; look-alikes are {looks}")
    for la in expect.get("look_alikes_exclude", []):
        if la in looks:
            fail(f"look-alike {la!r} should not appear; look-alikes are {looks}")
    for la, wanted in expect.get("look_alike_likelihood", {}).items():
        allowed = [wanted] if isinstance(wanted, str) else list(wanted)
        if la not in looks:
            fail(f"look-alike {la!r} missing, expected likelihood {allowed}")
        elif looks[la] not in allowed:
            fail(f"look-alike {la!r} is {looks[la]!r}, expected {allowed}")
    for w in expect.get("warnings_include", []):
        if w not in warnings:
            fail(f"warning {w!r} missing; warnings are {warnings}")
    for w in expect.get("warnings_exclude", []):
        if w in warnings:
            fail(f"warning {w!r} should not appear; warnings are {warnings}")
    for t in expect.get("tests_include", []):
        if t not in tests:
            fail(f"test {t!r} missing from tests_to_discuss {tests}")
    for t in expect.get("tests_exclude", []):
        if t in tests:
            fail(f"test {t!r} should not be in tests_to_discuss {tests}")
    for f in expect.get("top_factors_include", []):
        if f not in top2:
            fail(
                f"factor {f!r} not in the top 2 {top2}; ranking "
                f"{[(x['id'], x['likelihood'], x['score']) for x in factors]}"
            )
    if expect.get("no_high_factor"):
        high = [f["id"] for f in factors if f["likelihood"] == "high"]
        if high:
            fail(f"no factor should be 'high' in a benign picture, but {high} are")
    texts = (("relief_now", relief, "relief_text_includes", "relief_text_excludes"),
             ("plan", plan, "plan_text_includes", "plan_text_excludes"),
             ("the result's sentences", _words(out), "words_include", "words_exclude"))
    for where, said, shown, hidden in texts:
        for text in expect.get(hidden, []):
            if text in said:
                fail(f"{where} must not say {text!r}; it says:\n{said}")
        for text in expect.get(shown, []):
            if text not in said:
                fail(f"{where} should say {text!r}; it says:\n{said}")
    for path in expect.get("missing_answers_include", []):
        if path not in out["missing_answers"]:
            fail(f"missing_answers should list {path!r}; got {out['missing_answers']}")
    for text in expect.get("headline_includes", []):
        if text not in out["triage"]["headline"]:
            fail(f"headline should say {text!r}; it says {out['triage']['headline']!r}")
    if expect.get("plan_empty") and out["plan"]:
        fail(f"plan should be empty; it says:\n{plan}")
    for path in expect.get("missing_answers_exclude", []):
        if path in out["missing_answers"]:
            fail(f"missing_answers must not list {path!r}; got {out['missing_answers']}")
    factor_bands = {f["id"]: f["likelihood"] for f in factors}
    for fid, most in expect.get("factor_likelihood_at_most", {}).items():
        if BANDS.index(factor_bands[fid]) > BANDS.index(most):
            fail(f"factor {fid!r} is {factor_bands[fid]!r}, expected at most {most!r}")
    if "tests_only" in expect:
        extra = sorted(set(tests) - set(expect["tests_only"]))
        if extra:
            fail(f"tests_to_discuss should hold only {expect['tests_only']}; also has {extra}")
    if "missing_first_prefix" in expect:
        missing = out["missing_answers"]
        prefix = expect["missing_first_prefix"]
        if not missing or not missing[0].startswith(prefix):
            fail(f"first missing answer should start with {prefix!r}; got {missing[:5]}")
    return problems


def test_the_case_file_is_well_formed() -> None:
    ids = [str(case.get("id")) for case in CASES]
    assert len(CASES) >= MIN_CASES, f"need at least {MIN_CASES} cases, found {len(CASES)}"
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"case ids must be unique; repeated: {dupes}"
    problems = []
    for case in CASES:
        cid = case.get("id")
        if not isinstance(cid, str) or not cid:
            problems.append(f"a case has no id: {case}")
            continue
        if set(case) - CASE_KEYS:
            problems.append(f"[{cid}] unknown case keys {sorted(set(case) - CASE_KEYS)}")
        expect = case.get("expect")
        if not isinstance(expect, dict) or not expect:
            problems.append(f"[{cid}] needs a non-empty expect mapping")
            continue
        if set(expect) - EXPECT_KEYS:
            problems.append(f"[{cid}] unknown expectation keys {sorted(set(expect) - EXPECT_KEYS)}")
        for key in ("level", "level_at_least", "level_at_most"):
            if key in expect and expect[key] not in LEVELS:
                problems.append(f"[{cid}] {key} {expect[key]!r} is not a level")
        for key in ("look_alikes_include", "look_alikes_exclude"):
            bad = set(expect.get(key, [])) - set(LOOK_ALIKE_IDS)
            if bad:
                problems.append(f"[{cid}] {key} names unknown look-alikes {sorted(bad)}")
        for la, band in expect.get("look_alike_likelihood", {}).items():
            allowed = [band] if isinstance(band, str) else band
            if la not in LOOK_ALIKE_IDS or set(allowed) - set(BANDS):
                problems.append(f"[{cid}] bad look_alike_likelihood {la}: {band}")
        for key in ("warnings_include", "warnings_exclude"):
            retired = set(RETIRED_WARNINGS) if key == "warnings_exclude" else set()
            known = set(WARNING_IDS) | retired
            bad = set(expect.get(key, [])) - known
            if bad:
                problems.append(f"[{cid}] {key} names unknown warnings {sorted(bad)}")
    assert not problems, "\n".join(problems)


def test_every_case_is_a_valid_answers_document() -> None:
    problems = []
    for case in CASES:
        for msg in _schema_problems(ANSWERS_SCHEMA, case.get("answers")):
            problems.append(f"[{case.get('id')}] answers invalid: {msg}")
    assert not problems, "\n".join(problems)


def test_the_cases_cover_every_look_alike_and_every_warning() -> None:
    looks: set[str] = set()
    warns: set[str] = set()
    for case in CASES:
        expect = case.get("expect", {})
        looks.update(expect.get("look_alikes_include", []))
        looks.update(expect.get("look_alike_likelihood", {}))
        warns.update(expect.get("warnings_include", []))
    assert not set(LOOK_ALIKE_IDS) - looks, f"no case expects {sorted(set(LOOK_ALIKE_IDS) - looks)}"
    assert not set(WARNING_IDS) - warns, f"no case expects {sorted(set(WARNING_IDS) - warns)}"


@pytest.mark.parametrize("case", _params())
def test_it_decodes_each_clinical_case_as_expected(case: dict[str, Any]) -> None:
    case_id = case["id"]
    out = _as_dict(assess(case["answers"], PACK))
    schema_problems = _schema_problems(ASSESSMENT_SCHEMA, out)
    assert not schema_problems, f"[{case_id}] assessment breaks assessment/v1:\n" + "\n".join(
        schema_problems
    )
    problems = _check(case_id, case["expect"], out)
    assert not problems, "\n".join(problems)


# The floor in shared/contract/README.md: one answer pointing to danger, and the least level
# it must give on its own. Added to any case, it can only keep or raise that case's level.
FLOOR: tuple[tuple[str, Any, str], ...] = (
    ("red_flags.sudden_shortness_of_breath", True, "emergency"),
    ("red_flags.chest_pain", True, "emergency"),
    ("red_flags.coughing_blood", True, "emergency"),
    ("red_flags.fainted_or_collapsed", True, "emergency"),
    ("red_flags.loss_of_bladder_or_bowel_control", True, "urgent"),
    ("red_flags.saddle_numbness", True, "urgent"),
    ("red_flags.pain_down_both_legs", True, "urgent"),
    ("red_flags.seizure", True, "emergency"),
    ("measurements.bp_systolic_mmhg", 165, "emergency"),
    ("measurements.bp_diastolic_mmhg", 112, "emergency"),
    ("measurements.temperature_c", 38.5, "urgent"),
    ("measurements.temperature_c", 35.5, "urgent"),
    ("labs.serum_calcium_mmol_per_l", 3.2, "urgent"),
    ("labs.serum_calcium_mmol_per_l", 3.6, "emergency"),
    ("labs.serum_potassium_mmol_per_l", 6.7, "emergency"),
    ("risk_factors.high_blood_pressure", True, "routine"),
    ("intake.vomiting_times_per_day", 6, "routine"),
    ("red_flags.one_leg_swelling", True, "urgent"),
    ("red_flags.redness_or_warmth", True, "urgent"),
    ("red_flags.constant_pain", True, "urgent"),
    ("red_flags.calf_circumference_difference_cm", 2, "urgent"),
    ("red_flags.severe_headache", True, "urgent"),
    ("red_flags.vision_changes", True, "urgent"),
    ("red_flags.sudden_face_hand_swelling", True, "urgent"),
    ("red_flags.upper_abdominal_pain", True, "urgent"),
    ("red_flags.leg_weakness_or_numbness", True, "urgent"),
    ("red_flags.unable_to_keep_fluids_down", True, "urgent"),
    ("labs.hemoglobin_g_per_dl", 6.5, "urgent"),
    ("labs.serum_potassium_mmol_per_l", 2.8, "urgent"),
    ("labs.serum_potassium_mmol_per_l", 6.4, "urgent"),
    ("labs.serum_magnesium_mmol_per_l", 0.4, "urgent"),
    ("labs.serum_calcium_mmol_per_l", 1.8, "urgent"),
    ("other_symptoms.palpitations", True, "routine"),
)


def _with_answer(answers: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(answers))
    head, leaf = path.split(".")
    section = out.setdefault(head, {})
    # A danger value replaces a milder one: a lab result or a measured difference.
    section[leaf] = value
    return out


@pytest.mark.parametrize(("path", "value", "least"), FLOOR, ids=[f"{p}={v}" for p, v, _ in FLOOR])
def test_adding_a_danger_answer_to_any_case_never_lowers_its_level(
    path: str, value: Any, least: str
) -> None:
    problems = []
    for case in CASES:
        head, leaf = path.split(".")
        if case.get("xfail") or leaf in case["answers"].get(head, {}):
            continue  # a value already given is replaced, not added: no monotonic promise
        before = _as_dict(assess(case["answers"], PACK))["triage"]["level"]
        changed = _with_answer(case["answers"], path, value)
        after = _as_dict(assess(changed, PACK))["triage"]["level"]
        wanted = max(_rank(before), _rank(least))
        if _rank(after) < wanted:
            problems.append(
                f"[{case['id']}] + {path}={value}: level {after!r}, expected at "
                f"least {LEVELS[wanted]!r} (was {before!r})"
            )
    assert not problems, "\n".join(problems)


CLOT_SIGNS = (
    ("red_flags.one_leg_swelling", True),
    ("red_flags.redness_or_warmth", True),
    ("red_flags.constant_pain", True),
    ("red_flags.calf_circumference_difference_cm", 2.5),
)
HANDS_ON_RELIEF = ("Rub the tight muscle", "Straighten your knee", "lean gently forward")
HANDS_ON_PLAN = ("Stretch your calves",)


@pytest.mark.parametrize(("path", "value"), CLOT_SIGNS, ids=[p for p, _ in CLOT_SIGNS])
def test_a_leg_that_may_hold_a_clot_is_never_to_be_rubbed_or_stretched(
    path: str, value: Any
) -> None:
    problems = []
    for case in CASES:
        out = _as_dict(assess(_with_answer(case["answers"], path, value), PACK))
        relief = "\n".join(out["relief_now"])
        plan = "\n".join(item["text"] for item in out["plan"])
        said = [t for t in HANDS_ON_RELIEF if t in relief] + [t for t in HANDS_ON_PLAN if t in plan]
        if said:
            problems.append(f"[{case['id']}] + {path}={value}: still advises {said}")
    assert not problems, "\n".join(problems)


def test_kidney_disease_never_brings_advice_to_take_magnesium_tablets() -> None:
    problems = []
    for case in CASES:
        answers = _with_answer(case["answers"], "risk_factors.kidney_disease", True)
        out = _as_dict(assess(answers, PACK))
        plan = "\n".join(item["text"] for item in out["plan"])
        if "Magnesium tablets" in plan or "magnesium tablets are an option" in plan.lower():
            problems.append(f"[{case['id']}] + kidney disease: plan suggests magnesium tablets")
    assert not problems, "\n".join(problems)
