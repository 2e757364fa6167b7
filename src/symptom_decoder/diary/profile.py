"""The profile: dating of the pregnancy, age band, allergies and diet.

Gestational age counts from the first day of the last menstrual period (LMP); a due date
is LMP + 280 days. At date D the age is ``(D - LMP)`` days, written weeks+days (``28+3``),
and the gestational week is the completed weeks, ``(D - LMP) // 7``. Trimesters: first
up to 13+6, second 14+0 to 27+6, third from 28+0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from symptom_decoder.diary.errors import FieldError
from symptom_decoder.store.models import Person
from symptom_decoder.store.profile_models import Profile

PREGNANCY_DAYS = 280
MAX_WEEKS = 44
AGE_BANDS = ("14-18", "19-30", "31-50")
ALLERGIES = ("nut", "peanut", "seed", "dairy", "egg", "fish", "shellfish", "soy", "gluten")
DIETS = ("pescatarian", "vegetarian", "vegan")


@dataclass(frozen=True)
class Gestation:
    """Completed weeks and days since the LMP at one date."""

    weeks: int
    days: int

    @property
    def trimester(self) -> int:
        return 1 if self.weeks < 14 else 2 if self.weeks < 28 else 3

    def __str__(self) -> str:
        return f"{self.weeks}+{self.days}"


def due_from_lmp(lmp: date) -> date:
    return lmp + timedelta(days=PREGNANCY_DAYS)


def lmp_from_due(due: date) -> date:
    return due - timedelta(days=PREGNANCY_DAYS)


def gestation_at(lmp: date, day: date) -> Gestation | None:
    """Gestational age on DAY, or None before the LMP or past 44 weeks."""
    elapsed = (day - lmp).days
    if elapsed < 0 or elapsed >= (MAX_WEEKS + 1) * 7:
        return None
    return Gestation(elapsed // 7, elapsed % 7)


def age_band(value: str) -> str:
    """An age in years (``27``) or a band (``19-30``) as one of AGE_BANDS."""
    text = value.strip().replace("–", "-")
    if text in AGE_BANDS:
        return text
    try:
        years = int(text)
    except ValueError:
        raise FieldError(
            "age", f"give years (like 27) or a band: {', '.join(AGE_BANDS)} (got {value!r})"
        ) from None
    for band in AGE_BANDS:
        low, high = (int(part) for part in band.split("-"))
        if low <= years <= high:
            return band
    raise FieldError("age", f"the advice here covers ages 14 to 50 (got {years})")


def band_start(band: str | None) -> int | None:
    """The first year of an age band (``31-50`` gives 31): an age whose reference intakes are
    the band's. None when no band is given."""
    if band not in AGE_BANDS:
        return None
    return int(band.split("-")[0])


def _from_list(values: list[str], allowed: tuple[str, ...], *, field: str) -> str:
    cleaned = set()
    for value in values:
        item = value.strip().lower()
        if item in ("", "none"):
            continue
        if item not in allowed:
            raise FieldError(field, f"must be one of {', '.join(allowed)} (got {value!r})")
        cleaned.add(item)
    return ",".join(sorted(cleaned))


def get_profile(session: Session, person: Person) -> Profile | None:
    return session.scalar(select(Profile).where(Profile.person_id == person.id))


def set_profile(
    session: Session,
    person: Person,
    *,
    due_date: date | None = None,
    lmp: date | None = None,
    age: str | None = None,
    allergies: list[str] | None = None,
    diets: list[str] | None = None,
    today: date,
) -> Profile:
    """Change the fields given (None leaves a field as it is); lists replace the stored list."""
    if due_date is not None and lmp is not None:
        raise FieldError("due_date", "give the due date or the last period's first day, not both")
    profile = get_profile(session, person)
    if profile is None:
        profile = Profile(person_id=person.id, allergies="", diets="")
        session.add(profile)
    if due_date is not None:
        if not today - timedelta(days=7 * 8) <= due_date <= today + timedelta(days=PREGNANCY_DAYS):
            raise FieldError("due_date", f"must be within the next 40 weeks (got {due_date})")
        profile.lmp, profile.dated_by = lmp_from_due(due_date), "due_date"
    if lmp is not None:
        if not today - timedelta(days=7 * (MAX_WEEKS + 8)) <= lmp <= today:
            raise FieldError("lmp", f"must be within the last 44 weeks (got {lmp})")
        profile.lmp, profile.dated_by = lmp, "lmp"
    if age is not None:
        profile.age_band = age_band(age)
    if allergies is not None:
        profile.allergies = _from_list(allergies, ALLERGIES, field="allergy")
    if diets is not None:
        profile.diets = _from_list(diets, DIETS, field="diet")
    session.flush()
    return profile


def profile_view(profile: Profile | None, today: date) -> dict[str, object]:
    """The profile as plain data with stable keys (values None when not given)."""
    lmp = profile.lmp if profile else None
    now = gestation_at(lmp, today) if lmp else None
    return {
        "due_date": due_from_lmp(lmp).isoformat() if lmp else None,
        "lmp": lmp.isoformat() if lmp else None,
        "dated_by": profile.dated_by if profile else None,
        "gestation_today": str(now) if now else None,
        "gestational_week_today": now.weeks if now else None,
        "trimester_today": now.trimester if now else None,
        "age_band": profile.age_band if profile else None,
        "allergies": [a for a in profile.allergies.split(",") if a] if profile else [],
        "diets": [d for d in profile.diets.split(",") if d] if profile else [],
    }
