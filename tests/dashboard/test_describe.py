"""Chart descriptions on the real files: each kind of chart says what it shows, with the numbers of the rows it
draws, in Korean and English; flagged values are named and never ranked; every card carries its text."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data, describe
from dashboard.components import CARD_OUTPUTS, card_outputs, chart_card, description_id
from dashboard.i18n import fmt_number, t
from dashboard.state import PRESETS
from tests.conftest import collected_home

FOCUS = PRESETS["focus"]  # KOR, USA, CHN, JPN, TWN, DEU
GERD = "oecd_msti:G_XGDP"
DESCRIPTION = len(CARD_OUTPUTS) - 2  # the hidden description, then the shown one


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    """Every source collected from the real files, with forecasts of GERD % GDP for the focus peers."""
    home = tmp_path_factory.mktemp("describe-home")
    with collected_home(home, data_dir, forecast=(FOCUS, [GERD])) as settings, \
            data.using(data.Reader(settings.dashboard)):
        yield settings


def explorer(pillar: str, indicator: str, year: int, lang: str, countries: list[str] = FOCUS) -> dict[str, str]:
    """The explorer's three descriptions (trend, ranking, map), as its callback returns them."""
    from dashboard.explorer import explorer_view

    _note, *outputs = explorer_view(pillar, indicator, countries, [2000, 2026], "abs", year, lang)
    cards = [outputs[i:i + len(CARD_OUTPUTS)] for i in range(0, len(outputs), len(CARD_OUTPUTS))]
    for card in cards:
        assert card[DESCRIPTION] == card[DESCRIPTION + 1]  # the hidden text and the shown one
    return dict(zip(("trend", "ranking", "map"), (card[DESCRIPTION] for card in cards), strict=True))


# --- the explorer: trend with fans, ranking, map ------------------------------------------------------------

def test_gerd_trend_states_koreas_path_rank_and_forecast_fans(warehouse):
    korea = data.series(GERD, ["KOR"], 2024, 2024)
    assert fmt_number(float(korea["value"].iloc[0]), "en", "%") == "5.13 %"  # the number the text must carry
    en = explorer("rd", GERD, 2024, "en")["trend"]
    assert en.startswith("Gross domestic expenditure on R&D (GERD) as % of GDP (%), 2000–2024: lines for 6 countries.")
    assert "South Korea rose from 2.05 % in 2000 to 5.13 % in 2024." in en
    assert "South Korea ranks 1st of the 6 countries with a value in 2024." in en
    assert "Taiwan 4.10 % (2024)" in en and "United States 3.44 % (2024)" in en
    assert "The shaded bands are the 80% and 95% forecast intervals around the dashed forecast lines" in en
    fan = data.forecasts(GERD, ["KOR"]).iloc[-1]
    assert (f"South Korea {fmt_number(fan['mean'], 'en', '%')} in {fan['year']} (80% interval "
            f"{fmt_number(fan['lo80'], 'en', '%')} to {fmt_number(fan['hi80'], 'en', '%')})") in en
    assert "Forecast skill: error" in en and "policy events are marked along the bottom" in en

    ko = explorer("rd", GERD, 2024, "ko")["trend"]
    assert "한국은 2000년 2.05 %에서 2024년 5.13 %까지 늘었습니다." in ko
    assert "한국은 2024년 값이 있는 6개국 중 1위입니다." in ko
    assert "음영은 점선으로 그린 전망치의 80%·95% 예측 구간입니다" in ko and "정책 이벤트" in ko


def test_gerd_ranking_lists_the_year_largest_first(warehouse):
    en = explorer("rd", GERD, 2024, "en")["ranking"]
    assert en.startswith("Gross domestic expenditure on R&D (GERD) as % of GDP, 2024: 6 countries, largest first: "
                         "1st South Korea 5.13 %, 2nd Taiwan 4.10 %, 3rd Japan 3.62 %")
    ko = explorer("rd", GERD, 2024, "ko")["ranking"]
    assert "6개국, 큰 값부터 1위 한국 5.13 %, 2위 대만 4.10 %, 3위 일본 3.62 %" in ko


def test_gerd_map_says_what_its_colours_mean_and_ranks_korea_among_every_economy(warehouse):
    world = data.map_values(GERD, 2024)
    en = explorer("rd", GERD, 2024, "en")["map"]
    assert f"a world map of the {len(world)} economies with data; darker blue means more, grey means no data" in en
    assert "Highest: Israel 6.76 %, South Korea 5.13 %, Taiwan 4.10 %" in en
    assert f"South Korea (5.13 %) ranks 2nd of {len(world)}." in en
    ko = explorer("rd", GERD, 2024, "ko")["map"]
    assert "파란색이 진할수록 값이 크고, 회색은 자료가 없는 곳입니다" in ko
    assert "가장 높은 곳: 이스라엘 6.76 %, 한국 5.13 %" in ko
    assert f"{len(world)}개 경제 중 한국은 2위(5.13 %)입니다." in ko


def test_a_part_year_is_named_and_never_ranked(warehouse):
    """OWID's 2026 counts were taken in April 2026: the trend says so, the ranking and the map rank nothing."""
    owid = "owid_ai:large_scale_ai_systems_cumulative"
    korea_2026 = fmt_number(float(data.series(owid, ["KOR"], 2026, 2026)["value"].iloc[0]), "en", "systems")
    texts = explorer("models", owid, 2026, "en")
    trend, ranking = texts["trend"], texts["ranking"]
    assert f"Open markers (2026): part of the period only (South Korea 2026: {korea_2026}); not ranked." in trend
    assert "ranks 3rd of the 5 countries with a value in 2025" in texts["trend"]  # ranked in 2025, complete
    assert ranking.startswith("Large-scale AI systems, cumulative, 2026. Not ranked") and "1st" not in ranking
    assert "Not ranked (part of the period only): " in ranking and f"South Korea {korea_2026}" in ranking
    assert "Values of this year: part of the period only; not ranked." in texts["map"] and "ranks" not in texts["map"]
    ko = explorer("models", owid, 2026, "ko")
    assert "빈 표식(2026년): 기간 일부만 반영" in ko["trend"] and "순위 제외(기간 일부만 반영)" in ko["ranking"]
    assert "위입니다" not in ko["map"]


def test_a_year_missing_large_reporters_is_named_and_never_ranked(warehouse):
    texts = explorer("semis", "comtrade:8542:X", 2024, "en")
    assert "Not ranked (large reporters missing): " in texts["ranking"] and "1st" not in texts["ranking"]
    assert "Open markers (2024): large reporters missing" in texts["trend"]
    assert "ranks 3rd of the 6 countries with a value in 2023" in texts["trend"]  # the last complete year
    assert "Values of this year: large reporters missing; not ranked." in texts["map"]


# --- the other cards of the pages -----------------------------------------------------------------------------

def test_overview_profile_states_each_pillars_percentiles(warehouse):
    from dashboard.headlines import percentiles
    from dashboard.pages.overview import PROFILE_COUNTRIES, profile_view
    from dashboard.pillars import HEADLINES

    en, ko = (profile_view(lang)[DESCRIPTION] for lang in ("en", "ko"))
    rd = percentiles(HEADLINES["rd"], PROFILE_COUNTRIES)
    assert en.startswith("Pillar profile: percentile among all economies with data, each economy in its latest "
                         "complete year (100 = the highest value). R&D: South Korea "
                         + fmt_number(round(rd["KOR"], 1), "en"))
    assert ("R&D: South Korea 98.40, Taiwan 96.70, Japan 95.10, United States 91.80, China 78.70 "
            "(South Korea 1st of 5).") in en
    assert "Semiconductors: Taiwan 99.40, China 98.90, South Korea 97.80" in en and "(South Korea 3rd of 5)" in en
    assert "연구개발: 한국 98.40, 대만 96.70" in ko and "(한국 5개국 중 1위)" in ko and "반도체: 대만 99.40" in ko


def test_ic_export_shares_rank_korea_among_all_reporters_in_a_complete_year(warehouse):
    from dashboard.pages.semis import shares_view

    en, ko = (shares_view(FOCUS, lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert "South Korea fell from 9.37 % in 2013 to 9.05 % in 2023." in en
    assert "Among all 141 reporters, South Korea ranks 5th in 2023." in en
    assert "2024: large exporters missing (SGP,TWN,VNM); shares overstated, not ranked." in en
    assert "2023년 전체 보고국 141곳 중 한국은 5위입니다." in ko and "2024년: 주요 수출국 누락(SGP,TWN,VNM)" in ko


def test_memory_exports_state_each_lines_latest_month_and_peak(warehouse):
    from dashboard.pages.semis import memory_view

    en, ko = (memory_view(lang)[DESCRIPTION] for lang in ("en", "ko"))
    dram = data.memory_exports().query("indicator_id == 'korea_customs:8542321010:X'").iloc[-1]
    assert f"DRAM: {fmt_number(dram['value'], 'en', 'USD')} in {dram['period']:%Y-%m}" in en
    assert "DRAM: $6.5 bn in 2026-02, +286 % on a year earlier; highest $6.5 bn in 2026-02." in en
    assert "Dotted lines are provisional 10-day figures." in en
    assert "디램: 2026-02 65억 달러, 전년 같은 달 대비 +286 %" in ko and "점선은 10일 단위 잠정치입니다." in ko


def test_memory_destinations_are_stacked_shares(warehouse):
    from dashboard.pages.semis import partners_view

    en, ko = (partners_view(lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert "Each bar's segments add up to 100%." in en and "DRAM: China 71.43 %, Vietnam 11.74 %" in en
    assert "막대마다 구성 비중의 합은 100%입니다." in ko and "디램: 중국 71.43 %" in ko


def test_supply_chain_shares_per_segment(warehouse):
    from dashboard.pages.semis import supply_view

    en, ko = (supply_view(FOCUS, lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert "Design: United States 61.00 %, China 9.00 %, Taiwan 9.00 %, South Korea 6.00 %" in en
    assert "Fabrication: Taiwan 47.00 %, United States 27.00 %, China 12.00 %, South Korea 11.00 %" in en
    assert "(South Korea 4th of 5)" in en and "(한국 5개국 중 4위)" in ko


def test_ai_investment_states_the_projection_without_inventing_intervals(warehouse):
    from dashboard.pages.funding import investment_view

    en, ko = (investment_view(FOCUS, lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert "South Korea rose from 320,110,376 in 2015 to $2.4 bn in 2024." in en
    assert "United States leads with $148.3 bn." in en
    assert "Dashed lines are projections, to 2025: " in en and "United States $259.6 bn in 2025" in en
    assert "shaded bands" not in en  # CSET projects a point, no interval
    assert "1위는 미국(1,483억 달러)입니다." in ko and "점선은 2025년까지의 전망치입니다" in ko


def test_notable_models_mark_the_part_year(warehouse):
    from dashboard.pages.models import notable_view

    en, ko = (notable_view(FOCUS, lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert "South Korea rose from 3 in 2017 to 23 in 2025." in en
    assert "Open markers (2026): part of the period only (South Korea 2026: 24); not ranked." in en
    assert "한국은 2017년 3에서 2025년 23까지 늘었습니다." in ko


def test_compute_frontier_and_catalogue_name_the_largest_models(warehouse):
    from dashboard.pages.models import catalogue_view, compute_view

    en, ko = (compute_view(lang)[DESCRIPTION] for lang in ("en", "ko"))
    frame = data.compute_frontier()
    korean = frame[frame["country_iso3"] == "KOR"]
    assert f"{len(frame)} models released 1950–2026, FLOP on a log scale; South Korea's {len(korean)} in" in en
    assert "Largest: Grok 4 (xAI, 2025-07-09), 5.00e+26 FLOP." in en
    assert "Largest from South Korea: EXAONE 4.5 (LG AI Research, 2026-04-09), 3.85e+24 FLOP." in en
    assert "한국에서 가장 큰 모델: EXAONE 4.5(LG AI Research, 2026-04-09), 3.85e+24 FLOP." in ko
    en, ko = (catalogue_view(lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert "Largest: A.X K1 (SK Telecom consortium, 2025-12-28), 519.0 bn." in en
    assert "가장 큰 모델: A.X K1(SK Telecom consortium, 2025-12-28), 5,190억." in ko


def test_benchmarks_in_percent_of_the_global_best(warehouse):
    from dashboard.pages.models import benchmark_view

    en, ko = (benchmark_view(FOCUS, lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert "Values: % of global best." in en
    assert "LogicKor: overall: United States 100, South Korea 93.84, China 92.35 (South Korea 2nd of 3)." in en
    assert "값: 세계 최고 대비 %." in ko and "(한국 3개국 중 2위)" in ko


def test_policy_timeline_counts_events(warehouse):
    from dashboard.i18n import CATEGORY_NAMES
    from dashboard.pages.policy import DEFAULT_COUNTRIES, timeline_view

    events = data.policy_events(DEFAULT_COUNTRIES, list(CATEGORY_NAMES))
    korean = int((events["country_iso3"] == "KOR").sum())
    en, ko = (timeline_view(DEFAULT_COUNTRIES, list(CATEGORY_NAMES), lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert f"{len(events)} events from " in en and f"By country: South Korea {korean}," in en
    assert f"이벤트 {len(events)}건" in ko and f"국가별: 한국 {korean}," in ko


@pytest.mark.parametrize("chart,header", [("line", "lines for 6 countries"), ("bar", "bars for 6 countries"),
                                          ("slope", "the first and last year of 6 countries")])
def test_compare_describes_the_chart_type_shown(warehouse, chart, header):
    from dashboard.pages.compare import compare_view

    _note, *outputs = compare_view(GERD, FOCUS, [2000, 2024], chart, "abs", "en")
    assert header in outputs[DESCRIPTION] and "South Korea rose from 2.05 % in 2000 to 5.13 % in 2024." in outputs[
        DESCRIPTION]


# --- pure behaviour ------------------------------------------------------------------------------------------

def test_flagged_values_are_named_not_ranked():
    frame = pd.DataFrame({"country_iso3": ["KOR", "USA", "JPN"], "value": [3.0, 9.0, 1.0],
                          "flags": [None, "part-period", "P"]})
    names = {"KOR": "Korea", "USA": "US", "JPN": "Japan"}
    text = describe.ranking(frame, names, "%", "en", "X, 2026")
    assert text == ("X, 2026: 2 countries, largest first: 1st Korea 3.00 %, 2nd Japan 1.00 %. "
                    "Not ranked (part of the period only): US 9.00 %.")


def test_words():
    assert [describe.ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
    names = ("한국", "미국", "대만", "일본", "중국", "이스라엘", "캐나다")
    assert [describe.topic(n, "ko") for n in names] == ["한국은", "미국은", "대만은", "일본은", "중국은", "이스라엘은",
                                                       "캐나다는"]
    assert describe.topic("OECD", "ko") == "OECD은(는)" and describe.topic("Korea", "en") == "Korea"


def test_an_empty_chart_says_why():
    empty = pd.DataFrame(columns=["country_iso3", "year", "value", "flags"])
    for lang in ("ko", "en"):
        assert describe.trend(empty, {}, "%", lang, "X") == t("empty.no_data", lang)
        assert describe.world_map(empty, {}, "%", lang, "X") == t("empty.no_data", lang)


def test_the_card_names_the_chart_and_points_at_its_description():
    outputs = card_outputs("trend")
    assert [o.component_property for o in outputs][-2:] == ["children", "children"]
    assert outputs[DESCRIPTION].component_id == description_id("trend") == "card-description-trend"
    card = chart_card("trend", "en", "Trend", ({"data": []}, None, [], "", "Text.", "Text."))
    figure, hidden, details = card.children[:3]
    assert figure.role == "figure" and getattr(figure, "aria-label") == "Trend"
    assert getattr(figure, "aria-describedby") == "card-description-trend"
    assert hidden.id == "card-description-trend" and hidden.hidden and hidden.children == "Text."
    assert details.children[0].children == "Describe chart" and details.children[1].children == "Text."
