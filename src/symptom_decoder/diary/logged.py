"""Which days a diary can speak for: a day counts when it was logged, or sits in a short gap.

A day is *marked* when it has a cramp or a day entry (a "no cramps today" tap, or the day's
fluids, supplements and the like). A short run of unmarked days (fewer than ``GAP_DAYS``)
between two marked days counts as days without cramps: people log cramps, not every quiet
day. A run of ``GAP_DAYS`` or more is left out, because the diary cannot tell a week without
cramps from a week nobody logged; the caller reports it (caution ``unlogged_days``). Unmarked
days before the first marked day or after the last are never counted, however few: the
diary had not begun, or has stopped, and counting them as quiet would lower the rate (a
summary once said "3.2 a week over 28 logged days" of a diary begun 22 days before).
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
    # Marks just outside FIRST to LAST say whether the days at its edges lie inside the diary:
    # a run that a mark closes on each side, within GAP_DAYS, is a short quiet run.
    start, end = first - timedelta(days=GAP_DAYS), last + timedelta(days=GAP_DAYS)
    marks = {day for day in marked if start <= day <= end}
    counted: list[date] = []
    gaps: list[Gap] = []
    run: list[date] = []
    day = start
    while day <= end:
        if day in marks:
            _close(run, counted, gaps, inside=bool(counted))
            counted.append(day)
        else:
            run.append(day)
        day += timedelta(days=1)
    _close(run, counted, gaps, inside=False)
    # Gaps as they fall in FIRST to LAST; a few unlogged days at an edge are left out
    # without a word, as a short run at the end of a diary that goes on tomorrow.
    shown = (Gap(max(g.first_day, first), min(g.last_day, last)) for g in gaps)
    return Coverage(first=first, last=last,
                    counted=tuple(d for d in counted if first <= d <= last),
                    gaps=tuple(g for g in shown if g.days >= GAP_DAYS))


def _close(run: list[date], counted: list[date], gaps: list[Gap], *, inside: bool) -> None:
    """End a run of unmarked days: counted as quiet when short and INSIDE the diary (between
    two marked days), reported as a gap when long, else left out."""
    if len(run) >= GAP_DAYS:
        gaps.append(Gap(run[0], run[-1]))
    elif inside:
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
