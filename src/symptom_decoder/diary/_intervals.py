"""The few distribution functions the diary's comparison needs, with the standard library only.

- ``betainc``: the regularized incomplete beta function I_x(a, b), by its continued fraction
  (modified Lentz), accurate to about 1e-14 for the counts a diary holds.
- ``beta_quantile``: x with I_x(a, b) = p, by bisection (monotone, so it cannot fail).
- ``t_quantile``: Student's t quantile, from the beta function: for p > 0.5,
  t = sqrt(df · (1 − x) / x) where I_x(df/2, 1/2) = 2 · (1 − p).
- ``exact_ratio_bounds``: exact conditional (Clopper–Pearson) bounds of a ratio of two
  Poisson rates: given n = a + b events, a is binomial with p = r·Ea / (r·Ea + Eb), so
  p's bounds are beta quantiles (a, b + 1) and (a + 1, b) and r = p / (1 − p) · Eb / Ea.
  Counts may be divided by a dispersion φ ≥ 1 first (fractional counts are fine for the
  beta function), which widens the bounds for over-dispersed data.

``tests/test_diary_intervals.py`` checks each against scipy.
"""

from __future__ import annotations

import math
from functools import lru_cache

_TINY = 1e-300


def _continued_fraction(a: float, b: float, x: float) -> float:
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + aa / c
            c = c if abs(c) > _TINY else _TINY
            step = d * c
            h *= step
        if abs(step - 1.0) < 1e-15:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), for a, b > 0 and x in [0, 1]."""
    if a <= 0 or b <= 0:
        raise ValueError(f"betainc needs a, b > 0 (got {a}, {b})")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    """The x in [0, 1] with I_x(a, b) = P."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"beta_quantile needs p in [0, 1] (got {p})")
    low, high = 0.0, 1.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if betainc(a, b, middle) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-15:
            break
    return (low + high) / 2.0


@lru_cache(maxsize=256)
def t_quantile(p: float, df: float) -> float:
    """Student's t quantile with DF degrees of freedom, for P in (0, 1)."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError(f"t_quantile needs p in (0, 1) and df > 0 (got {p}, {df})")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    x = beta_quantile(2.0 * (1.0 - p), df / 2.0, 0.5)
    return math.sqrt(df * (1.0 - x) / x)


def exact_ratio_bounds(
    a: float, exposure_a: float, b: float, exposure_b: float, *, level: float = 0.95
) -> tuple[float, float]:
    """Exact conditional bounds of (a / exposure_a) / (b / exposure_b); the upper one is
    ``math.inf`` when b is 0. A and B may be fractional (counts divided by a dispersion)."""
    if a < 0 or b < 0 or a + b <= 0 or exposure_a <= 0 or exposure_b <= 0:
        raise ValueError("exact_ratio_bounds needs a + b > 0 and positive exposures")
    tail = (1.0 - level) / 2.0
    low_p = 0.0 if a == 0 else beta_quantile(tail, a, b + 1.0)
    high_p = 1.0 if b == 0 else beta_quantile(1.0 - tail, a + 1.0, b)
    scale = exposure_b / exposure_a
    low = low_p / (1.0 - low_p) * scale
    high = math.inf if high_p >= 1.0 else high_p / (1.0 - high_p) * scale
    return low, high
