"""ETS (statsmodels ETSModel): the form (none / additive / damped trend) chosen by AICc."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Self

import numpy as np
import pandas as pd
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from models.base import BaseForecaster, ModelError, as_annual, quiet_fit

log = logging.getLogger(__name__)

# Form code -> ETSModel arguments. Error, trend (d = damped), no season: annual data has none.
FORMS: dict[str, dict[str, Any]] = {
    "ANN": {"error": "add", "trend": None, "damped_trend": False},
    "AAN": {"error": "add", "trend": "add", "damped_trend": False},
    "AAdN": {"error": "add", "trend": "add", "damped_trend": True},
    "MNN": {"error": "mul", "trend": None, "damped_trend": False},
    "MAN": {"error": "mul", "trend": "add", "damped_trend": False},
    "MAdN": {"error": "mul", "trend": "add", "damped_trend": True},
}
# Additive forms only by default: on the M3/M1/Tourism yearly training sets, adding the multiplicative-error
# forms to the AICc search made the chosen model worse (bench/forecast_m3.py; see models/README notes).
DEFAULT_FORMS = ("ANN", "AAN", "AAdN")


class ETS(BaseForecaster):
    """Exponential smoothing state-space model; fits each form in ``forms`` and keeps the lowest AICc.

    Multiplicative-error forms are skipped (with a log line) when the series is not strictly positive.
    """

    alias = "ets"
    min_obs = 5

    def __init__(self, forms: Sequence[str] = DEFAULT_FORMS) -> None:
        unknown = [f for f in forms if f not in FORMS]
        if unknown or not forms:
            raise ValueError(f"unknown ETS forms {unknown}; choose from {sorted(FORMS)}")
        super().__init__(forms=tuple(forms))
        self.forms = tuple(forms)

    def _fit(self, y: pd.Series) -> None:
        values = y.to_numpy()
        positive = bool(np.all(values > 0))
        best: tuple[float, str, Any] | None = None
        for form in self.forms:
            if FORMS[form]["error"] == "mul" and not positive:
                log.debug("ets.skip_form form=%s reason=non-positive values", form)
                continue
            # A RangeIndex Series, not an ndarray: get_prediction needs a pandas index in statsmodels 0.15.
            result = ETSModel(pd.Series(values), **FORMS[form]).fit(disp=False)
            aicc = float(result.aicc)
            if not np.isfinite(aicc):
                continue
            if best is None or aicc < best[0]:
                best = (aicc, form, result)
        if best is None:
            raise ModelError(f"ets: no form in {self.forms} could be fitted ({len(values)} points)")
        self.aicc_, self.form_, self.result_ = best
        self._converged = bool((self.result_.mle_retvals or {}).get("converged", True))

    def apply(self, y: pd.Series) -> Self:
        """Re-run the fitted form's filter on ``y`` with the fitted parameters (no re-estimation)."""
        if self.y_ is None:
            raise ModelError("ets: apply() called before fit()")
        clone = self.clone()
        clone.y_ = as_annual(y, min_obs=2)
        clone.form_, clone.aicc_ = self.form_, float("nan")
        with quiet_fit() as record:
            clone.result_ = ETSModel(pd.Series(clone.y_.to_numpy()), **FORMS[self.form_]).smooth(self.result_.params)
        clone.record_ = record
        return clone

    @property
    def description(self) -> str:
        return f"ets({getattr(self, 'form_', '?')})"

    def _mean(self, h: int) -> np.ndarray:
        return np.asarray(self.result_.forecast(h))

    def _bounds(self, h: int, levels: tuple[int, ...], mean: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        n = len(self.y_)
        with quiet_fit():
            prediction = self.result_.get_prediction(start=n, end=n + h - 1)
        out = {}
        for level in levels:
            frame = prediction.summary_frame(alpha=1 - level / 100)
            out[level] = (frame["pi_lower"].to_numpy(), frame["pi_upper"].to_numpy())
        return out
