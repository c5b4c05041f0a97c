"""The contract every registered model meets (STYLE convention 14), parametrised over models.MODELS: adding a
method is its module and one registration line, no edit here."""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pandas as pd
import pytest

import models
from models import MODELS, ModelError
from models.base import BaseForecaster, Forecaster

ALIASES = sorted(MODELS)


def forecasting_classes() -> set[type]:
    """Every class defined in a module of the models package that has the Forecaster shape (an alias, fit and
    forecast), found by walking the package: what MODELS must register."""
    found = set()
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{models.__name__}.{info.name}")
        for obj in vars(module).values():
            shaped = isinstance(getattr(obj, "alias", None), str) and all(
                callable(getattr(obj, name, None)) for name in ("fit", "forecast"))
            if isinstance(obj, type) and obj.__module__ == module.__name__ and shaped and obj is not BaseForecaster:
                found.add(obj)
    return found


def test_every_forecasting_class_is_registered_under_its_own_alias() -> None:
    """A method's module without its registration line fails here, and so do two methods sharing an alias
    (one would silently replace the other in MODELS); no list of names is pinned."""
    assert set(MODELS.values()) == forecasting_classes()
    for alias, cls in MODELS.items():
        assert cls.alias == alias and alias.isidentifier()
        assert isinstance(cls(), Forecaster)
        assert isinstance(cls.candidate, bool)


def assert_within_contract(frame: pd.DataFrame, h: int, first_year: int) -> None:
    assert list(frame.columns) == ["mean", "lo80", "hi80", "lo95", "hi95"]
    assert len(frame) == h
    assert isinstance(frame.index, pd.PeriodIndex)
    assert [p.year for p in frame.index] == list(range(first_year, first_year + h))
    assert np.isfinite(frame.to_numpy()).all()
    assert (frame["lo95"] <= frame["lo80"]).all()
    assert (frame["lo80"] <= frame["mean"]).all()
    assert (frame["mean"] <= frame["hi80"]).all()
    assert (frame["hi80"] <= frame["hi95"]).all()


@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize("h", [1, 6])
def test_forecast_shape_and_ordering(alias: str, h: int, kor_rd: pd.Series) -> None:
    before = kor_rd.copy()
    model = MODELS[alias]()
    assert model.fit(kor_rd) is model
    assert_within_contract(model.forecast(h), h, 2023)
    pd.testing.assert_series_equal(kor_rd, before)  # input not mutated


@pytest.mark.parametrize("alias", ALIASES)
def test_shortest_declared_series_fits_and_one_point_less_is_refused(alias: str, kor_rd: pd.Series) -> None:
    """``min_obs`` is true: a series that short fits and forecasts within the contract; a shorter one is a
    ModelError (which the pipeline records as that method's failure), not a crash or a meaningless fan."""
    shortest = MODELS[alias].min_obs
    assert_within_contract(MODELS[alias]().fit(kor_rd.iloc[-shortest:]).forecast(3), 3, 2023)
    with pytest.raises(ModelError):
        MODELS[alias]().fit(kor_rd.iloc[-(shortest - 1):])


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
