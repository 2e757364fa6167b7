"""What the diary shows: episodes per week, severity, night against day, by gestational week.

Pure functions: episodes in (anything with ``started_at``, ``zone``, ``severity``, ``woke``),
plain data out. Days are local calendar days in the zone each episode was logged in, so a
night when the clocks change is one day like any other. Only days the diary can speak for
count (``logged.coverage``); the before-and-after comparison is in ``compare``.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from symptom_decoder.diary import times
from symptom_decoder.diary.cautions import caution
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.logged import Coverage, coverage, gaps_words
from symptom_decoder.diary.profile import gestation_at


class EpisodeLike(Protocol):
    @property
    def started_at(self) -> datetime: ...
    @property
    def zone(self) -> str: ...
    @property
    def severity(self) -> int | None: ...
    @property
    def woke(self) -> bool: ...


@dataclass(frozen=True)
class Occurrence:
    """One episode reduced to what trends need, read on its own local clock."""

    day: date
    night: bool
    severity: int | None
    woke: bool


def occurrences(episodes: Iterable[EpisodeLike]) -> list[Occurrence]:
    found = []
    for episode in episodes:
        clock = times.local(episode.started_at, episode.zone)
        night = clock.time() >= times.NIGHT_STARTS or clock.time() < times.NIGHT_ENDS
        found.append(Occurrence(clock.date(), night, episode.severity, episode.woke))
    return sorted(found, key=lambda o: o.day)


FEW_DAYS = 7
"""Fewer counted days than this make a weekly rate a rough guess, and the result says so."""


def _per_week(episodes: int, days: int) -> float | None:
    return round(episodes / days * 7, 3) if days > 0 else None


def _severity(items: Sequence[Occurrence]) -> dict[str, Any]:
    rated = [o.severity for o in items if o.severity is not None]
    return {
        "rated": len(rated),
        "mean": round(statistics.fmean(rated), 2) if rated else None,
        "median": statistics.median(rated) if rated else None,
        "max": max(rated) if rated else None,
    }


def stats(
    items: Sequence[Occurrence],
    *,
    entry_days: Collection[date],
    lmp: date | None,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """The summary from the first entry (or SINCE) to the last one (or UNTIL); an empty
    diary is seen on TODAY. ENTRY_DAYS are the days with a day entry."""
    marked = {o.day for o in items} | set(entry_days)
    first = since or min(marked, default=today)
    last = until or max((day for day in marked if day >= first), default=first)
    if last < first:
        raise FieldError("to", f"must not be before {first.isoformat()} (got {last.isoformat()})")
    return summary(items, cover=coverage(marked, first=first, last=last), lmp=lmp)


def summary(items: Sequence[Occurrence], *, cover: Coverage, lmp: date | None) -> dict[str, Any]:
    """Counts over the counted days of COVER, by week and by gestational week; the runs
    left out are listed with a caution."""
    first, last = cover.first, cover.last
    inside = [o for o in items if first <= o.day <= last]
    days = len(cover.counted)
    night = sum(o.night for o in inside)
    return {
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "days": days,
        "episodes": len(inside),
        "per_week": _per_week(len(inside), days),
        "night": night,
        "day": len(inside) - night,
        "woke": sum(o.woke for o in inside),
        "severity": _severity(inside),
        "weeks": weekly(inside, cover=cover, lmp=lmp),
        "by_gestational_week": by_gestational_week(inside, cover=cover, lmp=lmp),
        "left_out": [gap.as_dict() for gap in cover.gaps],
        "cautions": (
            [caution("unlogged_days", gaps=gaps_words(cover.gaps)).as_dict()] if cover.gaps else []
        ) + (
            # A weekly rate from a few days (1 cramp on 1 day: "7.00 a week") needs saying so.
            [caution("few_days", days=days, day_word="day is" if days == 1 else "days are")
             .as_dict()] if 0 < days < FEW_DAYS else []
        ),
    }


def weekly(
    items: Sequence[Occurrence], *, cover: Coverage, lmp: date | None = None
) -> list[dict[str, Any]]:
    """One row per calendar week (Monday first) of COVER, empty weeks included; ``days`` are
    its counted days; ``gestational_week`` is the completed weeks on its Monday."""
    rows = []
    first, last = cover.first, cover.last
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        sunday = monday + timedelta(days=6)
        week = [o for o in items if monday <= o.day <= sunday]
        night = sum(o.night for o in week)
        age = gestation_at(lmp, monday) if lmp else None
        rows.append(
            {
                "week_start": monday.isoformat(),
                "gestational_week": age.weeks if age else None,
                "days": cover.days_between(max(monday, first), min(sunday, last)),
                "episodes": len(week),
                "night": night,
                "day": len(week) - night,
                "mean_severity": _severity(week)["mean"],
            }
        )
        monday += timedelta(days=7)
    return rows


def by_gestational_week(
    items: Sequence[Occurrence], *, cover: Coverage, lmp: date | None
) -> list[dict[str, Any]]:
    """Episodes and counted days in each completed gestational week; empty without an LMP."""
    if lmp is None:
        return []
    rows: dict[int, dict[str, Any]] = {}
    for day in cover.counted:
        age = gestation_at(lmp, day)
        if age is not None:
            row = rows.setdefault(age.weeks, {"week": age.weeks, "days": 0, "episodes": 0})
            row["days"] += 1
    for item in items:
        age = gestation_at(lmp, item.day)
        if age is not None and age.weeks in rows:
            rows[age.weeks]["episodes"] += 1
    for row in rows.values():
        row["per_week"] = _per_week(row["episodes"], row["days"])
    return [rows[week] for week in sorted(rows)]
