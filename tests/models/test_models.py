"""Each model family on small real series, checked against hand computations or statsmodels directly."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.forecasting.theta import ThetaModel

from models import ARIMA, ETS, Combination, Drift, ModelError, Naive, Theta, ThetaLog
from models.base import as_annual, quiet_fit, z_value
from models.ets import FORMS
from tests.models.data import annual


def test_naive_repeats_the_last_value_with_sqrt_h_intervals() -> None:
    y = annual([10, 12, 11, 13], 2000)  # changes 2, -1, 2: sigma = sqrt(9/3) = sqrt(3)
    frame = Naive().fit(y).forecast(4)
    assert (frame["mean"] == 13).all()
    half = z_value(80) * np.sqrt(3) * np.sqrt([1, 2, 3, 4])
    np.testing.assert_allclose(frame["hi80"] - frame["mean"], half)


def test_drift_extends_the_first_to_last_line() -> None:
    y = annual([10, 12, 11, 16], 2000)  # slope (16 - 10) / 3 = 2
    frame = Drift().fit(y).forecast(3)
    np.testing.assert_allclose(frame["mean"], [18, 20, 22])
    assert [p.year for p in frame.index] == [2004, 2005, 2006]


def test_ets_chooses_a_form_by_aicc_including_damped(kor_rd: pd.Series) -> None:
    model = ETS().fit(kor_rd)
    assert model.form_ in {"ANN", "AAN", "AAdN"}
    assert set(model.form_params_) == {"ANN", "AAN", "AAdN"}
    assert model.description.startswith("ets(")
    assert model.forecast(3)["mean"].iloc[-1] > kor_rd.iloc[-1]  # a trending series keeps its trend


def test_ets_damped_only() -> None:
    y = annual([3.0, 4, 6, 5, 7, 8, 9, 12, 11, 13, 15], 2000)
    model = ETS(forms=("AAdN",)).fit(y)
    assert model.form_ == "AAdN"
    assert 0 < model.result_.params.iloc[2] < 1  # phi, the damping parameter


def test_ets_multiplicative_forms_skip_non_positive_series() -> None:
    y = annual([0.0, 1, -1, 2, 1, 3, 2, 4, 3, 5], 2000)
    model = ETS(forms=("ANN", "MNN")).fit(y)
    assert model.form_ == "ANN"
    with pytest.raises(ModelError):
        ETS(forms=("MNN",)).fit(y)
    with pytest.raises(ValueError, match="unknown ETS forms"):
        ETS(forms=("XYZ",))
    assert set(FORMS) >= {"ANN", "AAN", "AAdN", "MAdN"}


def test_ets_apply_on_the_full_series_reproduces_the_fit(kor_patents: pd.Series) -> None:
    model = ETS().fit(kor_patents)
    np.testing.assert_allclose(model.apply(kor_patents).point(5), model.point(5), rtol=1e-6)


def test_arima_searches_small_orders_by_aicc(kor_rd: pd.Series) -> None:
    model = ARIMA().fit(kor_rd)
    assert model.order_ in {(0, 1, 0), (1, 1, 0), (0, 1, 1), (1, 1, 1)}
    assert "drift" in model.description
    with pytest.raises(ValueError, match="comparable"):
        ARIMA(orders=((1, 2, 0),))


def test_theta_matches_statsmodels(jpn_rd: pd.Series) -> None:
    ours = Theta().fit(jpn_rd).forecast(4)
    ref = ThetaModel(jpn_rd.to_numpy(), period=1, deseasonalize=False).fit()
    np.testing.assert_allclose(ours["mean"], ref.forecast(4))
    np.testing.assert_allclose(ours["lo95"], ref.prediction_intervals(4, alpha=0.05)["lower"])


def test_theta_apply_uses_the_statsmodels_formula(kor_rd: pd.Series) -> None:
    model = Theta().fit(kor_rd)
    applied = model.apply(kor_rd.iloc[:20])
    np.testing.assert_allclose(applied.point(4), applied.result_.forecast(4, theta=2.0))


def test_theta_log_needs_positive_values(kor_patents: pd.Series) -> None:
    frame = ThetaLog().fit(kor_patents).forecast(3)
    assert (frame["lo95"] > 0).all()
    with pytest.raises(ModelError, match="strictly positive"):
        ThetaLog().fit(annual([1.0, 0.0, 2.0, 3.0, 2.0], 2000))


def test_combination_is_the_mean_of_its_members(kor_rd: pd.Series) -> None:
    members = [Drift(), Naive()]
    combo = Combination(members).fit(kor_rd).forecast(3)
    expected = (Drift().fit(kor_rd).forecast(3)["mean"] + Naive().fit(kor_rd).forecast(3)["mean"]) / 2
    np.testing.assert_allclose(combo["mean"], expected)


def test_combination_leaves_out_members_that_cannot_fit() -> None:
    y = annual([1.0, 0.0, 2.0, 3.0, 2.5, 4.0, 5.0, 4.5], 2000)
    combo = Combination([Drift(), ThetaLog()]).fit(y)
    assert [m.alias for m in combo.members_] == ["drift"]
    assert "theta_log" in combo.skipped_


def test_gaps_are_refused_by_the_models() -> None:
    y = pd.Series([1.0, 2.0, 3.0, 4.0], index=pd.PeriodIndex(["2000", "2001", "2003", "2004"], freq="Y"))
    with pytest.raises(ModelError, match=r"missing years \['2002'\]"):
        Drift().fit(y)
    with pytest.raises(ModelError, match="NaN"):
        as_annual(annual([1.0, float("nan"), 3.0], 2000))


def test_quiet_fit_records_convergence_and_keeps_other_warnings() -> None:
    with quiet_fit() as record:
        warnings.warn("slow", ConvergenceWarning, stacklevel=1)
    assert not record.converged and record.warnings
    with pytest.warns(UserWarning, match="keep me"), quiet_fit():
        warnings.warn("keep me", UserWarning, stacklevel=1)
