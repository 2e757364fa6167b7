"""What the saved profile says about her, for every diet command: age, exclusions and stage.

The command line, the pages and the API read the profile the same way, through
``personal``. A value given on the spot (``--age``, ``--exclude``, ``?age=``) wins over the
profile, and ``ignore_profile`` leaves the profile out altogether.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from symptom_decoder.diary.profile import AGE_BANDS, gestation_at, get_profile
from symptom_decoder.store.models import Person

MAX_WEEK = 44


@dataclass(frozen=True)
class Personal:
    age_years: int | None
    """Years, or the youngest age of her saved band: the band picks the reference intakes."""
    age_band: str | None
    exclusions: tuple[str, ...]
    """Allergies and diets from the profile, then any given on the spot."""
    gestational_week: int | None
    trimester: int | None
    from_profile: tuple[str, ...]
    """Which of age, exclusions and stage came from the saved profile."""

    def answers(self) -> dict[str, Any]:
        """The ``answers/v1`` fields this adds to an assessment's answers."""
        out: dict[str, Any] = {}
        if self.age_years is not None:
            out["age_years"] = self.age_years
        if self.gestational_week is not None:
            out["gestational_week"] = self.gestational_week
        return out

    def view(self) -> dict[str, Any]:
        return {"age_years": self.age_years, "age_band": self.age_band,
                "exclusions": list(self.exclusions),
                "gestational_week": self.gestational_week, "trimester": self.trimester,
                "from_profile": list(self.from_profile)}

    def sentence(self, *, age_note: bool = True) -> str:
        """What was used, in words: 'Using your profile: age 14 to 18; leaving out nut.'
        AGE_NOTE adds what happens without an age (pages that say it elsewhere leave it out)."""
        parts = []
        if self.age_band:
            low, high = self.age_band.split("-")
            parts.append(f"age {low} to {high}")
        elif self.age_years is not None:
            parts.append(f"age {self.age_years}")
        if self.gestational_week is not None:
            parts.append(f"week {self.gestational_week} of pregnancy")
        if self.exclusions:
            parts.append(f"leaving out {', '.join(self.exclusions)}")
        head = "Using your profile" if self.from_profile else "Using"
        text = f"{head}: {'; '.join(parts)}." if parts else ""
        if self.age_years is None and age_note:
            text += (" " if text else "") + ("No age given, so an adult's figures (ages 19 to "
                                             "50) are used.")
        return text


def band_of(age: int) -> str | None:
    for band in AGE_BANDS:
        low, high = (int(p) for p in band.split("-"))
        if low <= age <= high:
            return band
    return None


def personal(session: Session | None, person: Person | None, *, today: date,
             age: int | None = None, exclude: Iterable[str] = (),
             ignore_profile: bool = False) -> Personal:
    """Her age, exclusions and stage: the profile, overridden by what is given on the spot."""
    saved = None
    if session is not None and person is not None and not ignore_profile:
        saved = get_profile(session, person)
    used: list[str] = []
    band = None
    years = age
    if years is not None:
        band = band_of(years)
    elif saved is not None and saved.age_band:
        band = saved.age_band
        years = int(band.split("-")[0])
        used.append("age")
    exclusions: list[str] = []
    if saved is not None:
        exclusions += [a for a in saved.allergies.split(",") if a]
        exclusions += [d for d in saved.diets.split(",") if d]
        if exclusions:
            used.append("exclusions")
    exclusions += [e for e in exclude if e not in exclusions]
    week = trimester = None
    if saved is not None and saved.lmp is not None:
        now = gestation_at(saved.lmp, today)
        if now is not None and 1 <= now.weeks <= MAX_WEEK:
            week, trimester = now.weeks, now.trimester
            used.append("stage")
    return Personal(age_years=years, age_band=band, exclusions=tuple(exclusions),
                    gestational_week=week, trimester=trimester, from_profile=tuple(used))
