"""What changed in each published version: new periods, revised and removed values, the sources that
loaded or failed, and Korea's rank on each changed indicator before and after.

A published version is named by the time it was published (``warehouse-<UTC time>.duckdb``); the
current file holds every vintage ever loaded (``observation_changes`` compares each vintage with the
previous one of its dataset) and every run, so one file answers for all kept versions: a vintage or a
run belongs to the first version published after it. The oldest kept version is a baseline: what came
before it is no longer kept, so it is compared with nothing.

Queries go through ``Runner`` (SQL with ``$parameters`` in, frame out): the command line passes a
connection, the dashboard its data layer. The page, the Atom feed and ``kaim changes`` all read
``history``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from warehouse import flags, pins
from warehouse.config import WarehouseConfig
from warehouse.publish import POINTER

log = logging.getLogger(__name__)

Runner = Callable[[str, dict], pd.DataFrame]

KOREA = "KOR"
#: Versions reported at most (the page, the feed, ``kaim changes``).
MAX_VERSIONS = 20
#: Revised values listed per version (Korea's first); the rest are counted.
MAX_REVISIONS = 50
#: Before the first kept version: the baseline compares with nothing.
EPOCH = datetime(1970, 1, 1)


class UnknownVersion(ValueError):
    """A version that is not (or no longer) published; the message names it and the kept ones."""


class ChangesUnavailable(RuntimeError):
    """The published file predates the ``observation_changes`` view (a new publish adds it)."""


@dataclass(frozen=True)
class Version:
    """One published file, named by its publication time (UTC)."""

    name: str
    published: datetime

    @property
    def id(self) -> str:
        """The time stamp of its name, e.g. ``20261201T151436570986Z`` (what ``--since`` takes)."""
        return pins.stamp_of(Path(self.name))


@dataclass(frozen=True)
class Revision:
    indicator_id: str
    country_iso3: str
    freq: str
    period: date
    old_value: float
    new_value: float
    unit: str


@dataclass(frozen=True)
class Added:
    """Values of one indicator that a version added (``new_periods``: periods no country had before)
    or removed."""

    indicator_id: str
    freq: str
    change: str  # new or removed
    values: int
    new_periods: tuple[date, ...]
    countries: tuple[str, ...]  # up to a few, Korea first


@dataclass(frozen=True)
class SourceRun:
    source_id: str
    status: str  # ok, unchanged or failed
    payloads_new: int
    rows_changed: int
    rows_removed: int
    message: str


@dataclass(frozen=True)
class Rank:
    """Korea's rank among the economies reporting its latest complete year."""

    rank: int
    economies: int
    year: int


@dataclass(frozen=True)
class RankChange:
    indicator_id: str
    before: Rank | None
    after: Rank | None

    @property
    def unchanged(self) -> bool:
        return self.before is not None and self.after is not None and self.before.rank == self.after.rank


@dataclass(frozen=True)
class VersionChanges:
    version: Version
    previous: Version | None
    revisions: tuple[Revision, ...]
    n_revised: int
    added: tuple[Added, ...]
    sources: tuple[SourceRun, ...]
    ranks: tuple[RankChange, ...]
    #: indicator id -> (name in English, name in Korean, pillar)
    indicators: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    @property
    def baseline(self) -> bool:
        """The oldest kept version: compared with nothing."""
        return self.previous is None

    @property
    def n_new(self) -> int:
        return sum(a.values for a in self.added if a.change == "new")

    @property
    def n_removed(self) -> int:
        return sum(a.values for a in self.added if a.change == "removed")

    @property
    def failed(self) -> tuple[SourceRun, ...]:
        return tuple(s for s in self.sources if s.status == "failed")

    @property
    def changed(self) -> tuple[SourceRun, ...]:
        return tuple(s for s in self.sources if s.status == "ok")

    @property
    def empty(self) -> bool:
        return not (self.n_revised or self.added)


# Versions ---------------------------------------------------------------------------------------

def parse_version(name: str) -> Version | None:
    """The version a published file name stands for (``warehouse.pins`` names them), or None for any other name."""
    stamp = pins.stamp_of(Path(name))
    if not (name.startswith(pins.PREFIX) and name.endswith(pins.SUFFIX) and pins.is_stamp(stamp)):
        return None
    try:
        return Version(name, pins.stamp_time(stamp).replace(tzinfo=None))
    except ValueError:  # a stamp's shape with no such time (month 13)
        return None


def versions(config: WarehouseConfig, upto: str | None = None) -> list[Version]:
    """The published versions still kept, newest first, up to the current one (or the file named ``upto``:
    the version a pinned link reads)."""
    folder: Path = config.published_dir
    try:
        current = parse_version(upto or (folder / POINTER).read_text(encoding="utf-8").strip())
    except FileNotFoundError:
        return []
    found = [v for v in (parse_version(p.name) for p in pins.published(config).values()) if v is not None]
    return sorted((v for v in found if current is None or v.published <= current.published),
                  key=lambda v: v.published, reverse=True)


def resolve(kept: list[Version], text: str) -> Version:
    """The kept version ``text`` names (its id or its file name); ``UnknownVersion`` otherwise."""
    wanted = text.strip()
    for version in kept:
        if wanted in (version.id, version.name):
            return version
    shown = ", ".join(v.id for v in kept[:5]) + (", ..." if len(kept) > 5 else "")
    raise UnknownVersion(f"unknown version {wanted[:60]!r}: the versions kept are {shown or 'none'} "
                         "(`kaim changes` lists them)")


# What changed -----------------------------------------------------------------------------------

WINDOWS_SQL = "SELECT unnest($idx) AS idx, unnest($lo) AS lo, unnest($hi) AS hi"

#: Every change of the chosen versions, computed once (``observation_changes`` joined with the versions'
#: windows), in three parts: the revised values (Korea's first, ``$max_revisions`` per version, with their
#: count), the new and removed values per indicator, and each changed annual indicator's vintage before and
#: after the version (the first compared, the last loaded).
CHANGES_SQL = f"""
WITH windows AS ({WINDOWS_SQL}),
chosen AS MATERIALIZED (
    SELECT w.idx, c.* FROM observation_changes AS c JOIN windows AS w ON c.loaded_at > w.lo AND c.loaded_at <= w.hi
),
revised AS (
    SELECT idx, indicator_id, country_iso3, freq, period, old_value, new_value, unit,
           count(*) OVER (PARTITION BY idx) AS n_revised,
           row_number() OVER (PARTITION BY idx ORDER BY country_iso3 <> '{KOREA}', indicator_id, country_iso3,
                                                        period) AS pos
    FROM chosen WHERE change = 'revised'
    QUALIFY pos <= $max_revisions
),
added AS (
    SELECT idx, indicator_id, freq, change, count(*) AS n_values,
           list(DISTINCT period ORDER BY period) FILTER (WHERE new_period) AS new_periods,
           list(DISTINCT country_iso3 ORDER BY country_iso3 <> '{KOREA}', country_iso3) AS countries
    FROM chosen WHERE change IN ('new', 'removed')
    GROUP BY ALL
),
vintages AS (
    SELECT idx, indicator_id, arg_min(previous_vintage, loaded_at) AS before, arg_max(vintage, loaded_at) AS after
    FROM chosen WHERE freq = 'A' AND previous_vintage IS NOT NULL
    GROUP BY ALL
)
SELECT 'revised' AS part, * FROM revised
UNION ALL BY NAME SELECT 'added' AS part, * FROM added
UNION ALL BY NAME SELECT 'vintages' AS part, * FROM vintages"""

RUNS_SQL = f"""
WITH windows AS ({WINDOWS_SQL})
SELECT w.idx, r.source_id, r.status, r.payloads_new, r.rows_changed, coalesce(r.rows_removed, 0) AS rows_removed,
       coalesce(r.message, '') AS message
FROM collector_runs AS r JOIN windows AS w ON r.started > w.lo AND r.started <= w.hi
QUALIFY row_number() OVER (PARTITION BY w.idx, r.source_id ORDER BY r.started DESC) = 1
ORDER BY w.idx, r.source_id"""

#: Each changed indicator's vintage before and after the version (the first compared, the last loaded).
VINTAGES_SQL = f"""
WITH windows AS ({WINDOWS_SQL})
SELECT w.idx, c.indicator_id, arg_min(c.previous_vintage, c.loaded_at) AS before,
       arg_max(c.vintage, c.loaded_at) AS after
FROM observation_changes AS c JOIN windows AS w ON c.loaded_at > w.lo AND c.loaded_at <= w.hi
WHERE c.freq = 'A' AND c.previous_vintage IS NOT NULL
GROUP BY ALL"""

RANKS_SQL = f"""
WITH chosen AS (
    SELECT o.indicator_id, o.vintage, o.country_iso3, o.year, o.value
    FROM observation_vintages AS o JOIN countries AS c ON c.iso3 = o.country_iso3
    WHERE list_contains($keys, o.indicator_id || '|' || o.vintage) AND o.freq = 'A' AND NOT c.is_aggregate
      AND NOT {flags.incomplete_sql("o.flags")}
), ranked AS (
    SELECT *, rank() OVER (PARTITION BY indicator_id, vintage, year ORDER BY value DESC) AS rank,
           count(*) OVER (PARTITION BY indicator_id, vintage, year) AS economies
    FROM chosen
)
SELECT indicator_id, vintage, year, rank, economies FROM ranked WHERE country_iso3 = '{KOREA}'
QUALIFY row_number() OVER (PARTITION BY indicator_id, vintage ORDER BY year DESC) = 1"""

NAMES_SQL = "SELECT indicator_id, name_en, name_ko, pillar FROM indicators WHERE list_contains($ids, indicator_id)"


def _windows(chosen: list[Version], kept: list[Version]) -> dict:
    """Each chosen version's window (previous kept version's time, its own time], as query parameters."""
    older = {v.name: kept[i + 1] if i + 1 < len(kept) else None for i, v in enumerate(kept)}
    return {"idx": list(range(len(chosen))),
            "lo": [older[v.name].published if older[v.name] else EPOCH for v in chosen],
            "hi": [v.published for v in chosen]}


def history(run: Runner, kept: list[Version], since: Version | None = None, limit: int = MAX_VERSIONS,
            max_revisions: int = MAX_REVISIONS) -> list[VersionChanges]:
    """What each kept version changed, newest first: at most ``limit`` versions, those after ``since``."""
    chosen = [v for v in kept if since is None or v.published > since.published][:limit]
    if not chosen:
        return []
    if run("SELECT 1 FROM duckdb_views() WHERE view_name = 'observation_changes'", {}).empty:
        raise ChangesUnavailable("the published warehouse predates the observation_changes view: "
                                 "run `kaim publish` to publish it again")
    windows = _windows(chosen, kept)
    found = run(CHANGES_SQL, {**windows, "max_revisions": max_revisions})
    revisions = found[found["part"] == "revised"].sort_values(["idx", "pos"])
    added = found[found["part"] == "added"].sort_values(["idx", "indicator_id", "change"])
    runs = run(RUNS_SQL, windows)
    ranks = _ranks(run, found[found["part"] == "vintages"])
    ids = sorted(set(revisions["indicator_id"]) | set(added["indicator_id"]))
    names = run(NAMES_SQL, {"ids": ids})
    indicators = {r.indicator_id: (r.name_en, r.name_ko, r.pillar) for r in names.itertuples()}
    older = {v.name: kept[i + 1] if i + 1 < len(kept) else None for i, v in enumerate(kept)}
    result = []
    for idx, version in enumerate(chosen):
        rev = revisions[revisions["idx"] == idx]
        add = added[added["idx"] == idx]
        result.append(VersionChanges(
            version=version, previous=older[version.name],
            revisions=tuple(_revision(r) for r in rev.itertuples()),
            n_revised=int(rev["n_revised"].iloc[0]) if len(rev) else 0,
            added=tuple(_added(r) for r in add.itertuples()),
            sources=tuple(SourceRun(r.source_id, r.status, int(r.payloads_new), int(r.rows_changed),
                                    int(r.rows_removed), str(r.message))
                          for r in runs[runs["idx"] == idx].itertuples()),
            ranks=tuple(change for (i, _), change in ranks.items() if i == idx),
            indicators={k: v for k, v in indicators.items()
                        if k in set(rev["indicator_id"]) | set(add["indicator_id"])}))
    return result


def _day(value: object) -> date:
    return pd.Timestamp(value).date()


def _revision(row) -> Revision:
    return Revision(row.indicator_id, row.country_iso3, row.freq, _day(row.period), float(row.old_value),
                    float(row.new_value), str(row.unit))


def _items(value: object) -> list:
    """A SQL list as a Python list (NULL: empty)."""
    return list(value) if pd.api.types.is_list_like(value) else []


def _added(row) -> Added:
    return Added(row.indicator_id, row.freq, row.change, int(row.n_values),
                 tuple(_day(p) for p in _items(row.new_periods)), tuple(_items(row.countries)[:8]))


def _ranks(run: Runner, vintages: pd.DataFrame) -> dict[tuple[int, str], RankChange]:
    """Korea's rank before and after, per (version index, indicator) with annual changes."""
    if vintages.empty:
        return {}
    keys = sorted({f"{r.indicator_id}|{v}" for r in vintages.itertuples() for v in (r.before, r.after)})
    found = run(RANKS_SQL, {"keys": keys})
    by_key = {(r.indicator_id, r.vintage): Rank(int(r.rank), int(r.economies), int(r.year))
              for r in found.itertuples()}
    changes = {}
    for r in vintages.sort_values(["idx", "indicator_id"]).itertuples():
        before, after = by_key.get((r.indicator_id, r.before)), by_key.get((r.indicator_id, r.after))
        if before or after:
            changes[(int(r.idx), r.indicator_id)] = RankChange(r.indicator_id, before, after)
    return changes


def period_label(freq: str, period: date) -> str:
    """A period as readers write it: ``2024``, ``2024-Q3``, ``2024-07``."""
    if freq == "A":
        return str(period.year)
    if freq == "Q":
        return f"{period.year}-Q{(period.month - 1) // 3 + 1}"
    return f"{period.year}-{period.month:02d}"


def connection_runner(con) -> Runner:
    """A ``Runner`` over a DuckDB connection (the command line's)."""
    return lambda sql, params: con.execute(sql, params).df()
