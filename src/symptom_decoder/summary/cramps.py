"""The cramp diary of the period, read through the diary's own functions.

A small adapter on purpose: counts per week, nights woken and the median severity come from
``diary.trends`` and the trend from ``diary.compare`` (the same numbers, words and cautions
as ``diary stats`` and ``diary compare``), so the summary never computes its own statistics.

Weeks are blocks of seven days counted back from the last day of the period (a clinician
reads "the last four weeks"), so only the earliest block can be shorter; only logged days
count (a cramp or a day entry, and gaps under a week). The trend compares the later half of
the period with the earlier half with the diary's one comparison: when that comparison says
it is too early, or has no range, the summary shows its sentence instead of a ratio.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Protocol

from symptom_decoder.diary import compare, times, trends
from symptom_decoder.diary.logged import Coverage, coverage
from symptom_decoder.diary.profile import gestation_at
from symptom_decoder.summary.model import Cramp, Cramps, Period, Trend, Week
from symptom_decoder.summary.words import count

MIN_TREND_DAYS = 14


class LoggedCramp(trends.EpisodeLike, Protocol):
    @property
    def leg(self) -> str | None: ...
    @property
    def muscle(self) -> str | None: ...
    @property
    def duration_min(self) -> float | None: ...


def _night_of(clock: datetime) -> date | None:
    """The date a night starts on (21:00 to 06:59 belongs to the evening before), or None."""
    if clock.time() >= times.NIGHT_STARTS:
        return clock.date()
    if clock.time() < times.NIGHT_ENDS:
        return clock.date() - timedelta(days=1)
    return None


def _nights_woken(cramps: Sequence[Cramp]) -> int:
    nights = {_night_of(c.started_at) for c in cramps if c.woke}
    return len(nights - {None})


def _median(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _weeks(items: list[trends.Occurrence], cramps: list[Cramp], period: Period,
           lmp: date | None, cover: Coverage) -> list[Week]:
    """Seven-day blocks counting the days the whole period counts: a block's first days
    are not "logged" just because a cramp came at its end."""
    blocks: list[Week] = []
    last = period.last
    while last >= period.first:
        first = max(period.first, last - timedelta(days=6))
        block = Coverage(first=first, last=last, gaps=(),
                         counted=tuple(d for d in cover.counted if first <= d <= last))
        stats = trends.summary(items, cover=block, lmp=lmp)
        inside = [c for c in cramps if first <= c.started_at.date() <= last]
        week = None
        if lmp is not None:
            age = gestation_at(lmp, first)
            week = age.weeks if age else None
        blocks.append(Week(first=first, last=last, gestational_week=week,
                           cramps=stats["episodes"], nights_woken=_nights_woken(inside),
                           median_severity=_median(stats["severity"]["median"]),
                           logged_days=stats["days"]))
        last = first - timedelta(days=1)
    return list(reversed(blocks))


def _trend(items: list[trends.Occurrence], period: Period, lmp: date | None,
           entry_days: frozenset[date]) -> tuple[Trend | None, str]:
    if period.days < MIN_TREND_DAYS:
        return None, f"A trend needs at least {MIN_TREND_DAYS} days."
    change = period.first + timedelta(days=period.days // 2)
    result = compare.compare(items, entry_days=entry_days, change=change, lmp=lmp,
                             since=period.first, until=period.last)
    before, after = result.before, result.after
    counts = f"{count(before.days, 'logged day')} in the first half, {after.days} in the second"
    bounds = result.ci95
    high = bounds[1] if bounds else None
    if result.verdict == "too_early" or result.rate_ratio is None or bounds is None \
            or high is None:
        return None, (f"No trend yet: the diary's comparison needs at least "
                      f"{compare.MIN_WEEKS} logged weeks in each half ({counts}).")
    low = bounds[0]
    cautions = [c.text for c in result.cautions]
    words = (f"Last {after.days} days against the {before.days} before: "
             f"{result.rate_ratio:.2f} times the rate (95% range {low:.2f} to {high:.2f}; "
             f"{result.method_text}).")
    trend = Trend(ratio=result.rate_ratio, low=low, high=high, earlier_days=before.days,
                  later_days=after.days, words=words, cautions=cautions)
    return trend, ""


def cramps_for(episodes: Sequence[LoggedCramp], *, period: Period, lmp: date | None,
               entry_days: frozenset[date] = frozenset()) -> Cramps:
    """The period's cramps: totals, weekly blocks, nights woken, severity and the trend."""
    inside: list[LoggedCramp] = []
    cramps: list[Cramp] = []
    for episode in episodes:
        clock = times.local(episode.started_at, episode.zone)
        if period.first <= clock.date() <= period.last:
            inside.append(episode)
            cramps.append(Cramp(started_at=clock, night=times.is_night(episode.started_at,
                                                                        episode.zone),
                                leg=episode.leg, muscle=episode.muscle,
                                severity=episode.severity, duration_min=episode.duration_min,
                                woke=episode.woke))
    items = trends.occurrences(inside)
    marked = {o.day for o in items} | {d for d in entry_days if period.first <= d <= period.last}
    cover = coverage(marked, first=period.first, last=period.last)
    stats = trends.summary(items, cover=cover, lmp=lmp)
    trend, note = _trend(items, period, lmp, entry_days)
    return Cramps(
        total=stats["episodes"], per_week=stats["per_week"], logged_days=stats["days"],
        night=stats["night"],
        nights_woken=_nights_woken(cramps), median_severity=_median(stats["severity"]["median"]),
        max_severity=stats["severity"]["max"], rated=stats["severity"]["rated"],
        weeks=_weeks(items, cramps, period, lmp, cover), trend=trend, trend_note=note,
        episodes=sorted(cramps, key=lambda c: c.started_at),
    )
