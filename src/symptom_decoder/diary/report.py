"""The diary's trends for one person: loads what ``trends`` needs and picks the days covered.

The days covered run from the first diary entry (an episode or a day's context) to TODAY,
unless SINCE or UNTIL say otherwise; days with no episode in that span count as days
without cramps.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from symptom_decoder.diary import times, trends
from symptom_decoder.diary.episodes import list_episodes
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.profile import get_profile
from symptom_decoder.store.diary_models import DayContext
from symptom_decoder.store.models import Person

MAX_DAYS = 3 * 366
"""The most days one summary covers: the last three years, whatever else is stored (rows
kept before dates were checked could reach year 1 or 9999 and take minutes to count)."""


def _load(
    session: Session, person: Person, *, today: date, since: date | None, until: date | None
) -> tuple[list[trends.Occurrence], date, date, date | None]:
    horizon = today + timedelta(days=2)
    after = datetime.combine(horizon, datetime.min.time(), UTC)
    items = trends.occurrences(list_episodes(session, person, since=times.EARLIEST, until=after))
    first_context = session.scalar(
        select(func.min(DayContext.day)).where(
            DayContext.person_id == person.id, DayContext.day >= times.EARLIEST.date())
    )
    starts = [d for d in (items[0].day if items else None, first_context) if d is not None]
    first = since or (min(starts) if starts else today)
    last = until or min(max(today, items[-1].day if items else today), horizon)
    if since is None:
        first = max(first, last - timedelta(days=MAX_DAYS - 1))
    elif (last - first).days >= MAX_DAYS:
        raise FieldError("--from", f"shows at most {MAX_DAYS} days at once; pick a later date")
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
