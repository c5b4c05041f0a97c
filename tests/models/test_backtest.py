"""Rolling-origin backtests and selection by skill relative to naive (calibration: test_calibration.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models import Drift, Naive
from models.backtest import backtest, backtest_many, origins, scaled_errors
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
