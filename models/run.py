"""Entry point for the pipeline: forecast every annual series of a long frame, with backtests and reasons.

``forecast_frame(observations, h)`` takes rows (indicator_id, country_iso3, year, value, flags) and returns
``(forecasts, backtests)``; it never touches a database. Per series it prepares the data
(``models.series``), fits every candidate, backtests them on every origin the length allows
(``models.backtest``), chooses the method shown (``models.selection``) and widens its intervals from
backtest errors pooled over all series of the call, replaying the choice at every backtest origin
(``models.calibration``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from models import CANDIDATES, MODELS
from models.backtest import MIN_TRAIN, backtest_many, naive_scale
from models.base import LEVELS, Forecaster, ModelError, check_h
from models.calibration import Calibration, fit_calibration
from models.combination import Combination
from models.selection import COMBINATION, NAIVE, Choice, scores, select
from models.series import Prepared, prepare

log = logging.getLogger(__name__)

KEY = ["indicator_id", "country_iso3"]
# The methods that may be shown are models.CANDIDATES: those declaring `candidate = True` (naive, drift and the
# combination). ETS and Theta are fitted and backtested as members of the combination but are
# not shown alone by default: with fixed-parameter backtests (refit=False) their smoothing parameters have seen
# the whole training series, which flatters them, and choosing ETS over the combination made the test error
# worse on all three yearly sets (M3, M1, Tourism). ARIMA is registered but unused by default: it did not improve
# the combination and its order search doubles the run time. Pass candidates=... (and refit=True) to change this.
# The combination: ETS, Theta on logs and drift; for a series that is not strictly positive, Theta on levels
# stands in for Theta on logs (SUBSTITUTES).
MEMBERS: tuple[str, ...] = ("ets", "theta_log", "drift")
SUBSTITUTES: dict[str, str] = {"theta_log": "theta"}
FORECAST_COLUMNS = [*KEY, "year", "model", "mean", "lo80", "hi80", "lo95", "hi95", "skill", "beats_naive",
                    "n_obs", "note"]
BACKTEST_COLUMNS = [*KEY, "model", "status", "n_obs", "n_origins", "n_errors", "mase", "skill", "note"]
ERROR_COLUMNS = [*KEY, "model", "cutoff", "year", "horizon", "y", "mean", "scale"]


@dataclass
class SeriesFit:
    """Everything learnt about one series before pooling: final point forecasts and backtest rows."""

    key: tuple[str, str]
    prepared: Prepared
    means: dict[str, np.ndarray] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    errors: pd.DataFrame | None = None
    scale: float = float("nan")
    selectable: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None


@dataclass
class RunResult:
    """The full output of ``run_frame``; ``forecast_frame`` returns its first two frames."""

    forecasts: pd.DataFrame
    backtests: pd.DataFrame
    errors: pd.DataFrame
    calibration: Calibration
    choices: dict[tuple[str, str], Choice]
    candidates: pd.DataFrame
    seconds: float


def fit_series(
    key: tuple[str, str],
    prepared: Prepared,
    h: int,
    candidates: Sequence[str] = CANDIDATES,
    *,
    refit: bool = False,
    min_train: int = MIN_TRAIN,
) -> SeriesFit:
    """Fit the candidates on one prepared series and backtest them (phase 1; runs in a worker process)."""
    fit = SeriesFit(key, prepared)
    if prepared.y is None:
        return fit
    y = prepared.y
    fit.scale = naive_scale(y.to_numpy())
    base = [NAIVE] if prepared.mode == "naive" else [NAIVE, *(c for c in candidates if c != COMBINATION)]
    combine = prepared.mode == "models" and COMBINATION in candidates
    needed = list(dict.fromkeys([*base, *(MEMBERS if combine else ())]))
    fitted: dict[str, Forecaster] = {}
    selectable = {NAIVE}
    for wanted in needed:
        alias, model = wanted, fitted.get(wanted) or _try_fit(fit, wanted, y)
        if model is None and wanted in SUBSTITUTES:  # e.g. theta on levels for a non-positive series
            alias = SUBSTITUTES[wanted]
            model = fitted.get(alias) or _try_fit(fit, alias, y)
        if model is not None:
            fitted[alias] = model
            if wanted in base:
                selectable.add(alias)
    if combine:
        members = [fitted.get(m) or fitted.get(SUBSTITUTES.get(m, "")) for m in MEMBERS]
        members = [m for m in members if m is not None]
        if members:
            fitted[COMBINATION] = Combination.of(members)
            selectable.add(COMBINATION)
        else:
            fit.failed[COMBINATION] = "no member could be fitted"
    fit.selectable = sorted(selectable & set(fitted))
    for alias, model in fitted.items():
        fit.means[alias] = model.point(h)
        fit.descriptions[alias] = model.description
        if not model.converged:  # recorded, not raised: the estimate is still usable but worth a look
            fit.descriptions[alias] += " (optimiser did not converge)"
    if prepared.mode == "models":
        fit.errors = backtest_many(fitted, y, h=h, min_train=min_train, refit=refit)
        fit.table = scores(fit.errors)
    return fit


def _try_fit(fit: SeriesFit, alias: str, y: pd.Series) -> Forecaster | None:
    try:
        return MODELS[alias]().fit(y)
    except (ModelError, ValueError, np.linalg.LinAlgError) as exc:
        fit.failed[alias] = str(exc)
        log.debug("forecast.fit_failed series=%s model=%s error=%s", fit.key, alias, exc)
        return None


Raw = tuple[tuple[str, str], np.ndarray, np.ndarray, list | None]


def _fit_chunk(args: tuple[list[Raw], int, tuple[str, ...], bool]) -> list[SeriesFit]:
    """Prepare and fit a chunk of raw series (runs in a worker process when jobs > 1)."""
    items, h, candidates, refit = args
    with threadpool_limits(limits=1):  # BLAS threads only slow these tiny fits down (5x under load)
        return [fit_series(key, prepare(years, values, flags), h, candidates, refit=refit)
                for key, years, values, flags in items]


def _split(observations: pd.DataFrame) -> list[Raw]:
    """One (key, years, values, flags) tuple per indicator and country, in key order."""
    missing = [c for c in [*KEY, "year", "value"] if c not in observations.columns]
    if missing:
        raise ValueError(f"observations lack columns {missing}")
    frame = observations.sort_values(KEY, kind="stable")
    ids, countries = frame["indicator_id"].astype(str).to_numpy(), frame["country_iso3"].astype(str).to_numpy()
    years = pd.to_numeric(frame["year"], errors="coerce").to_numpy(dtype=float)
    values = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=float)
    flags = frame["flags"].to_numpy(dtype=object) if "flags" in frame.columns else None
    change = np.flatnonzero((ids[1:] != ids[:-1]) | (countries[1:] != countries[:-1])) + 1
    bounds = zip(np.r_[0, change], np.r_[change, len(frame)], strict=True)
    return [((ids[a], countries[a]), years[a:b], values[a:b], None if flags is None else list(flags[a:b]))
            for a, b in bounds if b > a]


def run_frame(
    observations: pd.DataFrame,
    h: int = 6,
    *,
    jobs: int = 1,
    candidates: Sequence[str] = CANDIDATES,
    refit: bool = False,
    levels: Sequence[int] = LEVELS,
) -> RunResult:
    """Forecast every series in ``observations``; see ``forecast_frame`` for the columns.

    Args:
        observations: long rows indicator_id, country_iso3, year, value, flags (flags optional).
        h: years to forecast after each series' last observed year.
        jobs: worker processes for the fits (the pooling and selection run in this process).
        candidates: aliases from ``models.MODELS`` (naive is always added) plus "combination".
        refit: re-estimate every model at every backtest origin (slower, fully out-of-sample).
        levels: interval levels (80 and 95 fill the output columns).

    Returns:
        A ``RunResult`` with forecasts, the per-series/model backtest summary, the backtest rows and the
        calibration used.
    """
    started = time.perf_counter()
    h = check_h(h)
    unknown = [c for c in candidates if c != COMBINATION and c not in MODELS]
    if unknown:
        raise ValueError(f"unknown candidates {unknown}; known: {sorted(MODELS)} and {COMBINATION!r}")
    raw = _split(observations)
    chunks = [raw[i : i + 8] for i in range(0, len(raw), 8)]
    payload = [(chunk, h, tuple(candidates), refit) for chunk in chunks]
    if jobs > 1 and len(chunks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            fits = [f for part in pool.map(_fit_chunk, payload) for f in part]
    else:
        fits = [f for part in map(_fit_chunk, payload) for f in part]

    # Pool the backtest rows, choose per series, then calibrate the methods actually shown.
    frames = [f.errors.assign(indicator_id=f.key[0], country_iso3=f.key[1], series=i)
              for i, f in enumerate(fits) if f.errors is not None]
    errors = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=[*ERROR_COLUMNS, "series"])
    choices, tables = {}, {}
    for f in fits:
        if f.prepared.y is None:
            continue
        table = f.table if f.table is not None else scores(errors.iloc[:0])
        choice = select(table.loc[table.index.intersection(f.selectable)])
        if choice.model not in f.means:  # e.g. the combination failed to fit: fall back to naive
            choice = Choice(NAIVE, 1.0, False, f"{choice.model} unavailable: naive shown", choice.n_origins)
        choices[f.key], tables[f.key] = choice, table
    selectable = {i: f.selectable for i, f in enumerate(fits) if f.errors is not None}
    calibration = fit_calibration(errors, {c.model for c in choices.values()}, levels=levels, selectable=selectable)

    forecasts = _forecast_rows(fits, choices, calibration, h, levels)
    backtests = _backtest_rows(fits, choices, tables)
    errors_out = errors[ERROR_COLUMNS]
    candidates_out = _candidate_rows(fits, h)
    seconds = time.perf_counter() - started
    log.info("forecast.run.done series=%d forecast=%d declined=%d seconds=%.1f", len(fits),
             len(choices), len(fits) - len(choices), seconds)
    return RunResult(forecasts, backtests, errors_out, calibration, choices, candidates_out, seconds)


def _forecast_rows(fits: list[SeriesFit], choices: dict, calibration: Calibration, h: int,
                   levels: Sequence[int]) -> pd.DataFrame:
    cols: dict[str, list] = {c: [] for c in ["indicator_id", "country_iso3", "year", "model", "mean", "skill",
                                             "beats_naive", "n_obs", "note"]}
    bands: dict[str, list] = {f"{side}{lv}": [] for lv in levels for side in ("lo", "hi")}
    for f in fits:
        choice = choices.get(f.key)
        if choice is None:
            continue
        mean = f.means[choice.model]
        own = f.errors[f.errors["model"] == choice.model] if f.errors is not None else None
        bounds = calibration.bounds(choice.model, mean, f.scale, own, levels=levels,
                                   positive=f.prepared.nonnegative)
        first = int(f.prepared.y.index[-1].year) + 1
        note = "; ".join([f.descriptions.get(choice.model, choice.model), choice.reason, *f.prepared.notes])
        for name, value in (("indicator_id", f.key[0]), ("country_iso3", f.key[1]), ("model", choice.model),
                            ("skill", choice.skill), ("beats_naive", choice.beats_naive),
                            ("n_obs", f.prepared.n_obs), ("note", note)):
            cols[name] += [value] * h
        cols["year"] += range(first, first + h)
        cols["mean"] += mean.tolist()
        for level in levels:
            bands[f"lo{level}"] += bounds[level][0].tolist()
            bands[f"hi{level}"] += bounds[level][1].tolist()
    frame = pd.DataFrame({**cols, **bands})
    frame = frame.astype({"year": "int64", "mean": "float64", "skill": "float64", "beats_naive": "bool",
                          "n_obs": "int64"})
    ordered = [*KEY, "year", "model", "mean", *bands, "skill", "beats_naive", "n_obs", "note"]
    return frame[ordered]


def _candidate_rows(fits: list[SeriesFit], h: int) -> pd.DataFrame:
    """Point forecasts of every fitted candidate (for comparisons; only the chosen one is published)."""
    cols: dict[str, list] = {c: [] for c in [*KEY, "model", "year", "mean"]}
    for f in fits:
        if f.prepared.y is None:
            continue
        first = int(f.prepared.y.index[-1].year) + 1
        for alias, mean in f.means.items():
            cols["indicator_id"] += [f.key[0]] * h
            cols["country_iso3"] += [f.key[1]] * h
            cols["model"] += [alias] * h
            cols["year"] += range(first, first + h)
            cols["mean"] += mean.tolist()
    return pd.DataFrame(cols).astype({"year": "int64", "mean": "float64"})


def _backtest_rows(fits: list[SeriesFit], choices: dict, tables: dict) -> pd.DataFrame:
    rows = []
    for f in fits:
        base = {"indicator_id": f.key[0], "country_iso3": f.key[1], "n_obs": f.prepared.n_obs}
        if f.key not in choices:
            rows.append({**base, "model": None, "status": "declined", "n_origins": 0, "n_errors": 0,
                         "mase": np.nan, "skill": np.nan, "note": "; ".join([f.prepared.declined or "declined",
                                                                               *f.prepared.notes])})
            continue
        table = tables[f.key]
        for alias in f.means:
            shown = alias == choices[f.key].model
            stats = table.loc[alias] if alias in table.index else None
            status = "shown" if shown else "candidate" if alias in f.selectable else "member"
            rows.append({**base, "model": alias, "status": status,
                         "n_origins": int(stats["n_origins"]) if stats is not None else 0,
                         "n_errors": int(stats["n_errors"]) if stats is not None else 0,
                         "mase": float(stats["mase"]) if stats is not None else np.nan,
                         "skill": float(stats["skill"]) if stats is not None else np.nan,
                         "note": choices[f.key].reason if shown else f.descriptions.get(alias, alias)})
        for alias, reason in f.failed.items():
            rows.append({**base, "model": alias, "status": "failed", "n_origins": 0, "n_errors": 0,
                         "mase": np.nan, "skill": np.nan, "note": reason})
    return pd.DataFrame(rows, columns=BACKTEST_COLUMNS)


def forecast_frame(observations: pd.DataFrame, h: int = 6, **options: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Forecast every (indicator_id, country_iso3) series of a long frame; never writes anywhere.

    Args:
        observations: columns indicator_id, country_iso3, year, value, flags (one annual series per
            indicator and country; flags optional, ``B`` marks a break).
        h: years to forecast after each series' last observed year.
        **options: passed to ``run_frame`` (jobs, candidates, refit, levels).

    Returns:
        ``(forecasts, backtests)``. forecasts: one row per series and forecast year, columns
        indicator_id, country_iso3, year, model, mean, lo80, hi80, lo95, hi95, skill, beats_naive, n_obs, note.
        backtests: one row per series and candidate model (status "shown", "candidate" or "failed"), plus
        one row per declined series (status "declined", model None, the reason in note).
    """
    result = run_frame(observations, h, **options)  # type: ignore[arg-type]
    return result.forecasts, result.backtests
