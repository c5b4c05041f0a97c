"""Researchers' SQL: one read-only SELECT on the published warehouse, with a row limit and a time limit.

Two fences. The engine: the file opens read-only, with no file or network access, no extension
loading, a memory cap and no spilling to disk, and its configuration locked so no statement can
lift any of that. The statement: exactly one SELECT (no DDL, DML, COPY, ATTACH, SET, PRAGMA, CALL,
no second statement), checked with DuckDB's own parser before it runs.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

DEFAULT_ROW_LIMIT = 10_000
DEFAULT_TIME_LIMIT = 10.0
ENGINE_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": "1GB",
    "threads": 2,
    "temp_directory": "",
    "lock_configuration": True,
}


class QueryRefused(ValueError):
    """The statement is not a single read-only SELECT; the message says why."""


class QueryFailed(RuntimeError):
    """The statement was allowed but failed or was cut off (time limit); the message says why."""


@dataclass
class QueryResult:
    frame: pd.DataFrame
    truncated: bool
    seconds: float


def check(sql: str) -> None:
    """Refuse anything but exactly one SELECT statement."""
    if not sql or not sql.strip():
        raise QueryRefused("empty query")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"not valid SQL: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1:
        raise QueryRefused(f"one statement at a time, found {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefused(f"only SELECT queries are allowed (this is {kind.name}); the warehouse is read-only")


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A locked-down read-only connection (see the module docstring)."""
    return duckdb.connect(str(path), read_only=True, config=dict(ENGINE_CONFIG))


def run(con: duckdb.DuckDBPyConnection, sql: str, row_limit: int = DEFAULT_ROW_LIMIT,
        time_limit: float = DEFAULT_TIME_LIMIT) -> QueryResult:
    """Run one checked SELECT on its own cursor; at most ``row_limit`` rows, cut off after ``time_limit`` s."""
    check(sql)
    started = time.perf_counter()
    with con.cursor() as cursor:
        timer = threading.Timer(time_limit, cursor.interrupt)
        timer.start()
        try:
            result = cursor.execute(sql)
            rows = result.fetchmany(row_limit + 1)
            columns = [d[0] for d in result.description]
        except duckdb.InterruptException:
            raise QueryFailed(f"cut off after the time limit of {time_limit:g} s") from None
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            if "interrupt" in message.lower():
                raise QueryFailed(f"cut off after the time limit of {time_limit:g} s") from None
            raise QueryFailed(message) from None
        finally:
            timer.cancel()
    truncated = len(rows) > row_limit
    frame = pd.DataFrame.from_records(rows[:row_limit], columns=columns)
    return QueryResult(frame, truncated, time.perf_counter() - started)
