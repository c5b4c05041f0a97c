"""Forecasting models (statsmodels) that project each indicator; see the forecasting issue.

``MODELS`` maps each alias to its class. ``models.refresh.refit`` (which series to refit) and
``models.run.forecast_frame`` are what the pipeline calls; ``models.policy`` and ``models.analytics`` hold
the catch-up analytics (crossing year, probabilities by year). Frames in, frames out: no module here reads or
writes a database.
"""

from __future__ import annotations

from models.arima import ARIMA
from models.base import LEVELS, Forecaster, ModelError
from models.baselines import Drift, Naive
from models.combination import Combination
from models.ets import ETS
from models.theta import Theta, ThetaLog

#: Every forecasting method, by alias. A new method is its module and one entry here.
MODELS: dict[str, type] = {cls.alias: cls for cls in (Naive, Drift, ETS, ARIMA, Theta, ThetaLog, Combination)}
#: The methods that may be shown: those declaring ``candidate = True`` (see ``models.run``).
CANDIDATES: tuple[str, ...] = tuple(alias for alias, cls in MODELS.items() if cls.candidate)

__all__ = ["ARIMA", "ETS", "LEVELS", "MODELS", "Combination", "Drift", "Forecaster", "ModelError", "Naive", "Theta",
           "ThetaLog"]
