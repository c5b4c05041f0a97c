"""Numbers a policymaker can act on (issue 13), on the real files: part-years and years missing large
reporters are flagged on the observation, forecasts start from complete years, and catch-up compares
like with like (same year, no aggregate as the peer of a level)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.conftest import collected_home
from warehouse import publish

SOURCES = ["country_meta", "comtrade", "owid_ai", "oecd_msti"]
SYSTEMS = "owid_ai:large_scale_ai_systems_cumulative"
IC_EXPORTS = "comtrade:8542:X"
GERD = "oecd_msti:G_XGDP"
PEERS = ("KOR", "USA", "JPN", "SGP", "WLD", "OED")


@pytest.fixture(scope="module")
def truth(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("truth-home")
    with collected_home(home, data_dir, SOURCES, forecast=(PEERS, [SYSTEMS, IC_EXPORTS, GERD])) as settings, \
            duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        yield con


def flags_of(con, indicator: str, country: str, year: int) -> str | None:
    return con.execute("SELECT flags FROM observations WHERE indicator_id = ? AND country_iso3 = ? AND year = ?",
                       [indicator, country, year]).fetchone()[0]


def first_forecast_year(con, indicator: str, country: str) -> int:
    return con.execute("SELECT min(year) FROM forecasts WHERE indicator_id = ? AND country_iso3 = ?",
                       [indicator, country]).fetchone()[0]


def test_a_year_not_over_at_the_producers_date_is_flagged_and_never_fitted(truth):
    # OWID's file was taken in April 2026: its 2026 counts are part of a year (Korea: 17, as in 2025)
    assert flags_of(truth, SYSTEMS, "KOR", 2026) == "part-period"
    assert flags_of(truth, SYSTEMS, "KOR", 2025) is None
    assert first_forecast_year(truth, SYSTEMS, "KOR") == 2026  # from complete 2025, not after the part-year


def test_a_year_missing_large_exporters_is_flagged_everywhere(truth):
    counts = dict(truth.execute(
        "SELECT year, count(*) FILTER (WHERE flags LIKE '%incomplete-coverage%') = count(*) FROM observations "
        "WHERE indicator_id = ? AND year IN (2023, 2024) GROUP BY year", [IC_EXPORTS]).fetchall())
    assert counts == {2023: False, 2024: True}  # 2024 lacks Taiwan, Singapore and Viet Nam
    message = truth.execute("SELECT message FROM collector_runs WHERE source_id = 'comtrade'").fetchone()[0]
    assert "2024: large exporters missing: S19, SGP, VNM (30% of 2023's total)" in message
    assert first_forecast_year(truth, IC_EXPORTS, "KOR") == 2024  # fitted on 2013-2023


def test_catch_up_compares_the_same_year_and_no_aggregate_for_a_level(truth):
    rows = truth.execute("SELECT indicator_id, peer_iso3, status FROM catch_up").fetchall()
    peers = {(indicator, peer) for indicator, peer, _ in rows}
    assert not {p for i, p in peers if i == IC_EXPORTS} & {"WLD", "OED"}  # Korea's exports are part of these
    assert (GERD, "OED") in peers  # a share of GDP compares with the OECD's
    korea, singapore = (truth.execute(
        "SELECT value FROM observations WHERE indicator_id = ? AND country_iso3 = ? AND year = 2023",
        [IC_EXPORTS, code]).fetchone()[0] for code in ("KOR", "SGP"))
    status = dict(((i, p), s) for i, p, s in rows)[(IC_EXPORTS, "SGP")]
    assert (status == "already_ahead") == (korea > singapore)  # both in 2023, the last year both report


def test_status_shows_the_producers_date_the_latest_periods_coverage_and_what_was_left_out(truth):
    from warehouse.status import status_frame

    status = status_frame(truth).set_index("source_id")
    comtrade, owid, msti = status.loc["comtrade"], status.loc["owid_ai"], status.loc["oecd_msti"]
    assert (comtrade["latest_flag"], comtrade["latest_incomplete"]) == ("incomplete-coverage", 86)
    assert comtrade["latest_values"] == 87  # the one complete value: China's imports from the US
    assert comtrade["dropped"] == 158 and pd.isna(comtrade["producer_date"])  # the CSV states no date
    assert (owid["latest_flag"], owid["latest_incomplete"]) == ("part-period", owid["latest_values"])
    assert str(msti["producer_date"]).startswith("20")  # SDMX states when it prepared the message
    assert msti["latest_incomplete"] == 0 and msti["dropped"] > 0  # the 2999 'latest available' repeats


def test_catch_up_years_give_the_probability_of_being_ahead_each_year(truth):
    years = truth.execute("SELECT year, mean, peer_mean, p_ahead, p_crossed, p_overtaken FROM catch_up_years "
                          "WHERE indicator_id = ? "
                          "AND peer_iso3 = 'SGP' ORDER BY year", [IC_EXPORTS]).df()
    korea, singapore = (truth.execute("SELECT year, mean FROM forecasts WHERE indicator_id = ? AND country_iso3 = ? "
                                      "ORDER BY year", [IC_EXPORTS, code]).df() for code in ("KOR", "SGP"))
    assert years["year"].tolist() == sorted(set(korea["year"]) & set(singapore["year"])) and len(years) >= 5
    assert years["mean"].tolist() == korea.set_index("year").loc[years["year"], "mean"].tolist()
    assert years["p_ahead"].between(0, 1).all()
    assert ((years["p_ahead"] > 0.5) == (years["mean"] > years["peer_mean"])).all()  # normal, centred on the gap
    assert years["p_crossed"].is_monotonic_increasing and (years["p_crossed"] >= years["p_ahead"] - 1e-12).all()
    assert years["p_overtaken"].is_monotonic_increasing and (years["p_overtaken"] >= 1 - years["p_ahead"] - 1e-12).all()
    status, probability = truth.execute("SELECT status, probability FROM catch_up WHERE indicator_id = ? AND "
                                        "peer_iso3 = 'SGP'", [IC_EXPORTS]).fetchone()
    assert status == "not_within_horizon" and probability == pytest.approx(years["p_ahead"].iloc[-1])
    assert not truth.execute("SELECT count(*) FROM catch_up_years WHERE peer_iso3 IN ('WLD', 'OED') AND "
                             "indicator_id = ?", [IC_EXPORTS]).fetchone()[0]
