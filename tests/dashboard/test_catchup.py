"""The catch-up page on the real R&D files with forecasts of GERD % GDP for the focus peers: the same answers
as `kaim required-growth`, probabilities that never fall, the gap today, the reasons in words, and inputs
checked against their choices."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import data, ids, inputs
from dashboard.i18n import fmt_number, t
from dashboard.pages import catchup
from kaim.cli import main
from tests.conftest import R_AND_D, collected_home
from warehouse import flags

GERD = "oecd_msti:G_XGDP"
FOCUS = ("KOR", "USA", "CHN", "JPN", "TWN", "DEU")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("catchup-home")
    with collected_home(home, data_dir, R_AND_D, forecast=(FOCUS, [GERD])) as settings, \
            data.using(data.Reader(settings.dashboard)):
        yield settings


def query(sql: str) -> pd.DataFrame:
    """The published views, read here directly (not through the page's queries)."""
    return data.reader().query(sql, {"indicator": GERD})


def complete_values() -> pd.DataFrame:
    return flags.complete_rows(query(
        "SELECT o.country_iso3, o.year, o.value, o.flags, c.is_aggregate FROM observations AS o "
        "JOIN countries AS c ON c.iso3 = o.country_iso3 WHERE indicator_id = $indicator AND freq = 'A'"))


def cli(settings, monkeypatch, capsys, *args: str) -> str:
    data.reader().close()  # the command line opens the published file itself; the reader reopens it after
    monkeypatch.setenv("KAIM_HOME", str(settings.home))
    assert main(["required-growth", "--indicator", GERD, "--year", "2030", *args]) == 0
    return capsys.readouterr().out


def test_the_page_and_the_command_line_give_the_same_answers(warehouse, monkeypatch, capsys):
    values = complete_values()
    korea = values[values["country_iso3"] == "KOR"].sort_values("year").iloc[-1]
    # growth needed for a value: the compound rate, worked out here from the observations
    line = cli(warehouse, monkeypatch, capsys, "--target", "6")
    page = catchup.answer(GERD, "value", 6.0, 2030)
    expected = (6 / korea["value"]) ** (1 / (2030 - korea["year"])) - 1
    assert page.rate == pytest.approx(expected) and f"needs {expected:+.2%} a year" in line
    words = catchup.scenario_view(GERD, "value", 6.0, 2030, "en")[0]
    assert f"{expected:+.2%}" in words and f"in {int(korea['year'])}" in words

    # growth needed for first place: reach the highest other economy, at its skilful forecast or latest value
    skilful = query("SELECT country_iso3, arg_max(mean, year) AS projected FROM forecasts WHERE "
                    "indicator_id = $indicator AND year <= 2030 AND beats_naive GROUP BY 1")
    latest = values[~values["is_aggregate"].astype(bool) & (values["country_iso3"] != "KOR")]
    latest = latest.sort_values("year").groupby("country_iso3").tail(1).merge(skilful, on="country_iso3", how="left")
    best = latest["projected"].fillna(latest["value"]).max()
    line = cli(warehouse, monkeypatch, capsys, "--rank", "1")
    page = catchup.answer(GERD, "rank", 1.0, 2030)
    assert page.target_value == pytest.approx(best) and page.economies == len(latest) + 1
    assert f"needs {page.rate:+.2%} a year" in line and f"rank 1 of {page.economies}" in line

    # the reverse: the rank a growth rate earns
    line = cli(warehouse, monkeypatch, capsys, "--growth", "2.5")
    page = catchup.answer(GERD, "growth", 2.5, 2030)
    reached = korea["value"] * 1.025 ** (2030 - korea["year"])
    others = latest["projected"].fillna(latest["value"])
    assert page.target_value == pytest.approx(reached) and page.rank == 1 + int((others > reached).sum())
    assert f"rank {page.rank} of {page.economies}" in line
    words = catchup.scenario_view(GERD, "growth", 2.5, 2030, "ko")[0]
    assert f"{page.economies}개국 중 {page.rank}위" in words


def test_the_probability_of_having_crossed_never_falls_and_is_stated_year_by_year(warehouse):
    table = catchup.peer_table(GERD)
    counted = table[table["reason"].isna()]
    assert not counted.empty
    years = query("SELECT peer_iso3, year, p_ahead, p_crossed, p_overtaken FROM catch_up_years "
                  "WHERE indicator_id = $indicator ORDER BY peer_iso3, year")
    for row in counted.itertuples():
        mine = years[years["peer_iso3"] == row.peer_iso3]
        column = "p_overtaken" if row.status == "already_ahead" else "p_crossed"
        assert mine[column].is_monotonic_increasing
        text = catchup.summary(GERD, row.peer_iso3, "en")
        stated = [int(p) for p in re.findall(r"(\d+)% by \d{4}", text)]
        assert stated == [round(100 * p) for p in mine[column]] and stated == sorted(stated)


def test_a_forecast_without_skill_is_named_instead_of_odds(warehouse):
    unskilled = set(query("SELECT DISTINCT country_iso3 FROM forecasts WHERE indicator_id = $indicator "
                          "AND NOT beats_naive")["country_iso3"])
    table = catchup.peer_table(GERD)
    for peer in table["peer_iso3"]:
        reason = table.set_index("peer_iso3").loc[peer, "reason"]
        assert (reason == "not_skilful") == bool({peer, "KOR"} & unskilled)
        if reason == "not_skilful":
            for lang in ("en", "ko"):
                text = catchup.summary(GERD, peer, lang)
                assert text.startswith(t("catchup.why.not_skilful", lang, peer=data.country_name(peer, lang),
                                         countries="X").split("X")[0])
                assert data.country_name(peer, lang) in text


def test_the_gap_today_in_the_unit_and_as_a_share(warehouse):
    values = complete_values().pivot_table(index="year", columns="country_iso3", values="value")
    for peer in catchup.peer_table(GERD)["peer_iso3"]:
        both = values[["KOR", peer]].dropna()
        year = int(both.index.max())
        korea, other = both.loc[year, "KOR"], both.loc[year, peer]
        text = catchup.summary(GERD, peer, "en")
        assert f"Gap in {year}" in text and fmt_number(korea - other, "en", "%") in text
        assert f"({(korea - other) / other:+.0%} of" in text


def test_a_peer_without_a_common_forecast_year_is_explained(warehouse):
    text = catchup.summary(GERD, "FRA", "en")  # France has no forecast here
    assert text.startswith(t("catchup.why.no_common_year", "en", peer=data.country_name("FRA", "en")))
    odds = catchup.odds_card(GERD, "FRA", "ko")
    assert odds[0]["layout"]["annotations"]  # the chart draws no odds, and its description says why
    assert odds[-1] == t("catchup.why.no_common_year", "ko", peer=data.country_name("FRA", "ko"))


def test_inputs_are_checked_against_their_choices(warehouse):
    assert catchup.checked_indicator(GERD) == GERD
    for check, bad in ((catchup.checked_indicator, "worldbank:SP.POP.TOTL"), (catchup.checked_peer, "XXX"),
                       (catchup.checked_peer, ["KOR"]), (catchup.checked_kind, "drop"), (catchup.checked_year, 1999),
                       (catchup.checked_year, "2030"), (catchup.checked_amount, "5")):
        with pytest.raises(inputs.InvalidInput):
            check(bad)
    assert catchup.checked_amount(None) is None and catchup.checked_amount(2) == 2.0
    assert catchup.checked_amount(10**400) is None and catchup.checked_amount(float("nan")) is None
    assert catchup.scenario_view(GERD, "rank", 0.5, 2030, "en")[0] == t("scenario.invalid", "en")


def _value(layout: list, component_id: str):
    found = [c for part in layout for c in part._traverse() if getattr(c, "id", None) == component_id]
    return found[0].value


def test_the_url_reopens_the_view_and_junk_falls_back(warehouse):
    query = {"ind": GERD, "peer": "TWN", "sk": "growth", "sv": "2.5", "sy": "2029"}
    layout = catchup.layout("en", query)
    assert [_value(layout, i) for i in (ids.CATCHUP_INDICATOR, ids.CATCHUP_PEER, ids.SCENARIO_KIND,
                                        ids.SCENARIO_AMOUNT, ids.SCENARIO_YEAR)] == [GERD, "TWN", "growth", 2.5, 2029]
    junk = catchup.layout("ko", {"ind": "../etc", "peer": "ZZZ", "sk": "x", "sv": "nan", "sy": "1900"})
    assert [_value(junk, i) for i in (ids.CATCHUP_INDICATOR, ids.CATCHUP_PEER, ids.SCENARIO_KIND,
                                      ids.SCENARIO_YEAR)] == [GERD, catchup.default_peer(GERD), "rank", 2030]
