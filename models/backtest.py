"""Rolling-origin backtests: refit (or re-filter) at every cutoff the series allows, forecast up to h years."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import numpy as np
import pandas as pd

from models.base import Forecaster, ModelError, as_annual, check_h
from models.combination import Combination

log = logging.getLogger(__name__)

MIN_TRAIN = 6
COLUMNS = ["model", "cutoff", "year", "horizon", "y", "mean", "scale"]


def origins(n: int, *, min_train: int = MIN_TRAIN, n_windows: int | None = None, step: int = 1) -> list[int]:
    """Training lengths (one per origin): ``min_train .. n-1``, the latest ``n_windows`` if given."""
    lengths = list(range(n - 1, min_train - 1, -step))[::-1]
    if n_windows is not None:
        lengths = lengths[-n_windows:] if n_windows > 0 else []
    return lengths


def naive_scale(values: np.ndarray) -> float:
    """MASE denominator: the in-sample mean absolute one-year change (lag-1 naive MAE)."""
    return float(np.mean(np.abs(np.diff(values)))) if len(values) > 1 else float("nan")


def backtest_many(
    models: Mapping[str, Forecaster],
    y: pd.Series,
    *,
    h: int,
    min_train: int = MIN_TRAIN,
    n_windows: int | None = None,
    step: int = 1,
    refit: bool = False,
) -> pd.DataFrame:
    """Backtest several fitted models on the same origins.

    Args:
        models: alias -> model already fitted on the whole of ``y``.
        y: the clean annual series.
        h: longest horizon; near the end of the series the horizon is cut to the years available.
        min_train: shortest training window.
        n_windows: keep only the latest origins (None: as many as the length allows).
        step: years between origins.
        refit: re-estimate every model at every origin. The default re-runs each model's filter with
            the parameters fitted on all of ``y`` (``Forecaster.apply``), which is 5-10x faster; the
            parameters then have seen the later part of the training data (never the test data).

    Returns:
        One row per (model, cutoff, year): cutoff is the last training year, horizon 1..h, y the actual,
        mean the forecast, scale the training window's lag-1 naive MAE (divide |y - mean| by it for MASE).
        A model that fails at an origin is logged and skipped there.
    """
    h = check_h(h)
    y = as_annual(y, min_obs=2)
    values = y.to_numpy()
    years = np.asarray(y.index.year)
    columns: dict[str, list] = {c: [] for c in COLUMNS}
    for length in origins(len(y), min_train=min_train, n_windows=n_windows, step=step):
        window = y.iloc[:length]
        steps = min(h, len(y) - length)
        scale = naive_scale(values[:length])
        done: dict[str, np.ndarray] = {}
        for alias, model in models.items():
            try:
                mean = _origin_mean(model, window, steps, refit, done)
            except (ModelError, ValueError, np.linalg.LinAlgError) as exc:
                log.debug("backtest.origin_failed model=%s cutoff=%s error=%s", alias, years[length - 1], exc)
                continue
            done[alias] = mean
            columns["model"] += [alias] * steps
            columns["cutoff"] += [int(years[length - 1])] * steps
            columns["year"] += years[length : length + steps].tolist()
            columns["horizon"] += list(range(1, steps + 1))
            columns["y"] += values[length : length + steps].tolist()
            columns["mean"] += mean.tolist()
            columns["scale"] += [scale] * steps
    return pd.DataFrame(columns, columns=COLUMNS).astype(
        {"cutoff": "int64", "year": "int64", "horizon": "int64", "y": "float64", "mean": "float64"}
    )


def _origin_mean(
    model: Forecaster, window: pd.Series, steps: int, refit: bool, done: dict[str, np.ndarray]
) -> np.ndarray:
    """One origin's point forecast; a combination reuses members already computed at this origin."""
    if isinstance(model, Combination) and hasattr(model, "members_"):
        aliases = [m.alias for m in model.members_]
        if all(a in done for a in aliases):
            return np.mean([done[a] for a in aliases], axis=0)
    fitted = model.clone().fit(window) if refit else model.apply(window)
    return fitted.point(steps)


def backtest(
    model: Forecaster,
    y: pd.Series,
    *,
    h: int,
    min_train: int = MIN_TRAIN,
    n_windows: int | None = None,
    step: int = 1,
    refit: bool = True,
) -> pd.DataFrame:
    """Rolling-origin evaluation of one model (STYLE 2.5): fits it on ``y`` first, then backtests.

    Returns the frame of ``backtest_many`` for this model. Refits at every origin by default here
    (one model is cheap); the pipeline uses ``backtest_many(refit=False)``.
    """
    fitted = model.clone().fit(y) if not refit else model
    return backtest_many({model.alias: fitted}, y, h=h, min_train=min_train, n_windows=n_windows,
                         step=step, refit=refit)


def scaled_errors(frame: pd.DataFrame) -> pd.Series:
    """|y - mean| / scale for each backtest row (NaN where the window had no variation)."""
    scale = frame["scale"].where(frame["scale"] > 0)
    return (frame["y"] - frame["mean"]).abs() / scale
