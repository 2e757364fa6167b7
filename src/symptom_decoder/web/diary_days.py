"""Day entries ("no cramps today") and the before-and-after comparison, shared by the pages
and the JSON API so both show the same numbers and cautions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import Request

from symptom_decoder.diary import report, times
from symptom_decoder.diary.compare import Comparison
from symptom_decoder.diary.days import DayEntry, day_view, get_day, list_days, set_day
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.web import episode_form
from symptom_decoder.web.deps import User, clock, person_of, unit

_DAY_KEYS = ("day", "no_cramps", "fluids_ml", "supplements", "stretching_min", "hours_standing")


def today_for(request: Request) -> date:
    """Today on the clock of the browser's zone (cookie), else the server's."""
    return times.local(clock(), episode_form.browser_zone(request.cookies)).date()


def day_from_json(body: Any) -> DayEntry:
    """A day entry from an API body; what is left out stays as it was. FieldError names the
    first bad field."""
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    unknown = sorted(str(key) for key in set(body) - set(_DAY_KEYS))
    if unknown:
        raise FieldError(unknown[0] or "body", "unknown field")
    when = body.get("day")
    if not isinstance(when, str):
        raise FieldError("day", "is needed, as YYYY-MM-DD")
    supplements = body.get("supplements") or []
    if not isinstance(supplements, list) or not all(isinstance(s, str) for s in supplements):
        raise FieldError("supplements", "must be a list of names")
    return DayEntry(
        day=times.parse_day(when, field="day"),
        no_cramps=body.get("no_cramps"),
        fluids_ml=body.get("fluids_ml"),
        supplements=tuple(supplements),
        stretching_min=body.get("stretching_min"),
        hours_standing=body.get("hours_standing"),
    ).checked()


def no_cramps_from_form(form: Mapping[str, str], *, today: date) -> DayEntry:
    """The "No cramps today" button: the day the page was drawn for (or TODAY)."""
    when = form.get("day", "").strip()
    return DayEntry(
        day=times.parse_day(when, field="day") if when else today, no_cramps=True
    ).checked()


def save_day(request: Request, who: User, entry: DayEntry) -> dict[str, Any]:
    with unit(request) as session:
        return day_view(set_day(session, person_of(session, who), entry))


def day_views(request: Request, who: User) -> list[dict[str, Any]]:
    with unit(request) as session:
        return [day_view(row) for row in list_days(session, person_of(session, who))]


def marked_no_cramps(request: Request, who: User, day: date) -> bool:
    with unit(request) as session:
        row = get_day(session, person_of(session, who), day)
        return bool(row and row.no_cramps)


def comparison(
    request: Request, who: User, *, change: str, since: str = "", until: str = ""
) -> Comparison:
    """The diary's one comparison for the signed-in person; FieldError names ``change``,
    ``from`` or ``to``."""
    if not change.strip():
        raise FieldError("change", "is needed: the day you made the change, as YYYY-MM-DD")
    changed = times.parse_day(change, field="change")
    first = times.parse_day(since, field="from") if since.strip() else None
    last = times.parse_day(until, field="to") if until.strip() else None
    with unit(request) as session:
        return report.compare_for(
            session, person_of(session, who), change=changed, since=first, until=last
        )
