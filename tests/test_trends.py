"""Trends count local days honestly, and only the days the diary can speak for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.logged import coverage
from symptom_decoder.diary.trends import Occurrence, occurrences, stats, summary


@dataclass(frozen=True)
class Ep:
    started_at: datetime
    zone: str = "Europe/London"
    severity: int | None = None
    woke: bool = False


def at(day: date, hour: int, zone: str = "Europe/London") -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo(zone))


def test_it_counts_the_days_the_clocks_change_as_one_day_each() -> None:
    # 2026-03-29 has 23 hours in London and 2026-10-25 has 25; each is one diary day.
    spring = [Ep(at(date(2026, 3, 29), 0)), Ep(at(date(2026, 3, 29), 23))]
    autumn = [Ep(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # 01:30 BST
              Ep(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),  # 01:30 GMT, an hour later
              Ep(datetime(2026, 10, 25, 23, 30, tzinfo=UTC))]  # fmt: skip
    items = occurrences(spring + autumn)
    assert [o.day for o in items] == [date(2026, 3, 29)] * 2 + [date(2026, 10, 25)] * 3
    assert all(o.night for o in items)
    # A "no cramps" day on the 19th opens the week, so its quiet days between count.
    cover = coverage({o.day for o in items} | {date(2026, 10, 19)},
                     first=date(2026, 10, 19), last=date(2026, 10, 25))
    stats = summary(items, cover=cover, lmp=None)
    assert (stats["days"], stats["episodes"], stats["per_week"]) == (7, 3, 3.0)
    assert stats["weeks"] == [
        {"week_start": "2026-10-19", "gestational_week": None, "days": 7, "episodes": 3,
         "night": 3, "day": 0, "mean_severity": None},
    ]  # fmt: skip


def test_it_counts_night_and_day_on_the_clock_each_episode_was_logged_on() -> None:
    # 21:30 in London in summer is 20:30 UTC: night locally, day in UTC.
    items = occurrences([Ep(at(date(2026, 7, 1), 21, "Europe/London")),
                         Ep(at(date(2026, 7, 1), 12, "America/New_York"))])  # fmt: skip
    cover = coverage({date(2026, 7, 1)}, first=date(2026, 7, 1), last=date(2026, 7, 1))
    stats = summary(items, cover=cover, lmp=None)
    assert (stats["night"], stats["day"]) == (1, 1)


def test_it_summarises_severity_and_waking() -> None:
    day = date(2026, 5, 4)
    items = occurrences([Ep(at(day, 2), severity=4, woke=True), Ep(at(day, 3), severity=8),
                         Ep(at(day, 15))])  # fmt: skip
    quiet = {day + timedelta(days=n) for n in range(1, 14)}
    result = stats(items, entry_days=quiet, lmp=None, today=date(2026, 6, 1))
    assert result["severity"] == {"rated": 2, "mean": 6.0, "median": 6.0, "max": 8}
    assert (result["woke"], result["days"], result["per_week"]) == (1, 14, 1.5)
    assert [w["episodes"] for w in result["weeks"]] == [3, 0]


def test_it_counts_by_gestational_week_from_the_last_period() -> None:
    lmp = date(2026, 1, 5)  # a Monday; week 20 starts 2026-05-25
    items = occurrences([Ep(at(date(2026, 5, 24), 2)), Ep(at(date(2026, 5, 25), 2)),
                         Ep(at(date(2026, 5, 31), 2))])  # fmt: skip
    # A "no cramps" day on the 22nd begins the diary, so the 23rd counts as quiet.
    cover = coverage({o.day for o in items} | {date(2026, 5, 22)},
                     first=date(2026, 5, 22), last=date(2026, 5, 31))
    stats = summary(items, cover=cover, lmp=lmp)
    assert [w["gestational_week"] for w in stats["weeks"]] == [19, 20]
    assert stats["by_gestational_week"] == [
        {"week": 19, "days": 3, "episodes": 1, "per_week": 2.333},
        {"week": 20, "days": 7, "episodes": 2, "per_week": 2.0},
    ]


def _cramps(*days: date) -> list[Occurrence]:
    return [Occurrence(day, True, None, False) for day in days]


def test_it_ends_at_the_last_entry_not_today() -> None:
    first = date(2026, 5, 4)
    items = _cramps(first, first + timedelta(days=3), first + timedelta(days=9))
    result = stats(items, entry_days=set(), lmp=None, today=date(2026, 8, 1))
    assert (result["first_day"], result["last_day"], result["days"]) == (
        "2026-05-04", "2026-05-13", 10)
    assert result["left_out"] == [] and result["cautions"] == []


def test_it_counts_a_short_gap_as_days_without_cramps() -> None:
    first = date(2026, 5, 4)
    items = _cramps(first, first + timedelta(days=7))  # six quiet days between
    result = stats(items, entry_days=set(), lmp=None, today=first)
    assert (result["days"], result["episodes"], result["per_week"]) == (8, 2, 1.75)


def test_it_leaves_out_a_week_with_no_entry_and_names_it() -> None:
    first = date(2026, 5, 4)
    items = _cramps(first, first + timedelta(days=8))  # seven days with no entry between
    result = stats(items, entry_days=set(), lmp=None, today=first)
    assert (result["days"], result["episodes"]) == (2, 2)
    assert result["left_out"] == [
        {"first_day": "2026-05-05", "last_day": "2026-05-11", "days": 7}]
    caution, few = result["cautions"]  # and 2 counted days make a rough weekly rate
    assert few["id"] == "few_days"
    assert caution["id"] == "unlogged_days"
    assert "from 5 May 2026 to 11 May 2026 (7 days)" in caution["text"]
    assert [w["days"] for w in result["weeks"]] == [1, 1]


def test_it_counts_a_quiet_week_marked_no_cramps() -> None:
    first = date(2026, 5, 4)
    items = _cramps(first, first + timedelta(days=8))
    marked = {first + timedelta(days=4)}  # "no cramps today" once breaks the run in two
    result = stats(items, entry_days=marked, lmp=None, today=first)
    assert (result["days"], result["left_out"], result["per_week"]) == (9, [], 1.556)


def test_it_refuses_an_end_before_the_start_naming_to() -> None:
    with pytest.raises(FieldError) as caught:
        stats(_cramps(date(2026, 5, 4)), entry_days=set(), lmp=None, today=date(2026, 5, 4),
              since=date(2026, 5, 10), until=date(2026, 5, 1))
    assert str(caught.value) == "to: must not be before 2026-05-10 (got 2026-05-01)"


def test_days_before_the_diary_began_or_after_it_stopped_never_count_as_quiet() -> None:
    """A review found a summary saying "3.2 a week over 28 logged days" of a diary begun 22
    days before: the 6 days before its first entry had counted as days without cramps."""
    first_entry, last_entry = date(2026, 11, 9), date(2026, 11, 24)
    marked = {first_entry + timedelta(days=n) for n in range(0, 16, 3)} | {last_entry}
    cover = coverage(marked, first=date(2026, 11, 3), last=date(2026, 11, 30))
    assert cover.counted[0] == first_entry and cover.counted[-1] == last_entry
    assert len(cover.counted) == 16
    # A window that starts inside the diary still counts its first quiet days: an entry
    # before the window (the 17th) closes the run on that side.
    inside = coverage({date(2026, 10, 17), date(2026, 10, 22)},
                      first=date(2026, 10, 19), last=date(2026, 10, 25))
    assert inside.counted == tuple(date(2026, 10, d) for d in (19, 20, 21, 22))


def test_a_weekly_rate_from_a_few_days_says_it_is_a_rough_guess() -> None:
    day = date(2026, 5, 4)
    one = summary(occurrences([Ep(at(day, 2))]), cover=coverage({day}, first=day, last=day),
                  lmp=None)
    assert one["per_week"] == 7.0
    [note] = [c for c in one["cautions"] if c["id"] == "few_days"]
    assert note["text"].startswith("Only 1 day is counted, so the weekly rate is a rough guess.")
    fortnight = {day + timedelta(days=n) for n in range(14)}
    full = summary(occurrences([Ep(at(day, 2))]), lmp=None,
                   cover=coverage(fortnight, first=day, last=day + timedelta(days=13)))
    assert "few_days" not in [c["id"] for c in full["cautions"]]


def test_the_chart_draws_each_week_as_a_rate_over_its_logged_days() -> None:
    """A review saw a steady 20 cramps a day drawn as a drop in a week logged on 3 days, and
    two unlogged weeks drawn like quiet ones."""
    from symptom_decoder.diary.charts import weekly_rates

    weeks = [{"days": 7, "night": 140, "day": 0}, {"days": 3, "night": 60, "day": 0},
             {"days": 0, "night": 0, "day": 0}]
    night, day = weekly_rates(weeks)
    assert night == [140.0, 140.0, 0.0] and day == [0.0, 0.0, 0.0]
