"""Researchers' SQL is locked down: hostile inputs are refused or cut off with one clear line, the
published file is unchanged, and ordinary queries keep working."""

from __future__ import annotations

import hashlib
import math
import os
import re
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from kaim.cli import main
from tests.warehouse.conftest import build
from warehouse import publish, sandbox
from warehouse.config import WarehouseConfig

HOSTILE = [
    # writes and DDL
    "INSERT INTO core.runs VALUES (1, 'x', now(), now(), 'ok', 0, 0, 0, 'x', NULL)",
    "UPDATE core.observations SET value = 0",
    "DELETE FROM core.observations",
    "DROP VIEW observations",
    "DROP TABLE core.observations",
    "CREATE TABLE x (a INTEGER)",
    "CREATE VIEW v AS SELECT 1",
    "CREATE TEMP TABLE t AS SELECT 1",
    "ALTER TABLE core.runs ADD COLUMN x INTEGER",
    "TRUNCATE core.runs",
    "CREATE SCHEMA s",
    "CREATE SEQUENCE q",
    "CREATE MACRO m(a) AS a",
    "CREATE INDEX i ON core.runs (run_id)",
    "COMMENT ON VIEW observations IS 'x'",
    "CREATE TYPE mood AS ENUM ('a')",
    # local files and URLs
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/shadow')",
    "SELECT * FROM read_parquet('/tmp/x.parquet')",
    "SELECT * FROM read_json('/etc/hosts')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM 'https://example.com/data.csv'",
    "SELECT * FROM read_csv('http://127.0.0.1:1/x.csv')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM sqlite_scan('/tmp/x.db', 't')",
    # COPY, EXPORT, IMPORT
    "COPY core.runs TO '/tmp/kaim_stolen.csv'",
    "COPY (SELECT * FROM observations) TO '/tmp/kaim_stolen.parquet' (FORMAT parquet)",
    "EXPORT DATABASE '/tmp/kaim_export'",
    "IMPORT DATABASE '/tmp/kaim_export'",
    "COPY core.runs FROM '/etc/passwd'",
    # other databases
    "ATTACH '/tmp/kaim_other.duckdb' AS other",
    "ATTACH ':memory:' AS m",
    "DETACH warehouse",
    "USE other",
    # extensions
    "INSTALL httpfs",
    "LOAD httpfs",
    "FORCE INSTALL httpfs",
    "INSTALL 'http://127.0.0.1:1/evil.duckdb_extension'",
    "LOAD '/tmp/evil.duckdb_extension'",
    # settings
    "SET enable_external_access = true",
    "SET memory_limit = '100GB'",
    "RESET lock_configuration",
    "SET GLOBAL threads = 64",
    "SET lock_configuration = false",
    "SET temp_directory = '/tmp'",
    "PRAGMA memory_limit = '10GB'",
    "PRAGMA enable_profiling",
    # several statements, calls, transactions, prepared statements, secrets
    "SELECT 1; DROP TABLE core.runs",
    "SELECT 1; SELECT 2",
    "CALL dbgen(sf = 10)",
    "CALL pragma_version()",
    "BEGIN TRANSACTION",
    "CHECKPOINT",
    "VACUUM",
    "PREPARE p AS SELECT 1",
    "EXECUTE p",
    "CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')",
    "EXPLAIN ANALYZE SELECT 1",
    "",
    "SELEC 1",
    "SELECT '\ud800'",
]
ENDLESS = [
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
    "SELECT count(*) FROM observation_vintages a, observation_vintages b, observation_vintages c",
    "SELECT count(*) FROM range(1000000000000)",
    "SELECT sum(a.range * b.range) FROM range(10000000) a, range(10000000) b",
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> WarehouseConfig:
    """A published warehouse built from the schema, large enough for the ENDLESS cross joins (8,100 rows of
    observations: 8,100 cubed is far beyond any time limit)."""
    config = WarehouseConfig(tmp_path_factory.mktemp("sql-home"))
    build(config, countries=60, years=range(1980, 2025))
    return config


def checksum(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_at_least_fifty_hostile_inputs():
    assert len(HOSTILE) + len(ENDLESS) >= 50


def test_hostile_inputs_refused_with_one_line_and_file_unchanged(warehouse, monkeypatch, capsys):
    monkeypatch.setenv("KAIM_HOME", str(warehouse.home))
    path = publish.latest(warehouse)
    before = checksum(path)
    for query in HOSTILE:
        assert main(["sql", query]) == 2, query
        err = capsys.readouterr().err
        assert err.startswith("kaim: error: ") and err.count("\n") == 1, (query, err)
    for query in ENDLESS:
        assert main(["sql", query, "--timeout", "1"]) == 2, query
        assert "cut off after the time limit" in capsys.readouterr().err, query
    assert checksum(path) == before
    assert main(["sql", "SELECT count(*) AS n FROM observations", "--format", "csv"]) == 0  # still serving
    assert capsys.readouterr().out.startswith("n\n")


@pytest.mark.parametrize("query", [
    "COPY (SELECT 1) TO '/tmp/kaim_engine_test.csv'", "SELECT * FROM read_csv('/etc/passwd')",
    "ATTACH '/tmp/kaim_engine.duckdb' AS x", "INSTALL httpfs", "SET enable_external_access = true",
    "CREATE TABLE t (a INTEGER)",
])
def test_the_engine_refuses_even_without_the_statement_check(warehouse, query):
    """Defence in depth: the locked-down connection itself refuses what the parser check would stop."""
    with sandbox.connect(publish.latest(warehouse)) as con, pytest.raises(duckdb.Error):
        con.execute(query).fetchall()


def test_row_limit(warehouse):
    with sandbox.connect(publish.latest(warehouse)) as con:
        result = sandbox.run(con, "SELECT * FROM observations", row_limit=100)
    assert len(result.frame) == 100 and result.truncated
    assert list(result.frame.columns)[:3] == ["indicator_id", "country_iso3", "freq"]


# --- the web app's path: each query in a child process (run_isolated) -------------------------------------

MB = 1 << 20
#: One regexp_matches call on one long string: RE2's NFA walks 1,800 states per character, and DuckDB checks
#: for an interrupt only between calls, so the query runs on long after its time limit (about 16 µs a character
#: on the 2-core test machine).
UNINTERRUPTIBLE = "SELECT regexp_matches(repeat('a', {n} + r.range::INT), '(a?){{900}}a{{900}}b') FROM range(1) AS r"


def status_kb(field: str) -> int:
    return int(re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M).group(1))


def reset_peak_rss() -> int:
    """Forget this process's peak RSS (Linux: clear_refs 5); its RSS now, in kB."""
    Path("/proc/self/clear_refs").write_text("5")
    return status_kb("VmRSS")


def isolated(warehouse, sql: str, **limits) -> sandbox.QueryResult:
    limits = {"row_limit": 10_000, "max_bytes": 10_000_000, "memory_mb": 768, "seconds": 10.0, **limits}
    return sandbox.run_isolated(publish.latest(warehouse), sql, **limits)


def test_memory_attack_fails_in_the_child_and_the_caller_does_not_grow(warehouse):
    """In process, this took a web worker from 206 MB to over 4.2 GB (DuckDB's memory_limit does not cover
    result strings); in the child it meets the address-space cap."""
    before = reset_peak_rss()
    with pytest.raises(sandbox.QueryFailed, match=r"used more than 768 MB of memory"):
        isolated(warehouse, "SELECT repeat('x', 100000000) FROM range(50)")
    assert status_kb("VmHWM") - before < 40 * 1024


def test_a_query_that_ignores_interrupts_is_killed_on_time(warehouse):
    with sandbox.connect(publish.latest(warehouse)) as con:  # in process: the interrupt waits for the call
        started = time.monotonic()
        with pytest.raises(sandbox.QueryFailed, match="cut off"):
            sandbox.run(con, UNINTERRUPTIBLE.format(n=100_000), time_limit=0.1)
        assert time.monotonic() - started > 0.5
    started = time.monotonic()  # in the child: killed at the limit (the call alone would take over a minute)
    with pytest.raises(sandbox.QueryFailed, match=r"^cut off after 1 s \(the time limit\)$"):
        isolated(warehouse, UNINTERRUPTIBLE.format(n=5_000_000), seconds=1.0)
    assert time.monotonic() - started < 30  # killed, not run to its end (over a minute): no speed target


def test_wide_rows_are_cut_at_max_bytes(warehouse):
    """10,000 rows of 50 KB: a 500 MB response in process; here the child stops at 10 MB and says why."""
    before = reset_peak_rss()
    result = isolated(warehouse, "SELECT range AS i, repeat('x', 50000) AS s FROM range(10000)")
    assert result.truncated and result.reason == "bytes"
    assert 9_900_000 < result.size <= 10_000_000 and 190 < len(result.frame) < 200
    assert result.frame["s"].str.len().eq(50000).all() and list(result.frame["i"]) == list(range(len(result.frame)))
    assert status_kb("VmHWM") - before < 80 * 1024  # the 10 MB as received, parsed and framed


def test_row_limit_in_the_child(warehouse):
    result = isolated(warehouse, "SELECT * FROM observations", row_limit=100)
    assert len(result.frame) == 100 and result.truncated and result.reason == "rows"
    assert list(result.frame.columns)[:3] == ["indicator_id", "country_iso3", "freq"]
    complete = isolated(warehouse, "SELECT * FROM observations LIMIT 100", row_limit=100)
    assert len(complete.frame) == 100 and not complete.truncated and complete.reason == ""


def plain(value):
    """A value as JSON carries it: dates as ISO text, NaN as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.isoformat() if isinstance(value, date) else value


def test_a_normal_query_returns_the_same_rows_as_in_process(warehouse):
    sql = "SELECT * FROM observations ORDER BY ALL LIMIT 5000"
    with sandbox.connect(publish.latest(warehouse)) as con:
        expected = sandbox.run(con, sql).frame
    result = isolated(warehouse, sql)
    assert not result.truncated and list(result.frame.columns) == list(expected.columns)
    assert [[plain(v) for v in row] for row in expected.itertuples(index=False)] == result.frame.values.tolist()


def test_values_json_cannot_carry_become_text_or_numbers(warehouse):
    sql = ("SELECT DATE '2024-05-01' AS d, TIMESTAMP '2024-05-01 10:30:00' AS ts, 1.25::DECIMAL(5, 2) AS dec, "
           "'한국' AS s, [1, 2] AS l, {'a': 1} AS st, NULL AS n")
    row = isolated(warehouse, sql).frame.iloc[0].tolist()
    assert row == ["2024-05-01", "2024-05-01T10:30:00", 1.25, "한국", [1, 2], {"a": 1}, None]


def test_the_child_runs_locked_down(warehouse):
    settings = isolated(warehouse, "SELECT current_setting('lock_configuration') AS locked, "
                                   "current_setting('enable_external_access') AS external, "
                                   "current_setting('threads') AS threads, current_setting('memory_limit') AS memory",
                        memory_mb=600).frame.iloc[0].to_dict()
    assert settings == {"locked": True, "external": False, "threads": 1, "memory": "190.7 MiB"}
    with pytest.raises(sandbox.QueryFailed, match="disabled by configuration"):
        isolated(warehouse, "SELECT * FROM read_csv('/etc/passwd')")
    with pytest.raises(sandbox.QueryRefused):
        isolated(warehouse, "COPY (SELECT 1) TO '/tmp/kaim_child.csv'")


def test_the_child_checks_the_statement_itself(warehouse, monkeypatch):
    """Defence in depth: with the caller's check skipped, the child still refuses anything but one SELECT."""
    monkeypatch.setattr(sandbox, "check", lambda sql: None)
    path = publish.latest(warehouse)
    before = checksum(path)
    for query in ("CREATE TABLE t (a INTEGER)", "SELECT 1; SELECT 2", "ATTACH ':memory:' AS m"):
        with pytest.raises(sandbox.QueryRefused):
            isolated(warehouse, query)
    assert checksum(path) == before


def test_the_child_gets_no_open_file_and_no_environment_of_the_caller(warehouse, monkeypatch):
    monkeypatch.setenv("KAIM_SECRET_FOR_TEST", "x")
    with sandbox.connect(publish.latest(warehouse)):  # the caller holds the warehouse open
        proc = sandbox._spawn()
        try:
            deadline = time.monotonic() + 120  # until the child waits for its request (an inherited file stays
            # open); the deadline only bounds a hang. Files and environment are read together, from a live child.
            while True:
                fds = {int(fd) for fd in os.listdir(f"/proc/{proc.pid}/fd")}
                environ = Path(f"/proc/{proc.pid}/environ").read_bytes().split(b"\0")
                if (fds == {0, 1, 2} and any(environ)) or proc.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            assert proc.poll() is None, f"the child ended early: {proc.communicate()}"
            assert os.getpgid(proc.pid) == proc.pid  # a process group of its own, killed as one
        finally:
            proc.kill()
            proc.communicate()
    assert fds == {0, 1, 2}
    assert sorted(e.decode() for e in environ if e) == sorted(f"{k}={v}" for k, v in sandbox.CHILD_ENV.items())


def test_a_child_that_cannot_start_is_one_line_and_a_log_record(warehouse, monkeypatch, caplog):
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")  # as when the server's user may not run it
    with pytest.raises(sandbox.QueryFailed, match="could not start"):
        isolated(warehouse, "SELECT 1")
    assert "sql.child.spawn_failed" in caplog.text
