"""Did a change help? Cramps a week before and after a day, without flattering the change.

Pure: episodes on their local days and the days with a day entry in, a ``Comparison`` out.

1. **Days.** Before runs from when logging started to the day before the change; after, from
   the day after the change to the last entry (or UNTIL). The day of the change is in
   neither. Logging starts on the first entry; when the diary starts with a cramp, on the
   day after (that cramp is usually why she started). Only counted days count
   (``logged.coverage``: a run of 7 or more days with no entry is left out and reported).
2. **Logged weeks.** Each side's counted days, in order, are cut into blocks of 7; a last
   block of 1 to 3 days joins the one before.
3. Fewer than ``MIN_WEEKS`` logged weeks on a side: the verdict is ``too_early`` and only
   the rates are given.
4. **Bad spells.** φ = max(1, Pearson χ² / df) over the weekly blocks, each side at its own
   rate (df = blocks − sides with cramps).
5. **Range.** Both sides with at least ``MIN_EPISODES`` cramps: quasi-Poisson,
   RR · exp(± t(df) · √φ · √(1/a + 1/b)). Otherwise exact conditional (binomial) bounds on
   a/φ and b/φ, and the ratio shown is the data's own (0 when nothing was logged after,
   none when nothing was logged before).
6. **Verdict.** ``fewer`` when the whole range is below 1, ``more`` when above,
   else ``no_clear_change``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from symptom_decoder.diary import _intervals
from symptom_decoder.diary.cautions import Caution, caution, method_text, sentence, word
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.logged import Coverage, Gap, coverage, day_words, gaps_words
from symptom_decoder.diary.profile import gestation_at
from symptom_decoder.diary.trends import Occurrence

MIN_WEEKS = 4
MIN_EPISODES = 5
WEEK = 7
LEVEL = 0.95

Verdict = Literal["too_early", "no_clear_change", "fewer", "more"]
Method = Literal["quasi_poisson", "exact", "none"]

@dataclass(frozen=True)
class Period:
    """One side of the comparison: its span, the days that count, and its weekly counts."""

    first_day: date | None
    last_day: date | None
    days: int
    left_out_days: int
    episodes: int
    weekly_counts: tuple[int, ...]
    weekly_days: tuple[int, ...]
    gestational_weeks: tuple[int, int] | None
    marked_days: int = 0
    """Counted days with an entry (a cramp or a day entry); the rest sit in short gaps."""

    @property
    def per_week(self) -> float | None:
        return self.episodes / self.days * WEEK if self.days else None

    @property
    def logged_weeks(self) -> int:
        """Whole weeks of counted days."""
        return self.days // WEEK

    def as_dict(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "days": self.days,
            "left_out_days": self.left_out_days,
            "logged_weeks": self.logged_weeks,
            "episodes": self.episodes,
            "per_week": round(self.per_week, 3) if self.per_week is not None else None,
            "weekly_counts": list(self.weekly_counts),
            "gestational_weeks": list(self.gestational_weeks) if self.gestational_weeks else None,
            "marked_days": self.marked_days,
        }


@dataclass(frozen=True)
class Comparison:
    """What ``compare`` found: the ratio after ÷ before with its 95% range, and what it means.

    ``rate_ratio`` is None when nothing was logged before (or on either side, or too early);
    ``ci95`` is None without a range, and its upper end is None when it has no limit.
    ``dispersion`` is the φ the range used (1 means no more spread than steady chance).
    """

    change: date
    before: Period
    after: Period
    rate_ratio: float | None
    ci95: tuple[float, float | None] | None
    method: Method
    dispersion: float | None
    degrees_of_freedom: int | None
    verdict: Verdict
    sentence: str
    method_text: str
    left_out: tuple[Gap, ...]
    cautions: tuple[Caution, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON twin, with stable keys."""
        return {
            "change": self.change.isoformat(),
            "before": self.before.as_dict(),
            "after": self.after.as_dict(),
            "rate_ratio": _figure(self.rate_ratio),
            "ci95": [_figure(self.ci95[0]), _figure(self.ci95[1])] if self.ci95 else None,
            "method": self.method,
            "method_text": self.method_text,
            "dispersion": round(self.dispersion, 3) if self.dispersion is not None else None,
            "degrees_of_freedom": self.degrees_of_freedom,
            "verdict": self.verdict,
            "sentence": self.sentence,
            "left_out": [gap.as_dict() for gap in self.left_out],
            "cautions": [item.as_dict() for item in self.cautions],
        }


def _figure(value: float | None) -> float | None:
    """Four significant digits: enough to check, and a small bound never rounds to 0."""
    return None if value is None else float(f"{value:.4g}")


def logging_start(items: Sequence[Occurrence], entry_days: Collection[date]) -> tuple[date, bool]:
    """When logging started, and whether the diary starts with a cramp (then its day is
    skipped). Needs at least one entry."""
    first_entry = min(entry_days, default=None)
    first_cramp = min((o.day for o in items), default=None)
    if first_cramp is None or (first_entry is not None and first_entry < first_cramp):
        assert first_entry is not None
        return first_entry, False
    return first_cramp + timedelta(days=1), True


def compare(
    items: Sequence[Occurrence],
    *,
    entry_days: Collection[date],
    change: date,
    lmp: date | None,
    since: date | None = None,
    until: date | None = None,
) -> Comparison:
    """Cramps a week before CHANGE against after it, over the days the diary can speak for."""
    marked = {o.day for o in items} | set(entry_days)
    started_with_cramp = False
    if since is not None:
        start: date | None = since
    elif marked:
        start, started_with_cramp = logging_start(items, entry_days)
    else:
        start = None
    end = until if until is not None else max(marked, default=None)
    lower = since if since is not None else min(marked, default=None)
    if until is not None and lower is not None and until < lower:
        raise FieldError("to", f"must not be before {lower.isoformat()} (got {until.isoformat()})")
    if start is not None and end is not None and start <= end:
        cover = coverage(marked, first=start, last=end)
    else:
        cover = None
    per_day = Counter(o.day for o in items)
    before = _period(cover, per_day, marked, start, change - timedelta(days=1), lmp)
    after = _period(cover, per_day, marked, change + timedelta(days=1), end, lmp)
    return _judge(
        change=change, before=before, after=after, lmp=lmp,
        gaps=cover.gaps if cover else (),
        first_cramp=start - timedelta(days=1) if started_with_cramp and start else None,
    )  # fmt: skip


def _period(
    cover: Coverage | None, per_day: Counter[date], marked: Collection[date],
    first: date | None, last: date | None, lmp: date | None,
) -> Period:  # fmt: skip
    if cover is None or first is None or last is None:
        return Period(None, None, 0, 0, 0, (), (), None)
    first, last = max(first, cover.first), min(last, cover.last)
    if first > last:
        return Period(None, None, 0, 0, 0, (), (), None)
    days = [day for day in cover.counted if first <= day <= last]
    span = (last - first).days + 1
    chunks = [days[i : i + WEEK] for i in range(0, len(days), WEEK)]
    if len(chunks) > 1 and len(chunks[-1]) < 4:
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    ages = (gestation_at(lmp, first), gestation_at(lmp, last)) if lmp else (None, None)
    return Period(
        first_day=first,
        last_day=last,
        days=len(days),
        left_out_days=span - len(days),
        episodes=sum(per_day[day] for day in days),
        weekly_counts=tuple(sum(per_day[day] for day in chunk) for chunk in chunks),
        weekly_days=tuple(len(chunk) for chunk in chunks),
        gestational_weeks=(ages[0].weeks, ages[1].weeks) if ages[0] and ages[1] else None,
        marked_days=sum(1 for day in days if day in marked),
    )


def dispersion(sides: Sequence[Period]) -> tuple[float | None, int]:
    """Pearson χ² / df over the weekly blocks, each side at its own rate; (None, 0) when
    there are no degrees of freedom. Sides without cramps add nothing (their rate is 0)."""
    chi2, df = 0.0, 0
    for side in sides:
        if side.episodes == 0 or not side.days:
            continue
        rate = side.episodes / side.days
        for count, days in zip(side.weekly_counts, side.weekly_days, strict=True):
            expected = rate * days
            chi2 += (count - expected) ** 2 / expected
        df += len(side.weekly_counts) - 1
    return (chi2 / df, df) if df > 0 else (None, 0)


def _judge(
    *, change: date, before: Period, after: Period, lmp: date | None, gaps: tuple[Gap, ...],
    first_cramp: date | None,
) -> Comparison:  # fmt: skip
    a, b = after.episodes, before.episodes
    early = min(before.logged_weeks, after.logged_weeks) < MIN_WEEKS
    ratio: float | None = None
    bounds: tuple[float, float] | None = None
    method: Method = "none"
    phi: float | None = None
    df: int | None = None
    if not early and a + b > 0:
        raw, df = dispersion((before, after))
        phi = max(1.0, raw) if raw is not None else 1.0
        ratio = (a / after.days) / (b / before.days) if b else None
        if min(a, b) >= MIN_EPISODES:
            method = "quasi_poisson"
            assert ratio is not None
            spread = _intervals.t_quantile(0.5 + LEVEL / 2, df) * math.sqrt(phi * (1 / a + 1 / b))
            bounds = (ratio * math.exp(-spread), ratio * math.exp(spread))
        else:
            method = "exact"
            bounds = _intervals.exact_ratio_bounds(
                a / phi, after.days, b / phi, before.days, level=LEVEL
            )
    verdict: Verdict
    if early:
        verdict = "too_early"
    elif bounds is None or bounds[0] <= 1 <= bounds[1]:
        verdict = "no_clear_change"
    else:
        verdict = "fewer" if bounds[1] < 1 else "more"
    return Comparison(
        change=change,
        before=before,
        after=after,
        rate_ratio=ratio,
        ci95=(bounds[0], None if math.isinf(bounds[1]) else bounds[1]) if bounds else None,
        method=method,
        dispersion=phi,
        degrees_of_freedom=df if method == "quasi_poisson" else None,
        verdict=verdict,
        sentence=_sentence(before, after, ratio, bounds, verdict),
        method_text=_method_text(method, phi, df),
        left_out=gaps,
        cautions=_cautions(before, after, change=change, lmp=lmp, gaps=gaps, early=early,
                           first_cramp=first_cramp),
    )  # fmt: skip


# --- words ------------------------------------------------------------------------------


def _pct(fraction: float) -> str:
    value = round(fraction * 100)
    if value == 0 and fraction > 0:
        return "under 1 %"
    if value >= 100 and fraction < 1:
        return "over 99 %"
    return f"{value} %"


def _times(ratio: float) -> str:
    return f"{ratio:.1f} times"


def _change(ratio: float, what: str = "", *, none: str = "no_change") -> str:
    """A ratio as a change: '20 % fewer', '30 % more', '2.5 times as many' (of WHAT); the
    word NONE when it rounds to no change."""
    if round(abs(ratio - 1) * 100) == 0:
        return word(none)
    if ratio < 1:
        said = f"{_pct(1 - ratio)} fewer"
    elif ratio < 2:
        said = f"{_pct(ratio - 1)} more"
    else:
        said = f"{_times(ratio)} as many"
    return f"{said} {what}" if what else said


def _point(ratio: float) -> str:
    return _change(ratio, "cramps", none="same")


def _share(ratio: float) -> str:
    """'45 % of' or '2.3 times', to go before 'the rate before'."""
    return f"{_pct(ratio)} of" if ratio < 1 else _times(ratio)


def _span(days: int) -> str:
    if days == 0:
        return word("days_none")
    weeks, rest = divmod(days, WEEK)
    parts = [f"{weeks} week{'s' if weeks != 1 else ''}"] if weeks else []
    if rest:
        parts.append(f"{rest} day{'s' if rest != 1 else ''}")
    return " and ".join(parts)


def _count(episodes: int) -> str:
    return f"{episodes} cramp{'s' if episodes != 1 else ''}"


def _rate(side: Period) -> str:
    per_week = side.per_week
    if per_week is None:
        return word("rate_none")
    return f"{per_week:.1f} cramps a week"


def _sentence(
    before: Period, after: Period, ratio: float | None, bounds: tuple[float, float] | None,
    verdict: Verdict,
) -> str:  # fmt: skip
    sides = {
        "before_span": _span(before.days), "after_span": _span(after.days),
        "before_rate": _rate(before), "after_rate": _rate(after),
        "before_count": _count(before.episodes), "after_count": _count(after.episodes),
    }  # fmt: skip
    if verdict == "too_early":
        return sentence("too_early", minimum_weeks=MIN_WEEKS, **sides)
    if bounds is None:
        return sentence("nothing", **sides)
    low, high = bounds
    if after.episodes == 0:
        if verdict == "fewer":
            return sentence("none_after_fewer", high=_share(high), fewer=_pct(1 - high), **sides)
        return sentence("none_after_unclear", high=_share(high), **sides)
    if ratio is None:
        kind = "none_before_more" if verdict == "more" else "none_before_unclear"
        return sentence(kind, low=_share(low), **sides)
    if verdict == "fewer":
        return sentence("fewer", point=_pct(1 - ratio), low=_pct(1 - high), high=_pct(1 - low))
    if verdict == "more" and high < 2:
        return sentence("more", point=_pct(ratio - 1), low=_pct(low - 1), high=_pct(high - 1))
    if verdict == "more":
        return sentence("more_times", point=_times(ratio), low=f"{low:.1f}", high=_times(high))
    return sentence("unclear", point=_point(ratio), low=_change(low), high=_change(high))


def _method_text(method: Method, phi: float | None, df: int | None) -> str:
    if method == "quasi_poisson" and phi is not None and phi > 1:
        return method_text("quasi_poisson", dispersion=f"{phi:.1f}", df=df)
    if method == "quasi_poisson":
        return method_text("quasi_poisson_steady", df=df)
    if method == "exact" and phi is not None and phi > 1:
        return method_text("exact_widened", dispersion=f"{phi:.1f}")
    return method_text(method)


LOGGED_LESS = 0.5
"""A side whose share of counted days with an entry is below this part of the other's."""


def _logged_less(before: Period, after: Period) -> str | None:
    """The side logged far less often than the other ("before" or "after"), or None.

    Days in a short gap between entries count as days without cramps; a side where most
    counted days are such days may have had cramps nobody logged, so it may look better.
    """
    if not before.days or not after.days:
        return None
    share = {"before": before.marked_days / before.days, "after": after.marked_days / after.days}
    low, high = sorted(share, key=share.__getitem__)
    return low if share[low] < LOGGED_LESS * share[high] else None


def _cautions(
    before: Period, after: Period, *, change: date, lmp: date | None, gaps: tuple[Gap, ...],
    early: bool, first_cramp: date | None,
) -> tuple[Caution, ...]:  # fmt: skip
    found: list[Caution] = []
    sides = (("before", before), ("after", after))
    empty = [name for name, side in sides if side.days == 0]
    if empty:
        found.append(caution("no_days", side=empty[0], change=change.isoformat()))
    if gaps:
        found.append(caution("unlogged_days", gaps=gaps_words(gaps)))
    if first_cramp is not None:
        found.append(caution("first_day_left_out", day=day_words(first_cramp)))
    if not empty and (sparse := _logged_less(before, after)) is not None:
        found.append(caution(
            "logged_less", side=sparse, before_marked=before.marked_days,
            before_days=before.days, after_marked=after.marked_days, after_days=after.days))
    if not empty and not early:
        if before.episodes + after.episodes == 0:
            found.append(caution("no_episodes"))
        else:
            found.extend(
                caution("few_episodes", side=name, minimum=MIN_EPISODES)
                for name, side in sides
                if side.episodes < MIN_EPISODES
            )
    rose = (
        not empty
        and after.per_week is not None
        and before.per_week is not None
        and after.per_week > before.per_week
    )
    if rose:
        if lmp is None:
            found.append(caution("natural_rise_undated"))
        elif before.gestational_weeks and after.gestational_weeks:
            b0, b1 = before.gestational_weeks
            a0, a1 = after.gestational_weeks
            found.append(caution("natural_rise", before=f"{b0}–{b1}", after=f"{a0}–{a1}"))
    found.append(caution("bad_spells"))
    found.append(caution("not_proof"))
    return tuple(found)
