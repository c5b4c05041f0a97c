"""Publishing: versioned read-only files, atomic pointer, readers never disturbed, views documented."""

from __future__ import annotations

import os
import time

import duckdb
import pytest

from kaim.cli import main
from tests.conftest import R_AND_D
from warehouse import publish, retention
from warehouse.writer import Writer

PUBLIC_VIEWS = ("observations", "observation_vintages", "indicators", "countries", "collector_runs", "sources")


@pytest.fixture
def published(settings, mirror):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    return publish.latest(settings.warehouse)


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
        writer.con.execute("INSERT INTO core.runs VALUES (999, 'worldbank', now(), now(), 'unchanged', "
                           "0, 0, 0, 'test', NULL)")
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
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               "c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True); "
                               "time.sleep(60)", str(published)], stdout=subprocess.PIPE, text=True)
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
        holder.stdout.close()


def test_raw_payloads_beyond_the_policy_are_pruned_but_current_ones_stay(settings, mirror, monkeypatch):
    monkeypatch.setenv("KAIM_KEEP_RAW", "1")
    from kaim.settings import load_settings
    path = mirror / "oecd_msti" / "G_XGDP_V8.xml"
    original = path.read_bytes()
    for n in range(3):  # three vintages of one dataset
        path.write_bytes(original.replace(b'TIME_PERIOD="2024" OBS_VALUE="5.125284062"',
                                          f'TIME_PERIOD="2024" OBS_VALUE="5.{n}"'.encode()))
        assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    stored = sorted((load_settings().warehouse.raw_dir / "oecd_msti" / "G_XGDP").iterdir())
    assert len(stored) == 2  # keep_raw=1: the current vintage and the one before it
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw.payloads WHERE dataset = 'G_XGDP'").fetchone() == (3,)
        assert con.execute("SELECT count(DISTINCT vintage) FROM observation_vintages WHERE indicator_id = "
                           "'oecd_msti:G_XGDP'").fetchone() == (3,)  # earlier values stay queryable
