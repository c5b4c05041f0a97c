"""Researchers' SQL is locked down: hostile inputs are refused or cut off with one clear line, the
published file is unchanged, and ordinary queries keep working."""

from __future__ import annotations

import hashlib

import duckdb
import pytest

from kaim.cli import main
from tests.conftest import R_AND_D
from warehouse import publish, sandbox

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
]
ENDLESS = [
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
    "SELECT count(*) FROM observation_vintages a, observation_vintages b, observation_vintages c",
    "SELECT count(*) FROM range(1000000000000)",
    "SELECT sum(a.range * b.range) FROM range(10000000) a, range(10000000) b",
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("sql-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        assert main(["collect", *R_AND_D, "--mirror", str(data_dir)]) == 0
        from kaim.settings import load_settings
        yield load_settings()


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
