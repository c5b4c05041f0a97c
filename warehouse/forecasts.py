"""Forecasts in the warehouse: what the forecasting step reads, and where its frames are stored.

The models return frames; this module alone knows the tables (``core.forecasts``, ``core.backtests``,
``core.forecast_inputs``, ``core.catch_up``, ``core.catch_up_years``) they go to, declared in ``schema.sql``.
What the scenarios read of them (`kaim required-growth`, the catch-up page) is in ``warehouse.scenarios``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

KEY = ["indicator_id", "country_iso3"]
SERIES_TABLES = ("forecasts", "backtests", "forecast_inputs")


def annual_observations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every annual value with its flags: what the forecasting step fits."""
    return con.execute("SELECT indicator_id, country_iso3, year, value, flags FROM observations "
                       "WHERE freq = 'A'").df()


def fitted_inputs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per series, the hash of the input its stored forecast was fitted on."""
    return con.execute("SELECT indicator_id, country_iso3, input_hash FROM core.forecast_inputs").df()


def replace_series(con: duckdb.DuckDBPyConnection, stale: pd.DataFrame, frames: dict[str, pd.DataFrame],
                   generated_at: pd.Timestamp) -> None:
    """Delete every stored row of the ``stale`` series, then insert the new ``frames`` (keyed by table:
    forecasts, backtests, forecast_inputs), stamped ``generated_at``. Run it inside a transaction."""
    con.register("stale_series", stale[KEY])
    for table in SERIES_TABLES:
        con.execute(f"DELETE FROM core.{table} AS t USING stale_series AS s "
                    "WHERE t.indicator_id = s.indicator_id AND t.country_iso3 = s.country_iso3")
    con.unregister("stale_series")
    for table, frame in frames.items():
        if table not in SERIES_TABLES:
            raise ValueError(f"no forecast table {table!r}; known: {', '.join(SERIES_TABLES)}")
        if not frame.empty:
            _insert(con, table, frame.assign(generated_at=generated_at))


def stored_forecasts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every stored forecast row (the ``forecasts`` view)."""
    return con.execute("SELECT * FROM forecasts").df()


def non_peers(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Per indicator measured as a level (not a share, rate or per-head value), the aggregates (World, OECD,
    EU...): a country is never compared with the total it is part of."""
    rows = con.execute("""
        SELECT i.indicator_id, c.iso3 FROM indicators AS i CROSS JOIN countries AS c
        WHERE c.is_aggregate AND NOT (i.unit = '%' OR i.unit LIKE '%per %' OR i.unit LIKE '% of %')""").fetchall()
    excluded: dict[str, set[str]] = {}
    for indicator, iso3 in rows:
        excluded.setdefault(indicator, set()).add(iso3)
    return excluded


def replace_catch_up(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, by_year: pd.DataFrame) -> None:
    """Replace ``core.catch_up`` with ``rows`` and ``core.catch_up_years`` with ``by_year``. Run it inside a
    transaction."""
    for table, frame in (("catch_up", rows), ("catch_up_years", by_year)):
        con.execute(f"DELETE FROM core.{table}")
        if not frame.empty:
            _insert(con, table, frame)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("new_rows", frame)
    columns = ", ".join(frame.columns)
    con.execute(f"INSERT INTO core.{table} ({columns}) SELECT {columns} FROM new_rows")
    con.unregister("new_rows")
