"""The diary's own distribution functions agree with scipy's, so the product needs no scipy."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pytest
from scipy import special, stats

from symptom_decoder.diary._intervals import (
    beta_quantile,
    betainc,
    exact_ratio_bounds,
    t_quantile,
)


@pytest.mark.parametrize("a", [0.2, 1.0, 2.5, 7.0, 40.0, 400.0])
@pytest.mark.parametrize("b", [0.5, 1.0, 3.0, 12.0, 300.0])
def test_it_computes_the_incomplete_beta_function_like_scipy(a: float, b: float) -> None:
    for x in (0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999):
        assert betainc(a, b, x) == pytest.approx(special.betainc(a, b, x), abs=1e-12)
    for p in (0.025, 0.5, 0.975):
        assert beta_quantile(p, a, b) == pytest.approx(stats.beta.ppf(p, a, b), rel=1e-9, abs=1e-13)


@pytest.mark.parametrize("df", [1, 2, 3, 4, 5, 6, 7, 8, 10, 14, 22, 50, 120, 1000])
def test_it_computes_the_t_quantile_like_scipy(df: int) -> None:
    for p in (0.025, 0.9, 0.975, 0.995):
        assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-9)


@pytest.mark.parametrize(
    ("a", "b"), [(0, 1), (0, 12), (1, 0), (7, 0), (1, 1), (2, 9), (4, 30), (17, 23), (60, 45)]
)
def test_it_gives_clopper_pearson_bounds_of_a_rate_ratio(a: int, b: int) -> None:
    low, high = exact_ratio_bounds(a, 28, b, 35)
    ci = stats.binomtest(a, a + b).proportion_ci(confidence_level=0.95, method="exact")
    scale = 35 / 28
    assert low == pytest.approx(ci.low / (1 - ci.low) * scale, rel=1e-8, abs=1e-14)
    if b == 0:
        assert math.isinf(high)
    else:
        assert high == pytest.approx(ci.high / (1 - ci.high) * scale, rel=1e-8)


def test_it_widens_exact_bounds_when_counts_are_divided_by_a_dispersion() -> None:
    plain = exact_ratio_bounds(3, 28, 12, 28)
    wide = exact_ratio_bounds(3 / 2.5, 28, 12 / 2.5, 28)
    assert wide[0] < plain[0] and wide[1] > plain[1]


@pytest.mark.parametrize(
    ("call", "message"),
    [(lambda: betainc(0, 1, 0.5), "a, b > 0"), (lambda: t_quantile(1.0, 5), "p in (0, 1)"),
     (lambda: exact_ratio_bounds(0, 28, 0, 28), "a + b > 0")],
    ids=["beta-a-zero", "t-p-one", "no-events"],
)  # fmt: skip
def test_it_refuses_arguments_outside_the_functions_domain(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call()
