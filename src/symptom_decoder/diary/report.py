"""The diary's trends for one person: loads what ``trends`` needs and picks the days covered.

The days covered run from the first diary entry (an episode or a day's context) to TODAY,
unless SINCE or UNTIL say otherwise; days with no episode in that span count as days
without cramps.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from symptom_decoder.diary import trends
from symptom_decoder.diary.episodes import list_episodes
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.profile import get_profile
from symptom_decoder.store.diary_models import DayContext
from symptom_decoder.store.models import Person


def _load(
    session: Session, person: Person, *, today: date, since: date | None, until: date | None
) -> tuple[list[trends.Occurrence], date, date, date | None]:
    items = trends.occurrences(list_episodes(session, person))
    first_context = session.scalar(
        select(func.min(DayContext.day)).where(DayContext.person_id == person.id)
    )
    starts = [d for d in (items[0].day if items else None, first_context) if d is not None]
    first = since or (min(starts) if starts else today)
    last = until or max(today, items[-1].day if items else today)
    if last < first:
        raise FieldError("--to", f"must not be before {first.isoformat()} (got {last.isoformat()})")
    profile = get_profile(session, person)
    return items, first, last, profile.lmp if profile else None


def stats_for(
    session: Session,
    person: Person,
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    items, first, last, lmp = _load(session, person, today=today, since=since, until=until)
    return trends.summary(items, first=first, last=last, lmp=lmp)


def compare_for(
    session: Session,
    person: Person,
    *,
    change: date,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    items, first, last, lmp = _load(session, person, today=today, since=since, until=until)
    return trends.compare(items, change=change, first=first, last=last, lmp=lmp)
