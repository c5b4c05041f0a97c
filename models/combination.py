"""Equal-weight combination of the strong models: the mean of their point forecasts and of their bounds."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Self

import numpy as np
import pandas as pd

from models.base import BaseForecaster, Forecaster, ModelError, as_annual, check_h, future_index, interval_frame

log = logging.getLogger(__name__)


def default_members() -> list[BaseForecaster]:
    """ETS (AICc form), Theta, Theta on logs, and drift: the members chosen on the yearly M3/M1/Tourism sets."""
    from models.baselines import Drift
    from models.ets import ETS
    from models.theta import Theta, ThetaLog

    return [ETS(), Theta(), ThetaLog(), Drift()]


class Combination(BaseForecaster):
    """Mean of the members' forecasts. A member that cannot fit (e.g. theta_log on non-positive data) is left out.

    Intervals are the mean of the members' bounds (quantile averaging); calibrated intervals come
    from ``models.calibration`` and replace them in the pipeline.
    """

    alias = "combination"
    candidate = True
    min_obs = 5

    def __init__(self, members: Sequence[Forecaster] | None = None) -> None:
        super().__init__(members=None if members is None else list(members))
        self.members = list(members) if members is not None else default_members()
        aliases = [m.alias for m in self.members]
        if len(set(aliases)) != len(aliases):
            raise ValueError(f"duplicate member aliases: {aliases}")

    @classmethod
    def of(cls, fitted: Sequence[Forecaster]) -> Combination:
        """Wrap members that are already fitted on the same series (no refit)."""
        combo = cls(list(fitted))
        combo.y_ = fitted[0].y_
        combo.members_ = list(fitted)
        combo.skipped_ = {}
        return combo

    def _fit(self, y: pd.Series) -> None:
        fitted, skipped = [], {}
        for member in self.members:
            try:
                fitted.append(member.clone().fit(y))
            except ModelError as exc:
                skipped[member.alias] = str(exc)
                log.debug("combination.skip member=%s reason=%s", member.alias, exc)
        if not fitted:
            raise ModelError(f"combination: no member could be fitted: {skipped}")
        self.members_, self.skipped_ = fitted, skipped

    def apply(self, y: pd.Series) -> Self:
        """Each fitted member's ``apply`` on ``y``."""
        if self.y_ is None:
            raise ModelError("combination: apply() called before fit()")
        clone = type(self).of([m.apply(y) for m in self.members_])
        clone.y_ = as_annual(y, min_obs=2)
        return clone

    @property
    def converged(self) -> bool:
        """Whether every member's optimiser converged."""
        return all(m.converged for m in getattr(self, "members_", []))

    @property
    def description(self) -> str:
        names = [getattr(m, "description", m.alias) for m in getattr(self, "members_", self.members)]
        return f"mean of {', '.join(names)}"

    def point(self, h: int) -> np.ndarray:
        """Mean of the members' point forecasts."""
        if self.y_ is None:
            raise ModelError("combination: forecast() called before fit()")
        return np.mean([m.point(h) for m in self.members_], axis=0)

    def forecast(self, h: int, levels: Sequence[int] = (80, 95)) -> pd.DataFrame:
        """Mean of the members' means and of their bounds, level by level."""
        h = check_h(h)
        if self.y_ is None:
            raise ModelError("combination: forecast() called before fit()")
        frames = [m.forecast(h, levels) for m in self.members_]
        mean = np.mean([f["mean"].to_numpy() for f in frames], axis=0)
        index = future_index(self.y_, h)
        if not levels:
            return pd.DataFrame({"mean": mean}, index=index)
        bounds = {
            lv: (np.mean([f[f"lo{lv}"] for f in frames], axis=0), np.mean([f[f"hi{lv}"] for f in frames], axis=0))
            for lv in levels
        }
        return interval_frame(index, mean, tuple(levels), bounds=bounds)
