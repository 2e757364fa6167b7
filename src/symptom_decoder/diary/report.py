"""The diary's trends for one person: loads what ``trends`` and ``compare`` need.

The days covered run from the first diary entry (an episode or a day entry) to the last
one, unless SINCE or UNTIL say otherwise; only days the diary can speak for count (see
``logged``). ``compare_for`` is the one way to ask "did the change help?": the command
line, the web pages, the API and the clinician summary all call it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from symptom_decoder.diary import compare, times, trends
from symptom_decoder.diary.days import list_days
from symptom_decoder.diary.episodes import list_episodes
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.profile import get_profile
from symptom_decoder.store.models import Person

MAX_DAYS = 3 * 366
"""The most days one summary covers: the last three years of the diary, whatever else is
stored (rows kept before dates were checked could reach year 1 or 9999 and take minutes to
count)."""


def _load(
    session: Session, person: Person, *, today: date | None, since: date | None,
    until: date | None,
) -> tuple[list[trends.Occurrence], set[date], date | None]:
    """PERSON's occurrences and entry days, bounded in time whatever is stored: from 2000 to
    the day after TODAY, and at most MAX_DAYS back from the last entry."""
    if since is not None and until is not None and (until - since).days >= MAX_DAYS:
        raise FieldError("from", f"shows at most {MAX_DAYS} days at once; pick a later date")
    horizon = (today or datetime.now(UTC).date()) + timedelta(days=2)
    after = datetime.combine(horizon, datetime.min.time(), UTC)
    items = trends.occurrences(list_episodes(session, person, since=times.EARLIEST,
                                             until=after))
    entry_days = {row.day for row in list_days(session, person)
                  if times.EARLIEST.date() <= row.day < horizon}
    stored = [d for d in (items[-1].day if items else None, max(entry_days, default=None))
              if d is not None]
    if since is None and stored:
        floor = max(stored) - timedelta(days=MAX_DAYS - 1)
        items = [o for o in items if o.day >= floor]
        entry_days = {d for d in entry_days if d >= floor}
    profile = get_profile(session, person)
    return items, entry_days, profile.lmp if profile else None


def stats_for(
    session: Session,
    person: Person,
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """PERSON's weekly stats as plain data (the JSON of ``diary stats``)."""
    items, entry_days, lmp = _load(session, person, today=today, since=since, until=until)
    return trends.stats(
        items, entry_days=entry_days, lmp=lmp, today=today, since=since, until=until
    )


def compare_for(
    session: Session,
    person: Person,
    *,
    change: date,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> compare.Comparison:
    """Cramps a week before CHANGE against after it in PERSON's diary, with its range,
    verdict, sentence and cautions; ``.as_dict()`` is the JSON of ``diary compare``.
    SINCE and UNTIL limit the days; FieldError names ``from`` or ``to`` when they clash."""
    items, entry_days, lmp = _load(session, person, today=today, since=since, until=until)
    return compare.compare(
        items, entry_days=entry_days, change=change, lmp=lmp, since=since, until=until
    )
