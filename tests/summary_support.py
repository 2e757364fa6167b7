"""A realistic person for the summary tests: a kept check, a 28-day diary of 60 cramps, a
supplement stack with an antacid left blank, a due date and a food log."""

from __future__ import annotations

import copy
import io
import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pypdf import PdfReader
from sqlalchemy.orm import Session

from symptom_decoder.diary.assessments import save_assessment
from symptom_decoder.diary.episodes import EpisodeEntry, log_episode
from symptom_decoder.diary.profile import set_profile
from symptom_decoder.diet.stack import add_item
from symptom_decoder.engine import assess
from symptom_decoder.knowledge import load_pack
from symptom_decoder.store.diet_models import FoodLogEntry
from symptom_decoder.store.models import Person
from symptom_decoder.summary.model import Summary
from symptom_decoder.summary.pdf import render_pdf

TODAY = date(2026, 11, 30)
DUE = date(2027, 2, 5)  # 30+3 weeks on TODAY
ZONE = "Europe/London"
NO_SIGNS = {
    "sudden_shortness_of_breath": False, "chest_pain": False, "coughing_blood": False,
    "fainted_or_collapsed": False, "seizure": False, "loss_of_bladder_or_bowel_control": False,
    "saddle_numbness": False, "pain_down_both_legs": False, "one_leg_swelling": False,
    "redness_or_warmth": False, "constant_pain": False, "severe_headache": False,
    "vision_changes": False, "sudden_face_hand_swelling": False, "upper_abdominal_pain": False,
    "leg_weakness_or_numbness": False, "unable_to_keep_fluids_down": False,
}
STACK: list[dict[str, Any]] = [
    {"kind": "prenatal", "name": "Pregnacare", "units_per_day": 1, "magnesium_mg": 50,
     "calcium_mg": 200, "iron_mg": 17, "vitamin_d_iu": 400},
    {"kind": "calcium_antacid", "name": "Tums Extra", "units_per_day": 6},
    {"kind": "magnesium", "name": "Magnesium citrate", "units_per_day": 2, "magnesium_mg": 150},
]
ROUTINE: dict[str, Any] = {
    "age_years": 29, "gestational_week": 30, "red_flags": NO_SIGNS,
    "measurements": {"bp_systolic_mmhg": 118, "bp_diastolic_mmhg": 74, "heart_rate_bpm": 88,
                     "temperature_c": 36.8, "urine_protein": "negative"},
    "cramps": {"episodes_per_week": 5, "timing": "night", "muscles": ["calf", "foot"],
               "side": "alternating", "typical_duration_minutes": 3, "severity_0_10": 7,
               "muscle_hardens": True, "relieved_by_stretching": True, "weeks_since_onset": 6},
    "other_symptoms": {"urge_to_move_legs": True, "urge_worse_at_rest_or_evening": True,
                       "restless_sleep": True, "fatigue": True},
    "intake": {"fluid_litres_per_day": 1.4, "magnesium_rich_servings_per_day": 1,
               "dairy_servings_per_day": 3, "caffeine_mg_per_day": 150,
               "nausea_vomiting": "mild", "vomiting_times_per_day": 1, "reflux": True},
    "supplements": STACK,
    "medications": ["proton_pump_inhibitor"],
    "labs": {"ferritin_ug_per_l": 18, "hemoglobin_g_per_dl": 10.4,
             "vitamin_d_25oh_nmol_per_l": 42, "serum_magnesium_mmol_per_l": 0.68,
             "serum_calcium_mmol_per_l": 2.25, "serum_potassium_mmol_per_l": 3.9},
}


def emergency() -> dict[str, Any]:
    """A check with a lot to say: danger signs present, high blood pressure, seven products."""
    answers = copy.deepcopy(ROUTINE)
    flags = answers["red_flags"]
    flags.update(one_leg_swelling=True, swollen_leg="left", calf_circumference_difference_cm=2.5,
                 redness_or_warmth=True, severe_headache=True)
    del flags["vision_changes"], flags["upper_abdominal_pain"]
    answers["measurements"].update(bp_systolic_mmhg=146, bp_diastolic_mmhg=95,
                                   urine_protein="2+")
    answers["other_symptoms"].update(muscle_twitching=True, jaw_tightness_or_clenching=True,
                                     stress_or_anxiety=True, tingling_or_burning_feet=True,
                                     pain_radiates_from_back_or_buttock=True,
                                     dizziness_on_standing=True)
    answers["supplements"] = STACK + [
        {"kind": "iron", "name": "Ferrous fumarate 210 mg (Galfer) from the GP",
         "units_per_day": 2, "iron_mg": 65},
        {"kind": "vitamin_d", "name": "Vitamin D3 1000 IU spray", "units_per_day": 1,
         "vitamin_d_iu": 1000},
        {"kind": "magnesium_antacid_or_laxative", "name": "Milk of magnesia", "units_per_day": 2},
        {"kind": "electrolyte", "name": "Dioralyte sachets", "units_per_day": 2,
         "potassium_mg": 190},
    ]
    return answers


def cramp_diary(*, last: date = TODAY, days: int = 28, count: int = 60, seed: int = 11
                ) -> list[EpisodeEntry]:
    """COUNT cramps over the DAYS days up to LAST: mostly at night, most rated, many waking."""
    rng = random.Random(seed)
    tz = ZoneInfo(ZONE)
    entries = []
    for _ in range(count):
        day = last - timedelta(days=rng.randrange(days))
        night = rng.random() < 0.85
        hour = rng.choice([0, 1, 2, 3, 4, 5, 22, 23]) if night else rng.choice([9, 14, 17])
        at = datetime.combine(day, time(hour, rng.randrange(60)), tz)
        entries.append(EpisodeEntry(
            started_at=at, zone=ZONE, leg=rng.choice(["left", "right", "both", None]),
            muscle=rng.choice(["calf", "calf", "foot", "thigh", None]),
            severity=rng.choice([None, 3, 4, 5, 6, 7, 8, 9]),
            duration_min=rng.choice([None, 0.5, 1, 2, 3.5]), woke=night and rng.random() < 0.7))
    return entries


def food_day(person: Person, day: date, **nutrients: float) -> FoodLogEntry:
    return FoodLogEntry(person_id=person.id, day=day, text="a logged day", food_id=1,
                        description="a day's food", portion="1 day", grams=1000.0, **nutrients)


def keep(session: Session, person: Person, answers: dict[str, Any], *, at: datetime) -> None:
    doc = assess(answers, load_pack()).to_json()
    save_assessment(session, person, answers, doc, now=at)


def fill(session: Session, person: Person, *, answers: dict[str, Any] | None = None,
         diary: list[EpisodeEntry] | None = None, stack: list[dict[str, Any]] | None = None,
         food: bool = True, due: date | None = DUE) -> None:
    """Everything a person records, as the summary finds it; STACK defaults to three
    products, one an antacid left blank."""
    if due is not None:
        set_profile(session, person, due_date=due, age="29", today=TODAY)
    if answers is not None:
        keep(session, person, answers, at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    for entry in diary if diary is not None else cramp_diary():
        log_episode(session, person, entry)
    for item in STACK if stack is None else stack:
        amounts = {k: v for k, v in item.items() if k not in ("kind", "name", "units_per_day")}
        add_item(session, person_id=person.id, kind=item["kind"], name=item["name"],
                 units_per_day=item["units_per_day"], amounts=amounts)
    if food:
        for offset in range(12):
            session.add(food_day(person, TODAY - timedelta(days=offset * 2), magnesium_mg=240,
                                 calcium_mg=900, iron_mg=11, caffeine_mg=150))
    session.flush()


def pdf_text(summary: Summary, paper: str = "a4") -> str:
    """The words of the summary's one-page PDF, with runs of white space made one space."""
    page = PdfReader(io.BytesIO(render_pdf(summary, load_pack(), paper))).pages[0]
    return " ".join(page.extract_text().split())
