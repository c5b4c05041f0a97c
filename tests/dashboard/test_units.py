"""Dashboard logic without a browser: texts, formats, URL state, the SQL shown to researchers."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data
from dashboard.i18n import LANGUAGES, TEXT, fmt_number, t
from dashboard.state import read_query, split_path, write_query
from kaim.cli import main
from tests.conftest import R_AND_D


def test_every_text_exists_in_korean_and_english():
    missing = [key for key, entry in TEXT.items() for lang in LANGUAGES if not entry.get(lang)]
    assert missing == []
    assert t("nav.rd", "ko") == "연구개발" and t("nav.rd", "en") == "R&D"


@pytest.mark.parametrize(("value", "lang", "unit", "shown"), [
    (86_134_555_070, "en", "USD", "$86.1 bn"),
    (86_134_555_070, "ko", "USD", "861억 달러"),
    (1.2e12, "ko", "USD", "1.2조 달러"),
    (5.125284, "en", "%", "5.13 %"),
    (503_346, "en", "researchers (FTE)", "503,346"),
    (17.0, "ko", "systems", "17"),
    (5.0, "en", "%", "5.00 %"),
    (None, "ko", "", "–"),
])
def test_number_formats(value, lang, unit, shown):
    assert fmt_number(value, lang, unit) == shown


def test_url_state_round_trip():
    assert split_path("/en/semis") == ("en", "semis")
    assert split_path("/nope") == ("ko", "overview")
    query = write_query({"ind": "oecd_msti:G_XGDP", "c": ["KOR", "USA"], "y0": 2000, "n": None})
    assert read_query(query) == {"ind": "oecd_msti:G_XGDP", "c": "KOR,USA", "y0": "2000"}


def test_shown_sql_reproduces_the_chart_data(settings, mirror, use_reader):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    use_reader(settings)
    params = data.series_params("oecd_msti:G_XGDP", ["KOR", "USA"], 2010, 2024)
    chart = data.series("oecd_msti:G_XGDP", ["KOR", "USA"], 2010, 2024)
    shown = data.sql_for(data.SERIES_SQL["abs"], params)
    with data.reader().cursor() as cursor:  # as a researcher would run it: no parameters left
        again = cursor.execute(shown).df()
    assert again.equals(chart) and len(chart) == 30


def test_in_memory_filters_return_what_the_named_queries_return(settings, mirror, use_reader):
    assert main(["collect", *R_AND_D, "policy", "comtrade", "--mirror", str(mirror)]) == 0
    use_reader(settings)
    indicator = "oecd_msti:G_XGDP"

    def sql(query: str, **params) -> pd.DataFrame:
        return data.reader().query(query, params)

    def same(ours: pd.DataFrame, theirs: pd.DataFrame, key: list[str]) -> bool:
        ours, theirs = (f.sort_values(key).reset_index(drop=True) for f in (ours, theirs))
        return ours.equals(theirs[ours.columns]) and list(ours.columns) == list(theirs.columns)

    latest = data.latest_all(indicator)
    assert len(latest) > 30 and same(latest, sql(data.LATEST_ALL_SQL, indicator=indicator), ["country_iso3"])
    exports = data.latest_all("comtrade:8542:X")  # 2024 lacks large exporters: ranks stop at 2023
    assert same(exports, sql(data.LATEST_ALL_SQL, indicator="comtrade:8542:X"), ["country_iso3"])
    assert len(exports) > 30 and exports["year"].max() == 2023
    world = data.map_values(indicator, 2020)
    assert len(world) > 30 and same(world, sql(data.MAP_SQL, indicator=indicator, year=2020), ["country_iso3"])
    events = data.policy_events(["KOR", "USA"], ["strategy", "law"])
    expected = sql(data.POLICY_SQL, countries=["KOR", "USA"], categories=["strategy", "law"])
    assert len(events) > 3 and same(events, expected, ["date", "country_iso3", "title"])
    assert data.series(indicator, ["KOR"], 2030, 2040).empty and data.series("no:such", ["KOR"], 1990, 2020).empty


#: GDP per capita, PPP (current international $), 2022: World Bank WDI indicator NY.GDP.PCAP.PP.CD (ICP 2021
#: benchmark, as the World Bank API served it in 2025). Published by the World Bank from its own PPPs and
#: population, independently of the OECD MSTI series the dashboard's conversion rests on.
WORLD_BANK_GDP_PER_PERSON_PPP_2022 = {"KOR": 55_509.3, "JPN": 47_192.1}


def test_usd_ppp_comes_close_to_the_world_banks_published_ppp_gdp(settings, mirror, use_reader):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    use_reader(settings)
    countries = [*WORLD_BANK_GDP_PER_PERSON_PPP_2022, "USA"]
    gdp = data.series("worldbank:NY.GDP.MKTP.CD", countries, 2022, 2022).set_index("country_iso3")["value"]
    ppp = data.series("worldbank:NY.GDP.MKTP.CD", countries, 2022, 2022, "ppp").set_index("country_iso3")
    people = data.series("worldbank:SP.POP.TOTL", countries, 2022, 2022).set_index("country_iso3")["value"]
    assert set(ppp["unit"]) == {"USD PPP"}
    for country, published in WORLD_BANK_GDP_PER_PERSON_PPP_2022.items():
        assert ppp.loc[country, "value"] / people[country] == pytest.approx(published, rel=0.01), country
    assert ppp.loc["USA", "value"] == pytest.approx(gdp["USA"], rel=0.02)  # PPP dollars are US dollars in the US


def test_normalisation_applies_where_it_makes_sense_and_says_why_not():
    from dashboard.explorer import normalisation

    assert normalisation("ppp", "USD", "en")[0] == "ppp"
    assert normalisation("pct_gdp", "USD", "en") == ("pct_gdp", "")
    norm, note = normalisation("ppp", "%", "en")
    assert norm == "abs" and "USD PPP does not apply to values in %" in note
    assert normalisation("pct_gdp", "%", "ko")[0] == "abs" and "원자료" in normalisation("pct_gdp", "%", "ko")[1]
