"""Calibrated intervals from backtest errors, pooled across series, because raw model intervals are too narrow.

Errors are put on a common scale first: a = |y - forecast| / s, with s the training window's lag-1 naive MAE
(the MASE denominator). For each method the pool of all series gives

* a **horizon shape** g(h) = h ** gamma, fitted to the pooled median of a at each horizon;
* a **prior level** sigma0, the pooled mean of u = a / g(h);
* **quantiles** c(80), c(95) of u / sigma_s, where sigma_s is the series' own level estimated *only from
  errors already observable at that origin* (forward chaining), so the quantiles include the noise of
  estimating a short series' level.

A series' level is shrunk towards the pool: sigma_s = (sum u + K sigma0) / (n_u + K). The interval is
forecast +/- c(level) * g(h) * sigma_s * s_T, with s_T the whole series' scale; the lower bound is cut at
zero when every observation is positive. A method backtested on fewer than ``MIN_SERIES`` series borrows
the pool of all methods; if even that has too few series, the built-in ``DEFAULT`` is used (fitted the same
way on the training parts of the M1 and Tourism yearly series).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.backtest import scaled_errors

log = logging.getLogger(__name__)

PRIOR_WEIGHT = 6.0  # K: pseudo-errors of prior level; about one origin's worth of horizons
MIN_SERIES = 20  # fewest series whose errors may calibrate a pool on their own
LEVELS = (80, 95)


@dataclass(frozen=True)
class MethodCalibration:
    """Pooled calibration of one method: horizon exponent, prior level and standardized quantiles."""

    gamma: float
    sigma0: float
    quantiles: dict[int, float]
    n_errors: int

    def shape(self, h: int) -> np.ndarray:
        """g(1..h) = h ** gamma."""
        return np.arange(1, h + 1, dtype=float) ** self.gamma


# All methods pooled over the training parts of the M1 (181) and Tourism (518) yearly series (191,360 backtest
# errors; models.calibration.fit_method on run_frame's errors). Used only when a call has too few errors of its own.
DEFAULT = MethodCalibration(gamma=0.58, sigma0=1.94, quantiles={80: 1.71, 95: 3.51}, n_errors=0)


def _prepare(errors: pd.DataFrame) -> pd.DataFrame:
    frame = errors.assign(a=scaled_errors(errors))
    frame = frame[np.isfinite(frame["a"])]
    return frame


def _fit_gamma(frame: pd.DataFrame) -> float:
    med = frame.groupby("horizon")["a"].median()
    counts = frame.groupby("horizon")["a"].size()
    med = med[(counts >= 20) & (med > 0)]
    if 1 not in med.index or len(med) < 2:
        return DEFAULT.gamma
    x, z = np.log(med.index.to_numpy(dtype=float)), np.log(med.to_numpy() / med.loc[1])
    gamma = float(np.sum(x * z) / np.sum(x * x))  # through the origin: g(1) = 1
    return float(np.clip(gamma, 0.0, 2.0))


def series_level(u: np.ndarray, sigma0: float, weight: float = PRIOR_WEIGHT) -> float:
    """A series' error level, shrunk towards the pooled ``sigma0``."""
    return float((np.sum(u) + weight * sigma0) / (len(u) + weight))


def _forward_ratios(frame: pd.DataFrame, sigma0: float, weight: float) -> np.ndarray:
    """u / sigma estimated from the errors observable at each row's cutoff (year <= cutoff), per series."""
    out = []
    for _, rows in frame.groupby("series", sort=False):
        years, u, cutoffs = rows["year"].to_numpy(), rows["u"].to_numpy(), rows["cutoff"].to_numpy()
        for cutoff in np.unique(cutoffs):
            seen = u[years <= cutoff]
            sigma = series_level(seen, sigma0, weight)
            out.append(u[cutoffs == cutoff] / sigma)
    return np.concatenate(out) if out else np.empty(0)


def fit_method(errors: pd.DataFrame, levels: Sequence[int] = LEVELS, weight: float = PRIOR_WEIGHT) -> MethodCalibration:
    """Calibrate one method from pooled backtest rows (columns series, cutoff, year, horizon, y, mean, scale)."""
    frame = _prepare(errors)
    if len(frame) == 0:
        return DEFAULT
    gamma = _fit_gamma(frame)
    frame = frame.assign(u=frame["a"] / frame["horizon"].to_numpy(dtype=float) ** gamma)
    sigma0 = float(frame["u"].mean())
    ratios = _forward_ratios(frame, sigma0, weight)
    quantiles = {lv: float(np.quantile(ratios, lv / 100)) for lv in levels}
    return MethodCalibration(gamma, sigma0, quantiles, len(frame))


@dataclass
class Calibration:
    """Calibrations per method alias, with the all-methods pool and the built-in default as fallbacks."""

    methods: dict[str, MethodCalibration]
    fallback: MethodCalibration = DEFAULT
    weight: float = PRIOR_WEIGHT

    def for_method(self, alias: str) -> MethodCalibration:
        """The method's own calibration if its pool was large enough, else the fallback."""
        return self.methods.get(alias, self.fallback)

    def bounds(
        self,
        alias: str,
        mean: np.ndarray,
        scale: float,
        own_errors: pd.DataFrame | None,
        *,
        levels: Iterable[int] = LEVELS,
        positive: bool = False,
    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Calibrated bounds around ``mean`` for one series.

        Args:
            alias: the method shown.
            mean: its point forecast (h values).
            scale: the series' lag-1 naive MAE over its whole history.
            own_errors: this series' backtest rows for ``alias`` (or None).
            levels: interval levels in percent.
            positive: cut lower bounds at zero (the series is never below zero).
        """
        cal = self.for_method(alias)
        g = cal.shape(len(mean))
        u = np.empty(0)
        if own_errors is not None and len(own_errors):
            own = _prepare(own_errors)
            u = own["a"].to_numpy() / own["horizon"].to_numpy(dtype=float) ** cal.gamma
        sigma = series_level(u, cal.sigma0, self.weight)
        out = {}
        for level in levels:
            half = cal.quantiles.get(level, DEFAULT.quantiles.get(level, 2.0)) * g * sigma * scale
            lo, hi = mean - half, mean + half
            if positive:
                lo = np.maximum(lo, 0.0)
            out[level] = (lo, hi)
        return out


def fit_calibration(
    errors: pd.DataFrame, methods: Iterable[str], *, levels: Sequence[int] = LEVELS, weight: float = PRIOR_WEIGHT
) -> Calibration:
    """Calibrate every method in ``methods`` from pooled backtest rows of many series.

    Args:
        errors: backtest rows with a ``series`` key column and ``model`` (see ``models.backtest``).
        methods: aliases to calibrate (the methods shown, usually).
        levels: interval levels.
        weight: prior weight K of the pooled level.
    """
    fallback = DEFAULT
    if len(errors) and errors["series"].nunique() >= MIN_SERIES:
        fallback = fit_method(errors, levels, weight)
    fitted = {}
    for alias in methods:
        rows = errors[errors["model"] == alias]
        if len(rows) and rows["series"].nunique() >= MIN_SERIES:
            fitted[alias] = fit_method(rows, levels, weight)
            log.debug("calibration.fit method=%s n=%d %s", alias, len(rows), fitted[alias])
    return Calibration(fitted, fallback, weight)
