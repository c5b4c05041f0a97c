"""Catch-up and required growth on hand-checkable series."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from models.base import z_value
from models.policy import catch_up, implied_sd, required_growth, years_to_target


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


def test_required_growth_is_the_compound_rate() -> None:
    result = required_growth(100, 2024, 121, 2026)
    assert result.required_rate == pytest.approx(0.10)
    assert result.projected_rate is None


def test_required_growth_against_the_projection() -> None:
    fc = forecast([104, 108.16, 112.4864], 1.0)  # 4% a year from 100 in 2024
    on = required_growth(100, 2024, 110, 2027, fc)
    assert on.projected_rate == pytest.approx(0.04) and on.on_track
    off = required_growth(100, 2024, 125, 2027, fc)
    assert not off.on_track and off.gap == pytest.approx(off.required_rate - 0.04)
    beyond = required_growth(100, 2024, 150, 2040, fc)  # target after the horizon: projected rate to 2027
    assert beyond.projected_rate == pytest.approx(0.04)
    with pytest.raises(ValueError):
        required_growth(100, 2024, 120, 2024)
    with pytest.raises(ValueError):
        required_growth(0, 2024, 120, 2030)


def test_years_to_target() -> None:
    assert years_to_target(100, 121, 0.10) == pytest.approx(2.0)
    assert years_to_target(100, 90, 0.05) == 0.0
    assert years_to_target(100, 121, 0.0) == math.inf
