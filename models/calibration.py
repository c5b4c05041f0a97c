"""Calibrated intervals from backtest errors, pooled across series, because raw model intervals are too narrow.

Errors are put on a common scale first: a = |y - forecast| / s, with s the training window's lag-1 naive MAE
(the MASE denominator). For each method the pool of all series gives

* a **horizon shape** g(h) = h ** gamma, fitted to the pooled median of a at each horizon;
* a **prior level** sigma0, the pooled mean of u = a / g(h);
* **quantiles** c(level, h) of u / sigma_s per horizon, where sigma_s is the series' own level estimated
  *only from errors already observable at that origin* (forward chaining, as a conformal calibration set),
  so the quantiles include the noise of estimating a short series' level. When the caller says which
  methods each series could show (``selectable``), the choice of method is replayed at every origin too
  (``models.selection.decide`` on the errors observable then), and a method's quantiles come from the
  origins where it *would have been chosen*: a method is shown where its backtest looked best, so its
  own errors understate its future ones (the winner's curse), and these quantiles include that.

A series' level counts each backtest origin once (the errors of one origin move together, so rows overstate
the evidence, and the latest origins have fewer horizons): with m_o the mean u of origin o and n_o origins,
sigma_s = (sum_o m_o + K sigma0) / (n_o + K), shrunk towards the pool by K pseudo-origins. The
interval is forecast +/- c(level, h) g(h) sigma_s s_T (made non-decreasing in h), with s_T the whole
series' scale; the lower bound is cut at zero when no observation is negative. Each quantile is the
conformal one, the ceil((n + 1) level)-th smallest of n ratios; a horizon with fewer than ``MIN_CELL``
ratios uses the quantile pooled over horizons. A method with ratios from fewer than ``MIN_SERIES`` series
borrows the quantiles of all methods' ratios pooled; if the call has too few series, the built-in
``DEFAULTS`` are used (fitted the same way on the training parts of the M1 and Tourism yearly series).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.backtest import scaled_errors
from models.selection import decide

log = logging.getLogger(__name__)

# K: pseudo-origins of prior level. Chosen by the interval score of the forward-chained 95% intervals on the
# training parts of M1 and Tourism (best at 12 on both; flat between 6 and 24).
PRIOR_WEIGHT = 12.0
MIN_SERIES = 20  # fewest series whose errors may calibrate a pool on their own
MIN_CELL = 100  # fewest ratios for a horizon's own quantile
LEVELS = (80, 95)


@dataclass(frozen=True)
class MethodCalibration:
    """Pooled calibration of one method: horizon exponent, prior level and standardized quantiles per horizon."""

    gamma: float
    sigma0: float
    quantiles: dict[int, tuple[float, ...]]  # level -> c(level, h) for h = 1, 2, ... (the last repeats)
    n_errors: int

    def shape(self, h: int) -> np.ndarray:
        """g(1..h) = h ** gamma."""
        return np.arange(1, h + 1, dtype=float) ** self.gamma

    def factor(self, level: int, h: int) -> np.ndarray:
        """c(level, 1..h) g(1..h), non-decreasing in h (None-level: the default's)."""
        c = self.quantiles.get(level) or DEFAULT.quantiles.get(level) or (2.0,)
        per_h = np.array([c[min(i, len(c) - 1)] for i in range(h)], dtype=float)
        return np.maximum.accumulate(per_h * self.shape(h))


# Selection-aware calibrations fitted on the training parts of the M1 (181) and Tourism (518) yearly series
# together, backtested to h = 6 (fit_calibration on run_frame's errors: 243,600 backtest errors). Used when a call
# has too few series of its own (a refresh of a few changed series): DEFAULTS per method shown, DEFAULT (all
# methods pooled) for any other.
DEFAULTS: dict[str, MethodCalibration] = {
    "naive": MethodCalibration(0.787, 1.935, {80: (1.28, 1.20, 1.24, 1.27, 1.32, 1.39),
                                              95: (2.51, 2.40, 2.29, 2.56, 2.71, 2.82)}, 0),
    "drift": MethodCalibration(0.711, 1.758, {80: (1.52, 1.55, 1.61, 1.69, 1.73, 1.78),
                                              95: (2.75, 2.97, 3.28, 3.69, 4.22, 4.46)}, 0),
    "combination": MethodCalibration(0.731, 1.764, {80: (1.39, 1.23, 1.19, 1.22, 1.27, 1.40),
                                                    95: (2.57, 2.44, 2.36, 2.59, 2.99, 3.62)}, 0),
}
DEFAULT = MethodCalibration(0.751, 1.818, {80: (1.44, 1.37, 1.38, 1.44, 1.47, 1.56),
                                           95: (2.64, 2.69, 2.78, 3.15, 3.44, 3.68)}, 0)


def conformal_quantile(values: np.ndarray, level: float) -> float:
    """The ceil((n + 1) level)-th smallest of n values (split-conformal); the largest if that exceeds n."""
    x = np.sort(np.asarray(values, dtype=float))
    if len(x) == 0:
        return float("nan")
    k = min(math.ceil((len(x) + 1) * level), len(x))
    return float(x[k - 1])


def msis(y: np.ndarray, lo: np.ndarray, hi: np.ndarray, scale: float, level: int = 95) -> float:
    """Mean scaled interval score (M4 competition) of one series' interval forecasts.

    mean over horizons of (hi - lo) + (2 / a)(lo - y)[y < lo] + (2 / a)(y - hi)[y > hi], divided by ``scale``
    (the in-sample lag-1 naive MAE for yearly data), with a = 1 - level / 100.
    """
    y, lo, hi = (np.asarray(v, dtype=float) for v in (y, lo, hi))
    alpha = 1 - level / 100
    penalty = (hi - lo) + 2 / alpha * np.maximum(lo - y, 0) + 2 / alpha * np.maximum(y - hi, 0)
    return float(np.mean(penalty) / scale)


def series_level(u: np.ndarray, cutoffs: np.ndarray, sigma0: float, weight: float = PRIOR_WEIGHT) -> float:
    """A series' error level: the mean over its origins of each origin's mean ``u`` (``cutoffs`` gives each
    value's origin), shrunk towards ``sigma0`` as if the prior were ``weight`` more origins."""
    if len(u) == 0:
        return float(sigma0)
    _, origin = np.unique(cutoffs, return_inverse=True)
    means = np.bincount(origin, weights=u) / np.bincount(origin)
    return float((np.sum(means) + weight * sigma0) / (len(means) + weight))


def _prepare(errors: pd.DataFrame) -> pd.DataFrame:
    frame = errors.assign(a=scaled_errors(errors))
    return frame[np.isfinite(frame["a"])]


def _fit_gamma(frame: pd.DataFrame) -> float:
    med = frame.groupby("horizon")["a"].median()
    counts = frame.groupby("horizon")["a"].size()
    med = med[(counts >= 20) & (med > 0)]
    if 1 not in med.index or len(med) < 2:
        return DEFAULT.gamma
    x, z = np.log(med.index.to_numpy(dtype=float)), np.log(med.to_numpy() / med.loc[1])
    gamma = float(np.sum(x * z) / np.sum(x * x))  # through the origin: g(1) = 1
    return float(np.clip(gamma, 0.0, 2.0))


def _shape_and_level(frame: pd.DataFrame) -> tuple[float, float]:
    """gamma and sigma0 of a method's pooled rows (finite a)."""
    gamma = _fit_gamma(frame)
    u = frame["a"].to_numpy() / frame["horizon"].to_numpy(dtype=float) ** gamma
    return gamma, float(np.mean(u)) if len(u) else DEFAULT.sigma0


def _quantiles(ratios: pd.DataFrame, levels: Sequence[int]) -> dict[int, tuple[float, ...]]:
    """Conformal quantiles of ``ratios["q"]`` per horizon 1..max (pooled where a horizon has few)."""
    q, h = ratios["q"].to_numpy(), ratios["h"].to_numpy()
    out = {}
    for level in levels:
        pooled = conformal_quantile(q, level / 100)
        out[level] = tuple(conformal_quantile(q[h == k], level / 100) if np.sum(h == k) >= MIN_CELL else pooled
                           for k in range(1, int(h.max()) + 1))
    return out


def _forward_ratios(frame: pd.DataFrame, shapes: Mapping[str, tuple[float, float]], weight: float,
                    selectable: Mapping[object, Sequence[str]] | None) -> pd.DataFrame:
    """Rows (model, series, h, q): the ratio u / sigma of each backtest error to the level estimated from the
    errors observable at its origin (year <= cutoff). With ``selectable``, only the method the selection
    rule would have chosen at that origin contributes; else every method at every origin."""
    models = sorted(shapes)
    wide = frame[frame["model"].isin(models)].pivot_table(index=["series", "cutoff", "horizon"], columns="model",
                                                          values="a", aggfunc="first")
    wide = wide.reindex(columns=models)
    keys = wide.index.to_frame(index=False)
    a = wide.to_numpy(dtype=float)
    u = a / keys["horizon"].to_numpy(dtype=float)[:, None] ** np.array([shapes[m][0] for m in models])
    series, cutoff, horizon = (keys[c].to_numpy() for c in ("series", "cutoff", "horizon"))
    year = cutoff + horizon
    starts = np.r_[0, np.flatnonzero(series[1:] != series[:-1]) + 1, len(series)]
    out: dict[str, list] = {"model": [], "series": [], "h": [], "q": []}
    for lo, hi in zip(starts[:-1], starts[1:], strict=True):
        s = series[lo]
        cols = list(range(len(models)))
        if selectable is not None:
            cols = [models.index(m) for m in selectable.get(s, ()) if m in models]
            if not cols:
                continue
        A, U, cut, yr, hz = a[lo:hi], u[lo:hi], cutoff[lo:hi], year[lo:hi], horizon[lo:hi]
        complete = np.all(np.isfinite(A[:, cols]), axis=1)
        for c in np.unique(cut):
            seen = yr <= c
            if selectable is not None:
                common = seen & complete
                if not common.any():
                    continue  # nothing observable yet: the rule would show naive without a backtest
                mase = {models[j]: float(np.mean(A[common, j])) for j in cols}
                if "naive" not in mase:
                    continue
                chosen = decide(mase, len(np.unique(cut[common]))).model
                use = [models.index(chosen)]
            else:
                use = cols
            now = cut == c
            for j in use:
                past = seen & np.isfinite(U[:, j])
                sigma = series_level(U[past, j], cut[past], shapes[models[j]][1], weight)
                rows = now & np.isfinite(U[:, j])
                if sigma <= 0 or not rows.any():
                    continue
                n = int(rows.sum())
                out["model"] += [models[j]] * n
                out["series"] += [s] * n
                out["h"] += hz[rows].tolist()
                out["q"] += (U[rows, j] / sigma).tolist()
    return pd.DataFrame(out)


def fit_method(errors: pd.DataFrame, levels: Sequence[int] = LEVELS, weight: float = PRIOR_WEIGHT) -> MethodCalibration:
    """Calibrate one method from pooled backtest rows (columns series, cutoff, year, horizon, y, mean, scale),
    every origin counting (no selection)."""
    frame = _prepare(errors)
    if len(frame) == 0:
        return DEFAULT
    gamma, sigma0 = _shape_and_level(frame)
    ratios = _forward_ratios(frame.assign(model="m"), {"m": (gamma, sigma0)}, weight, None)
    return MethodCalibration(gamma, sigma0, _quantiles(ratios, levels), len(frame))


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
        u, cutoffs = np.empty(0), np.empty(0)
        if own_errors is not None and len(own_errors):
            own = _prepare(own_errors)
            u = own["a"].to_numpy() / own["horizon"].to_numpy(dtype=float) ** cal.gamma
            cutoffs = own["cutoff"].to_numpy()
        sigma = series_level(u, cutoffs, cal.sigma0, self.weight)
        out = {}
        for level in levels:
            half = cal.factor(level, len(mean)) * sigma * scale
            lo, hi = mean - half, mean + half
            if positive:
                lo = np.maximum(lo, 0.0)
            out[level] = (lo, hi)
        return out


def fit_calibration(
    errors: pd.DataFrame,
    methods: Iterable[str],
    *,
    levels: Sequence[int] = LEVELS,
    weight: float = PRIOR_WEIGHT,
    selectable: Mapping[object, Sequence[str]] | None = None,
) -> Calibration:
    """Calibrate every method in ``methods`` from pooled backtest rows of many series.

    Args:
        errors: backtest rows with a ``series`` key column and ``model`` (see ``models.backtest``).
        methods: aliases to calibrate (the methods shown, usually).
        levels: interval levels.
        weight: prior weight K of the pooled level (in origins).
        selectable: series key -> the methods it may show (naive among them). Given, the choice is replayed
            at every origin and each method is calibrated on the origins where it would have been shown.
    """
    methods = list(methods)
    if errors.empty or errors["series"].nunique() < MIN_SERIES:
        return Calibration(dict(DEFAULTS), DEFAULT, weight)
    frame = _prepare(errors)
    if frame["series"].nunique() < MIN_SERIES:
        return Calibration(dict(DEFAULTS), DEFAULT, weight)
    pooled_shape = _shape_and_level(frame)
    wanted = set(methods) | ({m for v in selectable.values() for m in v} if selectable is not None else set())
    shapes = {}
    for alias in sorted(wanted & set(frame["model"])):
        rows = frame[frame["model"] == alias]
        shapes[alias] = _shape_and_level(rows) if rows["series"].nunique() >= MIN_SERIES else pooled_shape
    ratios = _forward_ratios(frame, shapes, weight, selectable)
    if ratios.empty or ratios["series"].nunique() < MIN_SERIES:
        return Calibration(dict(DEFAULTS), DEFAULT, weight)
    # Every ratio is relative to its own method's shape and level, so the pool's quantiles fit any method's.
    pooled = _quantiles(ratios, levels)
    fitted = {}
    for alias in methods:
        own = ratios[ratios["model"] == alias]
        quantiles = _quantiles(own, levels) if own["series"].nunique() >= MIN_SERIES else pooled
        fitted[alias] = MethodCalibration(*shapes.get(alias, pooled_shape), quantiles,
                                          int((frame["model"] == alias).sum()))
        log.debug("calibration.fit method=%s ratios=%d %s", alias, len(own), fitted[alias])
    return Calibration(fitted, MethodCalibration(*pooled_shape, pooled, len(frame)), weight)
