"""The catch-up page's share of ``warehouse.scenarios``: the same SQL and arithmetic that `kaim catchup` and
`kaim required-growth` run, handed to the page (pages import no warehouse module; they declare these
queries as their own ``data.Query`` and run them with ``data.fetch``)."""

from __future__ import annotations

from warehouse.scenarios import (
    CATCH_UP_SQL,
    CATCH_UP_YEARS_SQL,
    FOCUS,
    FORECAST_SQL,
    GAP_SQL,
    REASONS,
    SERIES_SQL,
    STANDINGS_SQL,
    Scenario,
    catch_up_table,
    first_likely_year,
    rank_value,
    scenario,
    start,
)

__all__ = ["CATCH_UP_SQL", "CATCH_UP_YEARS_SQL", "FOCUS", "FORECAST_SQL", "GAP_SQL", "REASONS", "SERIES_SQL",
           "STANDINGS_SQL", "Scenario", "catch_up_table", "first_likely_year", "rank_value", "scenario", "start"]
