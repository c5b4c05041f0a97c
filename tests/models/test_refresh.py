"""Forecasts in the warehouse: `kaim forecast` writes the forecasts and backtests views, every row has
its skill, and only series whose data changed are refitted."""

from __future__ import annotations

import json

import duckdb
import pytest

from kaim.cli import main
from kaim.pipeline import ForecastStep, refresh_forecasts
from tests.conftest import R_AND_D
from warehouse import publish
from warehouse.peers import forecast_countries
from warehouse.writer import Writer

GERD = ("oecd_msti:G_XGDP",)


@pytest.fixture
def collected(settings, mirror):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    return settings


def test_refresh_writes_forecasts_with_skill_and_refits_only_changes(collected, mirror, monkeypatch):
    settings = collected
    with Writer(settings.warehouse, "test") as writer:
        step = ForecastStep(forecast_countries(), indicators=GERD)
        first = refresh_forecasts(writer, step)
        again = refresh_forecasts(writer, step)
        rows = writer.con.execute("SELECT country_iso3, year, model, mean, lo80, hi80, lo95, hi95, skill, "
                                  "beats_naive FROM forecasts").df()
        fitted = dict(writer.con.execute("SELECT country_iso3, generated_at FROM core.forecast_inputs").fetchall())
    assert first.refitted == first.series > 10 and again.refitted == 0
    assert rows["skill"].notna().all()  # every forecast row has its skill
    assert (rows["beats_naive"] == (rows["skill"] < 1)).all()
    assert ((rows["lo95"] <= rows["lo80"]) & (rows["lo80"] <= rows["mean"]) & (rows["mean"] <= rows["hi80"])
            & (rows["hi80"] <= rows["hi95"])).all()
    korea = rows[rows["country_iso3"] == "KOR"].sort_values("year")
    assert korea["year"].tolist() == list(range(2025, 2031))

    # a revised Korean value: only Korea's series is refitted at the next collect
    path = mirror / "oecd_msti" / "G_XGDP_V8.xml"
    path.write_bytes(path.read_bytes().replace(b'TIME_PERIOD="2024" OBS_VALUE="5.125284062"',
                                               b'TIME_PERIOD="2024" OBS_VALUE="5.3"'))
    monkeypatch.setenv("KAIM_FORECAST_AFTER_COLLECT", "1")
    with Writer(settings.warehouse, "test") as writer:
        writer.con.execute("DELETE FROM core.forecast_inputs WHERE indicator_id <> 'oecd_msti:G_XGDP'")
    monkeypatch.setattr("kaim.pipeline.forecast_countries", lambda: ("KOR", "USA", "JPN"))
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        after = dict(con.execute("SELECT country_iso3, generated_at FROM core.forecast_inputs "
                                 "WHERE indicator_id = 'oecd_msti:G_XGDP'").fetchall())
        korea_mean = con.execute("SELECT mean FROM forecasts WHERE indicator_id = 'oecd_msti:G_XGDP' AND "
                                 "country_iso3 = 'KOR' ORDER BY year LIMIT 1").fetchone()[0]
    assert after["KOR"] > fitted["KOR"]
    assert after["USA"] == fitted["USA"] and after["JPN"] == fitted["JPN"]  # unchanged data: not refitted
    assert korea_mean != korea["mean"].iloc[0]


def test_kaim_forecast_publishes_documented_views(collected, monkeypatch, capsys):
    monkeypatch.setattr("kaim.cli.forecast_countries", lambda: ("KOR", "USA"))
    assert main(["forecast"]) == 0
    assert "refitted" in capsys.readouterr().err
    with duckdb.connect(str(publish.latest(collected.warehouse)), read_only=True) as con:
        counts = con.execute("SELECT count(*), count(skill), count(DISTINCT country_iso3) FROM forecasts").fetchone()
        statuses = {s for (s,) in con.execute("SELECT DISTINCT status FROM backtests").fetchall()}
        undocumented = con.execute("SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND table_name "
                                   "IN ('forecasts', 'backtests') AND (comment IS NULL OR comment = '')").fetchone()[0]
    assert counts[0] == counts[1] > 0 and counts[2] == 2
    assert "shown" in statuses and undocumented == 0


def test_catch_up_and_required_growth_from_the_cli(collected, monkeypatch, capsys):
    monkeypatch.setattr("kaim.cli.forecast_countries", lambda: ("KOR", "USA", "JPN", "ISR", "DEU"))
    assert main(["forecast"]) == 0
    capsys.readouterr()
    assert main(["catchup", "--indicator", "oecd_msti:G_XGDP", "--format", "json"]) == 0
    rows = {r["peer_iso3"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["JPN"]["status"] == "already_ahead"  # Korea 5.13% against Japan's 3.6% of GDP
    assert set(rows) <= {"USA", "JPN", "ISR", "DEU"} and rows
    assert main(["required-growth", "--indicator", "oecd_msti:G_XGDP", "--year", "2030", "--target", "6"]) == 0
    line = capsys.readouterr().out
    assert "5.125 in 2024 -> 6 by 2030 needs +2.66% a year" in line  # (6 / 5.125) ** (1 / 6) - 1
    assert main(["required-growth", "--indicator", "oecd_msti:G_XGDP", "--year", "2030", "--rank", "1"]) == 0
    line = capsys.readouterr().out
    assert "by 2030 needs" in line and "rank 1 of" in line
    assert main(["required-growth", "--indicator", "oecd_msti:G_XGDP", "--year", "2030", "--growth", "2.66"]) == 0
    assert "5.125 in 2024 at +2.66% a year -> 6 by 2030" in capsys.readouterr().out  # 5.125 * 1.0266 ** 6
    assert all(0 <= r["p_crossed"] <= 1 for r in rows.values())  # by the last common forecast year
    assert rows["JPN"]["gap_year"] == 2024 and rows["JPN"]["gap"] > 0  # Korea ahead in the latest common year
