"""Theta method (statsmodels ThetaModel), on the levels or on the logs of a positive series."""

from __future__ import annotations

from typing import Self

import numpy as np
import pandas as pd
from statsmodels.tsa.forecasting.theta import ThetaModel, ThetaModelResults

from models.base import BaseForecaster, ModelError, as_annual, quiet_fit


def _ses_one_step(values: np.ndarray, alpha: float) -> float:
    """SES one-step forecast with the initial level at the first value, as ThetaModel's OLS/SES fit uses."""
    level = values[0]
    for v in values:
        level = alpha * v + (1 - alpha) * level
    return float(level)


class Theta(BaseForecaster):
    """Theta method (Assimakopoulos & Nikolopoulos 2000): SES plus half the OLS trend, theta = 2 by default."""

    alias = "theta"
    min_obs = 4
    log_scale = False

    def __init__(self, theta: float = 2.0) -> None:
        if theta < 1:
            raise ValueError(f"theta must be >= 1, got {theta}")
        super().__init__(theta=theta)
        self.theta = theta

    def _transform(self, y: pd.Series) -> np.ndarray:
        values = y.to_numpy()
        if self.log_scale:
            if np.any(values <= 0):
                raise ModelError(f"{self.alias}: needs strictly positive values (min {values.min():g})")
            return np.log(values)
        return values

    def _back(self, values: np.ndarray) -> np.ndarray:
        return np.exp(values) if self.log_scale else values

    def _fit(self, y: pd.Series) -> None:
        self.result_ = ThetaModel(self._transform(y), period=1, deseasonalize=False).fit()

    def apply(self, y: pd.Series) -> Self:
        """Keep the fitted SES alpha; recompute the OLS slope and the SES level on ``y`` (cheap, exact)."""
        if self.y_ is None:
            raise ModelError(f"{self.alias}: apply() called before fit()")
        clone = self.clone()
        clone.y_ = as_annual(y, min_obs=self.min_obs)
        values = clone._transform(clone.y_)
        alpha = float(self.result_.params["alpha"])
        n = len(values)
        design = np.column_stack([np.ones(n), np.arange(n)])
        b0 = float(np.linalg.lstsq(design, values, rcond=None)[0][1])
        model = ThetaModel(values, period=1, deseasonalize=False)
        clone._one_step = _ses_one_step(values, alpha)
        clone.result_ = ThetaModelResults(b0, alpha, None, clone._one_step, np.empty(0), False, model)
        clone._applied = True
        return clone

    @property
    def description(self) -> str:
        return self.alias if self.theta == 2.0 else f"{self.alias}(theta={self.theta:g})"

    def _mean(self, h: int) -> np.ndarray:
        result = self.result_
        if getattr(self, "_applied", False):
            # Same expression as ThetaModelResults.forecast (Hyndman & Billah 2003) without building frames:
            # one_step + (theta - 1) / theta * b0 * (h - 1 + 1/alpha - (1 - alpha)^n / alpha).
            alpha, b0 = float(result.params["alpha"]), float(result.params["b0"])
            steps = np.arange(h, dtype=float)
            if alpha > 0:
                steps += 1 / alpha - (1 - alpha) ** len(self.y_) / alpha
            return self._back(self._one_step + (self.theta - 1) / self.theta * b0 * steps)
        return self._back(np.asarray(result.forecast(h, theta=self.theta)))

    def _bounds(self, h: int, levels: tuple[int, ...], mean: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        out = {}
        with quiet_fit():  # sigma2 comes from a lazily fitted ARIMA(0,1,1)
            for level in levels:
                frame = self.result_.prediction_intervals(h, theta=self.theta, alpha=1 - level / 100)
                out[level] = (self._back(frame["lower"].to_numpy()), self._back(frame["upper"].to_numpy()))
        return out


class ThetaLog(Theta):
    """Theta on log values, back-transformed: a multiplicative trend for positive, growing series."""

    alias = "theta_log"
    log_scale = True
