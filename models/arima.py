"""ARIMA with drift (statsmodels ARIMA): a small (p, 1, q) order search by AICc."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Self

import numpy as np
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA as _ARIMA

from models.base import BaseForecaster, ModelError, as_annual, quiet_fit

log = logging.getLogger(__name__)

# d = 1 for every candidate so that AICc values are comparable (they are not across d);
# trend "t" on a once-differenced model is a drift term. (0,1,0) with drift is the drift baseline.
DEFAULT_ORDERS: tuple[tuple[int, int, int], ...] = ((0, 1, 0), (1, 1, 0), (0, 1, 1), (1, 1, 1))


class ARIMA(BaseForecaster):
    """ARIMA(p,1,q) with drift; the order with the lowest AICc among ``orders`` is kept."""

    alias = "arima"
    min_obs = 6

    def __init__(self, orders: Sequence[tuple[int, int, int]] = DEFAULT_ORDERS) -> None:
        if not orders or any(len(o) != 3 or o[1] != 1 for o in orders):
            raise ValueError(f"orders must be (p, 1, q) tuples so AICc is comparable, got {orders}")
        super().__init__(orders=tuple(tuple(o) for o in orders))
        self.orders = tuple(tuple(o) for o in orders)

    def _fit(self, y: pd.Series) -> None:
        values = y.to_numpy()
        best = None
        converged = True
        for order in self.orders:
            if sum(order) + 2 >= len(values):  # too few points for this order
                continue
            try:
                result = _ARIMA(values, order=order, trend="t").fit()
            except (np.linalg.LinAlgError, ValueError) as exc:
                log.debug("arima.order_failed order=%s error=%s", order, exc)
                continue
            aicc = float(result.aicc)
            if np.isfinite(aicc) and (best is None or aicc < best[0]):
                best = (aicc, order, result)
                converged = bool(result.mle_retvals.get("converged", True)) if result.mle_retvals else True
        if best is None:
            raise ModelError(f"arima: no order in {self.orders} could be fitted ({len(values)} points)")
        self.aicc_, self.order_, self.result_ = best
        self._converged = converged

    def apply(self, y: pd.Series) -> Self:
        """The fitted order and parameters re-filtered on ``y`` (statsmodels ``apply(refit=False)``)."""
        if self.y_ is None:
            raise ModelError("arima: apply() called before fit()")
        clone = self.clone()
        clone.y_ = as_annual(y, min_obs=3)
        clone.order_, clone.aicc_ = self.order_, float("nan")
        with quiet_fit() as record:
            clone.result_ = self.result_.apply(clone.y_.to_numpy())
        clone.record_ = record
        return clone

    @property
    def description(self) -> str:
        order = getattr(self, "order_", None)
        return f"arima{order}+drift" if order else self.alias

    def _mean(self, h: int) -> np.ndarray:
        return np.asarray(self.result_.forecast(h))

    def _bounds(self, h: int, levels: tuple[int, ...], mean: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        forecast = self.result_.get_forecast(h)
        out = {}
        for level in levels:
            ci = np.asarray(forecast.conf_int(alpha=1 - level / 100))
            out[level] = (ci[:, 0], ci[:, 1])
        return out
