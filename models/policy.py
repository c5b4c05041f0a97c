"""Policy analytics on forecasts: when Korea's projected path crosses a competitor's, and how likely it is to
have crossed by each year. (The growth Korea needs for a target is plain compound-growth arithmetic on stored
values: ``warehouse.scenarios``, shared by the command line and the dashboard.)"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist

import numpy as np
import pandas as pd

from models.base import z_value

_NORMAL = NormalDist()
#: Draws of the two forecasts' error paths behind the "crossed by year" probabilities (standard error
#: at most 0.0035), from a fixed seed: the same forecasts give the same probabilities.
CROSSING_DRAWS = 20_000
CROSSING_SEED = 14


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
    by_year: year, korea mean, competitor mean, p_ahead, p_crossed and p_overtaken for every common forecast
    year (see ``crossed_by``).
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
    countries independent: P(Korea ahead) = Phi((m_K - m_C) / sqrt(sd_K^2 + sd_C^2)). The probabilities of
    having been ahead (and of the competitor having been ahead) in some year up to each year come from
    ``crossed_by``.

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
    variance = _path_variance(k.loc[years]) + _path_variance(c.loc[years])
    by_year = pd.DataFrame({"year": years, "korea": k.loc[years, "mean"].to_numpy(),
                            "competitor": c.loc[years, "mean"].to_numpy(), "p_ahead": p,
                            "p_crossed": crossed_by(diff.to_numpy(), variance, np.asarray(p)),
                            "p_overtaken": crossed_by(-diff.to_numpy(), variance, 1 - np.asarray(p))})
    if korea_last is not None and competitor_last is not None and sign * (korea_last - competitor_last) > 0:
        return CatchUp("already_ahead", None, float(p[0]), by_year)
    ahead = np.flatnonzero(diff.to_numpy() > 0)
    if len(ahead):
        i = int(ahead[0])
        return CatchUp("crosses", int(years[i]), float(p[i]), by_year)
    return CatchUp("not_within_horizon", None, float(p[-1]), by_year)


def crossed_by(gap: np.ndarray, variance: np.ndarray, p_ahead: np.ndarray, draws: int = CROSSING_DRAWS,
               seed: int = CROSSING_SEED) -> np.ndarray:
    """Per year, the probability that the gap (one country's value minus the other's, mean ``gap``) has been
    positive in at least one year up to that year: a first-passage probability, non-decreasing in the year.

    The gap's forecast error is drawn as a path of independent yearly shocks whose variance adds up to
    ``variance`` (the year's predictive variance, made non-decreasing): an error made in one year carries
    into the next, as with a random walk, so the years are neither independent nor identical. It is never
    below the largest ``p_ahead`` (the exact one-year probabilities) so far, which any dependence allows.
    """
    gap, variance = np.asarray(gap, dtype=float), np.asarray(variance, dtype=float)
    steps = np.diff(np.maximum.accumulate(np.nan_to_num(variance, nan=0.0)), prepend=0.0).clip(min=0.0)
    shocks = _normals(draws, len(gap), seed) * np.sqrt(steps)
    ahead = (gap + shocks.cumsum(axis=1)) > 0
    passed = np.logical_or.accumulate(ahead, axis=1).mean(axis=0)
    return np.maximum(passed, np.maximum.accumulate(np.asarray(p_ahead, dtype=float)))


@lru_cache(maxsize=16)
def _normals(draws: int, years: int, seed: int) -> np.ndarray:
    """Standard normal draws (the same for every pair of forecasts: drawn once per horizon length)."""
    normals = np.random.default_rng(seed).standard_normal((draws, years))
    normals.flags.writeable = False
    return normals


def _path_variance(frame: pd.DataFrame) -> np.ndarray:
    """A forecast's predictive variance per year (``implied_sd`` squared), non-decreasing over the years."""
    return np.maximum.accumulate(np.nan_to_num(implied_sd(frame).to_numpy() ** 2, nan=0.0))


def _prob(diff: float, sd: float) -> float:
    if not np.isfinite(sd) or sd <= 0:
        return 1.0 if diff > 0 else 0.0 if diff < 0 else 0.5
    return _NORMAL.cdf(diff / sd)


def _by_year(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.set_index("year") if "year" in frame.columns else frame
    index = out.index
    years = index.year if isinstance(index, pd.PeriodIndex) else index.astype(int)
    return out.set_axis(pd.Index(np.asarray(years, dtype=int), name="year"), axis=0)
