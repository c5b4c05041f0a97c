"""Rolling-origin backtests, selection by skill relative to naive, and interval calibration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models import Drift, Naive
from models.backtest import backtest, backtest_many, origins, scaled_errors
from models.calibration import DEFAULT, fit_calibration, fit_method
from models.selection import scores, select
from tests.models.data import annual


def test_origins_use_every_length_the_series_allows() -> None:
    assert origins(10, min_train=6) == [6, 7, 8, 9]
    assert origins(10, min_train=6, n_windows=2) == [8, 9]
    assert origins(6, min_train=6) == []


def test_backtest_rows_are_hand_checkable() -> None:
    y = annual([1.0, 2, 3, 5, 8, 13, 21, 34], 2000)
    frame = backtest(Naive(), y, h=6, min_train=6)
    # Origins after 6 and 7 years: horizons 1-2 from 2005, horizon 1 from 2006.
    assert frame[["cutoff", "year", "horizon"]].values.tolist() == [[2005, 2006, 1], [2005, 2007, 2],
                                                                     [2006, 2007, 1]]
    assert frame["mean"].tolist() == [13.0, 13.0, 21.0]
    assert frame["scale"].iloc[0] == pytest.approx(12 / 5)  # mean |diff| of 1, 2, 3, 5, 8, 13
    np.testing.assert_allclose(scaled_errors(frame), [8 / 2.4, 21 / 2.4, 13 / (20 / 6)])


def test_backtest_many_with_and_without_refit(kor_rd: pd.Series) -> None:
    fitted = {"naive": Naive().fit(kor_rd), "drift": Drift().fit(kor_rd)}
    fast = backtest_many(fitted, kor_rd, h=6)
    slow = backtest_many(fitted, kor_rd, h=6, refit=True)
    pd.testing.assert_frame_equal(fast, slow)  # closed-form baselines: apply == refit
    assert fast["cutoff"].nunique() == len(kor_rd) - 6


def _table(mase: dict[str, float], n_origins: int = 10) -> pd.DataFrame:
    t = pd.DataFrame({"mase": mase})
    return t.assign(skill=t["mase"] / t.loc["naive", "mase"], n_errors=5 * n_origins, n_origins=n_origins)


def test_selection_rules() -> None:
    choice = select(_table({"naive": 1.0, "drift": 0.7, "combination": 0.8}))
    assert (choice.model, choice.beats_naive) == ("drift", True) and choice.skill == pytest.approx(0.7)
    choice = select(_table({"naive": 1.0, "drift": 1.2, "combination": 1.05}))
    assert (choice.model, choice.beats_naive, choice.skill) == ("naive", False, 1.0)
    assert "no method beat naive" in choice.reason
    choice = select(_table({"naive": 1.0, "drift": 0.5, "combination": 0.9}, n_origins=2))
    assert choice.model == "combination" and "thin evidence" in choice.reason
    choice = select(_table({"naive": 1.0, "drift": 0.85, "combination": 0.9}), margin=0.1)
    assert choice.model == "combination"
    assert select(pd.DataFrame(columns=["mase", "skill", "n_errors", "n_origins"])).model == "naive"


def test_naive_wins_on_a_step_series_and_is_labelled() -> None:
    # Level shifts with no trend: trend models chase every step; naive is the honest forecast.
    y = annual([5, 5, 5, 9, 9, 9, 4, 4, 4, 8, 8, 8, 3, 3, 3, 7, 7, 7], 2000)
    fitted = {"naive": Naive().fit(y), "drift": Drift().fit(y)}
    table = scores(backtest_many(fitted, y, h=6))
    assert table.loc["drift", "skill"] > 1
    choice = select(table)
    assert choice.model == "naive" and not choice.beats_naive


def _synthetic_errors(n_series: int = 60, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_series):
        for cutoff in range(2000, 2012):
            for h in range(1, 7):
                rows.append((f"s{s}", "naive", cutoff, cutoff + h, h, rng.normal(0, np.sqrt(h)), 0.0, 1.0))
    return pd.DataFrame(rows, columns=["series", "model", "cutoff", "year", "horizon", "y", "mean", "scale"])


def test_calibration_recovers_normal_errors() -> None:
    cal = fit_method(_synthetic_errors())
    assert cal.gamma == pytest.approx(0.5, abs=0.1)  # errors grow like sqrt(h)
    # |N(0,1)| has mean 0.80; the 80% quantile of |N(0,1)| / 0.80 is 1.28 / 0.80 = 1.60.
    assert cal.sigma0 == pytest.approx(0.80, abs=0.05)
    assert cal.quantiles[80] == pytest.approx(1.60, abs=0.12)


def test_calibrated_bounds_cover_nominally_and_fall_back_to_default() -> None:
    errors = _synthetic_errors()
    calibration = fit_calibration(errors, ["naive"])
    own = errors[errors["series"] == "s0"]
    bounds = calibration.bounds("naive", np.zeros(6), 1.0, own)
    rng = np.random.default_rng(7)
    draws = rng.normal(0, np.sqrt(np.arange(1, 7)), size=(4000, 6))
    inside = (draws >= bounds[80][0]) & (draws <= bounds[80][1])
    assert 0.70 < inside.mean() < 0.90
    assert (bounds[95][1] > bounds[80][1]).all()
    small = fit_calibration(errors[errors["series"].isin(["s1", "s2", "s3"])], ["naive"])
    assert small.for_method("naive") is DEFAULT  # three series are too few to calibrate on


def test_positive_series_bounds_are_cut_at_zero() -> None:
    calibration = fit_calibration(_synthetic_errors(), ["naive"])
    lo, _ = calibration.bounds("naive", np.full(6, 0.5), 1.0, None, positive=True)[95]
    assert (lo >= 0).all()
