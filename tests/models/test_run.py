"""models.run.forecast_frame: the warehouse entry point on a long frame with clean and messy series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models import CANDIDATES
from models.calibration import DEFAULT, DEFAULTS
from models.run import BACKTEST_COLUMNS, FORECAST_COLUMNS, forecast_frame, run_frame

RD = "worldbank:GB.XPD.RSDV.GD.ZS"
# A random walk (seed 8, sd 3) that falls for seven years, then rises: every trend extrapolation is misled.
REVERSAL = [44.8, 40.8, 36.7, 35.6, 28.7, 28.1, 25.3, 27.9, 30.8, 35.0, 37.3, 37.1, 39.7, 44.2, 42.3, 44.1, 44.0,
            48.3, 45.8, 44.9]


def _with_messy(observations: pd.DataFrame) -> pd.DataFrame:
    extra = [
        ("test:reversal", "AAA", 2000 + i, v, "") for i, v in enumerate(REVERSAL)
    ] + [("test:short", "BBB", 2018 + i, v, "") for i, v in enumerate([1.0, 1.5, 2.0, 2.4, 3.1])] + [
        ("test:tiny", "CCC", 2020 + i, v, "") for i, v in enumerate([1.0, 2.0])
    ] + [("test:gap", "DDD", y, float(y - 1990), "B" if y == 1995 else "") for y in range(1990, 2015) if y != 2004]
    return pd.concat([observations, pd.DataFrame(extra, columns=observations.columns)], ignore_index=True)


@pytest.fixture
def result(observations: pd.DataFrame):
    return run_frame(_with_messy(observations), h=6)


def test_forecast_columns_rows_and_years(result) -> None:
    fc = result.forecasts
    assert list(fc.columns) == FORECAST_COLUMNS
    counts = fc.groupby(["indicator_id", "country_iso3"]).size()
    assert (counts == 6).all() and len(counts) == 7  # every series but the two-point one
    kor = fc[(fc["indicator_id"] == RD) & (fc["country_iso3"] == "KOR")]
    assert kor["year"].tolist() == list(range(2023, 2029))
    assert (fc["lo95"] <= fc["lo80"]).all() and (fc["lo80"] <= fc["mean"]).all()
    assert (fc["mean"] <= fc["hi80"]).all() and (fc["hi80"] <= fc["hi95"]).all()
    assert fc["note"].str.len().gt(0).all()


def test_skill_and_beats_naive_agree(result) -> None:
    fc = result.forecasts.drop_duplicates(["indicator_id", "country_iso3"])
    shown_naive = fc["model"] == "naive"
    assert (~fc.loc[shown_naive, "beats_naive"]).all()
    assert (fc.loc[~shown_naive, "skill"] < 1).all() and fc.loc[~shown_naive, "beats_naive"].all()


def test_naive_wins_is_labelled_and_flat(result) -> None:
    shown = result.forecasts[result.forecasts["indicator_id"] == "test:reversal"]
    assert (shown["model"] == "naive").all() and not shown["beats_naive"].any()
    assert (shown["mean"] == 44.9).all() and (shown["skill"] == 1.0).all()
    assert "no method beat naive" in shown["note"].iloc[0]
    bt = result.backtests[result.backtests["indicator_id"] == "test:reversal"].set_index("model")
    assert bt.loc["combination", "skill"] > 1 and bt.loc["drift", "skill"] > 1


def test_short_series_gets_labelled_naive_and_tiny_is_declined(result) -> None:
    short = result.forecasts[result.forecasts["indicator_id"] == "test:short"]
    assert (short["model"] == "naive").all() and short["skill"].isna().all()
    assert "short history (5 years < 8)" in short["note"].iloc[0]
    bt = result.backtests
    declined = bt[bt["status"] == "declined"]
    assert declined[["indicator_id", "country_iso3"]].values.tolist() == [["test:tiny", "CCC"]]
    assert declined["model"].isna().all() and "too short: 2" in declined["note"].iloc[0]


def test_break_and_gap_are_handled_and_noted(result) -> None:
    gap = result.forecasts[result.forecasts["indicator_id"] == "test:gap"]
    note = gap["note"].iloc[0]
    assert "break in series at 1995" in note and "interpolated missing years [2004]" in note
    assert gap["n_obs"].iloc[0] == 20  # 1995-2014
    assert gap["year"].iloc[0] == 2015


def test_backtest_summary(result) -> None:
    bt = result.backtests
    assert list(bt.columns) == BACKTEST_COLUMNS
    kor = bt[(bt["indicator_id"] == RD) & (bt["country_iso3"] == "KOR")].set_index("model")
    assert (kor["status"] == "shown").sum() == 1
    assert set(kor.index) >= {"naive", "drift", "combination", "ets", "theta_log"}
    assert kor.loc["naive", "skill"] == pytest.approx(1.0)
    assert kor.loc["ets", "status"] == "member"
    assert (kor["n_origins"] == 27 - 6).all()


def test_errors_and_calibration_are_exposed(result) -> None:
    assert {"indicator_id", "country_iso3", "model", "cutoff", "horizon", "y", "mean"} <= set(result.errors.columns)
    shown = set(result.forecasts["model"])
    assert shown and shown <= set(CANDIDATES)  # only the methods that may be shown are shown ...
    # ... and calibrated: here too few series to calibrate on, so by the built-in calibrations of M1 and Tourism.
    assert all(result.calibration.for_method(m) is DEFAULTS.get(m, DEFAULT) for m in shown)


def test_forecast_frame_returns_two_frames_and_does_not_mutate(observations: pd.DataFrame) -> None:
    before = observations.copy()
    forecasts, backtests = forecast_frame(observations, h=3)
    pd.testing.assert_frame_equal(observations, before)
    assert len(forecasts) == 4 * 3 and set(backtests["status"]) <= {"shown", "candidate", "member", "failed"}


def test_parallel_jobs_give_the_same_result(observations: pd.DataFrame) -> None:
    one, _ = forecast_frame(observations, h=2, jobs=1)
    two, _ = forecast_frame(observations, h=2, jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_bad_input_is_rejected(observations: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="lack columns"):
        forecast_frame(observations.drop(columns="value"))
    with pytest.raises(ValueError, match="unknown candidates"):
        forecast_frame(observations, candidates=["prophet"])
    assert np.isfinite(forecast_frame(observations, h=1, candidates=["naive", "drift"])[0]["mean"]).all()


def test_empty_frame_gives_empty_frames(observations: pd.DataFrame) -> None:
    forecasts, backtests = forecast_frame(observations.iloc[:0])
    assert forecasts.empty and backtests.empty
    assert list(forecasts.columns) == FORECAST_COLUMNS and list(backtests.columns) == BACKTEST_COLUMNS


def test_intervals_of_a_series_never_below_zero_stop_at_zero() -> None:
    counts = [0, 0, 0, 1, 0, 1, 2, 1, 3, 2, 5, 4, 9, 14, 12, 25]  # a count with early zeros, as AI systems
    frame = pd.DataFrame({"indicator_id": "test:count", "country_iso3": "KOR", "year": range(2010, 2026),
                          "value": [float(v) for v in counts], "flags": ""})
    forecasts, _ = forecast_frame(frame, h=6)
    symmetric_lo95 = 2 * forecasts["mean"] - forecasts["hi95"]
    assert (symmetric_lo95 < 0).any()  # the band would cross zero...
    assert (forecasts["lo95"] >= 0).all() and (forecasts["lo80"] >= 0).all()  # ...and stops there


def test_a_call_with_enough_series_calibrates_on_its_own_errors() -> None:
    # 24 random walks with drift (seeded): enough series for the call's own calibration of the methods shown.
    rng = np.random.default_rng(5)
    rows = [("test:rw", f"S{s:02d}", 1990 + t, float(v), "")
            for s in range(24) for t, v in enumerate(100 + np.cumsum(rng.normal(1.0, 2.0, 25)))]
    result = run_frame(pd.DataFrame(rows, columns=["indicator_id", "country_iso3", "year", "value", "flags"]), h=6)
    for model in set(result.forecasts["model"]):
        cal = result.calibration.for_method(model)
        assert cal is not DEFAULTS.get(model) and cal.n_errors > 0
        assert len(cal.quantiles[80]) == 6 and all(c95 > c80 for c80, c95 in zip(cal.quantiles[80],
                                                                               cal.quantiles[95], strict=True))
