"""The model contract: the Forecaster protocol, ModelError, annual-index checks and interval helpers."""

from __future__ import annotations

import contextlib
import copy
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any, Protocol, Self, runtime_checkable

import numpy as np
import pandas as pd
from statsmodels.tools.sm_exceptions import ConvergenceWarning, EstimationWarning, ValueWarning

LEVELS: tuple[int, ...] = (80, 95)
FREQ = "Y"
# Only these statsmodels warnings are expected from short annual fits; everything else propagates.
SILENCED = (ConvergenceWarning, EstimationWarning, ValueWarning)


class ModelError(ValueError):
    """A model was used wrongly (forecast before fit) or cannot fit this series."""


@runtime_checkable
class Forecaster(Protocol):
    """What every model provides (STYLE 2.5): a unique alias, ``fit`` returning self, and ``forecast``.

    ``forecast`` returns a frame indexed by the next h years (PeriodIndex "Y") with ``mean`` and
    ``lo<L>``/``hi<L>`` per level (lo80, hi80, lo95, hi95 by default). ``point`` gives the means only;
    ``apply`` conditions a fitted model on another (shorter) series, keeping what the model allows of its
    fit, and is what the fast backtest uses; ``clone`` is an unfitted copy.
    """

    alias: str

    def fit(self, y: pd.Series) -> Self: ...

    def forecast(self, h: int, levels: Sequence[int] = LEVELS) -> pd.DataFrame: ...

    def point(self, h: int) -> np.ndarray: ...

    def apply(self, y: pd.Series) -> Self: ...

    def clone(self) -> Self: ...

    @property
    def converged(self) -> bool: ...

    @property
    def description(self) -> str: ...


def z_value(level: float) -> float:
    """Two-sided standard-normal quantile for a central interval of ``level`` percent (80 -> 1.2816)."""
    if not 0 < level < 100:
        raise ValueError(f"interval level must be in (0, 100), got {level}")
    return NormalDist().inv_cdf(0.5 + level / 200.0)


def to_period_index(index: pd.Index) -> pd.PeriodIndex:
    """An annual PeriodIndex from a PeriodIndex, DatetimeIndex or integer years (no Pandas4Warning)."""
    if isinstance(index, pd.PeriodIndex):
        return index if index.freqstr.startswith(FREQ) else index.asfreq(FREQ)
    if isinstance(index, pd.DatetimeIndex):
        return index.to_period(FREQ)
    values = np.asarray(index)
    if values.dtype.kind not in "iu" and not (values.dtype.kind == "f" and np.all(np.mod(values, 1) == 0)):
        raise ModelError(f"index must be years (int), a PeriodIndex or a DatetimeIndex, got {index.dtype}")
    # PeriodIndex(int) is deprecated in pandas 3 (ints become ordinals); strings are the safe route.
    return pd.PeriodIndex([str(int(v)) for v in values], freq=FREQ, name=index.name)


def as_annual(y: pd.Series, *, min_obs: int = 3) -> pd.Series:
    """Validate a clean annual series: float values, consecutive years, no NaN.

    Args:
        y: values indexed by year (PeriodIndex "Y", DatetimeIndex or integer years).
        min_obs: the fewest observations accepted.

    Returns:
        A new float Series on a PeriodIndex with freq "Y" (the input is never modified).

    Raises:
        ModelError: gaps, duplicates, NaN or too few points. Use ``models.series.prepare`` for messy data.
    """
    if not isinstance(y, pd.Series):
        raise ModelError(f"y must be a pandas Series, got {type(y).__name__}")
    if _is_clean(y) and len(y) >= min_obs:  # fast path: backtests pass thousands of clean windows
        return y if y.dtype == float else y.astype(float)
    index = to_period_index(y.index)
    out = pd.Series(np.asarray(y, dtype=float), index=index, name=y.name).sort_index()
    if out.index.has_duplicates:
        raise ModelError(f"duplicate years: {sorted({str(p) for p in out.index[out.index.duplicated()]})}")
    if out.isna().any():
        raise ModelError(f"NaN values in {[str(p) for p in out.index[out.isna()]]}; prepare the series first")
    if len(out) < min_obs:
        raise ModelError(f"need at least {min_obs} observations, got {len(out)}")
    full = pd.period_range(out.index[0], out.index[-1], freq=FREQ)
    if len(full) != len(out):
        missing = [str(p) for p in full.difference(out.index)]
        # A gap in a PeriodIndex silently shifts statsmodels' forecast dates (STACK 6): refuse it here.
        raise ModelError(f"missing years {missing}; reindex and interpolate with models.series.prepare")
    out.index = full
    return out


def _is_clean(y: pd.Series) -> bool:
    """A float-able series on a consecutive, increasing annual PeriodIndex without NaN."""
    index = y.index
    return (
        isinstance(index, pd.PeriodIndex)
        and index.freqstr.startswith(FREQ)  # "Y-DEC"
        and len(index) > 0
        and index.is_monotonic_increasing
        and (index[-1].ordinal - index[0].ordinal) == len(index) - 1
        and not y.isna().any()
    )


def future_index(y: pd.Series, h: int) -> pd.PeriodIndex:
    """The ``h`` years after the last year of ``y``."""
    return pd.period_range(y.index[-1] + 1, periods=h, freq=FREQ, name="year")


def check_h(h: int) -> int:
    """Validate a forecast horizon."""
    if isinstance(h, bool) or not isinstance(h, (int, np.integer)) or h < 1:
        raise ValueError(f"h must be a positive integer, got {h!r}")
    return int(h)


def interval_frame(
    index: pd.PeriodIndex,
    mean: np.ndarray,
    levels: Sequence[int],
    *,
    sd: np.ndarray | None = None,
    bounds: dict[int, tuple[np.ndarray, np.ndarray]] | None = None,
) -> pd.DataFrame:
    """A forecast frame (mean, lo80, hi80, lo95, hi95...) from normal sd's or explicit bounds.

    Bounds are made monotone around the mean (lo95 <= lo80 <= mean <= hi80 <= hi95) so that a
    numerically odd interval from a fit can never cross the point forecast.
    """
    frame = pd.DataFrame({"mean": np.asarray(mean, dtype=float)}, index=index)
    inner_lo = frame["mean"].to_numpy()
    inner_hi = inner_lo
    for level in sorted(levels):
        if bounds is not None and level in bounds:
            lo, hi = (np.asarray(b, dtype=float) for b in bounds[level])
        elif sd is not None:
            half = z_value(level) * np.asarray(sd, dtype=float)
            lo, hi = frame["mean"].to_numpy() - half, frame["mean"].to_numpy() + half
        else:
            raise ModelError(f"no interval available for level {level}")
        lo, hi = np.minimum(lo, inner_lo), np.maximum(hi, inner_hi)
        frame[f"lo{level}"], frame[f"hi{level}"] = lo, hi
        inner_lo, inner_hi = lo, hi
    ordered = ["mean"] + [f"{side}{lv}" for lv in levels for side in ("lo", "hi")]
    return frame[ordered]


@dataclass
class FitRecord:
    """What happened during one fit: convergence and the statsmodels warnings that were silenced."""

    converged: bool = True
    warnings: list[str] = field(default_factory=list)


@contextlib.contextmanager
def quiet_fit() -> Iterator[FitRecord]:
    """Silence only statsmodels' Convergence/Estimation/Value warnings around a fit, and record them.

    Any other warning raised inside the block is re-emitted, so the test suite's filterwarnings=error
    still sees it.
    """
    record = FitRecord()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield record
    for w in caught:
        if issubclass(w.category, SILENCED):
            record.warnings.append(f"{w.category.__name__}: {w.message}")
            if issubclass(w.category, ConvergenceWarning):
                record.converged = False
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


class BaseForecaster:
    """Shared plumbing: validation, the fitted-state check, cloning and ``apply`` (refit by default)."""

    alias: str = "base"
    min_obs: int = 3
    #: Competes in the backtest for the method shown (``models.CANDIDATES``); else fitted only when asked
    #: for, or as a member of a combination.
    candidate: bool = False

    def __init__(self, **spec: Any) -> None:
        self._spec = spec
        self.y_: pd.Series | None = None
        self.record_ = FitRecord()

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._spec.items())
        return f"{type(self).__name__}({args})"

    def clone(self) -> Self:
        """An unfitted copy with the same specification."""
        return type(self)(**copy.deepcopy(self._spec))

    def fit(self, y: pd.Series) -> Self:
        """Estimate the model on ``y`` (a clean annual series); returns self."""
        clean = as_annual(y, min_obs=self.min_obs)
        self.y_ = clean.copy() if clean is y else clean  # never hold on to the caller's object
        self._converged = True
        with quiet_fit() as record:
            self._fit(self.y_)
        record.converged = record.converged and self._converged
        self.record_ = record
        return self

    def apply(self, y: pd.Series) -> Self:
        """A copy conditioned on ``y`` that keeps this fit's parameters where the model allows it.

        The default re-estimates (closed-form models are cheap); statsmodels wrappers override it to
        re-run their filter with the fitted parameters (statsforecast's ``refit=False``).
        """
        return self.clone().fit(y)

    def point(self, h: int) -> np.ndarray:
        """Point forecasts only, as an array (cheap; what backtests use)."""
        if self.y_ is None:
            raise ModelError(f"{self.alias}: forecast() called before fit()")
        return np.asarray(self._mean(check_h(h)), dtype=float)

    def forecast(self, h: int, levels: Sequence[int] = LEVELS) -> pd.DataFrame:
        """Forecast ``h`` years: a frame indexed by year with ``mean`` and ``lo<L>``/``hi<L>`` per level."""
        h = check_h(h)
        if self.y_ is None:
            raise ModelError(f"{self.alias}: forecast() called before fit()")
        index = future_index(self.y_, h)
        mean = np.asarray(self._mean(h), dtype=float)
        if not levels:
            return pd.DataFrame({"mean": mean}, index=index)
        return interval_frame(index, mean, tuple(levels), bounds=self._bounds(h, tuple(levels), mean))

    @property
    def converged(self) -> bool:
        """Whether the last fit's optimiser reported convergence."""
        return self.record_.converged

    @property
    def description(self) -> str:
        """A short text naming the fitted specification (e.g. the chosen ETS form)."""
        return self.alias

    # Subclasses implement these three.
    def _fit(self, y: pd.Series) -> None:
        raise NotImplementedError

    def _mean(self, h: int) -> np.ndarray:
        raise NotImplementedError

    def _bounds(self, h: int, levels: tuple[int, ...], mean: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        raise NotImplementedError


def normal_bounds(mean: np.ndarray, sd: np.ndarray, levels: Sequence[int]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Symmetric normal bounds ``mean -/+ z * sd`` for each level."""
    return {lv: (mean - z_value(lv) * sd, mean + z_value(lv) * sd) for lv in levels}
