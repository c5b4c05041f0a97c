"""Which series to refit, and their new forecasts: only series whose data changed since their last fit.

Frames in, frames out: the caller reads the observations and the hashes of the stored fits, and stores
what ``refit`` returns (``kaim.pipeline`` with ``warehouse.forecasts``).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import pandas as pd

from models.run import forecast_frame

log = logging.getLogger(__name__)

KEY = ["indicator_id", "country_iso3"]

#: Bump when a change to the models changes their forecasts: every series is refitted once.
METHOD_VERSION = "3"  # 2: intervals of series never below zero stop at zero; 3: selection-aware calibration


@dataclass
class Refit:
    """New rows for the refitted series, and the series whose stored rows they replace."""

    forecasts: pd.DataFrame
    backtests: pd.DataFrame
    #: Hash of each refitted series' input (stored beside its forecast).
    inputs: pd.DataFrame
    #: Series whose stored rows go: the refitted ones, and those no longer in the data.
    stale: pd.DataFrame
    series: int
    removed: int

    @property
    def refitted(self) -> int:
        return len(self.inputs)

    @property
    def forecast(self) -> int:
        return self.forecasts.groupby(KEY).ngroups if not self.forecasts.empty else 0

    @property
    def declined(self) -> int:
        return int((self.backtests["status"] == "declined").sum()) if not self.backtests.empty else 0


def input_hashes(observations: pd.DataFrame) -> pd.DataFrame:
    """A hash of each series' years, values and flags and of the method version: what decides whether
    it must be refitted."""
    rows = []
    for (indicator, country), series in observations.sort_values("year").groupby(KEY, sort=False):
        points = zip(series["year"], series["value"], series["flags"].fillna(""), strict=True)
        text = f"v{METHOD_VERSION}|" + "|".join(f"{y}:{v!r}:{f}" for y, v, f in points)
        rows.append((indicator, country, hashlib.sha256(text.encode()).hexdigest()))
    return pd.DataFrame(rows, columns=[*KEY, "input_hash"])


def select_series(observations: pd.DataFrame, countries: tuple[str, ...] | None,
                  indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The rows of the chosen countries and indicators (``None``: no restriction)."""
    if countries is not None:
        observations = observations[observations["country_iso3"].isin(countries)]
    if indicators is not None:
        observations = observations[observations["indicator_id"].isin(indicators)]
    return observations.reset_index(drop=True)


def refit(observations: pd.DataFrame, fitted: pd.DataFrame, *, complete: bool, h: int = 6, jobs: int = 2,
          force: bool = False) -> Refit:
    """Forecast the series of ``observations`` whose input hash differs from the one in ``fitted`` (every
    one with ``force``). ``complete``: the observations are every series there is, so fitted series
    missing from them are removed."""
    hashes = input_hashes(observations)
    merged = hashes.merge(fitted.rename(columns={"input_hash": "old_hash"}), on=KEY, how="left")
    changed = merged if force else merged[merged["input_hash"] != merged["old_hash"]]
    gone = fitted[KEY].merge(hashes[KEY], on=KEY, how="left", indicator=True)
    gone = gone[gone["_merge"] == "left_only"][KEY] if complete else gone.iloc[0:0][KEY]

    forecasts = backtests = pd.DataFrame()
    if not changed.empty:
        forecasts, backtests = forecast_frame(observations.merge(changed[KEY], on=KEY), h=h, jobs=jobs)
        # Naive's skill relative to naive is 1 by definition, also where the series was too short to backtest.
        naive = (forecasts["model"] == "naive") & forecasts["skill"].isna()
        forecasts.loc[naive, "skill"] = 1.0
    stale = pd.concat([changed[KEY], gone], ignore_index=True)
    return Refit(forecasts, backtests, changed[[*KEY, "input_hash"]].reset_index(drop=True), stale,
                 len(hashes), len(gone))
