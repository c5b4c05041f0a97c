"""Forecasting models (statsmodels) that project each indicator; see the forecasting issue.

``MODELS`` maps each alias to its class (a test pins the set). ``models.run.forecast_frame`` is the
entry point the warehouse calls; ``models.policy`` holds the catch-up and required-growth analytics.
"""

from __future__ import annotations

from models.arima import ARIMA
from models.base import LEVELS, Forecaster, ModelError
from models.baselines import Drift, Naive
from models.combination import Combination
from models.ets import ETS
from models.theta import Theta, ThetaLog

MODELS: dict[str, type] = {cls.alias: cls for cls in (Naive, Drift, ETS, ARIMA, Theta, ThetaLog, Combination)}

__all__ = ["ARIMA", "ETS", "LEVELS", "MODELS", "Combination", "Drift", "Forecaster", "ModelError", "Naive", "Theta",
           "ThetaLog"]
