"""How long the midwife's summary takes, for a busy month: figures to read, not a test.

Aims on the project machine (2 cores, shared): building the summary under 50 ms, the
one-page PDF under 1.5 s (it is measured before it is drawn), the FHIR file under 0.5 s.

    .venv/bin/python bench/summary.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

LAST = date(2026, 11, 30)
ANSWERS: dict[str, Any] = {
    "age_years": 29, "gestational_week": 30,
    "red_flags": {"chest_pain": False, "one_leg_swelling": True, "swollen_leg": "left",
                  "severe_headache": True},
    "measurements": {"bp_systolic_mmhg": 146, "bp_diastolic_mmhg": 95, "heart_rate_bpm": 88,
                     "urine_protein": "2+"},
    "cramps": {"episodes_per_week": 5, "timing": "night", "muscles": ["calf"],
               "severity_0_10": 7},
    "intake": {"fluid_litres_per_day": 1.2, "magnesium_rich_servings_per_day": 1},
    "supplements": [
        {"kind": "prenatal", "name": "Prenatal", "magnesium_mg": 50, "calcium_mg": 200,
         "iron_mg": 17, "vitamin_d_iu": 400},
        {"kind": "calcium_antacid", "name": "Antacid", "units_per_day": 6},
        {"kind": "magnesium_antacid_or_laxative", "name": "Laxative", "units_per_day": 2},
    ],
    "labs": {"ferritin_ug_per_l": 18, "hemoglobin_g_per_dl": 10.4,
             "vitamin_d_25oh_nmol_per_l": 42, "serum_magnesium_mmol_per_l": 0.68},
}


@dataclass(frozen=True)
class Cramp:
    started_at: datetime
    zone: str
    severity: int | None
    woke: bool
    leg: str | None
    muscle: str | None
    duration_min: float | None


def _month(count: int = 60) -> list[Cramp]:
    rng = random.Random(7)
    zone = ZoneInfo("Europe/London")
    out = []
    for _ in range(count):
        day = LAST - timedelta(days=rng.randrange(28))
        at = datetime(day.year, day.month, day.day, rng.choice([1, 2, 3, 23]), 10, tzinfo=zone)
        out.append(Cramp(at, "Europe/London", rng.choice([None, 5, 7, 9]), rng.random() < 0.6,
                         "left", "calf", 2.0))
    return out


def _best(label: str, run: Callable[[], object], times: int = 3) -> None:
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        runs.append(time.perf_counter() - start)
    print(f"{label:<28} {min(runs) * 1000:7.0f} ms (best of {times})")


def main() -> None:
    from symptom_decoder.engine import assess
    from symptom_decoder.knowledge import load_pack
    from symptom_decoder.summary.build import KeptCheck, Stored, build_summary
    from symptom_decoder.summary.exporters import Options, get
    from symptom_decoder.summary.model import Period

    pack = load_pack()
    check = KeptCheck(assess(ANSWERS, pack).to_json(), ANSWERS,
                      datetime(2026, 11, 20, tzinfo=UTC))
    stored = Stored(lmp=date(2026, 5, 1), age_band="19-30", check=check, episodes=_month(),
                    supplements=ANSWERS["supplements"], food={}, food_days=0)
    period = Period(LAST - timedelta(days=27), LAST)
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)

    def build() -> Any:
        return build_summary(pack, stored, period=period, now=now)

    summary = build()
    get("pdf").render(summary, pack, Options())  # fonts and modules loaded once
    _best("build the summary", build)
    for name, options in (("pdf", Options("a4")), ("pdf", Options("letter")),
                          ("fhir", Options()), ("markdown", Options())):
        exporter = get(name)

        def render(e: Any = exporter, o: Options = options) -> bytes:
            result: bytes = e.render(summary, pack, o)
            return result

        _best(f"{name} {options.paper if name == 'pdf' else ''}".strip(), render)


if __name__ == "__main__":
    main()
