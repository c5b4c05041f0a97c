"""Publishing: versioned read-only files, atomic pointer, readers never disturbed, views documented; retention
of old versions and raw payloads. On a warehouse built from the schema (tests/warehouse/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from kaim.cli import main
from tests.warehouse.conftest import SERIES, load, observations
from warehouse import publish, retention
from warehouse.config import WarehouseConfig
from warehouse.writer import Writer

PUBLIC_VIEWS = ("observations", "observation_vintages", "indicators", "countries", "collector_runs", "sources")


def test_every_public_view_and_column_has_a_comment(published):
    with duckdb.connect(str(published), read_only=True) as con:
        views = dict(con.execute("SELECT view_name, comment FROM duckdb_views() "
                                 "WHERE schema_name = 'main' AND NOT internal").fetchall())
        assert set(PUBLIC_VIEWS) <= set(views)
        assert all(views[v] for v in PUBLIC_VIEWS)
        undocumented = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' "
            "AND table_name IN ? AND (comment IS NULL OR comment = '')", [list(PUBLIC_VIEWS)]).fetchall()
    assert undocumented == []


def test_design_columns_present(published):
    required = {
        "observations": {"indicator_id", "country_iso3", "freq", "period", "year", "value", "unit", "source_id",
                         "vintage", "flags"},
        "indicators": {"indicator_id", "pillar", "name_en", "name_ko", "unit", "source_id", "upstream_code",
                       "description", "source_url", "license", "quality"},
        "countries": {"iso3", "name_en", "name_ko", "region", "is_aggregate"},
        "collector_runs": {"source_id", "started", "finished", "status", "rows_added", "message"},
    }
    with duckdb.connect(str(published), read_only=True) as con:
        for view, columns in required.items():
            have = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}
            assert columns <= have, (view, columns - have)
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                 "WHERE table_name = 'observations'").fetchall())
    assert (types["period"], types["year"], types["value"]) == ("DATE", "INTEGER", "DOUBLE")


def test_reader_keeps_its_version_while_a_new_one_is_published(settings, published):
    reader = duckdb.connect(str(published), read_only=True)
    before = reader.execute("SELECT count(*) FROM collector_runs").fetchone()
    with Writer(settings.warehouse, "test") as writer:  # the writer is not blocked by the open reader
        writer.con.execute("INSERT INTO core.runs (run_id, source_id, started, finished, status, rows_added, "
                           "rows_changed, payloads_new, origin) VALUES (999, 'worldbank', now(), now(), "
                           "'unchanged', 0, 0, 0, 'test')")
        newer = publish.publish(writer.con, settings.warehouse)
    assert newer != published and publish.latest(settings.warehouse) == newer
    assert reader.execute("SELECT count(*) FROM collector_runs").fetchone() == before  # old file intact
    reader.close()
    with duckdb.connect(str(newer), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM collector_runs").fetchone()[0] == before[0] + 1


def test_published_connection_is_locked_down(published, settings):
    con = publish.connect_published(settings.warehouse)
    with pytest.raises(duckdb.Error, match="read-only|read only"):
        con.execute("CREATE TABLE x (a INTEGER)")
    with pytest.raises(duckdb.PermissionException):
        con.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()
    with pytest.raises(duckdb.Error, match="locked"):
        con.execute("SET enable_external_access = true")
    con.close()


def test_old_versions_pruned_beyond_keep_and_grace(settings, published):
    with Writer(settings.warehouse, "test") as writer:
        versions = [publish.publish(writer.con, settings.warehouse) for _ in range(settings.keep_versions + 2)]
    current = publish.latest(settings.warehouse)
    assert current == versions[-1]
    old = sorted(settings.warehouse.published_dir.glob("warehouse-*.duckdb"))
    assert len(old) == settings.keep_versions + 3  # all within the grace period: nothing deleted yet
    hour_ago = time.time() - 2 * retention.GRACE_SECONDS
    for path in old:
        os.utime(path, (hour_ago, hour_ago))
    removed = publish.prune(settings.warehouse)
    left = sorted(settings.warehouse.published_dir.glob("warehouse-*.duckdb"))
    assert len(removed) == 2 and len(left) == settings.keep_versions + 1
    assert current in left


def test_not_published_yet_is_one_clear_line(settings, capsys):
    assert main(["path"]) == 2
    assert capsys.readouterr().err.startswith("kaim: error: no published warehouse in ")


def test_a_version_a_reader_holds_open_is_never_pruned(settings, published):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; "
                               "c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True); "
                               "sys.stdin.read()", str(published)],  # holds it open until its stdin closes
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with Writer(settings.warehouse, "test") as writer:
            for _ in range(settings.keep_versions + 2):
                publish.publish(writer.con, settings.warehouse)
        old = time.time() - 2 * retention.GRACE_SECONDS
        for path in settings.warehouse.published_dir.glob("warehouse-*.duckdb"):
            os.utime(path, (old, old))
        removed = publish.prune(settings.warehouse)
        assert published not in removed and published.exists()  # held open by the "notebook"
        assert len(removed) == 1
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()


def test_raw_payloads_beyond_the_policy_are_pruned_but_current_ones_stay(tmp_path):
    config = WarehouseConfig(tmp_path / "home", keep_raw=1)
    (code, _, _), (other_code, _, _) = SERIES[:2]
    first = observations(code, ["KOR", "USA"], range(2020, 2025))
    with Writer(config, "test") as writer:
        load(writer, other_code, observations(other_code, ["KOR"], range(2020, 2025)))
        for n in range(3):  # three vintages of one dataset, each revising every value
            assert load(writer, code, first.assign(value=first["value"] + n)).rows_changed == len(first)
        paths = dict(writer.con.execute("SELECT dataset, list(stored_path ORDER BY payload_id) FROM raw.payloads "
                                        "GROUP BY 1").fetchall())
        stored, (other,) = [Path(p) for p in paths[code]], [Path(p) for p in paths[other_code]]
        assert all(p.is_file() for p in [*stored, other]) and len(set(stored)) == 3
        removed = retention.prune_raw(writer.con, config)
        newer = publish.publish(writer.con, config)
    assert removed == stored[:1]  # keep_raw=1: the current vintage and the one before it stay
    assert [p.is_file() for p in stored] == [False, True, True] and other.is_file()
    with duckdb.connect(str(newer), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw.payloads WHERE dataset = ?", [code]).fetchone() == (3,)
        vintages = con.execute("SELECT vintage, count(*), sum(value) FROM observation_vintages "
                               "WHERE indicator_id = ? GROUP BY 1 ORDER BY 1", [f"test_source:{code}"]).fetchall()
    assert [n for _, n, _ in vintages] == [len(first)] * 3  # earlier values stay queryable, as loaded
    expected = [first["value"].sum() + n * len(first) for n in range(3)]
    assert [total for _, _, total in vintages] == pytest.approx(expected)
