"""The diary's trends for one person: loads what ``trends`` and ``compare`` need.

The days covered run from the first diary entry (an episode or a day entry) to the last
one, unless SINCE or UNTIL say otherwise; only days the diary can speak for count (see
``logged``). ``compare_for`` is the one way to ask "did the change help?": the command
line, the web pages, the API and the clinician summary all call it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from symptom_decoder.diary import compare, trends
from symptom_decoder.diary.days import list_days
from symptom_decoder.diary.episodes import list_episodes
from symptom_decoder.diary.profile import get_profile
from symptom_decoder.store.models import Person


def _load(
    session: Session, person: Person
) -> tuple[list[trends.Occurrence], set[date], date | None]:
    items = trends.occurrences(list_episodes(session, person))
    entry_days = {row.day for row in list_days(session, person)}
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
    items, entry_days, lmp = _load(session, person)
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
) -> compare.Comparison:
    """Cramps a week before CHANGE against after it in PERSON's diary, with its range,
    verdict, sentence and cautions; ``.as_dict()`` is the JSON of ``diary compare``.
    SINCE and UNTIL limit the days; FieldError names ``from`` or ``to`` when they clash."""
    items, entry_days, lmp = _load(session, person)
    return compare.compare(
        items, entry_days=entry_days, change=change, lmp=lmp, since=since, until=until
    )
