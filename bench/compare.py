"""How often "did it help?" says fewer or more when nothing changed, and when cramps fell.

Prints figures, not a test: simulated diaries of 6 weeks before and 6 after a change, each
starting with the cramp that made her start, every day logged, a random rate each week
(gamma; shape 2 is moderate week-to-week spread, 0.8 strong). For each, the share of
verdicts from the diary's comparison, and from the plain Poisson interval it used before
(all days from the first cramp, the change day counted as after, 0.5 added to empty
sides), and how long one comparison takes. Run with ``make bench-compare``.
"""

from __future__ import annotations

import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from diary_support import Built, simulated_diary  # noqa: E402
from symptom_decoder.diary.compare import compare  # noqa: E402

DIARIES = 1000


def old_verdict(built: Built) -> str:
    """The comparison before issue 13: log-normal Poisson interval over calendar days."""
    first = min(o.day for o in built.items)
    a = float(sum(1 for o in built.items if o.day >= built.change))
    b = float(sum(1 for o in built.items if o.day < built.change))
    after_days = (built.last_day - built.change).days + 1
    before_days = (built.change - first).days
    if a == 0 or b == 0:
        a, b = a + 0.5, b + 0.5
    ratio = (a / after_days) / (b / before_days)
    spread = 1.959964 * math.sqrt(1 / a + 1 / b)
    if ratio * math.exp(spread) < 1:
        return "fewer"
    return "more" if ratio * math.exp(-spread) > 1 else "no_clear_change"


def run(shape: float | None, ratio: float) -> None:
    rng = random.Random(2026)
    new = {"fewer": 0, "more": 0}
    old = {"fewer": 0, "more": 0}
    spent = 0.0
    for _ in range(DIARIES):
        built = simulated_diary(rng, shape=shape, ratio=ratio)
        start = time.perf_counter()
        result = compare(built.items, entry_days=built.entry_days, change=built.change, lmp=None)
        spent += time.perf_counter() - start
        if result.verdict in new:
            new[result.verdict] += 1
        verdict = old_verdict(built)
        if verdict in old:
            old[verdict] += 1
    spread = {None: "steady", 2.0: "moderate", 0.8: "strong"}[shape]
    print(
        f"{spread:>8}  {ratio:>4.1f}  {new['fewer'] / DIARIES:>9.1%}  {new['more'] / DIARIES:>8.1%}"
        f"  {old['fewer'] / DIARIES:>9.1%}  {old['more'] / DIARIES:>8.1%}"
        f"  {spent / DIARIES * 1000:>6.2f} ms"
    )


def main() -> None:
    print(f"{DIARIES} simulated diaries each; 6 weeks before and after; 3 cramps a week before")
    print("  spread  true   now:fewer     more  was:fewer     more  per comparison")
    for ratio in (1.0, 0.5, 0.3):
        for shape in (None, 2.0, 0.8):
            run(shape, ratio)


if __name__ == "__main__":
    main()
