"""`kaim forecast`: fit the annual series of the dashboard's countries and store forecasts and backtests
in the writer database. Only series whose data changed since their last fit are refitted."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

import duckdb
import pandas as pd

from models.analytics import store_catch_up
from models.run import forecast_frame

log = logging.getLogger(__name__)

#: The dashboard's peer groups (Korea, its competitors, the G7) and the world, OECD and EU aggregates.
#: `kaim forecast --all` fits every country instead.
DASHBOARD_COUNTRIES = ("KOR", "USA", "CHN", "JPN", "TWN", "DEU", "SGP", "IND", "HKG", "GBR", "FRA", "ITA", "CAN",
                       "ISR", "WLD", "OED", "EUU")
KEY = ["indicator_id", "country_iso3"]


@dataclass
class RefreshResult:
    series: int
    refitted: int
    forecast: int
    declined: int
    removed: int
    seconds: float


#: Bump when a change to the models changes their forecasts: every series is refitted once.
METHOD_VERSION = "2"  # 2: intervals of series never below zero stop at zero


def input_hashes(observations: pd.DataFrame) -> pd.DataFrame:
    """A hash of each series' years, values and flags and of the method version: what decides whether
    it must be refitted."""
    rows = []
    for (indicator, country), series in observations.sort_values("year").groupby(KEY, sort=False):
        points = zip(series["year"], series["value"], series["flags"].fillna(""), strict=True)
        text = f"v{METHOD_VERSION}|" + "|".join(f"{y}:{v!r}:{f}" for y, v, f in points)
        rows.append((indicator, country, hashlib.sha256(text.encode()).hexdigest()))
    return pd.DataFrame(rows, columns=[*KEY, "input_hash"])


def annual_observations(con: duckdb.DuckDBPyConnection, countries: tuple[str, ...] | None,
                        indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The annual series to forecast (``None``: no restriction)."""
    frame = con.execute("SELECT indicator_id, country_iso3, year, value, flags FROM observations "
                        "WHERE freq = 'A'").df()
    if countries is not None:
        frame = frame[frame["country_iso3"].isin(countries)]
    if indicators is not None:
        frame = frame[frame["indicator_id"].isin(indicators)]
    return frame.reset_index(drop=True)


def refresh(con: duckdb.DuckDBPyConnection, countries: tuple[str, ...] | None = DASHBOARD_COUNTRIES, h: int = 6,
            jobs: int = 2, force: bool = False, indicators: tuple[str, ...] | None = None) -> RefreshResult:
    """Refit the series whose input changed (all with ``force``), in one transaction per refresh."""
    started = time.perf_counter()
    observations = annual_observations(con, countries, indicators)
    hashes = input_hashes(observations)
    known = con.execute("SELECT indicator_id, country_iso3, input_hash AS old_hash FROM core.forecast_inputs").df()
    merged = hashes.merge(known, on=KEY, how="left")
    changed = merged if force else merged[merged["input_hash"] != merged["old_hash"]]
    gone = known.merge(hashes, on=KEY, how="left", indicator=True)
    # Series no longer in the data lose their forecasts (only a full run can tell which those are).
    full = countries is None and indicators is None
    gone = gone[gone["_merge"] == "left_only"][KEY] if full else gone.iloc[0:0][KEY]

    forecasts = backtests = pd.DataFrame()
    if not changed.empty:
        subset = observations.merge(changed[KEY], on=KEY)
        forecasts, backtests = forecast_frame(subset, h=h, jobs=jobs)
        # Naive's skill relative to naive is 1 by definition, also where the series was too short to backtest.
        naive = (forecasts["model"] == "naive") & forecasts["skill"].isna()
        forecasts.loc[naive, "skill"] = 1.0
    now = pd.Timestamp.now(tz="UTC").tz_localize(None)
    stale = pd.concat([changed[KEY], gone])
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("stale", stale)
        for table in ("forecasts", "backtests", "forecast_inputs"):
            con.execute(f"DELETE FROM core.{table} AS t USING stale AS s "
                        "WHERE t.indicator_id = s.indicator_id AND t.country_iso3 = s.country_iso3")
        con.unregister("stale")
        for table, frame in (("forecasts", forecasts), ("backtests", backtests),
                             ("forecast_inputs", changed[[*KEY, "input_hash"]])):
            if frame.empty:
                continue
            frame = frame.assign(generated_at=now)
            con.register("fresh", frame)
            columns = ", ".join(frame.columns)
            con.execute(f"INSERT INTO core.{table} ({columns}) SELECT {columns} FROM fresh")
            con.unregister("fresh")
        if not changed.empty or not gone.empty:
            store_catch_up(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    declined = int((backtests["status"] == "declined").sum()) if not backtests.empty else 0
    result = RefreshResult(len(hashes), len(changed), forecasts.groupby(KEY).ngroups if not forecasts.empty else 0,
                           declined, len(gone), time.perf_counter() - started)
    log.info("forecast.refresh series=%d refitted=%d seconds=%.1f", result.series, result.refitted, result.seconds)
    return result
