"""The FHIR export is an R4B document Bundle, read back with fhir.resources, carrying the
codes from the pack's records.yaml for what she gave and nothing for what she did not."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from fhir.resources.R4B.bundle import Bundle

from summary_support import ROUTINE, TODAY, fill
from symptom_decoder.knowledge import PACKS, Pack, load_pack, load_pack_dir
from symptom_decoder.store.db import make_engine, session_factory, transaction, upgrade
from symptom_decoder.store.people import person_by_handle
from symptom_decoder.summary.build import KeptCheck, Stored, build_summary
from symptom_decoder.summary.exporters import Options, get
from symptom_decoder.summary.fhir import MissingRecords, to_bundle
from symptom_decoder.summary.model import Period, Summary
from symptom_decoder.summary.service import period_ending, summary_for

NOW = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
PACK = load_pack()
HEARTBURN = Path(__file__).parent / "fixtures" / "packs" / "heartburn"
LOINC, SNOMED = "http://loinc.org", "http://snomed.info/sct"


def _summary(tmp_path: Path, answers: dict[str, Any] | None, name: str | None = None
             ) -> Summary:
    engine = make_engine(f"sqlite:///{tmp_path / 'fhir.sqlite3'}")
    upgrade(engine)
    try:
        with transaction(session_factory(engine)) as session:
            who = person_by_handle(session)
            fill(session, who, answers=answers)
            return summary_for(session, who, PACK, period=period_ending(TODAY, 28), now=NOW,
                               name=name)
    finally:
        engine.dispose()


def _parsed(summary: Summary, pack: Pack = PACK) -> Any:
    """The file read back by fhir.resources (typed loosely: its fields are all optional)."""
    body = get("fhir").render(summary, pack, Options())
    return Bundle.model_validate(json.loads(body))


def _resources(bundle: Any, kind: str) -> list[Any]:
    return [e.resource for e in bundle.entry if e.resource.__resource_type__ == kind]


def _codes(resource: Any) -> set[tuple[str, str]]:
    return {(c.system, c.code) for c in resource.code.coding or []}


@pytest.fixture(scope="module")
def routine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield _parsed(_summary(tmp_path_factory.mktemp("routine"), ROUTINE))


def test_it_is_a_document_with_the_composition_first_and_sections_like_the_pdf(
    routine: Any,
) -> None:
    assert routine.type == "document"
    assert routine.identifier.value.startswith("urn:uuid:")
    composition = routine.entry[0].resource
    assert composition.__resource_type__ == "Composition"
    assert {(c.system, c.code) for c in composition.type.coding} == {(LOINC, "60591-5")}
    assert [s.title for s in composition.section] == [
        "Pregnancy", "Latest check", "Leg cramps", "Worth a look", "Supplements and antacids",
        "Readings and test results", "Food log"]
    urls = {e.fullUrl for e in routine.entry}
    for section in composition.section:
        assert section.text.div.startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
        assert all(ref.reference in urls for ref in section.entry or [])


def test_it_codes_every_reading_given_with_loinc(routine: Any) -> None:
    found: set[str] = set()
    for obs in _resources(routine, "Observation"):
        found |= {code for system, code in _codes(obs) if system == LOINC}
        found |= {c.code for part in obs.component or [] for c in part.code.coding or []
                  if c.system == LOINC}
    assert {"49051-6", "11778-8", "2276-4", "718-7", "62292-8", "2601-3", "2000-8", "2823-3",
            "85354-9", "8480-6", "8462-4", "8867-4", "8310-5", "20454-5"} <= found


def test_it_leaves_out_what_she_did_not_give(tmp_path: Path) -> None:
    answers = copy.deepcopy(ROUTINE)
    del answers["labs"]["ferritin_ug_per_l"], answers["measurements"]
    bundle = _parsed(_summary(tmp_path, answers))
    codes = {code for obs in _resources(bundle, "Observation") for _, code in _codes(obs)}
    assert "718-7" in codes
    assert not codes & {"2276-4", "85354-9", "8867-4", "8310-5", "20454-5"}


def test_it_keeps_units_ranges_and_flags_in_the_record(routine: Any) -> None:
    by_code = {code: obs for obs in _resources(routine, "Observation")
               for _, code in _codes(obs)}
    ferritin = by_code["2276-4"]
    assert (ferritin.valueQuantity.value, ferritin.valueQuantity.code) == (18, "ug/L")
    assert ferritin.referenceRange[0].low.value == 30
    assert ferritin.interpretation[0].coding[0].code == "L"
    # LOINC 62292-8 is a mass per volume: 42 nanomoles per litre is 16.8 nanograms per ml.
    vitamin_d = by_code["62292-8"]
    assert (float(vitamin_d.valueQuantity.value), vitamin_d.valueQuantity.code) == \
        (16.825, "ng/mL")
    pressure = by_code["85354-9"]
    assert [(c.code.coding[0].code, c.valueQuantity.value, c.valueQuantity.code)
            for c in pressure.component] == [("8480-6", 118, "mm[Hg]"),
                                             ("8462-4", 74, "mm[Hg]")]
    assert by_code["20454-5"].valueCodeableConcept.text == "negative"


def test_it_records_each_cramp_as_a_finding_with_severity_and_waking(routine: Any) -> None:
    cramps = [obs for obs in _resources(routine, "Observation")
              if (SNOMED, "449918009") in _codes(obs)]
    assert len(cramps) == 60
    for obs in cramps:
        parts = {(p.code.coding[0].code if p.code.coding else p.code.text): p
                 for p in obs.component}
        assert isinstance(parts["Woke her from sleep"].valueBoolean, bool)
        if "72514-3" in parts:
            assert 0 <= parts["72514-3"].valueInteger <= 10
        assert obs.effectiveDateTime.tzinfo is not None
    rated = [obs for obs in cramps if any(p.code.coding and p.code.coding[0].code == "72514-3"
                                          for p in obs.component)]
    assert 0 < len(rated) < 60
    sites = {c.code for obs in cramps if obs.bodySite for c in obs.bodySite.coding or []}
    assert sites == {"53840002", "56459004", "68367000"}


def test_it_lists_each_product_with_its_elemental_amounts(routine: Any) -> None:
    statements = _resources(routine, "MedicationStatement")
    assert [s.medicationReference.display for s in statements] == [
        "Pregnacare", "Tums Extra", "Magnesium citrate"]
    tums = statements[1]
    medication = tums.contained[0]
    ingredient = medication.ingredient[0]
    assert {(c.system, c.code) for c in ingredient.itemCodeableConcept.coding} == \
        {(SNOMED, "5540006")}
    assert (ingredient.strength.numerator.value, ingredient.strength.numerator.code) == \
        (300, "mg")
    assert tums.dosage[0].timing.repeat.frequency == 6
    assert "left blank on the label" in tums.note[0].text


def test_it_carries_the_triage_level_and_the_factors_in_a_risk_assessment(
    routine: Any,
) -> None:
    [risk] = _resources(routine, "RiskAssessment")
    level = risk.prediction[0].outcome.coding[0]
    assert (level.system, level.code) == ("urn:symptom-decoder:triage-level", "routine")
    titles = [p.outcome.text for p in risk.prediction[1:]]
    assert "A possible contributor to the cramps: Low magnesium" in titles
    anaemia = next(p for p in risk.prediction if p.outcome.coding
                   and p.outcome.coding[0].code == "271737000")
    assert anaemia.qualitativeRisk.coding[0].code == "high"
    assert "not a validated model" in risk.method.text


def test_it_holds_the_answers_in_a_response_to_a_questionnaire_made_from_the_pack(
    routine: Any,
) -> None:
    [questionnaire] = _resources(routine, "Questionnaire")
    [response] = _resources(routine, "QuestionnaireResponse")
    assert response.questionnaire == f"{questionnaire.url}|{questionnaire.version}"
    link_ids = {i.linkId for i in questionnaire.item}
    assert link_ids == {q.id for q in PACK.questions}
    answered = {i.linkId: i for i in response.item}
    assert set(answered) <= link_ids
    assert answered["chest_pain"].answer[0].valueBoolean is False
    assert [a.valueCoding.code for a in answered["muscles"].answer] == ["calf", "foot"]
    assert len([i for i in response.item if i.linkId == "supplements"]) == 3


def test_it_names_the_patient_only_when_a_name_is_given(tmp_path: Path, routine: Any) -> None:
    [anonymous] = _resources(routine, "Patient")
    assert anonymous.name is None
    named = _parsed(_summary(tmp_path, ROUTINE, name="A. B."))
    [patient] = _resources(named, "Patient")
    assert patient.name[0].text == "A. B."


def _heartburn_with_records(tmp_path: Path) -> Pack:
    folder = tmp_path / "heartburn"
    shutil.copytree(HEARTBURN, folder)
    ours = yaml.safe_load((PACKS / "pregnancy-leg-cramps" / "records.yaml").read_text())
    ours["readings"], ours["ingredients"], ours["ingredient_sources"] = [], {}, []
    ours["episode"]["finding"] = {"system": SNOMED, "code": "16331000", "display": "Heartburn"}
    for key in ("document", "pregnancy", "episode"):
        ours[key]["sources"] = ["R1"]
    (folder / "records.yaml").write_text(yaml.safe_dump(ours, sort_keys=False))
    return load_pack_dir(folder)


def test_another_pack_yields_its_own_questionnaire_and_codes(tmp_path: Path) -> None:
    pack = _heartburn_with_records(tmp_path)
    answers = {"gestational_week": 30, "coffee_cups_per_day": 4,
               "symptoms": {"worse_lying_down": True}}
    from symptom_decoder.engine import assess

    check = KeptCheck(assessment=assess(answers, pack).to_json(), answers=answers, made_at=NOW)
    stored = Stored(lmp=None, age_band=None, check=check, episodes=[], supplements=[], food={},
                    food_days=0)
    summary = build_summary(pack, stored, period=Period(TODAY, TODAY), now=NOW)
    bundle = _parsed(summary, pack)
    [questionnaire] = _resources(bundle, "Questionnaire")
    assert questionnaire.url == "urn:symptom-decoder:questionnaire:pregnancy-heartburn"
    assert [i.linkId for i in questionnaire.item] == [q.id for q in pack.questions]
    [response] = _resources(bundle, "QuestionnaireResponse")
    assert {i.linkId: i.answer[0] for i in response.item}["coffee"].valueDecimal == 4


def test_a_pack_without_records_says_it_has_no_codes_for_fhir() -> None:
    pack = load_pack_dir(HEARTBURN)
    stored = Stored(lmp=None, age_band=None, check=None, episodes=[], supplements=[], food={},
                    food_days=0)
    summary = build_summary(pack, stored, period=Period(TODAY, TODAY), now=NOW)
    with pytest.raises(MissingRecords, match="pregnancy-heartburn has no records.yaml"):
        to_bundle(summary, pack)


def test_the_same_summary_gives_the_same_file(tmp_path: Path) -> None:
    summary = _summary(tmp_path, ROUTINE)
    fhir = get("fhir")
    assert fhir.render(summary, PACK, Options()) == fhir.render(summary, PACK, Options())
