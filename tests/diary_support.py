"""Diaries made to order for the comparison's tests and bench: weekly counts laid out as days,
and simulated diaries with bad spells (a random rate each week)."""

from __future__ import annotations

import csv
import io
import math
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from symptom_decoder.diary.csvfile import COLUMNS
from symptom_decoder.diary.trends import Occurrence

MONDAY = date(2026, 3, 2)


@dataclass(frozen=True)
class Built:
    """A diary for ``compare``: episodes on their days, the days with a day entry, the change."""

    items: list[Occurrence]
    entry_days: set[date]
    change: date
    last_day: date


def weekly_diary(
    before: Sequence[int],
    after: Sequence[int],
    *,
    start: date = MONDAY,
    gaps: Mapping[int, int] | None = None,
) -> Built:
    """BEFORE and AFTER as blocks of 7 logged days from START, the change day between them.

    Each block's cramps fall on its days 2 to 7 (so the diary never starts with a cramp);
    every logged day has a day entry, like a diary kept with "no cramps today". GAPS maps a
    block's index (counting before, then after) to days with no entry at all before it.
    """
    items: list[Occurrence] = []
    entries: set[date] = set()
    day = start
    change = start
    for index, count in enumerate([*before, *after]):
        if index == len(before):
            change = day
            day += timedelta(days=1)
        day += timedelta(days=(gaps or {}).get(index, 0))
        for k in range(count):
            items.append(Occurrence(day + timedelta(days=1 + k % 6), True, None, False))
        entries.update(day + timedelta(days=n) for n in range(7))
        day += timedelta(days=7)
    if not after:
        change = day
    return Built(items, entries, change, day - timedelta(days=1))


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def simulated_diary(
    rng: random.Random,
    *,
    weeks: int = 6,
    per_week: float = 3.0,
    shape: float | None = 2.0,
    ratio: float = 1.0,
    start: date = MONDAY,
) -> Built:
    """WEEKS before and WEEKS after a change, as a person would keep it: it starts with the
    cramp that made her start, then every day is logged. Each calendar week has its own rate,
    drawn from a gamma distribution with mean PER_WEEK and SHAPE (bad spells; smaller is
    spikier, None is a steady rate); after the change the rate is multiplied by RATIO."""
    items = [Occurrence(start, True, None, False)]
    entries: set[date] = set()
    change = start + timedelta(days=1 + 7 * weeks)
    last = change + timedelta(days=7 * weeks)
    day, rate = start + timedelta(days=1), per_week
    while day <= last:
        if (day - start).days % 7 == 1:
            rate = rng.gammavariate(shape, per_week / shape) if shape else per_week
        factor = ratio if day > change else 1.0
        items += [Occurrence(day, True, None, False)] * _poisson(rng, rate * factor / 7)
        entries.add(day)
        day += timedelta(days=1)
    return Built(items, entries, change, last)


def diary_csv(
    *, start: date, weeks: Sequence[int], change_after: int, stop_after: int | None = None
) -> str:
    """A diary as `diary import` takes it: WEEKS of cramp counts from START (a Monday; the
    cramps fall late in each week, at night in London), a "no cramps" entry on every quiet
    day, the change day (nothing logged) after CHANGE_AFTER weeks, and nothing after
    STOP_AFTER logged days when given."""
    rows: list[dict[str, str]] = []
    day, logged = start, 0
    for index, count in enumerate(weeks):
        if index == change_after:
            day += timedelta(days=1)
        for offset in range(7):
            if stop_after is not None and logged >= stop_after:
                break
            cramps = count // 7 + (1 if offset >= 7 - count % 7 else 0)
            for k in range(cramps):
                rows.append({"record": "episode", "uuid": str(uuid.uuid4()),
                             "started_at": f"{day.isoformat()}T{2 + k:02d}:00:00+01:00",
                             "zone": "Europe/London", "woke": "yes"})  # fmt: skip
            if not cramps:
                rows.append({"record": "day", "day": day.isoformat(), "no_cramps": "yes"})
            day += timedelta(days=1)
            logged += 1
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
