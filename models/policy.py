"""Policy analytics on forecasts: when Korea catches up with a competitor, and the growth it needs for a target."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from models.base import z_value

_NORMAL = NormalDist()


def implied_sd(frame: pd.DataFrame) -> pd.Series:
    """Forecast sd per year implied by the bands: the mean of (hi80 - lo80) / 2z80 and (hi95 - lo95) / 2z95.

    A band that is missing (NaN) is ignored; a year with neither band gets NaN.
    """
    parts = []
    for level in (80, 95):
        lo, hi = f"lo{level}", f"hi{level}"
        if lo in frame.columns and hi in frame.columns:
            parts.append((frame[hi] - frame[lo]) / (2 * z_value(level)))
    if not parts:
        raise ValueError("forecast frame needs lo80/hi80 or lo95/hi95 columns")
    return pd.concat(parts, axis=1).mean(axis=1)


@dataclass(frozen=True)
class CatchUp:
    """Result of ``catch_up``.

    status: "already_ahead" (Korea's last observed value is above), "crosses" (first projected year in which
    Korea's mean is above the competitor's) or "not_within_horizon".
    year: the crossing year (None unless status is "crosses").
    probability: P(Korea > competitor) in that year (for "not_within_horizon": in the last forecast year).
    by_year: year, korea mean, competitor mean, p_ahead for every common forecast year.
    """

    status: str
    year: int | None
    probability: float
    by_year: pd.DataFrame

    @property
    def message(self) -> str:
        """One sentence for a chart caption."""
        if self.status == "crosses":
            return f"Korea projected to pass in {self.year} (probability {self.probability:.0%} that year)"
        if self.status == "already_ahead":
            return "Korea is already ahead"
        return f"not within the horizon (probability {self.probability:.0%} of being ahead in the last year)"


def catch_up(
    korea: pd.DataFrame,
    competitor: pd.DataFrame,
    *,
    korea_last: float | None = None,
    competitor_last: float | None = None,
    higher_is_better: bool = True,
) -> CatchUp:
    """First year in which Korea's projected path crosses a competitor's, with a probability from the intervals.

    Each year's forecast is treated as normal with the sd implied by its 80%/95% bands (``implied_sd``), the two
    countries independent: P(Korea ahead) = Phi((m_K - m_C) / sqrt(sd_K^2 + sd_C^2)).

    Args:
        korea, competitor: forecast frames indexed by year (int or Period) or with a ``year`` column, with
            mean and lo80/hi80/lo95/hi95.
        korea_last, competitor_last: last observed values; if given and Korea is already ahead, the
            status is "already_ahead".
        higher_is_better: False for indicators where lower is better (then "ahead" means lower).

    Returns:
        A ``CatchUp``.
    """
    k, c = _by_year(korea), _by_year(competitor)
    years = k.index.intersection(c.index).sort_values()
    if len(years) == 0:
        raise ValueError("the two forecasts share no year")
    sign = 1.0 if higher_is_better else -1.0
    diff = sign * (k.loc[years, "mean"] - c.loc[years, "mean"])
    sd = np.sqrt(implied_sd(k.loc[years]) ** 2 + implied_sd(c.loc[years]) ** 2)
    p = [_prob(d, s) for d, s in zip(diff, sd, strict=True)]
    by_year = pd.DataFrame({"year": years, "korea": k.loc[years, "mean"].to_numpy(),
                            "competitor": c.loc[years, "mean"].to_numpy(), "p_ahead": p})
    if korea_last is not None and competitor_last is not None and sign * (korea_last - competitor_last) > 0:
        return CatchUp("already_ahead", None, float(p[0]), by_year)
    ahead = np.flatnonzero(diff.to_numpy() > 0)
    if len(ahead):
        i = int(ahead[0])
        return CatchUp("crosses", int(years[i]), float(p[i]), by_year)
    return CatchUp("not_within_horizon", None, float(p[-1]), by_year)


def _prob(diff: float, sd: float) -> float:
    if not np.isfinite(sd) or sd <= 0:
        return 1.0 if diff > 0 else 0.0 if diff < 0 else 0.5
    return _NORMAL.cdf(diff / sd)


def _by_year(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.set_index("year") if "year" in frame.columns else frame
    index = out.index
    years = index.year if isinstance(index, pd.PeriodIndex) else index.astype(int)
    return out.set_axis(pd.Index(np.asarray(years, dtype=int), name="year"), axis=0)


@dataclass(frozen=True)
class RequiredGrowth:
    """Result of ``required_growth``: rates are annual fractions (0.05 = 5% a year)."""

    required_rate: float
    projected_rate: float | None
    projected_value: float | None
    on_track: bool | None
    gap: float | None  # required - projected, in rate points


def required_growth(
    current_value: float,
    current_year: int,
    target_value: float,
    target_year: int,
    forecast: pd.DataFrame | None = None,
) -> RequiredGrowth:
    """The constant annual growth rate that takes ``current_value`` to ``target_value`` by ``target_year``.

    required = (target / current) ** (1 / (target_year - current_year)) - 1. If a forecast is given, the
    projected rate is the same compound rate from the current value to the forecast mean in ``target_year``
    (or in the forecast's last year, if the target lies beyond it), and ``on_track`` says whether the
    projection reaches the target path.

    Raises:
        ValueError: a non-positive value (compound growth is undefined) or a target year not after the
            current year.
    """
    if target_year <= current_year:
        raise ValueError(f"target year {target_year} must be after the current year {current_year}")
    if current_value <= 0 or target_value <= 0:
        raise ValueError("compound growth needs positive current and target values")
    years = target_year - current_year
    required = (target_value / current_value) ** (1 / years) - 1
    if forecast is None:
        return RequiredGrowth(required, None, None, None, None)
    f = _by_year(forecast)
    year = target_year if target_year in f.index else int(f.index.max())
    value = float(f.loc[year, "mean"])
    if value <= 0 or year <= current_year:
        return RequiredGrowth(required, None, value, False, None)
    projected = (value / current_value) ** (1 / (year - current_year)) - 1
    on_track = projected >= required - 1e-12
    return RequiredGrowth(required, projected, value, on_track, required - projected)


def years_to_target(current_value: float, target_value: float, rate: float) -> float:
    """Years needed at a constant growth ``rate`` (inf if the rate never gets there)."""
    if current_value <= 0 or target_value <= 0:
        raise ValueError("values must be positive")
    if target_value <= current_value:
        return 0.0
    if rate <= 0:
        return math.inf
    return math.log(target_value / current_value) / math.log1p(rate)
