"""The contract every registered model meets (STYLE convention 14), parametrised over models.MODELS."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models import MODELS, ModelError

ALIASES = sorted(MODELS)


def test_registry_is_pinned() -> None:
    assert sorted(MODELS) == ["arima", "combination", "drift", "ets", "naive", "theta", "theta_log"]
    assert all(cls.alias == alias for alias, cls in MODELS.items())


@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize("h", [1, 6])
def test_forecast_shape_and_ordering(alias: str, h: int, kor_rd: pd.Series) -> None:
    before = kor_rd.copy()
    model = MODELS[alias]()
    assert model.fit(kor_rd) is model
    frame = model.forecast(h)
    assert list(frame.columns) == ["mean", "lo80", "hi80", "lo95", "hi95"]
    assert len(frame) == h
    assert isinstance(frame.index, pd.PeriodIndex)
    assert [p.year for p in frame.index] == list(range(2023, 2023 + h))
    assert np.isfinite(frame.to_numpy()).all()
    assert (frame["lo95"] <= frame["lo80"]).all()
    assert (frame["lo80"] <= frame["mean"]).all()
    assert (frame["mean"] <= frame["hi80"]).all()
    assert (frame["hi80"] <= frame["hi95"]).all()
    pd.testing.assert_series_equal(kor_rd, before)  # input not mutated


@pytest.mark.parametrize("alias", ALIASES)
def test_refit_does_not_mutate_and_is_repeatable(alias: str, kor_patents: pd.Series) -> None:
    before = kor_patents.copy()
    model = MODELS[alias]()
    first = model.fit(kor_patents).forecast(4)
    second = model.fit(kor_patents).forecast(4)
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_series_equal(kor_patents, before)


@pytest.mark.parametrize("alias", ALIASES)
def test_forecast_before_fit_raises(alias: str) -> None:
    with pytest.raises(ModelError, match="before fit"):
        MODELS[alias]().forecast(3)


@pytest.mark.parametrize("alias", ALIASES)
def test_bad_horizon_is_rejected(alias: str, kor_rd: pd.Series) -> None:
    model = MODELS[alias]().fit(kor_rd)
    for h in (0, -1, 2.5):
        with pytest.raises(ValueError, match="positive integer"):
            model.forecast(h)  # type: ignore[arg-type]


@pytest.mark.parametrize("alias", ALIASES)
def test_apply_conditions_on_a_shorter_window(alias: str, kor_rd: pd.Series) -> None:
    model = MODELS[alias]().fit(kor_rd)
    window = kor_rd.iloc[:15]
    applied = model.apply(window)
    mean = applied.point(3)
    assert mean.shape == (3,) and np.isfinite(mean).all()
    assert applied.forecast(3).index[0].year == 2011
    assert model.forecast(1).index[0].year == 2023  # the original fit is untouched


@pytest.mark.parametrize("alias", ALIASES)
def test_levels_select_columns(alias: str, kor_rd: pd.Series) -> None:
    model = MODELS[alias]().fit(kor_rd)
    assert list(model.forecast(2, levels=()).columns) == ["mean"]
    assert list(model.forecast(2, levels=(90,)).columns) == ["mean", "lo90", "hi90"]


@pytest.mark.parametrize("alias", ALIASES)
def test_integer_year_index_is_accepted(alias: str, kor_rd: pd.Series) -> None:
    by_int = pd.Series(kor_rd.to_numpy(), index=[p.year for p in kor_rd.index])
    a = MODELS[alias]().fit(kor_rd).forecast(3)
    b = MODELS[alias]().fit(by_int).forecast(3)
    pd.testing.assert_frame_equal(a, b)
