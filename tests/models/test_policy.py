"""Catch-up and required growth on hand-checkable series."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from models.base import z_value
from models.policy import catch_up, crossed_by, implied_sd


def forecast(means: list[float], sd: float | list[float], first_year: int = 2025) -> pd.DataFrame:
    """A forecast frame with normal 80/95% bands of the given sd."""
    m, s = np.asarray(means, dtype=float), np.broadcast_to(np.asarray(sd, dtype=float), (len(means),))
    frame = pd.DataFrame({"year": range(first_year, first_year + len(means)), "mean": m})
    for lv in (80, 95):
        frame[f"lo{lv}"], frame[f"hi{lv}"] = m - z_value(lv) * s, m + z_value(lv) * s
    return frame


def test_implied_sd_reads_the_bands() -> None:
    np.testing.assert_allclose(implied_sd(forecast([1, 2], [0.5, 2.0])), [0.5, 2.0])


def test_korea_crosses_in_the_first_year_its_mean_is_above() -> None:
    korea = forecast([10, 12, 14, 16, 18], 1.0)
    rival = forecast([15, 15, 15, 15, 15], 1.0)
    result = catch_up(korea, rival, korea_last=8, competitor_last=15)
    assert (result.status, result.year) == ("crosses", 2028)
    # 16 vs 15, each sd 1: P = Phi(1 / sqrt(2)) = 0.760
    assert result.probability == pytest.approx(NormalDist().cdf(1 / math.sqrt(2)), abs=1e-9)
    assert result.by_year["p_ahead"].is_monotonic_increasing
    assert "2028" in result.message


def test_not_within_the_horizon() -> None:
    result = catch_up(forecast([10, 11, 12], 1.0), forecast([20, 20.5, 21], 2.0))
    assert result.status == "not_within_horizon" and result.year is None
    assert result.probability == pytest.approx(NormalDist().cdf(-9 / math.sqrt(5)))
    assert "not within the horizon" in result.message


def test_already_ahead_and_lower_is_better() -> None:
    assert catch_up(forecast([20, 21], 1), forecast([10, 11], 1), korea_last=19, competitor_last=9).status == (
        "already_ahead")
    result = catch_up(forecast([10, 8, 6], 1.0), forecast([7, 7, 7], 1.0), higher_is_better=False)
    assert (result.status, result.year) == ("crosses", 2027)


def test_catch_up_accepts_period_indexed_forecasts() -> None:
    korea = forecast([1, 3], 0.1).set_index(pd.period_range("2030", periods=2, freq="Y"))
    rival = forecast([2, 2], 0.1, first_year=2030).set_index("year")
    assert catch_up(korea.drop(columns="year"), rival).year == 2031


def test_crossed_by_is_exact_without_uncertainty() -> None:
    # no spread: crossed from the first year the gap is positive, for good
    np.testing.assert_array_equal(crossed_by(np.array([-1.0, 1.0, -1.0]), np.zeros(3), np.array([0.0, 1.0, 0.0])),
                                  [0.0, 1.0, 1.0])


def test_crossed_by_with_one_shock_is_the_best_year_so_far() -> None:
    # all the variance in the first year: one shock Z moves every year alike, so the gap has been positive by
    # year y when Z > -max(gap so far): Phi(max gap so far)
    gap = np.array([-1.0, 0.5, -2.0])
    p = crossed_by(gap, np.ones(3), np.array([NormalDist().cdf(g) for g in gap]))
    np.testing.assert_allclose(p, [NormalDist().cdf(-1), NormalDist().cdf(0.5), NormalDist().cdf(0.5)], atol=0.01)


def test_crossed_by_a_random_walk_is_a_first_passage() -> None:
    # gap 0 with independent unit shocks: P(Z1 > 0 or Z1 + Z2 > 0) = 1 - (1/4 + asin(1/sqrt 2) / 2 pi) = 0.625
    p = crossed_by(np.zeros(2), np.array([1.0, 2.0]), np.array([0.5, 0.5]))
    np.testing.assert_allclose(p, [0.5, 0.625], atol=0.01)


def test_catch_up_probabilities_of_having_crossed_never_fall() -> None:
    korea = forecast([10, 12, 14, 13, 11], [1.0, 1.5, 2.0, 2.5, 3.0])
    rival = forecast([13, 13, 13, 13, 13], 1.0)
    years = catch_up(korea, rival).by_year
    assert years["p_crossed"].is_monotonic_increasing and years["p_overtaken"].is_monotonic_increasing
    assert (years["p_crossed"] >= years["p_ahead"] - 1e-12).all()
    assert (years["p_overtaken"] >= 1 - years["p_ahead"] - 1e-12).all()
    # Korea's mean falls back below after 2027: being ahead in 2027 still counts as having crossed
    assert years["p_crossed"].iloc[-1] > years["p_ahead"].iloc[-1]
