"""One local day: "no cramps today", and its context (fluids, supplements, stretching, standing).

Any day entry marks the day as logged, so the trends count it (see ``logged``); "no cramps"
says so outright. A day is one row per person, so sending the same day twice (a retried
offline tap) changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from symptom_decoder.diary import _checks, times
from symptom_decoder.diary.errors import FieldError, NotFound
from symptom_decoder.store.diary_models import DayContext, Episode
from symptom_decoder.store.models import Person


@dataclass(frozen=True, kw_only=True)
class DayEntry:
    """One day's context; None means not recorded (different from zero)."""

    day: date
    fluids_ml: int | None = None
    supplements: tuple[str, ...] = ()
    stretching_min: int | None = None
    hours_standing: float | None = None
    no_cramps: bool | None = None

    def checked(self) -> DayEntry:
        times.check_day(self.day, field="day")
        names = tuple(
            _checks.free_text(name.strip(), field="supplement")
            for name in self.supplements
            if name.strip()
        )
        for name in names:
            if "," in name:
                raise FieldError(
                    "supplement", f"give one name at a time, without commas ({name!r})"
                )
        return replace(
            self,
            fluids_ml=_checks.whole(self.fluids_ml, 0, 10_000, field="fluids_ml", unit="ml"),
            supplements=names,
            stretching_min=_checks.whole(
                self.stretching_min, 0, 1440, field="stretching_min", unit="minutes"
            ),
            hours_standing=_checks.number(
                self.hours_standing, 0, 24, field="hours_standing", unit="hours"
            ),
            no_cramps=_checks.yes_no(self.no_cramps, field="no_cramps"),
        )


def set_day(session: Session, person: Person, entry: DayEntry, *, merge: bool = True) -> DayContext:
    """Record ENTRY for its day; with MERGE, values left as None keep what was there."""
    entry = entry.checked()
    row = session.scalar(
        select(DayContext).where(DayContext.person_id == person.id, DayContext.day == entry.day)
    )
    if row is None:
        row = DayContext(person_id=person.id, day=entry.day, supplements="")
        session.add(row)
    for name in ("fluids_ml", "stretching_min", "hours_standing"):
        value = getattr(entry, name)
        if value is not None or not merge:
            setattr(row, name, value)
    if entry.no_cramps is not None or not merge:
        row.no_cramps = bool(entry.no_cramps)
    if entry.supplements or not merge:
        row.supplements = ",".join(entry.supplements)
    if _holds_nothing(row):
        # "No cramps" taken back, and nothing else said: the day is unlogged again, not a
        # logged quiet day that the trends would count.
        if inspect(row).persistent:
            session.delete(row)
        else:
            session.expunge(row)
    session.flush()
    return row


def _holds_nothing(row: DayContext) -> bool:
    return (not row.no_cramps and not row.supplements and row.fluids_ml is None
            and row.stretching_min is None and row.hours_standing is None)


def list_days(session: Session, person: Person) -> list[DayContext]:
    query = select(DayContext).where(DayContext.person_id == person.id).order_by(DayContext.day)
    return list(session.scalars(query))


def delete_day(session: Session, person: Person, day: date) -> None:
    row = session.scalar(
        select(DayContext).where(DayContext.person_id == person.id, DayContext.day == day)
    )
    if row is None:
        raise NotFound(f"day {day.isoformat()}: nothing is recorded for that day")
    session.delete(row)
    session.flush()


def supplements_of(row: DayContext) -> tuple[str, ...]:
    return tuple(name for name in row.supplements.split(",") if name)


def get_day(session: Session, person: Person, day: date) -> DayContext | None:
    return session.scalar(
        select(DayContext).where(DayContext.person_id == person.id, DayContext.day == day)
    )


def cramps_on(session: Session, person: Person, day: date) -> int:
    """How many of PERSON's episodes fall on the local DAY (each read in its own zone)."""
    # Zones are at most 14 hours from UTC, so only these instants can fall on DAY anywhere.
    low = datetime.combine(day - timedelta(days=2), time(), UTC)
    high = datetime.combine(day + timedelta(days=2), time(), UTC)
    rows = session.execute(
        select(Episode.started_at, Episode.zone).where(
            Episode.person_id == person.id, Episode.started_at >= low, Episode.started_at < high
        )
    )
    return sum(1 for started, zone in rows if times.local_day(started, zone) == day)


def day_view(row: DayContext) -> dict[str, Any]:
    """A day entry as plain data, with stable keys."""
    return {
        "day": row.day.isoformat(),
        "no_cramps": row.no_cramps,
        "fluids_ml": row.fluids_ml,
        "supplements": list(supplements_of(row)),
        "stretching_min": row.stretching_min,
        "hours_standing": row.hours_standing,
    }


def day_line(row: DayContext) -> str:
    """A day entry on one line for the terminal."""
    return (
        f"{row.day.isoformat()}: {'no cramps' if row.no_cramps else 'cramps not ruled out'}, "
        f"fluids {row.fluids_ml if row.fluids_ml is not None else '–'} ml, supplements "
        f"{', '.join(supplements_of(row)) or '–'}, stretching "
        f"{row.stretching_min if row.stretching_min is not None else '–'} min, standing "
        f"{row.hours_standing if row.hours_standing is not None else '–'} h"
    )
