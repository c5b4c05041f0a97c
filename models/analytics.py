"""Policy analytics over the stored forecasts: when Korea's projected path crosses each peer's
(``catch_up`` view), and the growth Korea needs to reach a target value or rank by a year."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from models.policy import catch_up, required_growth

FOCUS = "KOR"


def catch_up_rows(con: duckdb.DuckDBPyConnection, focus: str = FOCUS) -> pd.DataFrame:
    """One row per indicator and peer: crossing status, year and probability (from the stored forecasts)."""
    forecasts = con.execute("SELECT * FROM forecasts").df()
    last = con.execute("SELECT indicator_id, country_iso3, arg_max(value, year) AS last FROM observations "
                       "WHERE freq = 'A' GROUP BY ALL").df().set_index(["indicator_id", "country_iso3"])["last"]
    rows = []
    for indicator, frame in forecasts.groupby("indicator_id"):
        mine = frame[frame["country_iso3"] == focus]
        if mine.empty:
            continue
        for peer, theirs in frame[frame["country_iso3"] != focus].groupby("country_iso3"):
            skilful = bool(mine["beats_naive"].all() and theirs["beats_naive"].all())
            if not set(mine["year"]) & set(theirs["year"]):
                continue  # the two series end in years too far apart to compare projections
            result = catch_up(mine, theirs, korea_last=last.get((indicator, focus)),
                              competitor_last=last.get((indicator, peer)))
            rows.append({"indicator_id": indicator, "country_iso3": focus, "peer_iso3": peer,
                         "status": result.status, "year": result.year, "probability": result.probability,
                         "skilful": skilful, "message": result.message})
    return pd.DataFrame(rows, columns=["indicator_id", "country_iso3", "peer_iso3", "status", "year",
                                       "probability", "skilful", "message"])


def store_catch_up(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute the ``core.catch_up`` table from the current forecasts; returns its rows."""
    rows = catch_up_rows(con)
    con.execute("DELETE FROM core.catch_up")
    if not rows.empty:
        con.register("catch_up_rows", rows)
        con.execute("INSERT INTO core.catch_up SELECT * FROM catch_up_rows")
        con.unregister("catch_up_rows")
    return len(rows)


@dataclass
class Requirement:
    indicator_id: str
    country_iso3: str
    current_year: int
    current_value: float
    target_year: int
    target_value: float
    required_rate: float
    projected_rate: float | None
    on_track: bool | None


def requirement(con: duckdb.DuckDBPyConnection, indicator: str, target_year: int, target_value: float | None = None,
                rank: int | None = None, country: str = FOCUS) -> Requirement:
    """The annual growth ``country`` needs to reach ``target_value`` (or the value that would place it at
    ``rank`` among economies, from their projections or latest values) by ``target_year``."""
    series = con.execute("SELECT year, value FROM observations WHERE indicator_id = ? AND country_iso3 = ? AND "
                         "freq = 'A' ORDER BY year", [indicator, country]).df()
    if series.empty:
        raise ValueError(f"no annual data for {indicator} and {country}")
    current_year, current_value = int(series["year"].iloc[-1]), float(series["value"].iloc[-1])
    forecast = con.execute("SELECT year, mean, lo80, hi80, lo95, hi95, beats_naive FROM forecasts "
                           "WHERE indicator_id = ? AND country_iso3 = ?", [indicator, country]).df()
    if target_value is None:
        if rank is None:
            raise ValueError("give a target value or a target rank")
        target_value = rank_value(con, indicator, target_year, rank, country)
    result = required_growth(current_value, current_year, target_value, target_year,
                             forecast if not forecast.empty and forecast["beats_naive"].all() else None)
    return Requirement(indicator, country, current_year, current_value, target_year, target_value,
                       result.required_rate, result.projected_rate, result.on_track)


def rank_value(con: duckdb.DuckDBPyConnection, indicator: str, year: int, rank: int, country: str) -> float:
    """The value the ``rank``-th economy (other than ``country``) is projected to have in ``year`` (its
    forecast when it has one, else its latest value): just reaching it earns that rank."""
    values = con.execute("""
        WITH latest AS (
            SELECT o.country_iso3, arg_max(o.value, o.year) AS value FROM observations AS o
            JOIN countries AS c ON c.iso3 = o.country_iso3
            WHERE o.indicator_id = $indicator AND o.freq = 'A' AND NOT c.is_aggregate GROUP BY 1
        ), projected AS (
            SELECT country_iso3, mean AS value FROM forecasts WHERE indicator_id = $indicator AND year = $year
        )
        SELECT l.country_iso3, coalesce(p.value, l.value) AS value FROM latest AS l
        LEFT JOIN projected AS p USING (country_iso3)
        WHERE l.country_iso3 <> $country ORDER BY value DESC""",
                         {"indicator": indicator, "year": year, "country": country}).df()
    if len(values) < rank:
        raise ValueError(f"only {len(values)} economies report {indicator}")
    return float(values["value"].iloc[rank - 1])
