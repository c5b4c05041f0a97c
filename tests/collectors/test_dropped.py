"""Nothing dropped silently: rows a parser leaves out are counted by reason in `dropped_rows` and the run,
and values a new vintage no longer holds are counted as removed."""

from __future__ import annotations

import csv
import io

import duckdb

from kaim.cli import main
from warehouse import publish


def published(settings) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True)


def test_left_out_rows_are_counted_by_reason_as_the_files_hold_them(settings, mirror):
    assert main(["collect", "oecd_msti", "comtrade", "--mirror", str(mirror)]) == 0
    g_xgdp = (mirror / "oecd_msti" / "G_XGDP_V8.xml").read_bytes()
    (comtrade_file,) = (mirror / "comtrade").glob("*.csv")
    rows = list(csv.DictReader(io.StringIO(comtrade_file.read_text(encoding="utf-8-sig"))))
    second_partner = sum(r["partner2Code"] not in ("0", "0.0") for r in rows)
    with published(settings) as con:
        dropped = {(f, r.split(" ")[0]): n for f, r, n in con.execute(
            "SELECT file_name, reason, rows FROM dropped_rows").fetchall()}
        runs = dict(con.execute("SELECT source_id, rows_dropped FROM collector_runs").fetchall())
    assert dropped[("G_XGDP_V8.xml", "period")] == g_xgdp.count(b'TIME_PERIOD="2999"') > 0
    assert dropped[(comtrade_file.name, "breakdown")] == second_partner > 0
    assert runs["comtrade"] == second_partner
    assert runs["oecd_msti"] == sum(n for (f, _), n in dropped.items() if f.endswith("_V8.xml"))


def test_values_a_new_vintage_no_longer_holds_are_counted_as_removed(settings, mirror):
    path = mirror / "oecd_msti" / "G_XGDP_V8.xml"
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    korea_2024 = b'<ns1:Obs TIME_PERIOD="2024" OBS_VALUE="5.125284062" OBS_STATUS="P" />'
    assert path.read_bytes().count(korea_2024) == 1
    path.write_bytes(path.read_bytes().replace(korea_2024, b""))  # the producer withdrew one value
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    with published(settings) as con:
        last = con.execute("SELECT status, rows_removed, rows_changed FROM collector_runs "
                           "ORDER BY finished DESC LIMIT 1").fetchone()
        now = con.execute("SELECT count(*) FROM observations WHERE indicator_id = 'oecd_msti:G_XGDP' AND "
                          "country_iso3 = 'KOR' AND year = 2024").fetchone()[0]
        before = con.execute("SELECT count(*) FROM observation_vintages WHERE indicator_id = 'oecd_msti:G_XGDP' "
                             "AND country_iso3 = 'KOR' AND year = 2024").fetchone()[0]
    assert last == ("ok", 1, 0)  # one value gone, none new or revised
    assert now == 0 and before == 1  # gone from the latest vintage, kept in the earlier one


def test_taiwans_preliminary_part_year_rows_are_counted(settings, mirror):
    (path,) = (mirror / "semiconductors").glob("taiwan_customs_*.csv")
    partial = sum("(初步值)" in line for line in path.read_bytes().decode("utf-8-sig", "replace").splitlines())
    assert main(["collect", "taiwan_customs", "--mirror", str(mirror)]) == 0
    with published(settings) as con:
        (rows,) = con.execute("SELECT sum(rows) FROM dropped_rows WHERE source_id = 'taiwan_customs' "
                              "AND reason LIKE 'preliminary part-year%'").fetchone()
    assert rows == partial > 0
