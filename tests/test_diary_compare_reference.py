"""The comparison's ratio and range agree with reference methods computed here by statsmodels
and scipy: a quasi-Poisson GLM on weekly counts (Pearson χ² scale, t quantiles), and exact
conditional (Clopper–Pearson) bounds from scipy's beta distribution."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from diary_support import Built, weekly_diary
from symptom_decoder.diary.compare import Comparison, compare
from symptom_decoder.diary.times import parse_instant
from symptom_decoder.diary.trends import occurrences


@dataclass(frozen=True)
class Reference:
    ratio: float | None
    low: float
    high: float | None
    method: str
    dispersion: float


def _glm_scale(counts: list[int], days: list[int], groups: list[int]) -> tuple[object, float, int]:
    design = sm.add_constant(np.array(groups, dtype=float)) if len(set(groups)) > 1 else np.ones(
        (len(counts), 1))
    fit = sm.GLM(np.array(counts), design, family=sm.families.Poisson(),
                 offset=np.log(np.array(days, dtype=float))).fit(scale="X2")
    return fit, float(fit.scale), int(fit.df_resid)


def reference(before: list[int], after: list[int], before_days: list[int],
              after_days: list[int]) -> Reference | None:
    """The reference answer for weekly COUNTS with their DAYS; None with no cramps at all."""
    a, b = sum(after), sum(before)
    if a + b == 0:
        return None
    exposure_a, exposure_b = sum(after_days), sum(before_days)
    if a and b:
        fit, scale, df = _glm_scale(before + after, before_days + after_days,
                                    [0] * len(before) + [1] * len(after))
    else:  # a side without cramps has rate 0 and adds nothing to the spread
        side, days = (after, after_days) if a else (before, before_days)
        fit, scale, df = _glm_scale(side, days, [0] * len(side))
    phi = max(1.0, scale)
    if min(a, b) >= 5:
        log_ratio = float(fit.params[1])  # type: ignore[attr-defined]
        se = float(fit.bse[1]) * math.sqrt(phi / scale)  # type: ignore[attr-defined]
        t = float(stats.t.ppf(0.975, df))
        return Reference(math.exp(log_ratio), math.exp(log_ratio - t * se),
                         math.exp(log_ratio + t * se), "quasi_poisson", phi)
    low_p = 0.0 if a == 0 else float(stats.beta.ppf(0.025, a / phi, b / phi + 1))
    high_p = 1.0 if b == 0 else float(stats.beta.ppf(0.975, a / phi + 1, b / phi))
    scale_ratio = exposure_b / exposure_a
    return Reference(
        (a / exposure_a) / (b / exposure_b) if b else None,
        low_p / (1 - low_p) * scale_ratio,
        None if high_p >= 1 else high_p / (1 - high_p) * scale_ratio,
        "exact", phi,
    )  # fmt: skip


def _verdict(ref: Reference | None) -> str:
    if ref is None:
        return "no_clear_change"
    if ref.high is not None and ref.high < 1:
        return "fewer"
    return "more" if ref.low > 1 else "no_clear_change"


def _check(result: Comparison, ref: Reference | None) -> None:
    assert result.verdict == _verdict(ref)
    if ref is None:
        assert (result.rate_ratio, result.ci95, result.method) == (None, None, "none")
        return
    assert result.method == ref.method
    assert result.dispersion == pytest.approx(ref.dispersion, rel=1e-9)
    if ref.ratio is None:
        assert result.rate_ratio is None
    else:
        assert result.rate_ratio == pytest.approx(ref.ratio, rel=1e-9)
    assert result.ci95 is not None
    assert result.ci95[0] == pytest.approx(ref.low, rel=1e-7, abs=1e-12)
    if ref.high is None:
        assert result.ci95[1] is None
    else:
        assert result.ci95[1] == pytest.approx(ref.high, rel=1e-7)


SCENARIOS = [
    pytest.param([5, 3, 4, 6], [0, 0, 0, 0], {}, id="none-after"),
    pytest.param([0, 0, 0, 0], [2, 3, 1, 2], {}, id="none-before"),
    pytest.param([0, 0, 0, 0], [0, 0, 0, 0], {}, id="none-at-all"),
    pytest.param([1, 0, 2, 0], [0, 1, 0, 0], {}, id="tiny-counts"),
    pytest.param([3, 2, 4, 3, 2, 3], [1, 0, 1, 0, 1, 0], {}, id="few-after-steady"),
    pytest.param([3, 4, 2, 5], [1, 2, 0, 1, 3, 1, 0, 2, 1], {}, id="unequal-periods"),
    pytest.param([14, 0, 1, 9, 0, 2], [1, 0, 6, 0, 0, 1], {}, id="clustered-weeks"),
    pytest.param([3, 3, 4, 3, 3], [1, 2, 1, 1, 2], {}, id="steadier-than-chance"),
    pytest.param([6, 5, 7, 6, 8], [2, 3, 1, 2, 2], {}, id="a-clear-fall"),
    pytest.param([1, 2, 1, 2], [5, 6, 4, 7, 6], {}, id="a-clear-rise"),
    pytest.param([4, 3, 4, 4, 2], [2, 1, 3, 1, 2], {6: 14}, id="gap-of-two-weeks-after"),
    pytest.param([4, 3, 4, 4, 2], [2, 1, 3, 1, 2], {2: 10}, id="gap-of-ten-days-before"),
]


@pytest.mark.parametrize(("before", "after", "gaps"), SCENARIOS)
def test_it_agrees_with_the_reference_methods(
    before: list[int], after: list[int], gaps: dict[int, int]
) -> None:
    built = weekly_diary(before, after, gaps=gaps)
    result = compare(built.items, entry_days=built.entry_days, change=built.change, lmp=None)
    assert list(result.before.weekly_counts) == before
    assert list(result.after.weekly_counts) == after
    _check(result, reference(before, after, [7] * len(before), [7] * len(after)))
    assert [c.id for c in result.cautions].count("unlogged_days") == (1 if gaps else 0)
    assert result.before.left_out_days + result.after.left_out_days == sum(gaps.values())


def test_it_counts_only_the_logged_days_when_logging_stopped() -> None:
    built = weekly_diary([4, 3, 4, 4, 2], [2, 1, 3, 1])
    expected = reference([4, 3, 4, 4, 2], [2, 1, 3, 1], [7] * 5, [7] * 4)
    for until in (None, built.last_day + timedelta(days=40)):
        result = compare(built.items, entry_days=built.entry_days, change=built.change,
                         lmp=None, until=until)  # fmt: skip
        _check(result, expected)
        assert result.after.days == 28
        assert [g.days for g in result.left_out] == ([] if until is None else [40])


def test_it_shows_only_the_rates_when_a_side_has_under_four_logged_weeks() -> None:
    built = weekly_diary([4, 3, 4], [0, 1, 0, 1, 0])
    result = compare(built.items, entry_days=built.entry_days, change=built.change, lmp=None)
    assert (result.verdict, result.rate_ratio, result.ci95, result.method) == (
        "too_early", None, None, "none")
    assert result.before.per_week == pytest.approx(11 / 21 * 7)
    assert result.after.per_week == pytest.approx(2 / 35 * 7)


def test_it_uses_the_exact_test_when_one_side_is_empty_in_a_short_diary() -> None:
    # 0 cramps against 8 in 4 weeks each: an exact test says this is unlikely to be chance.
    built = weekly_diary([2, 2, 2, 2], [0, 0, 0, 0])
    result = compare(built.items, entry_days=built.entry_days, change=built.change, lmp=None)
    p_value = stats.binomtest(0, 8, 0.5).pvalue
    assert p_value < 0.01
    assert (result.rate_ratio, result.verdict) == (0.0, "fewer")


def _instant(text: str) -> datetime:
    return parse_instant(text, "Europe/London")[0]


def test_it_puts_cramps_on_the_right_days_across_the_clock_changes() -> None:
    # Weekly blocks from Monday 2026-03-16 (before) and Monday 2026-10-19 (after), with
    # cramps typed on the nights the clocks change; each must land on its London day.
    @dataclass(frozen=True)
    class Ep:
        started_at: datetime
        zone: str = "Europe/London"
        severity: int | None = None
        woke: bool = True

    typed = {
        "2026-03-28T23:30": 1,        # Saturday before the spring change, week 2
        "2026-03-29T00:30": 1,        # 00:30 GMT, before the clocks go forward: Sunday, week 2
        "2026-03-29T03:30": 1,        # 03:30 BST: Sunday, week 2
        "2026-03-29T23:30": 1,        # Sunday 23:30 BST: still week 2
        "2026-03-30T00:10": 1,        # Monday 00:10 BST: week 3
        "2026-10-24T23:00Z": 1,       # 00:00 BST on Sunday 25 October: after week 1
        "2026-10-25T01:30": 1,        # the first 01:30 (BST): Sunday
        "2026-10-25T01:30+00:00": 1,  # the second 01:30 (GMT): Sunday
        "2026-10-25T23:59": 1,        # Sunday 23:59 GMT: after week 1
        "2026-10-26T00:01": 1,        # Monday: after week 2
    }  # fmt: skip
    episodes = [Ep(_instant(text)) for text, n in typed.items() for _ in range(n)]
    # Fill the other weeks with cramps at noon on Wednesdays, three a week.
    for monday in [date(2026, 3, 16) + timedelta(weeks=w) for w in range(5)]:
        episodes += [Ep(datetime(monday.year, monday.month, monday.day, 12, tzinfo=UTC)
                        + timedelta(days=2))] * 3  # fmt: skip
    for monday in [date(2026, 10, 19) + timedelta(weeks=w) for w in range(4)]:
        episodes += [Ep(datetime(monday.year, monday.month, monday.day, 12, tzinfo=UTC)
                        + timedelta(days=2))] * 1  # fmt: skip
    items = occurrences(episodes)
    logged = {date(2026, 3, 16) + timedelta(days=n) for n in range(35)}
    logged |= {date(2026, 10, 19) + timedelta(days=n) for n in range(28)}
    result = compare(items, entry_days=logged, change=date(2026, 10, 18), lmp=None,
                     since=date(2026, 3, 16))  # fmt: skip
    before, after = [3, 7, 4, 3, 3], [5, 2, 1, 1]
    assert list(result.before.weekly_counts) == before
    assert list(result.after.weekly_counts) == after
    assert [g.first_day for g in result.left_out] == [date(2026, 4, 20)]
    _check(result, reference(before, after, [7] * 5, [7] * 4))


def _built_check(built: Built) -> Comparison:
    return compare(built.items, entry_days=built.entry_days, change=built.change, lmp=None)


def test_it_is_wider_than_the_plain_poisson_interval_when_weeks_swing() -> None:
    result = _built_check(weekly_diary([14, 0, 1, 9, 0, 2], [1, 0, 6, 0, 0, 1]))
    a, b = 8, 26
    plain_high = (a / b) * math.exp(1.959964 * math.sqrt(1 / a + 1 / b))
    assert plain_high < 1  # the old interval said "fewer, beyond chance"
    assert result.ci95 is not None and result.ci95[1] is not None and result.ci95[1] > 1
    assert result.dispersion is not None and result.dispersion > 4
    assert result.verdict == "no_clear_change"
