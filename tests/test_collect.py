"""End to end: `kaim collect --mirror` into a published warehouse, idempotency, vintages, failures."""

from __future__ import annotations

import duckdb
import pytest

from kaim.cli import main
from tests.conftest import R_AND_D
from warehouse import publish


def sql(settings, query, params=None):
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def runs(settings):
    return dict(sql(settings, "SELECT source_id, status FROM collector_runs "
                              "QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY finished DESC) = 1"))


@pytest.fixture
def collected(settings, mirror):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    return settings


def test_acceptance_values(collected):
    settings = collected
    ranking = sql(settings, """
        SELECT country_iso3, round(value, 3), rank() OVER (ORDER BY value DESC)
        FROM observations o JOIN countries c ON c.iso3 = o.country_iso3
        WHERE indicator_id = 'oecd_msti:G_XGDP' AND year = 2024 AND NOT c.is_aggregate
        ORDER BY value DESC LIMIT 2""")
    assert ranking == [("ISR", 6.761, 1), ("KOR", 5.125, 2)]
    assert sql(settings, "SELECT round(value, 2) FROM observations WHERE indicator_id = "
                         "'worldbank:GB.XPD.RSDV.GD.ZS' AND country_iso3 = 'KOR' AND year = 2022") == [(5.21,)]
    assert runs(settings) == {"country_meta": "ok", "oecd_msti": "ok", "worldbank": "ok"}


def test_second_collect_is_unchanged_and_adds_nothing(collected, mirror, capsys):
    settings = collected
    before = sql(settings, "SELECT count(*) FROM observation_vintages")
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    assert "0 ok, 3 unchanged, 0 failed; 0 rows added" in capsys.readouterr().err
    assert sql(settings, "SELECT count(*) FROM observation_vintages") == before
    assert runs(settings) == {"country_meta": "unchanged", "oecd_msti": "unchanged", "worldbank": "unchanged"}


def test_changed_payload_is_a_new_vintage_and_the_old_stays(collected, mirror):
    settings = collected
    path = mirror / "oecd_msti" / "G_XGDP_V8.xml"
    raw = path.read_bytes()
    assert raw.count(b'TIME_PERIOD="2024" OBS_VALUE="5.125284062"') == 1
    path.write_bytes(raw.replace(b'TIME_PERIOD="2024" OBS_VALUE="5.125284062"', b'TIME_PERIOD="2024" OBS_VALUE="5.2"'))
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0

    current = sql(settings, "SELECT value, vintage FROM observations WHERE indicator_id = 'oecd_msti:G_XGDP' "
                            "AND country_iso3 = 'KOR' AND year = 2024")
    assert current == [(5.2, "2026-04-13#2")]
    history = sql(settings, "SELECT round(value, 3), vintage, is_current FROM observation_vintages "
                            "WHERE indicator_id = 'oecd_msti:G_XGDP' AND country_iso3 = 'KOR' AND year = 2024 "
                            "ORDER BY vintage")
    assert history == [(5.125, "2026-04-13", False), (5.2, "2026-04-13#2", True)]
    assert sql(settings, "SELECT status, rows_changed, payloads_new FROM collector_runs "
                         "WHERE source_id = 'oecd_msti' ORDER BY finished DESC LIMIT 1") == [("ok", 1, 1)]
    # the other five OECD files were unchanged: they are still current in their first vintage
    assert sql(settings, "SELECT count(DISTINCT vintage) FROM observations WHERE source_id = 'oecd_msti'") == [(2,)]


def test_truncated_payload_fails_alone_and_earlier_data_stays(collected, mirror, capsys):
    settings = collected
    path = mirror / "oecd_msti" / "TP_RS_V8.xml"
    path.write_bytes(path.read_bytes()[:50_000])
    gdp = mirror / "worldbank"
    (gdp_file,) = gdp.glob("API_NY.GDP.MKTP.CD_*.csv")
    gdp_file.write_bytes(gdp_file.read_bytes().replace(b'"Korea, Rep."', b'"Korea"'))  # a real change

    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 1
    err = capsys.readouterr().err
    assert "oecd_msti: FAILED: TP_RS_V8.xml: not well-formed XML" in err
    assert "kaim: error: failed source(s): oecd_msti" in err
    assert runs(settings) == {"country_meta": "unchanged", "oecd_msti": "failed", "worldbank": "ok"}
    message = sql(settings, "SELECT message FROM collector_runs WHERE status = 'failed'")[0][0]
    assert "TP_RS_V8.xml" in message
    # the failed source's earlier data is still published, in full
    assert sql(settings, "SELECT count(*) > 1000 FROM observations WHERE indicator_id = 'oecd_msti:TP_RS'") \
        == [(True,)]
    assert sql(settings, "SELECT round(value, 3) FROM observations WHERE indicator_id = 'oecd_msti:G_XGDP' "
                         "AND country_iso3 = 'KOR' AND year = 2024") == [(5.125,)]


@pytest.mark.parametrize(("folder", "glob", "old", "new", "expected"), [
    ("worldbank", "API_GB.XPD*", b'"Indicator Code"', b'"Series Code"', "field Indicator Code"),
    ("worldbank", "API_GB.XPD*", b'"5.21', b'"5,21', "is not a number"),
    ("oecd_msti", "G_XGDP*", b'OBS_VALUE="5.125284062"', b'OBS_VALUE="51.25"', "outside the plausible range"),
    ("oecd_msti", "G_XGDP*", b'LOCATION="KOR"', b'LOCATION="KOREA"', "unknown country code(s) 'KOREA'"),
])
def test_each_kind_of_bad_input_fails_the_source_with_a_message(settings, mirror, capsys, folder, glob, old, new,
                                                                 expected):
    (path,) = (mirror / folder).glob(glob)
    assert old in path.read_bytes()
    path.write_bytes(path.read_bytes().replace(old, new))
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 1
    statuses = runs(settings)
    assert statuses.pop(folder) == "failed"
    assert set(statuses.values()) == {"ok"}
    message = sql(settings, "SELECT message FROM collector_runs WHERE source_id = ?", [folder])[0][0]
    assert path.name in message and expected in message
    assert f"{folder}: FAILED: {path.name}" in capsys.readouterr().err
