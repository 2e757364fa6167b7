"""The cramp diary of the period, read through the diary's own ``trends`` functions.

A small adapter on purpose: counts per week, nights woken, the median severity and the
trend come from ``diary.trends`` (the same numbers as ``diary stats`` and ``diary
compare``), so switching the summary to another comparison means changing this module only.

Weeks are blocks of seven days counted back from the last day of the period (a clinician
reads "the last four weeks"), so only the earliest block can be shorter. The trend compares
the later half of the period with the earlier half once the period has at least 14 days and
each half at least 5 cramps; with fewer, a ratio would say more than the data can.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Protocol

from symptom_decoder.diary import times, trends
from symptom_decoder.diary.profile import gestation_at
from symptom_decoder.summary.model import Cramp, Cramps, Period, Trend, Week

MIN_TREND_DAYS = 14
_CAUTION_WORDS = {
    "few_days": "one half has fewer than {minimum} days",
    "natural_rise": "cramps become more common as pregnancy goes on",
    "natural_rise_undated": "cramps become more common as pregnancy goes on",
}


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
           lmp: date | None) -> list[Week]:
    blocks: list[Week] = []
    last = period.last
    while last >= period.first:
        first = max(period.first, last - timedelta(days=6))
        stats = trends.summary(items, first=first, last=last, lmp=lmp)
        inside = [c for c in cramps if first <= c.started_at.date() <= last]
        week = None
        if lmp is not None:
            age = gestation_at(lmp, first)
            week = age.weeks if age else None
        blocks.append(Week(first=first, last=last, gestational_week=week,
                           cramps=stats["episodes"], nights_woken=_nights_woken(inside),
                           median_severity=_median(stats["severity"]["median"])))
        last = first - timedelta(days=1)
    return list(reversed(blocks))


def _trend(items: list[trends.Occurrence], period: Period, lmp: date | None
           ) -> tuple[Trend | None, str]:
    if period.days < MIN_TREND_DAYS:
        return None, f"A trend needs at least {MIN_TREND_DAYS} days."
    change = period.first + timedelta(days=period.days // 2)
    result = trends.compare(items, change=change, first=period.first, last=period.last,
                            lmp=lmp)
    if result["rate_ratio"] is None:
        return None, "No cramps logged, so no trend."
    before, after = result["before"], result["after"]
    if min(before["episodes"], after["episodes"]) < trends.MIN_EPISODES:
        # A ratio from a handful of cramps (or a corrected zero) says more than the data.
        return None, (f"Too few cramps for a trend: {before['episodes']} in the first "
                      f"{before['days']} days, {after['episodes']} in the last "
                      f"{after['days']}.")
    ratio, (low, high) = result["rate_ratio"], result["ci95"]
    earlier, later = before["days"], after["days"]
    if low <= 1 <= high:
        verdict = "the interval includes 1, so this could well be chance"
    elif ratio < 1:
        verdict = "fewer, beyond what chance easily gives"
    else:
        verdict = "more, beyond what chance easily gives"
    words = (f"Last {later} days against the {earlier} before: {ratio:.2f} times the rate "
             f"(95% interval {low:.2f} to {high:.2f}); {verdict}.")
    cautions = []
    for item in result["cautions"]:
        template = _CAUTION_WORDS.get(item["id"])
        if template:
            text = template.format(minimum=trends.MIN_DAYS)
            if text not in cautions:
                cautions.append(text)
    trend = Trend(ratio=ratio, low=low, high=high, earlier_days=earlier, later_days=later,
                  words=words, cautions=cautions)
    note = ("Read with care: " + "; ".join(cautions) + ".") if cautions else ""
    return trend, note


def cramps_for(episodes: Sequence[LoggedCramp], *, period: Period, lmp: date | None) -> Cramps:
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
    stats = trends.summary(items, first=period.first, last=period.last, lmp=lmp)
    trend, note = _trend(items, period, lmp)
    return Cramps(
        total=stats["episodes"], per_week=stats["per_week"], night=stats["night"],
        nights_woken=_nights_woken(cramps), median_severity=_median(stats["severity"]["median"]),
        max_severity=stats["severity"]["max"], rated=stats["severity"]["rated"],
        weeks=_weeks(items, cramps, period, lmp), trend=trend, trend_note=note,
        episodes=sorted(cramps, key=lambda c: c.started_at),
    )
