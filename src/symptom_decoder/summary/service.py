"""The summary for one person: loads what is stored and builds it (``build``).

The command line and the web app call ``summary_for``; each words ``NothingToSummarise``
in its own terms (a command to run, a page to open).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from symptom_decoder.diary.assessments import list_assessments
from symptom_decoder.diary.days import list_days
from symptom_decoder.diary.episodes import list_episodes
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.profile import get_profile
from symptom_decoder.diet import foodlog, stack
from symptom_decoder.diet.ledger import food_extra
from symptom_decoder.knowledge import Pack
from symptom_decoder.store.models import Person
from symptom_decoder.summary.build import KeptCheck, Stored, build_summary
from symptom_decoder.summary.model import Period, Summary

DEFAULT_DAYS = 28
MIN_DAYS = 1
MAX_DAYS = 90


class NothingToSummarise(Exception):
    """Nothing is stored that a summary could show; ``missing`` names what to record first:
    ``check``, ``cramps``, ``supplements`` and, when no due date is set, ``due_date``."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("nothing to summarise yet: " + ", ".join(missing))
        self.missing = missing


MAX_NAME = 80


def period_ending(today: date, days: int) -> Period:
    """The DAYS days up to and including TODAY; FieldError naming ``days`` when out of range."""
    if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise FieldError("days", f"must be a whole number from {MIN_DAYS} to {MAX_DAYS} "
                         f"(got {days!r})")
    return Period(first=today - timedelta(days=days - 1), last=today)


def clean_name(text: str | None) -> str | None:
    """A name or initials to print: one line, at most 80 characters; None when blank."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise FieldError("name", f"must be text (got {text!r})")
    name = " ".join(text.split())
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in name):
        raise FieldError("name", "must be plain text, without control characters")
    if len(name) > MAX_NAME:
        raise FieldError("name", f"must be at most {MAX_NAME} characters (got {len(name)})")
    return name or None


def load(session: Session, person: Person, *, period: Period,
         check: KeptCheck | None = None) -> Stored:
    """What the summary reads about PERSON; CHECK, when given, stands in for the kept one."""
    if check is None:
        kept = list_assessments(session, person)
        if kept:
            latest = kept[0]
            check = KeptCheck(assessment=latest.assessment, answers=latest.answers,
                              made_at=latest.created_at)
    profile = get_profile(session, person)
    entries = foodlog.entries_for(session, person_id=person.id, first=period.first,
                                  last=period.last)
    return Stored(
        lmp=profile.lmp if profile else None,
        age_band=profile.age_band if profile else None,
        check=check,
        episodes=list_episodes(session, person),
        entry_days=frozenset(row.day for row in list_days(session, person)),
        supplements=[stack.as_answer(i) for i in stack.items_for(session, person_id=person.id)],
        food=foodlog.day_answers(session, person_id=person.id, last=period.last,
                                 days=period.days),
        food_days=len({e.day for e in entries}),
        food_extra=food_extra(session, person_id=person.id, last=period.last, days=period.days),
    )


def summary_for(session: Session, person: Person, pack: Pack, *, period: Period,
                now: datetime, name: str | None = None, check: KeptCheck | None = None,
                zone: str | None = None) -> Summary:
    """PERSON's summary of PERIOD, its times on ZONE's clock; NothingToSummarise when there
    is nothing to show."""
    stored = load(session, person, period=period, check=check)
    summary = build_summary(pack, stored, period=period, now=now, name=name, zone=zone)
    if summary.check is None and summary.cramps.total == 0 and summary.ledger is None:
        missing = ["check", "cramps", "supplements"]
        if stored.lmp is None:
            missing.append("due_date")
        raise NothingToSummarise(missing)
    return summary
