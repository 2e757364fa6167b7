"""What the diary shows: episodes per week, severity, night against day, by gestational week,
and the rate before and after a change, with cautions in plain words.

Pure functions: episodes in (anything with ``started_at``, ``zone``, ``severity``, ``woke``),
plain data out. Days are local calendar days in the zone each episode was logged in, so a
night when the clocks change is one day like any other. The rate ratio is from a Poisson
model with days as exposure; its 95% interval is the log-normal approximation,
exp(log RR ± 1.96·sqrt(1/a + 1/b)), with 0.5 added to both counts when either is zero.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from symptom_decoder.diary import times
from symptom_decoder.diary.cautions import caution
from symptom_decoder.diary.profile import gestation_at

MIN_DAYS = 14
MIN_EPISODES = 5
Z95 = 1.959963984540054


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


def _days(first: date, last: date) -> int:
    return max((last - first).days + 1, 0)


def summary(
    items: Sequence[Occurrence], *, first: date, last: date, lmp: date | None
) -> dict[str, Any]:
    """Counts over the local days FIRST to LAST inclusive, by week and by gestational week."""
    inside = [o for o in items if first <= o.day <= last]
    days = _days(first, last)
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
        "weeks": weekly(inside, first=first, last=last, lmp=lmp),
        "by_gestational_week": by_gestational_week(inside, first=first, last=last, lmp=lmp),
    }


def weekly(
    items: Sequence[Occurrence], *, first: date, last: date, lmp: date | None = None
) -> list[dict[str, Any]]:
    """One row per calendar week (Monday first) from FIRST to LAST, empty weeks included;
    ``gestational_week`` is the completed weeks on its Monday (None without an LMP)."""
    rows = []
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
                "days": _days(max(monday, first), min(sunday, last)),
                "episodes": len(week),
                "night": night,
                "day": len(week) - night,
                "mean_severity": _severity(week)["mean"],
            }
        )
        monday += timedelta(days=7)
    return rows


def by_gestational_week(
    items: Sequence[Occurrence], *, first: date, last: date, lmp: date | None
) -> list[dict[str, Any]]:
    """Episodes and diary days in each completed gestational week; empty without an LMP."""
    if lmp is None:
        return []
    rows: dict[int, dict[str, Any]] = {}
    day = first
    while day <= last:
        age = gestation_at(lmp, day)
        if age is not None:
            row = rows.setdefault(age.weeks, {"week": age.weeks, "days": 0, "episodes": 0})
            row["days"] += 1
        day += timedelta(days=1)
    for item in items:
        age = gestation_at(lmp, item.day)
        if age is not None and age.weeks in rows:
            rows[age.weeks]["episodes"] += 1
    for row in rows.values():
        row["per_week"] = _per_week(row["episodes"], row["days"])
    return [rows[week] for week in sorted(rows)]


@dataclass(frozen=True)
class RateRatio:
    value: float
    low: float
    high: float
    corrected: bool


def rate_ratio(after: int, after_days: int, before: int, before_days: int) -> RateRatio | None:
    """Poisson rate ratio after/before with its 95% interval; None when it cannot be estimated."""
    if after_days <= 0 or before_days <= 0 or after + before == 0:
        return None
    corrected = after == 0 or before == 0
    a, b = (after + 0.5, before + 0.5) if corrected else (float(after), float(before))
    ratio = (a / after_days) / (b / before_days)
    spread = Z95 * math.sqrt(1 / a + 1 / b)
    log_ratio = math.log(ratio)
    return RateRatio(ratio, math.exp(log_ratio - spread), math.exp(log_ratio + spread), corrected)


def _side(items: Sequence[Occurrence], first: date, last: date, lmp: date | None) -> dict[str, Any]:
    days = _days(first, last)
    episodes = sum(1 for o in items if first <= o.day <= last)
    weeks = None
    if lmp is not None and days > 0:
        start, end = gestation_at(lmp, first), gestation_at(lmp, last)
        if start is not None and end is not None:
            weeks = [start.weeks, end.weeks]
    return {
        "first_day": first.isoformat() if days else None,
        "last_day": last.isoformat() if days else None,
        "days": days,
        "episodes": episodes,
        "per_week": _per_week(episodes, days),
        "gestational_weeks": weeks,
    }


def compare(
    items: Sequence[Occurrence], *, change: date, first: date, last: date, lmp: date | None
) -> dict[str, Any]:
    """Rate before CHANGE (FIRST to the day before) against from CHANGE to LAST, with cautions."""
    before = _side(items, first, change - timedelta(days=1), lmp)
    after = _side(items, max(change, first), last, lmp)
    ratio = rate_ratio(after["episodes"], after["days"], before["episodes"], before["days"])
    return {
        "change": change.isoformat(),
        "before": before,
        "after": after,
        "rate_ratio": round(ratio.value, 3) if ratio else None,
        "ci95": [round(ratio.low, 3), round(ratio.high, 3)] if ratio else None,
        "method": "Poisson rate ratio, log-normal 95% interval",
        "continuity_corrected": ratio.corrected if ratio else False,
        "cautions": _cautions(before, after, ratio, change=change, lmp=lmp),
    }


def _cautions(
    before: dict[str, Any],
    after: dict[str, Any],
    ratio: RateRatio | None,
    *,
    change: date,
    lmp: date | None,
) -> list[dict[str, Any]]:
    found = []
    sides = (("before", before), ("after", after))
    empty = [name for name, side in sides if side["days"] == 0]
    if empty:
        found.append(caution("no_days", side=empty[0], change=change.isoformat()))
    else:
        if ratio is None:
            found.append(caution("no_episodes"))
        for name, side in sides:
            if side["days"] < MIN_DAYS:
                found.append(caution("few_days", side=name, days=side["days"], minimum=MIN_DAYS))
        for name, side in sides:
            if side["episodes"] < MIN_EPISODES and ratio is not None:
                found.append(caution("few_episodes", side=name, minimum=MIN_EPISODES))
    if ratio is not None and ratio.value > 1:
        if lmp is None:
            found.append(caution("natural_rise_undated"))
        elif before["gestational_weeks"] and after["gestational_weeks"]:
            b0, b1 = before["gestational_weeks"]
            a0, a1 = after["gestational_weeks"]
            found.append(caution("natural_rise", before=f"{b0}–{b1}", after=f"{a0}–{a1}"))
    found.append(caution("not_proof"))
    return found
