"""Choose the method shown for a series from its backtest: skill is MASE relative to naive's MASE.

Rule (``select``):

1. No backtest errors at all: nothing is known, so the naive forecast is shown (``beats_naive`` False).
2. The best candidate does not beat naive (its MASE >= naive's): naive, labelled as such.
3. Thin evidence (fewer than ``MIN_ORIGINS`` origins): the combination, if it beats naive; else naive.
4. Otherwise the candidate with the lowest MASE; with ``margin`` > 0 the combination is kept unless that
   candidate is better than it by more than ``margin`` (relative).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.backtest import scaled_errors

NAIVE = "naive"
COMBINATION = "combination"
MIN_ORIGINS = 4
# Chosen on the M1 and Tourism yearly sets (not on M3, the benchmark): a margin did not help there.
MARGIN = 0.0


@dataclass(frozen=True)
class Choice:
    """The method shown for one series, its skill and why it was chosen."""

    model: str
    skill: float  # backtest MASE of ``model`` / backtest MASE of naive (< 1 beats naive); NaN if unknown
    beats_naive: bool
    reason: str
    n_origins: int


def scores(errors: pd.DataFrame, candidates: Sequence[str] | None = None) -> pd.DataFrame:
    """Backtest MASE per model on the rows every model forecast (so all are scored on the same targets).

    Returns a frame indexed by model with ``mase``, ``skill`` (relative to naive), ``n_errors``, ``n_origins``.
    """
    frame = errors if candidates is None else errors[errors["model"].isin(candidates)]
    columns = ["mase", "skill", "n_errors", "n_origins"]
    if frame.empty:
        return pd.DataFrame(columns=columns, dtype=float).rename_axis("model")
    a = scaled_errors(frame).to_numpy()
    key = frame["cutoff"].to_numpy() * 1000 + frame["horizon"].to_numpy()
    models = frame["model"].to_numpy()
    names = list(dict.fromkeys(models.tolist()))
    per_model = {m: (key[(models == m) & np.isfinite(a)], a[(models == m) & np.isfinite(a)]) for m in names}
    common = None
    for keys, _ in per_model.values():
        common = keys if common is None else np.intersect1d(common, keys)
    mase = pd.Series({m: float(np.mean(v[np.isin(k, common)])) if len(common) else np.nan
                      for m, (k, v) in per_model.items()}, dtype=float)
    naive = mase.get(NAIVE, np.nan)
    out = pd.DataFrame({
        "mase": mase,
        "skill": mase / naive if np.isfinite(naive) and naive > 0 else np.nan,
        "n_errors": len(common),
        "n_origins": len(np.unique(common // 1000)),
    }, columns=columns)
    out.index.name = "model"
    return out


def select(table: pd.DataFrame, *, min_origins: int = MIN_ORIGINS, margin: float = MARGIN) -> Choice:
    """Apply the selection rule to a ``scores`` table (see the module docstring)."""
    if table.empty or NAIVE not in table.index or not np.isfinite(table.loc[NAIVE, "mase"]):
        return Choice(NAIVE, np.nan, False, "no backtest possible: naive shown", 0)
    return decide(table["mase"].to_dict(), int(table["n_origins"].max()), min_origins=min_origins, margin=margin)


def decide(mase: Mapping[str, float], n_origins: int, *, min_origins: int = MIN_ORIGINS,
           margin: float = MARGIN) -> Choice:
    """The selection rule on backtest MASEs by model (naive's among them, finite); also used by
    ``models.calibration`` to replay the choice at every backtest origin."""
    naive = mase[NAIVE]
    others = {m: v / naive for m, v in mase.items() if m != NAIVE and naive > 0 and np.isfinite(v)}
    if not others or min(others.values()) >= 1.0:
        best = ""
        if others:
            alt = min(others, key=others.__getitem__)
            best = f"; best alternative {alt} skill {others[alt]:.2f}"
        return Choice(NAIVE, 1.0, False, f"no method beat naive in the backtest{best}", n_origins)
    best = min(others, key=others.__getitem__)
    comb = others.get(COMBINATION, np.inf)
    if n_origins < min_origins:
        if comb < 1.0:
            return Choice(COMBINATION, float(comb), True, f"thin evidence ({n_origins} origins): combination",
                          n_origins)
        return Choice(NAIVE, 1.0, False, f"thin evidence ({n_origins} origins) and the combination did not beat "
                      f"naive", n_origins)
    if best != COMBINATION and comb < 1.0 and others[best] > comb * (1 - margin):
        return Choice(COMBINATION, float(comb), True,
                      f"combination kept: {best} only {1 - others[best] / comb:.0%} better", n_origins)
    return Choice(best, float(others[best]), True, f"lowest backtest MASE over {n_origins} origins", n_origins)
