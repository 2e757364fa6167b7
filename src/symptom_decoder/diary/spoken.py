"""When a cramp happened, said the way she would say it: "Tonight, 03:10", "Yesterday, 23:40".

The clock time is read in the zone the cramp was logged in, like everywhere in the diary;
"tonight" and "last night" follow the diary's night (21:00 to 07:00), so a cramp at 03:10
is "Tonight" while the night lasts and "Last night" the day after; anything older is a
day of the calendar.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from symptom_decoder.diary.times import NIGHT_ENDS, NIGHT_STARTS, local

_WEEK = 6


def _night_of(moment: datetime) -> date | None:
    """The evening a night-time moment's night began on; None in the day."""
    clock = moment.time()
    if clock >= NIGHT_STARTS:
        return moment.date()
    if clock < NIGHT_ENDS:
        return moment.date() - timedelta(days=1)
    return None


def when_said(instant: datetime, zone: str, *, now: datetime) -> str:
    """INSTANT on the clock of ZONE, with the day in words relative to NOW."""
    then, today = local(instant, zone), local(now, zone)
    clock = then.strftime("%H:%M")
    night, current = _night_of(then), _night_of(today)
    if night is not None and then <= today:
        if night == current:
            return f"Tonight, {clock}"
        # Only in the day: at 03:00, "last night" could mean two different nights.
        if current is None and night == today.date() - timedelta(days=1):
            return f"Last night, {clock}"
    days = (today.date() - then.date()).days
    if days == 0:
        return f"Today, {clock}"
    if days == 1:
        return f"Yesterday, {clock}"
    if 1 < days <= _WEEK:
        return f"{then.strftime('%A')}, {clock}"
    if then.year == today.year:
        return f"{then.strftime('%a')} {then.day} {then.strftime('%b')}, {clock}"
    return f"{then.day} {then.strftime('%b')} {then.year}, {clock}"
