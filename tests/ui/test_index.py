"""The AI position index page in headless Chromium, in Korean and English: weight sliders move the ranking
and the URL, the permalink reopens the same view, the card exports what the table shows."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard import composite, describe, inputs, report
from dashboard.i18n import TEXT
from dashboard.pages import index
from dashboard.state import PRESETS
from tests.ui.test_dashboard import assert_clean, open_page, wait_for_callbacks

pytestmark = pytest.mark.ui

CARD = '[id*=\'"card":"index"\']'


def shown_countries(page) -> list[str]:
    return page.locator("#index-table tbody tr td:first-child").all_inner_texts()


def expected_countries(countries: list[str], weights: list[int], method: str, year: int, lang: str) -> list[str]:
    """The order the page should show, computed here from the same values and the declared rules."""
    p = composite.panel(index.values(), index.forecasts(countries), year, countries)
    return list(index.result_frame(p, weights, method, lang)["country"])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_weight_slider_changes_the_ranking_and_the_url(page, app_url, lang):
    open_page(page, f"{app_url}/{lang}/index")
    year, focus = index.default_year(), PRESETS["focus"]
    before = expected_countries(focus, [5, 5, 5, 5], "minmax", year, lang)
    expect(page.locator("#index-table tbody tr")).to_have_count(len(focus))
    assert shown_countries(page) == before
    for pillar in ("rd", "models"):  # R&D and AI models to 0: semiconductors and funding decide
        page.get_by_role("slider", name=TEXT[f"nav.{pillar}"][lang], exact=True).press("Home")  # named by its label
    expect(page).to_have_url(re.compile(r"w=0,5,5,0"))
    page.locator("#index-year").click()  # another year: the table and its heading follow
    page.get_by_role("option", name=str(year - 1), exact=True).click()
    expect(page.locator(".index-table h2")).to_have_text(TEXT["index.table"][lang].format(year=year - 1))
    expect(page).to_have_url(re.compile(rf"yr={year - 1}"))
    year -= 1
    after = expected_countries(focus, [0, 5, 5, 0], "minmax", year, lang)
    assert after != before
    expect(page.locator("#index-table tbody tr td:first-child")).to_have_text(after)
    wait_for_callbacks(page)
    # The chart draws the ranked countries in the same order (best on top), Korea in its own trace.
    ranked = [c for c, r in zip(after, index.result_frame(composite.panel(
        index.values(), index.forecasts(focus), year, focus), [0, 5, 5, 0], "minmax", lang)["rank"], strict=True)
        if r == r]
    labels = page.locator(f"{CARD} .yaxislayer-above .ytick text").evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().top, e.textContent]).sort((a, b) => a[0] - b[0])"
        ".map(pair => pair[1])")  # top to bottom
    assert labels == ranked
    assert_clean(page, app_url)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_csv_and_xlsx_exports_hold_the_ranking_with_its_bands(page, app_url, lang):
    open_page(page, f"{app_url}/{lang}/index?p=g7&w=2,4,6,8&n=zscore")
    expect(page.locator("#index-table tbody tr")).to_have_count(len(PRESETS["g7"]))
    with page.expect_download() as download:
        page.locator(f'{CARD}[id*="card-csv"]').click()
    assert download.value.suggested_filename.startswith("kaim_index_")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert {r["country_iso3"] for r in rows} == set(PRESETS["g7"])
    assert {r["weights"] for r in rows} == {"2,4,6,8"} and {r["normalisation"] for r in rows} == {"zscore"}
    ranked = [r for r in rows if r["rank"]]
    assert [float(r["rank"]) for r in ranked] == sorted(float(r["rank"]) for r in ranked)
    for r in ranked:
        assert float(r["rank_lo"]) <= float(r["median_rank"]) <= float(r["rank_hi"])
        assert float(r["rank_lo"]) >= 1 and float(r["rank_hi"]) <= len(ranked)
    assert [r["country"] for r in rows] == shown_countries(page)
    korea = next(r for r in rows if r["country_iso3"] == "KOR")
    band = page.locator("#index-table tbody tr", has_text=korea["country"]).locator("td").nth(4)
    expect(band).to_have_text(f"{float(korea['rank_lo']):g}–{float(korea['rank_hi']):g}")
    with page.expect_download() as xlsx:
        page.locator(f'{CARD}[id*="card-xlsx"]').click()
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.value.path().read_bytes()), read_only=True)["data"]
    assert [str(c) for c in next(sheet.iter_rows(values_only=True))] == list(rows[0].keys())
    assert sum(1 for _ in sheet.iter_rows()) == len(rows) + 1
    assert_clean(page, app_url)


def test_the_chart_downloads_as_png(page, app_url):
    open_page(page, f"{app_url}/en/index")
    with page.expect_download() as download:
        page.locator(f'{CARD}[id*="card-png"]').click()
    assert download.value.suggested_filename.endswith(".png")
    assert download.value.path().read_bytes().startswith(b"\x89PNG")


def test_a_permalink_reopens_the_same_view_and_bad_values_fall_back(page, app_url):
    open_page(page, f"{app_url}/en/index?yr=2022&p=g7&n=rank&w=10,0,3,1")
    expect(page.locator("#index-weight-rd [role=slider]")).to_have_attribute("aria-valuenow", "10")
    expect(page.locator("#index-weight-semis [role=slider]")).to_have_attribute("aria-valuenow", "0")
    expect(page.get_by_label(TEXT["index.norm.rank"]["en"])).to_be_checked()
    expect(page.locator(".index-table h2")).to_have_text(TEXT["index.table"]["en"].format(year=2022))
    assert shown_countries(page) == expected_countries(PRESETS["g7"], [10, 0, 3, 1], "rank", 2022, "en")
    open_page(page, f"{app_url}/en/index?yr=1900&n=nope&w=99,x")
    expect(page.locator("#index-weight-rd [role=slider]")).to_have_attribute("aria-valuenow", "5")
    expect(page.get_by_label(TEXT["index.norm.minmax"]["en"])).to_be_checked()
    expect(page.locator(".index-table h2")).to_have_text(TEXT["index.table"]["en"].format(year=index.default_year()))


def test_the_callbacks_refuse_values_outside_the_declared_choices(app_url):
    for bad in ([11, 0, 0, 0], [1, 2, 3], [1.5, 1, 1, 1], [True, 1, 1, 1], "5,5,5,5", None):
        with pytest.raises(inputs.InvalidInput):
            index.weights(bad)
    for bad in (2014, "2023", 3000):
        with pytest.raises(inputs.InvalidInput):
            index.year(bad)
    with pytest.raises(inputs.InvalidInput):
        index.norm("log")
    assert index.weights([0, 0, 0, 0]) == [0, 0, 0, 0]  # allowed: the page says equal weights are used


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_briefing_has_the_index_with_koreas_rank_and_band(full_settings, use_reader, lang):
    use_reader(full_settings)
    peers = [c for c in PRESETS["focus"] if c != "KOR"]
    year, frame = report.index_frame("KOR", peers, lang)
    assert year == index.default_year()
    # The same ranking as the page with equal weights and min-max, bands included.
    p = composite.panel(index.values(), index.forecasts(["KOR", *peers]), year, ["KOR", *peers])
    page_frame = index.result_frame(p, [5, 5, 5, 5], "minmax", lang)
    columns = ["country_iso3", "score", "rank", "median_rank", "rank_lo", "rank_hi"]
    pd.testing.assert_frame_equal(frame[columns], page_frame[columns])
    korea = frame[frame["country_iso3"] == "KOR"].iloc[0]
    html = report.to_html(report.build("KOR", peers, lang), "KOR", peers, lang)
    section = html[html.index("<section class='index'>"):]
    section = section[:section.index("</section>")]
    assert TEXT["report.index"][lang] in section
    sentence = report.index_sentence(frame, "KOR", year, lang)
    assert sentence and sentence in section
    rank = describe.ordinal(int(korea["rank"]), lang)
    lo, hi = (describe.ordinal(int(korea[c]), lang) for c in ("rank_lo", "rank_hi"))
    assert (f"{rank} of {len(frame)}" if lang == "en" else f"{len(frame)}개국 중 {rank}위") in sentence
    assert (f"{lo} to {hi}" if lang == "en" else f"{lo}~{hi}위") in sentence
    assert section.count("<tr>") == len(frame) + 1  # a header and a row per country
