"""The app's only access to data: named read-only queries on the latest published warehouse.

Each web worker keeps one read-only connection per published version and gives every query its own
cursor (a DuckDB connection must not be shared between threads). A new version is picked up at the
next query, without a restart. Every query is a named SQL text with ``$parameters``; ``sql_for``
renders it with the values inlined, for the "show SQL" panel. Pages and the briefing call the named
functions below; no other module of the dashboard runs SQL or touches a connection.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import composite, pin
from dashboard.config import DashboardConfig
from warehouse import flags, pins, publish, sandbox
from warehouse.peers import PEER_GROUPS
from warehouse.status import status_frame

#: What a researcher's query gives back, and why it gives nothing (the SQL page shows them).
QueryResult = sandbox.QueryResult
QueryRefused = sandbox.QueryRefused
QueryFailed = sandbox.QueryFailed


def _annual_sql(value: str = "o.value", unit: str = "o.unit", on: dict[str, str] | None = None,
                selection: str = "") -> str:
    """Annual values of ``$indicator`` as ``value`` and ``unit``, with the observations named in ``on``
    (alias: indicator id) joined by country and year."""
    joins = "".join(f"\nJOIN observations AS {alias} ON {alias}.indicator_id = '{indicator}'"
                    f" AND {alias}.country_iso3 = o.country_iso3 AND {alias}.year = o.year"
                    for alias, indicator in (on or {}).items())
    return f"""
SELECT o.country_iso3, o.year, o.period, {value} AS value, {unit} AS unit, o.flags, o.vintage, o.source_id
FROM observations AS o{joins}
WHERE o.indicator_id = $indicator AND o.freq = 'A'{selection}
ORDER BY o.country_iso3, o.year"""


GDP = "worldbank:NY.GDP.MKTP.CD"
CHOSEN = " AND list_contains($countries, o.country_iso3)\n  AND o.year BETWEEN $start AND $end"
SERIES_SQL = {
    "abs": _annual_sql(selection=CHOSEN),
    "pct_gdp": _annual_sql("100 * o.value / g.value", "'% of GDP'", {"g": GDP}, CHOSEN),
    # Current US dollars to PPP dollars with the price level implied by OECD MSTI (GDP in PPP dollars is
    # GERD in PPP dollars over GERD's share of GDP) against World Bank GDP in current US dollars.
    "ppp": _annual_sql("o.value * (100 * p.value / s.value) / g.value", "'USD PPP'",
                       {"p": "oecd_msti:G_PPP", "s": "oecd_msti:G_XGDP", "g": GDP}, CHOSEN),
    "per_capita": _annual_sql("o.value / p.value", "o.unit || ' per person'", {"p": "worldbank:SP.POP.TOTL"},
                              CHOSEN),
}

#: Every annual value of one indicator: what ``series``, ``latest_all`` and ``map_values`` filter.
ANNUAL_SQL = _annual_sql()

LATEST_ALL_SQL = f"""
SELECT o.country_iso3, o.year, o.value
FROM observations AS o JOIN countries AS c ON c.iso3 = o.country_iso3
WHERE o.indicator_id = $indicator AND o.freq = 'A' AND NOT c.is_aggregate AND NOT {flags.incomplete_sql("o.flags")}
QUALIFY row_number() OVER (PARTITION BY o.country_iso3 ORDER BY o.year DESC) = 1"""

MAP_SQL = """
SELECT o.country_iso3, o.value
FROM observations AS o JOIN countries AS c ON c.iso3 = o.country_iso3
WHERE o.indicator_id = $indicator AND o.freq = 'A' AND o.year = $year AND NOT c.is_aggregate"""

FORECAST_SQL = """
SELECT country_iso3, year, model, mean, lo80, hi80, lo95, hi95, skill
FROM forecasts
WHERE indicator_id = $indicator
ORDER BY country_iso3, year"""

POLICY_COLUMNS = "date, date_precision, country_iso3, title, title_ko, category, amount_usd, summary, source_url"
POLICY_SQL = f"""
SELECT {POLICY_COLUMNS}
FROM policy_events
WHERE list_contains($countries, country_iso3) AND list_contains($categories, category)
ORDER BY date"""
ALL_POLICY_SQL = f"SELECT {POLICY_COLUMNS} FROM policy_events ORDER BY date"

PROVENANCE_SQL = """
SELECT source_id, producer, title, url, license, citation, quality, vintage, fetched_at, producer_date
FROM sources WHERE list_contains($sources, source_id)"""

IC_SHARES_SQL = """
SELECT year, country_iso3, exports_usd, share_pct, rank, n_reporters, coverage_complete, missing_large_exporters
FROM ic_export_shares WHERE list_contains($countries, country_iso3) ORDER BY year, country_iso3"""

MEMORY_SQL = """
SELECT indicator_id, period, value FROM observations
WHERE indicator_id IN ('korea_customs:8542321010:X', 'korea_customs:8542321030:X', 'korea_customs:8542323000:X',
                       'korea_customs_10day:8542323000:X', 'korea_customs_10day:8542321030:X')
ORDER BY indicator_id, period"""

SUPPLY_CHAIN_SQL = """
SELECT segment, country_iso3, share_pct FROM supply_chain_shares
WHERE provider_type = 'country' AND share_pct IS NOT NULL AND list_contains($countries, country_iso3)
  AND segment IN ('Design', 'Fabrication', 'Assembly, testing, and packaging (ATP)')
ORDER BY segment, share_pct DESC"""

MODELS_BY_COUNTRY_SQL = """
SELECT country_iso3, year, models, cumulative, CASE WHEN NOT complete THEN 'part-period' END AS flags
FROM models_by_country
WHERE collection = 'notable' AND list_contains($countries, country_iso3) ORDER BY country_iso3, year"""

COMPUTE_SQL = """
SELECT model, organization, country_iso3, published, training_compute_flop, parameters, open_weights
FROM ai_models
WHERE collection = 'notable' AND training_compute_flop IS NOT NULL AND published IS NOT NULL
ORDER BY published"""

BENCHMARK_SQL = """
SELECT benchmark, unit, reported_by, country_iso3, best_score, best_model, global_best, gap, country_rank
FROM benchmark_best_by_country
WHERE list_contains($countries, country_iso3) AND reported_by = 'independent'
  AND benchmark IN ('GPQA Diamond', 'Epoch Capabilities Index', 'LogicKor: overall',
                    'Open LLM Leaderboard v2: Average', 'Open LLM Leaderboard v2: MMLU-PRO')
ORDER BY benchmark, country_rank"""

SOURCES_SQL = "SELECT source_id, producer, title, url, license, quality FROM sources"

#: The last year every large IC exporter reported (IC export ranks are compared up to it).

AI_INVESTMENT_SQL = """
SELECT indicator_id, country_iso3, year, value FROM observations
WHERE indicator_id IN ('cset_ai_investment:private_ai_investment',
                       'cset_ai_investment:private_ai_investment_projected')
  AND list_contains($countries, country_iso3) ORDER BY indicator_id, country_iso3, year"""


#: Per indicator: economies covered, first and last year, and the latest year most economies report
#: (at least 60% of the best-covered year) in a complete year: the default year of rankings and maps.
COVERAGE_SQL = f"""
WITH per_year AS (
    SELECT indicator_id, year, count(*) FILTER (WHERE NOT {flags.incomplete_sql()}) AS n
    FROM observations WHERE freq = 'A' GROUP BY ALL
)
SELECT indicator_id,
       (SELECT count(DISTINCT country_iso3) FROM observations AS o WHERE o.indicator_id = p.indicator_id) AS countries,
       min(year) AS first_year, max(year) AS last_year,
       max(year) FILTER (WHERE n >= 0.6 * (SELECT max(n) FROM per_year AS q WHERE q.indicator_id = p.indicator_id))
           AS common_year
FROM per_year AS p GROUP BY indicator_id"""


class NoWarehouse(RuntimeError):
    """No published warehouse to read (nothing collected yet)."""


@dataclass
class _Version:
    path: Path
    con: duckdb.DuckDBPyConnection


class NoReader(RuntimeError):
    """The process has no reader yet (``create_app`` or ``set_reader`` gives it one)."""


#: Pinned versions a worker keeps open at once (the least recently used one is let go: DuckDB closes it
#: when its last cursor is done).
MAX_PINNED = 4


class Reader:
    """Read-only access to the latest published version (or, within a pinned request, the version its
    link names: ``dashboard.pin``), safe to use from many threads."""

    def __init__(self, config: DashboardConfig):
        self.config = config
        self._lock = threading.Lock()
        self._versions: list[_Version] = []
        self._pointer: tuple[int, int, int] | None = None
        self._pinned: dict[str, _Version] = {}

    def _current(self) -> _Version:
        stamp = pin.pinned.get()
        return self._latest() if stamp is None else self._pinned_version(stamp)

    def _pinned_version(self, stamp: str) -> _Version:
        """The published version ``stamp`` (one of ``published_versions()``), opened once per worker."""
        with self._lock:
            found = self._pinned.pop(stamp, None)
            if found is None:
                path = pins.published(self.config.warehouse).get(stamp)
                if path is None:
                    raise NoWarehouse(f"version {stamp} is not published")
                found = _Version(path, sandbox.connect(path))
            self._pinned[stamp] = found  # most recently used last
            while len(self._pinned) > MAX_PINNED:
                self._pinned.pop(next(iter(self._pinned)))
            return found

    def published_versions(self) -> dict[str, Path]:
        """The published versions on disk, by stamp (what a pinned link may name)."""
        return pins.published(self.config.warehouse)

    def _latest(self) -> _Version:
        """The version the pointer names; a stat of the pointer tells whether it may have moved (a page
        asks hundreds of times; publishing replaces the pointer, so its inode changes)."""
        try:
            stat = os.stat(self.config.warehouse.published_dir / publish.POINTER)
            pointer = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            pointer = None
        versions = self._versions
        if pointer is not None and pointer == self._pointer and versions:
            return versions[-1]  # unchanged since the last look
        try:
            path = publish.latest(self.config.warehouse)
        except publish.NotPublishedError as exc:
            raise NoWarehouse(str(exc)) from exc
        with self._lock:
            if not self._versions or self._versions[-1].path != path:
                con = sandbox.connect(path)  # locked down: the SQL page runs researchers' queries on it
                self._versions.append(_Version(path, con))
                for old in self._versions[:-2]:  # keep the previous one: a request may still use it
                    old.con.close()
                self._versions = self._versions[-2:]
            self._pointer = pointer
            return self._versions[-1]

    def close(self) -> None:
        """Close every open version (a new query opens the current one again)."""
        with self._lock:
            for old in [*self._versions, *self._pinned.values()]:
                old.con.close()
            self._versions = []
            self._pinned = {}
            self._pointer = None

    @property
    def version(self) -> str:
        return self._current().path.name

    @property
    def latest_version(self) -> str:
        """The current published version, even within a pinned request."""
        return self._latest().path.name

    @property
    def path(self) -> Path:
        """The current published file (what researchers' queries run on, in their own process)."""
        return self._current().path

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own on the current version (close it, e.g. with ``with``)."""
        return self._current().con.cursor()

    def query(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        """Run a named query with its own cursor on the current version."""
        with self.cursor() as cursor:
            return cursor.execute(sql, params or {}).df()

    def has_view(self, name: str) -> bool:
        return bool(len(self.query("SELECT 1 FROM duckdb_views() WHERE view_name = $name", {"name": name})))


def _literal(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, str | date):
        return "'" + str(value).replace("'", "''") + "'"
    return str(value)


def sql_for(sql: str, params: dict) -> str:
    """The query with its parameters written out, to run as is in `kaim sql` or any DuckDB client."""
    text = sql.strip()
    for name in sorted(params, key=len, reverse=True):
        text = text.replace(f"${name}", _literal(params[name]))
    return text + ";"


_reader: Reader | None = None


def reader() -> Reader:
    """The process's reader (``create_app`` sets it; it opens the warehouse at its first query)."""
    if _reader is None:
        raise NoReader("no warehouse reader: create the app with create_app(config), or call set_reader")
    return _reader


def set_reader(new: Reader | None) -> None:
    """Make ``new`` the process's reader (caches are keyed by version: another home's are not mixed in)."""
    global _reader
    _reader = new


@contextmanager
def using(new: Reader) -> Iterator[Reader]:
    """Read through ``new`` within the block; then give the previous reader back and close the readers
    of the block (``new``, and one that ``create_app`` installed in it)."""
    previous = _reader
    set_reader(new)
    try:
        yield new
    finally:
        installed = _reader
        set_reader(previous)
        new.close()
        if installed not in (new, previous, None):
            installed.close()


def config() -> DashboardConfig:
    """The settings the process's reader was made with."""
    return reader().config


def version() -> str:
    """The file name of the published version this request reads (``warehouse-<UTC time>.duckdb``): the
    current one, or the one its link pins."""
    return reader().version


def latest_version() -> str:
    """The file name of the current published version."""
    return reader().latest_version


def published_versions() -> dict[str, Path]:
    """The published versions on disk, by stamp."""
    return reader().published_versions()


def pruned_versions() -> dict[str, datetime]:
    """When each deleted version was deleted, by stamp (a pinned link to one says so)."""
    return pins.pruned(config().warehouse)


@lru_cache(maxsize=8)
def _catalog(version: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    r = reader()
    indicators = r.query("SELECT * FROM indicators ORDER BY pillar, indicator_id")
    covered = r.query(COVERAGE_SQL)
    indicators = indicators.merge(covered, on="indicator_id", how="left")
    countries = r.query("SELECT * FROM countries ORDER BY iso3")
    return indicators, countries


def indicators() -> pd.DataFrame:
    """Every indicator with its annual coverage (countries, first and last year)."""
    return _catalog(reader().version)[0]


def countries() -> pd.DataFrame:
    return _catalog(reader().version)[1]


@lru_cache(maxsize=8)
def _names(version: str, lang: str) -> dict[str, str]:
    table = _catalog(version)[1]
    return dict(zip(table["iso3"], table["name_ko" if lang == "ko" else "name_en"], strict=True))


def country_name(iso3: str, lang: str) -> str:
    return _names(reader().version, lang).get(iso3, iso3)


_view_caches: list = []


def memoized(function):
    """Cache a view function's result per published version and arguments (hashable ones)."""
    cached = lru_cache(maxsize=64)(lambda version, *args: function(*args))  # bounded: inputs are checked, not few
    _view_caches.append(cached)

    def wrapper(*args):
        frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        return cached(reader().version, *frozen)

    wrapper.cache_clear = cached.cache_clear
    wrapper.__wrapped__ = function
    wrapper.__doc__ = function.__doc__
    return wrapper


def forget_views() -> None:
    """Empty every memoized view, as a new combination of inputs finds them (for benchmarks)."""
    for cache in _view_caches:
        cache.cache_clear()


def indicator_row(indicator_id: str) -> pd.Series | None:
    table = indicators()
    row = table[table.indicator_id == indicator_id]
    return None if row.empty else row.iloc[0]


def has_population() -> bool:
    return _has_population(reader().version)


@lru_cache(maxsize=8)
def _has_population(version: str) -> bool:
    return bool(len(reader().query("SELECT 1 FROM observations WHERE indicator_id = 'worldbank:SP.POP.TOTL' "
                                   "LIMIT 1")))


@lru_cache(maxsize=8)
def _has_view(version: str, name: str) -> bool:
    return reader().has_view(name)


def series_params(indicator_id: str, countries_: list[str], start: int, end: int) -> dict:
    return {"indicator": indicator_id, "countries": list(countries_), "start": int(start), "end": int(end)}


# Each worker reads an indicator's annual values (and forecasts) once per published version and
# filters them in memory: the same rows the named queries return (a test checks), without a scan of
# the observations view per chart (~8 ms each; a page draws several).

@lru_cache(maxsize=1024)
def _annual(version: str, indicator_id: str) -> pd.DataFrame:
    return reader().query(ANNUAL_SQL, {"indicator": indicator_id})


@lru_cache(maxsize=8)
def _economies(version: str) -> frozenset[str]:
    table = _catalog(version)[1]
    return frozenset(table.loc[~table["is_aggregate"].astype(bool), "iso3"])


def _rows(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    return frame[mask].reset_index(drop=True)


def series(indicator_id: str, countries_: list[str], start: int, end: int, norm: str = "abs") -> pd.DataFrame:
    """Annual values of one indicator for the countries and years, normalised as asked (``SERIES_SQL``)."""
    if norm != "abs":
        return reader().query(SERIES_SQL[norm], series_params(indicator_id, countries_, start, end))
    frame = _annual(reader().version, indicator_id)
    return _rows(frame, frame["country_iso3"].isin(list(countries_)) & frame["year"].between(start, end))


@lru_cache(maxsize=1024)
def _forecasts(version: str, indicator_id: str) -> pd.DataFrame:
    if not _has_view(version, "forecasts"):
        return pd.DataFrame(columns=["country_iso3", "year", "model", "mean", "lo80", "hi80", "lo95", "hi95", "skill"])
    return reader().query(FORECAST_SQL, {"indicator": indicator_id})


def forecasts(indicator_id: str, countries_: list[str]) -> pd.DataFrame:
    """The countries' forecast rows (with skill) where the forecasting step has run; empty otherwise."""
    frame = _forecasts(reader().version, indicator_id)
    return _rows(frame, frame["country_iso3"].isin(list(countries_)))


def provenance(source_ids: list[str]) -> pd.DataFrame:
    return _provenance(reader().version, tuple(source_ids))


@lru_cache(maxsize=64)
def _provenance(version: str, source_ids: tuple[str, ...]) -> pd.DataFrame:
    return reader().query(PROVENANCE_SQL, {"sources": list(source_ids)})


@lru_cache(maxsize=8)
def _policy_events(version: str) -> pd.DataFrame:
    return reader().query(ALL_POLICY_SQL)


def policy_events(countries_: list[str], categories: list[str]) -> pd.DataFrame:
    """The countries' policy events in the categories, by date (``POLICY_SQL``)."""
    frame = _policy_events(reader().version)
    return _rows(frame, frame["country_iso3"].isin(list(countries_)) & frame["category"].isin(list(categories)))


def latest_all(indicator_id: str) -> pd.DataFrame:
    """Each economy's latest annual value of the indicator in a complete year, for ranks and percentiles
    (``LATEST_ALL_SQL``)."""
    version = reader().version
    frame = complete_rows(_annual(version, indicator_id))
    economies = frame[frame["country_iso3"].isin(_economies(version))]
    return economies.groupby("country_iso3", sort=False).tail(1)[["country_iso3", "year", "value"]].reset_index(
        drop=True)


def map_values(indicator_id: str, year: int) -> pd.DataFrame:
    """Every economy's value in ``year`` (``MAP_SQL``)."""
    version = reader().version
    frame = _annual(version, indicator_id)
    rows = _rows(frame, frame["country_iso3"].isin(_economies(version)) & (frame["year"] == int(year)))
    return rows[["country_iso3", "value"]]


@dataclass(frozen=True)
class Query:
    """A named, parameterised read-only query that a page declares in its own module (``$name`` parameters),
    run by ``fetch``: the page never holds a cursor, and ``sql_for`` shows it in the "show SQL" panel."""

    name: str
    sql: str


def fetch(query: Query, **params: object) -> pd.DataFrame:
    """Run a page's named query on the current version, with its own cursor."""
    return reader().query(query.sql, params)


def _countries_query(sql: str, countries_: list[str]) -> pd.DataFrame:
    return reader().query(sql, {"countries": list(countries_)})


def ic_export_shares(countries_: list[str]) -> pd.DataFrame:
    """The countries' shares of world IC exports by year, with the coverage flag (``IC_SHARES_SQL``)."""
    return _countries_query(IC_SHARES_SQL, countries_)


def memory_exports() -> pd.DataFrame:
    """Korea's monthly memory and HBM exports by customs series (``MEMORY_SQL``)."""
    return reader().query(MEMORY_SQL)


def supply_chain_shares(countries_: list[str]) -> pd.DataFrame:
    """The countries' shares of design, fabrication and ATP (``SUPPLY_CHAIN_SQL``)."""
    return _countries_query(SUPPLY_CHAIN_SQL, countries_)


def ai_investment(countries_: list[str]) -> pd.DataFrame:
    """CSET's private AI investment, actual and projected (``AI_INVESTMENT_SQL``)."""
    return _countries_query(AI_INVESTMENT_SQL, countries_)


def models_by_country(countries_: list[str]) -> pd.DataFrame:
    """Notable models per developer country and year, with the running total (``MODELS_BY_COUNTRY_SQL``)."""
    return _countries_query(MODELS_BY_COUNTRY_SQL, countries_)


def compute_frontier() -> pd.DataFrame:
    """Notable models with their training compute and release date (``COMPUTE_SQL``)."""
    return reader().query(COMPUTE_SQL)


def benchmark_best(countries_: list[str]) -> pd.DataFrame:
    """Each country's best independent benchmark score and its gap to the global best (``BENCHMARK_SQL``)."""
    return _countries_query(BENCHMARK_SQL, countries_)


@memoized
def index_values() -> pd.DataFrame:
    """Every year's values of the AI position index's indicators (complete periods only), one row per cell
    (``composite.VALUES_SQL``; the index page and the briefing read the same)."""
    return complete_rows(reader().query(composite.VALUES_SQL)).reset_index(drop=True)


def index_forecasts(countries_: list[str]) -> pd.DataFrame:
    """The projections that may fill a year of the index, keyed by its indicator."""
    return composite.forecast_rows({ind.forecast_id: forecasts(ind.forecast_id, countries_)
                                    for ind in composite.INDICATORS if ind.forecast_id})


@memoized
def index_year(last_year: int) -> int:
    """The index's default year: the latest (up to ``last_year``) the OECD economies' values cover."""
    return composite.default_year(index_values(), PEER_GROUPS["oecd"], last_year)


def complete_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a series frame whose period is complete (no part-period, no missing large reporters):
    what headlines, ranks and comparisons use."""
    return flags.complete_rows(frame)


def incomplete_reason(value_flags: object) -> str | None:
    """Why a value is incomplete (``part-period`` or ``incomplete-coverage``), or ``None``."""
    return flags.incomplete_reason(value_flags)


def sources() -> pd.DataFrame:
    """Every source's producer, title, link, licence and quality (``SOURCES_SQL``)."""
    return reader().query(SOURCES_SQL)


def source_status() -> pd.DataFrame:
    """Per source: last run, status, failures, rows, vintage, freshness (what `kaim status` prints)."""
    r = reader()
    with r.cursor() as cursor:
        return status_frame(cursor, r.config.failing_after)


def check_query(sql: str) -> None:
    """Refuse a researcher's query that is not one read-only SELECT (``QueryRefused``), before any slot."""
    sandbox.check(sql)


def researcher_query(sql: str, row_limit: int) -> QueryResult:
    """A researcher's query on the current version, in a child process under the configured limits
    (memory, time, bytes) and ``row_limit``; ``QueryRefused`` or ``QueryFailed`` say why not."""
    r = reader()
    return sandbox.run_isolated(r.path, sql, row_limit=row_limit, max_bytes=r.config.sql_max_bytes,
                                memory_mb=r.config.sql_memory_mb, seconds=r.config.sql_seconds)
