"""Naive (no change) and drift (average past change) baselines with closed-form normal intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.base import BaseForecaster, normal_bounds


class Naive(BaseForecaster):
    """Random walk: every future year equals the last observation; sd grows with sqrt(h)."""

    alias = "naive"
    min_obs = 2
    candidate = True

    def _fit(self, y: pd.Series) -> None:
        values = y.to_numpy()
        self.last_ = float(values[-1])
        diffs = np.diff(values)
        self.sigma_ = float(np.sqrt(np.mean(diffs**2)))

    def _mean(self, h: int) -> np.ndarray:
        return np.full(h, self.last_)

    def _bounds(self, h: int, levels: tuple[int, ...], mean: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        return normal_bounds(mean, self.sigma_ * np.sqrt(np.arange(1, h + 1)), levels)


class Drift(BaseForecaster):
    """Random walk with drift: the line through the first and last observations, extended.

    Intervals follow Hyndman & Athanasopoulos (FPP3, 5.5): sd_h = sigma * sqrt(h * (1 + h / (T - 1))),
    which adds the uncertainty of the estimated slope.
    """

    alias = "drift"
    min_obs = 3
    candidate = True

    def _fit(self, y: pd.Series) -> None:
        values = y.to_numpy()
        n = len(values)
        self.last_ = float(values[-1])
        self.slope_ = float((values[-1] - values[0]) / (n - 1))
        resid = np.diff(values) - self.slope_
        self.sigma_ = float(np.sqrt(np.sum(resid**2) / max(n - 2, 1)))
        self.n_ = n

    def _mean(self, h: int) -> np.ndarray:
        return self.last_ + self.slope_ * np.arange(1, h + 1)

    def _bounds(self, h: int, levels: tuple[int, ...], mean: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        steps = np.arange(1, h + 1)
        sd = self.sigma_ * np.sqrt(steps * (1 + steps / (self.n_ - 1)))
        return normal_bounds(mean, sd, levels)
