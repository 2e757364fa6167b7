"""Trends count local days honestly, and the comparison says how sure it can be."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from symptom_decoder.diary.trends import compare, occurrences, rate_ratio, summary


@dataclass(frozen=True)
class Ep:
    started_at: datetime
    zone: str = "Europe/London"
    severity: int | None = None
    woke: bool = False


def at(day: date, hour: int, zone: str = "Europe/London") -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo(zone))


def test_it_computes_the_rate_ratio_and_its_log_normal_interval() -> None:
    result = rate_ratio(after=10, after_days=28, before=20, before_days=28)
    assert result is not None
    assert result.value == pytest.approx(0.5)
    spread = 1.959963984540054 * math.sqrt(1 / 10 + 1 / 20)
    assert result.low == pytest.approx(0.5 * math.exp(-spread))
    assert result.high == pytest.approx(0.5 * math.exp(spread))
    assert (round(result.low, 3), round(result.high, 3)) == (0.234, 1.068)
    assert not result.corrected


def test_it_weighs_each_side_by_its_days() -> None:
    result = rate_ratio(after=10, after_days=14, before=10, before_days=28)
    assert result is not None and result.value == pytest.approx(2.0)


def test_it_adds_a_half_to_both_counts_when_one_side_has_none() -> None:
    result = rate_ratio(after=0, after_days=20, before=8, before_days=20)
    assert result is not None
    assert result.corrected
    assert result.value == pytest.approx(0.5 / 8.5)
    assert (round(result.low, 4), round(result.high, 3)) == (0.0034, 1.019)


@pytest.mark.parametrize(
    ("after", "after_days", "before", "before_days"),
    [(0, 10, 0, 10), (3, 0, 3, 10), (3, 10, 3, 0)],
    ids=["no-episodes", "no-after-days", "no-before-days"],
)
def test_it_gives_no_ratio_when_there_is_nothing_to_compare(
    after: int, after_days: int, before: int, before_days: int
) -> None:
    assert rate_ratio(after, after_days, before, before_days) is None


def test_it_counts_the_days_the_clocks_change_as_one_day_each() -> None:
    # 2026-03-29 has 23 hours in London and 2026-10-25 has 25; each is one diary day.
    spring = [Ep(at(date(2026, 3, 29), 0)), Ep(at(date(2026, 3, 29), 23))]
    autumn = [Ep(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # 01:30 BST
              Ep(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),  # 01:30 GMT, an hour later
              Ep(datetime(2026, 10, 25, 23, 30, tzinfo=UTC))]  # fmt: skip
    items = occurrences(spring + autumn)
    assert [o.day for o in items] == [date(2026, 3, 29)] * 2 + [date(2026, 10, 25)] * 3
    assert all(o.night for o in items)
    stats = summary(items, first=date(2026, 10, 19), last=date(2026, 10, 25), lmp=None)
    assert (stats["days"], stats["episodes"], stats["per_week"]) == (7, 3, 3.0)
    assert stats["weeks"] == [
        {"week_start": "2026-10-19", "gestational_week": None, "days": 7, "episodes": 3,
         "night": 3, "day": 0, "mean_severity": None},
    ]  # fmt: skip


def test_it_counts_night_and_day_on_the_clock_each_episode_was_logged_on() -> None:
    # 21:30 in London in summer is 20:30 UTC: night locally, day in UTC.
    items = occurrences([Ep(at(date(2026, 7, 1), 21, "Europe/London")),
                         Ep(at(date(2026, 7, 1), 12, "America/New_York"))])  # fmt: skip
    stats = summary(items, first=date(2026, 7, 1), last=date(2026, 7, 1), lmp=None)
    assert (stats["night"], stats["day"]) == (1, 1)


def test_it_summarises_severity_and_waking() -> None:
    day = date(2026, 5, 4)
    items = occurrences([Ep(at(day, 2), severity=4, woke=True), Ep(at(day, 3), severity=8),
                         Ep(at(day, 15))])  # fmt: skip
    stats = summary(items, first=day, last=day + timedelta(days=13), lmp=None)
    assert stats["severity"] == {"rated": 2, "mean": 6.0, "median": 6.0, "max": 8}
    assert (stats["woke"], stats["days"], stats["per_week"]) == (1, 14, 1.5)
    assert [w["episodes"] for w in stats["weeks"]] == [3, 0]


def test_it_counts_by_gestational_week_from_the_last_period() -> None:
    lmp = date(2026, 1, 5)  # a Monday; week 20 starts 2026-05-25
    items = occurrences([Ep(at(date(2026, 5, 24), 2)), Ep(at(date(2026, 5, 25), 2)),
                         Ep(at(date(2026, 5, 31), 2))])  # fmt: skip
    stats = summary(items, first=date(2026, 5, 22), last=date(2026, 5, 31), lmp=lmp)
    assert [w["gestational_week"] for w in stats["weeks"]] == [19, 20]
    assert stats["by_gestational_week"] == [
        {"week": 19, "days": 3, "episodes": 1, "per_week": 2.333},
        {"week": 20, "days": 7, "episodes": 2, "per_week": 2.0},
    ]


def _daily(first: date, days: int, every: int) -> list[Ep]:
    return [Ep(at(first + timedelta(days=d), 2)) for d in range(0, days, every)]


def test_it_compares_before_and_after_a_change_with_stable_keys() -> None:
    start, change = date(2026, 4, 1), date(2026, 4, 29)
    items = occurrences(_daily(start, 28, 2) + _daily(change, 28, 4))
    result = compare(items, change=change, first=start, last=date(2026, 5, 26), lmp=None)
    assert set(result) == {
        "change", "before", "after", "rate_ratio", "ci95", "method", "continuity_corrected",
        "cautions",
    }  # fmt: skip
    assert result["before"] == {
        "first_day": "2026-04-01", "last_day": "2026-04-28", "days": 28, "episodes": 14,
        "per_week": 3.5, "gestational_weeks": None,
    }  # fmt: skip
    assert (result["after"]["days"], result["after"]["episodes"]) == (28, 7)
    assert result["rate_ratio"] == 0.5
    assert result["ci95"] == [0.202, 1.239]
    assert [c["id"] for c in result["cautions"]] == ["not_proof"]


def test_it_cautions_when_a_side_has_few_days_or_few_episodes() -> None:
    start, change = date(2026, 4, 1), date(2026, 4, 11)
    items = occurrences(_daily(start, 10, 3) + _daily(change, 20, 2))
    result = compare(items, change=change, first=start, last=date(2026, 4, 30), lmp=None)
    ids = [c["id"] for c in result["cautions"]]
    assert ids == ["few_days", "few_episodes", "natural_rise_undated", "not_proof"]
    assert "only 10 days" in result["cautions"][0]["text"]
    assert "before side" in result["cautions"][1]["text"]


def test_it_says_the_natural_rise_could_explain_an_increase_later_in_pregnancy() -> None:
    lmp = date(2026, 1, 5)
    start, change = date(2026, 6, 1), date(2026, 7, 13)  # weeks 21-26 against 27-32
    items = occurrences(_daily(start, 42, 7) + _daily(change, 42, 3))
    result = compare(items, change=change, first=start, last=date(2026, 8, 23), lmp=lmp)
    assert result["before"]["gestational_weeks"] == [21, 26]
    assert result["after"]["gestational_weeks"] == [27, 32]
    rise = next(c for c in result["cautions"] if c["id"] == "natural_rise")
    assert "weeks 27–32" in rise["text"] and "weeks 21–26" in rise["text"]
    assert rise["references"] == ["R20", "R22"]


def test_it_does_not_blame_the_natural_rise_for_a_fall() -> None:
    lmp = date(2026, 1, 5)
    start, change = date(2026, 6, 1), date(2026, 7, 13)
    items = occurrences(_daily(start, 42, 2) + _daily(change, 42, 7))
    result = compare(items, change=change, first=start, last=date(2026, 8, 23), lmp=lmp)
    assert result["rate_ratio"] < 1
    assert "natural_rise" not in [c["id"] for c in result["cautions"]]


def test_it_says_plainly_when_there_are_no_days_before_the_change() -> None:
    items = occurrences(_daily(date(2026, 4, 1), 10, 2))
    result = compare(items, change=date(2026, 4, 1), first=date(2026, 4, 1),
                     last=date(2026, 4, 10), lmp=None)  # fmt: skip
    assert result["before"]["days"] == 0
    assert (result["rate_ratio"], result["ci95"]) == (None, None)
    assert result["cautions"][0]["id"] == "no_days"
    assert "no diary days before 2026-04-01" in result["cautions"][0]["text"]
