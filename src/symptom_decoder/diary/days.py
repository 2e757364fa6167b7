"""The context of one local day: fluids, supplements taken, stretching done, hours standing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from symptom_decoder.diary import _checks, times
from symptom_decoder.diary.errors import FieldError, NotFound
from symptom_decoder.store.diary_models import DayContext
from symptom_decoder.store.models import Person


@dataclass(frozen=True, kw_only=True)
class DayEntry:
    """One day's context; None means not recorded (different from zero)."""

    day: date
    fluids_ml: int | None = None
    supplements: tuple[str, ...] = ()
    stretching_min: int | None = None
    hours_standing: float | None = None

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
    if entry.supplements or not merge:
        row.supplements = ",".join(entry.supplements)
    session.flush()
    return row


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
