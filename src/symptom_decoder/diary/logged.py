"""Which days a diary can speak for: a day counts when it was logged, or sits in a short gap.

A day is *marked* when it has a cramp or a day entry (a "no cramps today" tap, or the day's
fluids, supplements and the like). A short run of unmarked days (fewer than ``GAP_DAYS``)
counts as days without cramps: people log cramps, not every quiet day. A run of
``GAP_DAYS`` or more is left out, because the diary cannot tell a week without cramps from a
week nobody logged; the caller reports it (caution ``unlogged_days``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

GAP_DAYS = 7


@dataclass(frozen=True)
class Gap:
    """A run of days with neither a cramp nor a day entry, left out of the counts."""

    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def as_dict(self) -> dict[str, object]:
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "days": self.days,
        }


@dataclass(frozen=True)
class Coverage:
    """The days from FIRST to LAST that count, and the gaps left out between them."""

    first: date
    last: date
    counted: tuple[date, ...]
    gaps: tuple[Gap, ...]

    def days_between(self, start: date, end: date) -> int:
        """How many counted days fall in START to END inclusive."""
        return sum(1 for day in self.counted if start <= day <= end)


def coverage(marked: Iterable[date], *, first: date, last: date) -> Coverage:
    """The counted days from FIRST to LAST, given the MARKED days (a cramp or a day entry)."""
    marks = {day for day in marked if first <= day <= last}
    counted: list[date] = []
    gaps: list[Gap] = []
    run: list[date] = []
    day = first
    while day <= last:
        if day in marks:
            _close(run, counted, gaps)
            counted.append(day)
        else:
            run.append(day)
        day += timedelta(days=1)
    _close(run, counted, gaps)
    return Coverage(first=first, last=last, counted=tuple(counted), gaps=tuple(gaps))


def _close(run: list[date], counted: list[date], gaps: list[Gap]) -> None:
    if len(run) >= GAP_DAYS:
        gaps.append(Gap(run[0], run[-1]))
    else:
        counted.extend(run)
    run.clear()



_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def day_words(day: date) -> str:
    """A day as people write it: 3 June 2026."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def gaps_words(gaps: Sequence[Gap]) -> str:
    """'from 3 June 2026 to 16 June 2026 (14 days)', joined with commas and a final 'and'."""
    parts = [
        f"from {day_words(gap.first_day)} to {day_words(gap.last_day)} ({gap.days} days)"
        for gap in gaps
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
