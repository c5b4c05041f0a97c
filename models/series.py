"""Messy-series preparation: breaks, gaps, short histories and non-positive values, each with a set rule.

Rules, applied in this order (every one leaves a note; ``Prepared.declined`` says why nothing is forecast):

1. **Missing values** (NaN) are dropped; leading and trailing missing years are simply outside the range.
   Duplicate years: the last row wins (a later vintage usually comes last), noted.
2. **Breaks**: an observation whose flags contain ``B`` (OECD/WDI "break in series") starts a new,
   incomparable definition. Only the segment from the last break year on is kept.
3. **Gaps**: the series is reindexed to every year from first to last (a gap in a PeriodIndex silently
   shifts statsmodels' forecast dates, and ETS/Theta return NaN on gaps). Interior gaps of at most
   ``MAX_GAP`` consecutive years are filled by linear interpolation (log-linear for a positive series).
   A longer gap cuts the series: only the part after it is kept.
4. **Short histories**: fewer than ``MIN_OBS_NAIVE`` points is declined; fewer than ``MIN_OBS_MODELS``
   gets only the naive forecast (labelled), since no model can be fitted or backtested honestly.
5. **Constant series** get the naive forecast (labelled); there is no change to scale errors by.
6. **Non-positive values** are kept; models that need positive data (theta_log, multiplicative ETS)
   leave themselves out, and the note says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.base import FREQ

log = logging.getLogger(__name__)

MAX_GAP = 2
MIN_OBS_NAIVE = 4
MIN_OBS_MODELS = 8


@dataclass
class Prepared:
    """A series made ready for the models, or the reason it was declined."""

    y: pd.Series | None
    mode: str  # "models", "naive" or "declined"
    notes: list[str] = field(default_factory=list)
    declined: str | None = None
    n_raw: int = 0

    @property
    def n_obs(self) -> int:
        """Number of years the models see (interpolated years included)."""
        return 0 if self.y is None else len(self.y)

    @property
    def positive(self) -> bool:
        """Whether every value is strictly positive (log and multiplicative models allowed)."""
        return self.y is not None and bool((self.y > 0).all())

    @property
    def nonnegative(self) -> bool:
        """Whether no value is below zero (counts, amounts, shares): intervals then stop at zero."""
        return self.y is not None and bool((self.y >= 0).all())


def has_break(flags: object) -> bool:
    """True if a flags string marks a break: a ``B`` among the main flags (``"B"``, ``"B,E"``; not ``aux=``)."""
    if not isinstance(flags, str) or not flags:
        return False
    main = flags.split(";")[0]
    return any(token.strip().upper() == "B" for token in main.split(","))


def prepare(
    years: pd.Series | np.ndarray | list[int],
    values: pd.Series | np.ndarray | list[float],
    flags: pd.Series | np.ndarray | list[object] | None = None,
    *,
    max_gap: int = MAX_GAP,
    min_obs_models: int = MIN_OBS_MODELS,
    min_obs_naive: int = MIN_OBS_NAIVE,
) -> Prepared:
    """Turn raw (year, value, flags) rows of one annual series into a clean series, following the rules above.

    Args:
        years: integer years, in any order.
        values: numbers; NaN or None means missing.
        flags: producer flags per row (``"B"`` marks a break), or None.
        max_gap: longest run of missing interior years that is interpolated.
        min_obs_models: fewer points than this get the naive forecast only.
        min_obs_naive: fewer points than this are declined.

    Returns:
        A ``Prepared`` with the clean series (PeriodIndex, freq "Y") or the reason it was declined.
    """
    notes: list[str] = []
    yrs = _numeric(years)
    vals = _numeric(values)
    if len(yrs) != len(vals) or (flags is not None and len(flags) != len(vals)):
        raise ValueError("years, values and flags must have the same length")
    flag_list = list(flags) if flags is not None else [None] * len(vals)
    n_raw = int(np.sum(np.isfinite(vals) & np.isfinite(yrs)))
    keep = np.flatnonzero(np.isfinite(vals) & np.isfinite(yrs))
    if len(keep) == 0:
        return Prepared(None, "declined", notes, "no observed values", n_raw)
    yrs, vals, flag_list = yrs[keep].astype(np.int64), vals[keep], [flag_list[i] for i in keep]
    # Duplicates: keep the last row of each year (stable sort keeps the input order within a year).
    order = np.argsort(yrs, kind="stable")
    yrs, vals, flag_list = yrs[order], vals[order], [flag_list[i] for i in order]
    last = np.r_[yrs[1:] != yrs[:-1], True]
    if not last.all():
        notes.append(f"duplicate years {sorted(set(yrs[~last].tolist()))}: kept the last row")
        yrs, vals, flag_list = yrs[last], vals[last], [f for f, k in zip(flag_list, last, strict=True) if k]

    # Breaks: keep the segment that starts at the last flagged break.
    breaks = [int(y) for y, f in zip(yrs, flag_list, strict=True) if has_break(f)]
    if breaks and int(yrs[0]) < max(breaks):
        start = max(breaks)
        notes.append(f"break in series at {start}: used {start} onwards, "
                     f"dropped {int(np.sum(yrs < start))} earlier points")
        vals, yrs = vals[yrs >= start], yrs[yrs >= start]

    # Gaps: reindex to every year; interpolate short interior gaps, cut at long ones.
    full_years = np.arange(yrs[0], yrs[-1] + 1)
    if len(full_years) != len(yrs):
        steps = np.diff(yrs) - 1  # missing years after each observed year
        long = np.flatnonzero(steps > max_gap)
        if len(long):
            i = int(long[-1])
            notes.append(f"gap of {int(steps[i])} years ({int(yrs[i]) + 1}-{int(yrs[i + 1]) - 1}): "
                         f"used {int(yrs[i + 1])} onwards")
            yrs, vals = yrs[i + 1 :], vals[i + 1 :]
            full_years = np.arange(yrs[0], yrs[-1] + 1)
        if len(full_years) != len(yrs):
            filled = sorted(set(full_years.tolist()) - set(yrs.tolist()))
            if np.all(vals > 0):  # log-linear for a positive series: keeps growth rates, stays positive
                vals = np.exp(np.interp(full_years, yrs, np.log(vals)))
            else:
                vals = np.interp(full_years, yrs, vals)
            yrs = full_years
            notes.append(f"interpolated missing years {filled}")

    index = pd.period_range(str(int(yrs[0])), periods=len(yrs), freq=FREQ, name="year")
    y = pd.Series(np.asarray(vals, dtype=float), index=index)
    n = len(y)
    if n < min_obs_naive:
        return Prepared(None, "declined", notes, f"too short: {n} usable years (< {min_obs_naive})", n_raw)
    if n < min_obs_models:
        notes.append(f"short history ({n} years < {min_obs_models}): naive forecast only")
        return Prepared(y, "naive", notes, None, n_raw)
    if np.ptp(y.to_numpy()) == 0:
        notes.append("constant history: naive forecast only")
        return Prepared(y, "naive", notes, None, n_raw)
    if not (y > 0).all():
        notes.append("non-positive values: log and multiplicative models left out")
    return Prepared(y, "models", notes, None, n_raw)


def _numeric(values: object) -> np.ndarray:
    """Floats from numbers, None/NaN or numeric strings (NaN where not a number)."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return pd.to_numeric(pd.Series(list(values)), errors="coerce").to_numpy(dtype=float)  # type: ignore[call-overload]
