"""Varied, realistic answer sets for the benchmarks (``run.py`` in-process, ``server.py``
through wrk): week of pregnancy, cramps, danger signs mostly no, food, supplements,
sometimes a blood pressure reading, drawn from a seeded generator so runs compare."""

from __future__ import annotations

import random
from typing import Any

RED_FLAGS = ("one_leg_swelling", "redness_or_warmth", "constant_pain", "chest_pain",
             "sudden_shortness_of_breath", "severe_headache", "vision_changes",
             "leg_weakness_or_numbness", "saddle_numbness", "fainted_or_collapsed",
             "sudden_face_hand_swelling", "seizure")
OTHERS = ("urge_to_move_legs", "restless_sleep", "fatigue", "muscle_twitching",
          "tingling_or_burning_feet", "stress_or_anxiety", "dizziness_on_standing",
          "varicose_veins")


def answer_set(rnd: random.Random) -> dict[str, Any]:
    def yes(p: float) -> bool:
        return rnd.random() < p

    doc: dict[str, Any] = {"gestational_week": rnd.randint(8, 41)}
    if yes(0.7):
        doc["age_years"] = rnd.randint(18, 44)
    doc["cramps"] = {
        "episodes_per_week": rnd.randint(0, 14), "timing": rnd.choice(["night", "day", "both"]),
        "muscles": [rnd.choice(["calf", "foot", "thigh"])],
        "side": rnd.choice(["left", "right", "both", "alternating"]),
        "typical_duration_minutes": rnd.randint(1, 10), "severity_0_10": rnd.randint(0, 10),
        "relieved_by_stretching": yes(0.7)}
    doc["red_flags"] = {flag: yes(0.04) for flag in RED_FLAGS if yes(0.6)}
    doc["other_symptoms"] = {flag: yes(0.3) for flag in OTHERS if yes(0.5)}
    doc["intake"] = {
        "fluid_litres_per_day": rnd.randint(5, 30) / 10,
        "dairy_servings_per_day": rnd.randint(0, 4),
        "magnesium_rich_servings_per_day": rnd.randint(0, 6) / 2,
        "nausea_vomiting": rnd.choice(["none", "none", "mild", "severe"])}
    if yes(0.6):
        doc["supplements"] = [{"kind": rnd.choice(["prenatal", "magnesium", "calcium", "iron"]),
                               "units_per_day": rnd.randint(1, 2)}]
    if yes(0.3):
        doc["measurements"] = {"bp_systolic_mmhg": rnd.randint(95, 165),
                               "bp_diastolic_mmhg": rnd.randint(55, 105)}
    return doc


def answer_sets(n: int, seed: int = 12345) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    return [answer_set(rnd) for _ in range(n)]
