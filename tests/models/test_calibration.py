"""Interval calibration from pooled backtest errors, its conformal quantiles, and the interval score (MSIS)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from models import Naive
from models.backtest import backtest_many
from models.calibration import (
    DEFAULT,
    DEFAULTS,
    Calibration,
    conformal_quantile,
    fit_calibration,
    fit_method,
    msis,
    series_level,
)


def test_msis_by_hand() -> None:
    y, lo, hi = [10.0, 12, 20], [8.0, 13, 9], [12.0, 15, 18]
    # 95%: 2 / 0.05 = 40. Widths 4, 2, 9; y below lo by 1 in year 2, above hi by 2 in year 3.
    # (4 + (2 + 40 * 1) + (9 + 40 * 2)) / 3 = 45, scaled by 2.
    assert msis(y, lo, hi, 2.0) == pytest.approx(22.5)
    # 80%: 2 / 0.2 = 10: (4 + 12 + 29) / 3 = 15, scaled by 2.
    assert msis(y, lo, hi, 2.0, level=80) == pytest.approx(7.5)
    assert msis([1.0], [0.0], [2.0], 1.0) == pytest.approx(2.0)  # inside: the width alone


def test_conformal_quantile_is_the_finite_sample_order_statistic() -> None:
    values = np.arange(19, 0, -1, dtype=float)  # 19 values, any order
    assert conformal_quantile(values, 0.80) == 16.0  # ceil(20 * 0.80) = 16th smallest
    assert conformal_quantile(values, 0.95) == 19.0  # ceil(20 * 0.95) = 19th
    assert conformal_quantile(np.arange(1.0, 11.0), 0.95) == 10.0  # ceil(11 * 0.95) = 11 > 10: the largest
    assert np.isnan(conformal_quantile(np.empty(0), 0.8))


def test_series_level_counts_each_origin_once_and_shrinks() -> None:
    # Origin 2000 has errors 1 and 3 (mean 2), origin 2001 has 5: the origin means 2 and 5 against a prior
    # of 4 with weight 2 give (2 + 5 + 2 * 4) / (2 + 2) = 3.75 (by rows it would be (1 + 3 + 5 + 8) / 5 = 3.4).
    u, cutoffs = np.array([1.0, 3.0, 5.0]), np.array([2000, 2000, 2001])
    assert series_level(u, cutoffs, 4.0, weight=2.0) == pytest.approx(3.75)
    assert series_level(np.empty(0), np.empty(0), 4.0) == 4.0


def _synthetic_errors(n_series: int = 60, seed: int = 1, models: tuple[str, ...] = ("naive",),
                      n_origins: int = 12, shared: float = 0.0) -> pd.DataFrame:
    """Backtest rows whose errors are N(0, h) (independent across methods), scale 1; ``shared`` is the share of
    each error's variance common to all horizons of its origin (errors of one origin move together)."""
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_series):
        for cutoff in range(2000, 2000 + n_origins):
            for model in models:
                common = rng.normal()
                for h in range(1, 7):
                    z = np.sqrt(shared) * common + np.sqrt(1 - shared) * rng.normal()
                    rows.append((f"s{s}", model, cutoff, cutoff + h, h, z * np.sqrt(h), 0.0, 1.0))
    return pd.DataFrame(rows, columns=["series", "model", "cutoff", "year", "horizon", "y", "mean", "scale"])


def test_calibration_recovers_the_shape_of_normal_errors() -> None:
    cal = fit_method(_synthetic_errors(n_series=150))
    assert cal.gamma == pytest.approx(0.5, abs=0.1)  # errors grow like sqrt(h)
    assert cal.sigma0 == pytest.approx(0.80, abs=0.05)  # |N(0,1)| has mean 0.80
    # The 80% quantile of |N(0,1)| / 0.80 is 1.60; estimating a series' level from few origins widens it.
    assert all(1.4 < c < 2.0 for c in cal.quantiles[80])
    assert len(cal.quantiles[95]) == 6 and all(c95 > c80 for c80, c95 in zip(cal.quantiles[80],
                                                                           cal.quantiles[95], strict=True))


def test_calibrated_bounds_cover_nominally_and_fall_back_to_defaults() -> None:
    errors = _synthetic_errors()
    calibration = fit_calibration(errors, ["naive"])
    rng = np.random.default_rng(7)
    draws = rng.normal(0, np.sqrt(np.arange(1, 7)), size=(4000, 6))
    for level, low, high in ((80, 0.72, 0.88), (95, 0.90, 0.99)):
        inside = []
        for s in ("s0", "s1", "s2", "s3"):
            lo, hi = calibration.bounds("naive", np.zeros(6), 1.0, errors[errors["series"] == s])[level]
            inside.append(((draws >= lo) & (draws <= hi)).mean())
        assert low < np.mean(inside) < high
    small = fit_calibration(errors[errors["series"].isin(["s1", "s2", "s3"])], ["naive"])
    assert small.for_method("naive") is DEFAULTS["naive"]  # three series are too few to calibrate on
    assert small.for_method("ets") is DEFAULT


def test_replaying_the_choice_widens_the_chosen_methods_intervals() -> None:
    # Two equally good methods: the one a series shows is the one whose past errors happened to be smaller,
    # so its own errors understate its future ones. Calibrating on the origins where it would have been
    # chosen corrects that; calibrating on every origin does not.
    errors = _synthetic_errors(n_series=300, models=("naive", "drift"), n_origins=6, shared=0.8)
    selectable = {f"s{s}": ["naive", "drift"] for s in range(300)}
    plain = fit_calibration(errors, ["naive", "drift"])
    replayed = fit_calibration(errors, ["naive", "drift"], selectable=selectable)
    def mean_quantile(cal: Calibration) -> float:
        return float(np.mean([cal.methods[alias].quantiles[80] for alias in ("naive", "drift")]))

    assert mean_quantile(replayed) > mean_quantile(plain)
    # Fresh series from the same process: choose by past errors; the chosen method's expected coverage of a
    # future N(0, h) is exact (normal probabilities of its bounds).
    fresh = _synthetic_errors(n_series=1000, seed=3, models=("naive", "drift"), n_origins=6, shared=0.8)
    sd = np.sqrt(np.arange(1, 7))
    cover: dict[str, list[float]] = {"plain": [], "replayed": []}
    for _, rows in fresh.groupby("series"):
        mase = rows.assign(a=rows["y"].abs()).groupby("model")["a"].mean()
        chosen = "drift" if mase["drift"] < mase["naive"] else "naive"
        for name, cal in (("plain", plain), ("replayed", replayed)):
            lo, hi = cal.bounds(chosen, np.zeros(6), 1.0, rows[rows["model"] == chosen])[80]
            cover[name].append(float(np.mean(norm.cdf(hi / sd) - norm.cdf(lo / sd))))
    assert abs(np.mean(cover["replayed"]) - 0.80) < abs(np.mean(cover["plain"]) - 0.80)
    assert abs(np.mean(cover["replayed"]) - 0.80) < 0.04


def test_interval_widths_grow_with_the_horizon_on_a_real_series(kor_rd: pd.Series) -> None:
    errors = backtest_many({"naive": Naive().fit(kor_rd)}, kor_rd, h=6)
    calibration = fit_calibration(errors.assign(series="KOR"), ["naive"])  # one series: the defaults
    bounds = calibration.bounds("naive", np.full(6, kor_rd.iloc[-1]), float(np.mean(np.abs(np.diff(kor_rd)))),
                                errors)
    for level in (80, 95):
        width = bounds[level][1] - bounds[level][0]
        assert (np.diff(width) >= 0).all() and (width > 0).all()
    assert ((bounds[95][1] - bounds[95][0]) > (bounds[80][1] - bounds[80][0])).all()


def test_positive_series_bounds_are_cut_at_zero() -> None:
    calibration = fit_calibration(_synthetic_errors(), ["naive"])
    lo, _ = calibration.bounds("naive", np.full(6, 0.5), 1.0, None, positive=True)[95]
    assert (lo >= 0).all()
