"""Catch-up and growth scenarios on the published warehouse: one code path for `kaim catchup`,
`kaim required-growth` and the dashboard's catch-up page.

Two halves. Named SQL on the public views (``$name`` parameters): the command line runs it through a
connection (``frame``), the dashboard declares it as its own ``data.Query``. Then pure functions of the
frames it returns: compound growth from Korea's latest complete value, the value a rank needs among the
other economies in a year, the rank a growth rate earns, and the catch-up table (status, probabilities,
gap today). No model is fitted here: the forecasts and catch-up probabilities are read as stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from warehouse import flags

FOCUS = "KOR"
_COMPLETE = f"NOT {flags.incomplete_sql('o.flags')}"

#: One country's complete annual values of one indicator (part-periods and years missing large reporters
#: left out: growth starts from a like-for-like value).
SERIES_SQL = f"""
SELECT o.year, o.value FROM observations AS o
WHERE o.indicator_id = $indicator AND o.country_iso3 = $country AND o.freq = 'A' AND {_COMPLETE}
ORDER BY o.year"""

#: Every stored forecast of the indicators (all when the list is empty), with its skill.
FORECAST_SQL = """
SELECT indicator_id, country_iso3, year, model, mean, lo80, hi80, lo95, hi95, skill, beats_naive FROM forecasts
WHERE len($indicators) = 0 OR list_contains($indicators, indicator_id)
ORDER BY indicator_id, country_iso3, year"""

#: Every economy but ``$country`` in ``$year``: its skilful forecast for that year (or for its last forecast
#: year before it), else its latest complete value (a forecast that does not beat a no-change forecast is
#: replaced by no change); highest first. What a target rank is measured against.
STANDINGS_SQL = f"""
WITH latest AS (
    SELECT o.country_iso3, max(o.year) AS year, arg_max(o.value, o.year) AS value
    FROM observations AS o JOIN countries AS c ON c.iso3 = o.country_iso3
    WHERE o.indicator_id = $indicator AND o.freq = 'A' AND NOT c.is_aggregate AND {_COMPLETE}
    GROUP BY 1
), projected AS (
    SELECT country_iso3, year, mean AS value FROM forecasts
    WHERE indicator_id = $indicator AND year <= $year AND beats_naive
    QUALIFY row_number() OVER (PARTITION BY country_iso3 ORDER BY year DESC) = 1
)
SELECT l.country_iso3, coalesce(p.value, l.value) AS value, coalesce(p.year, l.year) AS year,
       p.value IS NOT NULL AS projected
FROM latest AS l LEFT JOIN projected AS p USING (country_iso3)
WHERE l.country_iso3 <> $country AND coalesce(p.value, l.value) IS NOT NULL
ORDER BY value DESC, l.country_iso3"""

#: Per indicator and peer: the stored crossing status, and the probabilities of having crossed (Korea
#: ahead in some year) and of having been overtaken (the peer ahead in some year) by the last common year.
CATCH_UP_SQL = """
WITH last AS (
    SELECT indicator_id, country_iso3, peer_iso3, year AS last_year, p_crossed, p_overtaken
    FROM catch_up_years
    QUALIFY row_number() OVER (PARTITION BY indicator_id, country_iso3, peer_iso3 ORDER BY year DESC) = 1
)
SELECT c.indicator_id, c.peer_iso3, c.status, c.year, c.probability, c.skilful, l.last_year, l.p_crossed,
       l.p_overtaken
FROM catch_up AS c LEFT JOIN last AS l USING (indicator_id, country_iso3, peer_iso3)
WHERE c.country_iso3 = $country AND (len($indicators) = 0 OR list_contains($indicators, c.indicator_id))
ORDER BY c.indicator_id, c.peer_iso3"""

#: Year by year, Korea's and each peer's projected means and the catch-up probabilities (of the indicators;
#: all when the list is empty).
CATCH_UP_YEARS_SQL = """
SELECT indicator_id, peer_iso3, year, mean, peer_mean, p_ahead, p_crossed, p_overtaken, skilful FROM catch_up_years
WHERE country_iso3 = $country AND (len($indicators) = 0 OR list_contains($indicators, indicator_id))
ORDER BY indicator_id, peer_iso3, year"""

#: Per indicator and other economy: Korea's and its complete values in the latest year both report.
GAP_SQL = f"""
WITH v AS (
    SELECT o.indicator_id, o.country_iso3, o.year, o.value FROM observations AS o
    WHERE o.freq = 'A' AND {_COMPLETE} AND (len($indicators) = 0 OR list_contains($indicators, o.indicator_id))
)
SELECT p.indicator_id, p.country_iso3 AS peer_iso3, max(p.year) AS gap_year, arg_max(k.value, p.year) AS value,
       arg_max(p.value, p.year) AS peer_value
FROM v AS p JOIN v AS k ON k.indicator_id = p.indicator_id AND k.year = p.year AND k.country_iso3 = $country
WHERE p.country_iso3 <> $country
GROUP BY 1, 2"""


def frame(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> pd.DataFrame:
    """Run one of the queries above on a connection (the command line's way; the dashboard's is ``data``)."""
    return con.execute(sql, params).df()


# --- compound growth -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Start:
    """Where growth starts: the latest complete value."""

    year: int
    value: float


def start(series: pd.DataFrame) -> Start:
    """The latest row of ``series`` (year, value; by year). ``ValueError`` if there is none."""
    if series.empty:
        raise ValueError("no complete annual value to start from")
    last = series.sort_values("year").iloc[-1]
    return Start(int(last["year"]), float(last["value"]))


def _check(current: float, current_year: int, target_year: int) -> None:
    if target_year <= current_year:
        raise ValueError(f"target year {target_year} must be after the latest complete year {current_year}")
    if not current > 0:
        raise ValueError("compound growth needs a positive current value")


def required_rate(current: float, current_year: int, target: float, target_year: int) -> float:
    """The constant annual rate taking ``current`` to ``target`` by ``target_year``:
    (target / current) ** (1 / years) - 1 (0.05 = 5% a year)."""
    _check(current, current_year, target_year)
    if not target > 0:
        raise ValueError("compound growth needs a positive target value")
    return (target / current) ** (1 / (target_year - current_year)) - 1


def grown(current: float, current_year: int, rate: float, year: int) -> float:
    """``current`` grown at ``rate`` a year until ``year``."""
    _check(current, current_year, year)
    if rate <= -1:
        raise ValueError("a growth rate must be above -100% a year")
    return current * (1 + rate) ** (year - current_year)


def path(current: float, current_year: int, rate: float, year: int) -> pd.DataFrame:
    """Year by year, ``current`` growing at ``rate`` until ``year`` (what the scenario chart draws)."""
    years = list(range(current_year, year + 1))
    return pd.DataFrame({"year": years, "value": [current * (1 + rate) ** (y - current_year) for y in years]})


def rank_value(others: pd.DataFrame, rank: int) -> float:
    """The value that earns ``rank`` among ``others`` (value column): the ``rank``-th highest, which a
    country just reaching ties and so does not fall behind."""
    if rank < 1:
        raise ValueError("a rank is 1 or more")
    if len(others) < rank:
        raise ValueError(f"only {len(others)} other economies report it: every value ranks {len(others) + 1} or better")
    return float(others["value"].sort_values(ascending=False).iloc[rank - 1])


def rank_of(value: float, others: pd.DataFrame) -> int:
    """The rank of ``value`` among ``others`` (1 + how many are strictly higher)."""
    return 1 + int((others["value"] > value).sum())


def projected(forecast: pd.DataFrame, begin: Start, year: int) -> tuple[float, int, float] | None:
    """(rate, year, value) of a skilful forecast (year, mean, beats_naive): its mean in ``year`` (or in its
    last year, if ``year`` lies beyond) as a compound rate from ``begin``; ``None`` without a skilful one."""
    if forecast.empty or not forecast["beats_naive"].all():
        return None
    rows = forecast.sort_values("year")
    row = rows[rows["year"] == year].iloc[-1] if (rows["year"] == year).any() else rows.iloc[-1]
    at, value = int(row["year"]), float(row["mean"])
    if at <= begin.year or value <= 0:
        return None
    return (value / begin.value) ** (1 / (at - begin.year)) - 1, at, value


@dataclass(frozen=True)
class Scenario:
    """One answer. ``kind``: "value" (growth needed for a value), "rank" (for a rank) or "growth" (the rank a
    given growth earns). Rates are annual fractions; ``rank`` is among ``economies`` (the others and Korea)."""

    kind: str
    indicator_id: str
    country_iso3: str
    current_year: int
    current_value: float
    target_year: int
    target_value: float
    rate: float
    rank: int | None
    economies: int | None
    projected_peers: int | None
    projected_rate: float | None
    projected_year: int | None
    projected_value: float | None

    @property
    def on_track(self) -> bool | None:
        """Whether the skilful projection grows at least as fast as the scenario (None without one)."""
        return None if self.projected_rate is None else self.projected_rate >= self.rate - 1e-12

    def path(self) -> pd.DataFrame:
        return path(self.current_value, self.current_year, self.rate, self.target_year)

    def sentence(self) -> str:
        """The answer in one English line (`kaim required-growth`; the dashboard words it in ko and en)."""
        head = f"{self.country_iso3} {self.indicator_id}: {self.current_value:,.4g} in {self.current_year}"
        ranked = (f"rank {self.rank} of {self.economies} ({self.projected_peers} others projected, the rest at "
                  "their latest value)" if self.rank is not None else "")
        if self.kind == "growth":
            return f"{head} at {self.rate:+.2%} a year -> {self.target_value:,.4g} by {self.target_year}: {ranked}"
        on_track = {True: "on track", False: "not on track", None: "no skilful projection to compare"}[self.on_track]
        projected = f"{self.projected_rate:+.2%} a year" if self.projected_rate is not None else "n/a"
        return (f"{head} -> {self.target_value:,.4g} by {self.target_year} needs {self.rate:+.2%} a year; "
                f"projected {projected}: {on_track}" + (f"; {ranked}" if ranked else ""))


def scenario(indicator: str, country: str, series: pd.DataFrame, forecast: pd.DataFrame, target_year: int, *,
             value: float | None = None, rank: int | None = None, growth: float | None = None,
             others: pd.DataFrame | None = None) -> Scenario:
    """The growth ``country`` needs from its latest complete value in ``series`` to reach ``value`` or
    ``rank`` (among ``others``: ``STANDINGS_SQL`` for ``target_year``) by ``target_year``; or, given
    ``growth`` (a fraction a year), the value and rank it reaches. ``forecast``: its own stored forecast
    (year, mean, beats_naive), compared when skilful. Exactly one of value, rank, growth."""
    if sum(x is not None for x in (value, rank, growth)) != 1:
        raise ValueError("give exactly one of a target value, a target rank or a growth rate")
    begin = start(series)
    if (rank is not None or growth is not None) and others is None:
        raise ValueError("a rank needs the other economies' values")
    if growth is not None:
        target, rate, kind = grown(begin.value, begin.year, growth, target_year), growth, "growth"
    else:
        target = value if value is not None else rank_value(others, rank)
        rate, kind = required_rate(begin.value, begin.year, target, target_year), "rank" if rank else "value"
    mine = projected(forecast, begin, target_year)
    ranked = others is not None and not others.empty
    return Scenario(
        kind, indicator, country, begin.year, begin.value, target_year, target, rate,
        rank_of(target, others) if ranked else None, len(others) + 1 if ranked else None,
        int(others["projected"].sum()) if ranked and "projected" in others else None,
        *(mine if mine is not None else (None, None, None)))


# --- catch-up ------------------------------------------------------------------------------------------------

#: Why a peer's catch-up is not stated: no row (no common forecast year), forecasts without skill, or
#: probabilities from before they were stored (refit to fill them).
REASONS = ("no_common_year", "not_skilful", "not_refitted")


def catch_up_table(rows: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """``CATCH_UP_SQL``'s rows with the gap today (``GAP_SQL``): ``gap`` in the indicator's unit (Korea minus
    the peer, in the latest year both report), ``gap_share`` as a fraction of the peer's value, and
    ``reason`` (one of ``REASONS``, or None when the row counts)."""
    table = rows.merge(gaps, on=["indicator_id", "peer_iso3"], how="left")
    table["gap"] = table["value"] - table["peer_value"]
    share = table["gap"] / table["peer_value"].where(table["peer_value"] != 0)
    table["gap_share"] = share.where(table["peer_value"] > 0)
    table["reason"] = [None if skilful and pd.notna(p) else "not_skilful" if not skilful else "not_refitted"
                       for skilful, p in zip(table["skilful"].fillna(False).astype(bool), table["p_crossed"],
                                             strict=True)]
    return table


def first_likely_year(years: pd.DataFrame, column: str = "p_crossed", level: float = 0.5) -> int | None:
    """The first year whose probability (``column``) reaches ``level``, or None."""
    hit = years[years[column] >= level]
    return int(hit["year"].iloc[0]) if not hit.empty else None
