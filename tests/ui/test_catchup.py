"""The catch-up page in headless Chromium, in Korean and English: choose a peer, read the probabilities of
having crossed by each year (they never fall, in the chart and in words), run a scenario, reopen the link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import data, ids
from dashboard.i18n import TEXT, t
from dashboard.pages import catchup
from tests.ui.test_dashboard import assert_clean, open_page, wait_for_callbacks

pytestmark = pytest.mark.ui

GERD = "oecd_msti:G_XGDP"
SHOTS = Path("/tmp/shots/catchup")


def odds_trace(page, name: str) -> list[float]:
    """The y values of the odds chart's trace called ``name``, as plotly.js drew them."""
    return page.evaluate("""(name) => {
        const gd = document.querySelector('[id*=\\'"card":"catchup-odds"\\'][id*="card-graph"] .js-plotly-plot');
        const trace = (gd && gd.data || []).find(t => t.name === name);
        return trace ? trace.y : null;
    }""", name)


def choose(page, control: str, option: str) -> None:
    page.locator(f"#{control}").click()
    page.get_by_role("option", name=option, exact=True).click()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_catch_up_odds_never_fall_a_scenario_answers_and_the_link_reopens(page, app_url, browser, lang):
    open_page(page, f"{app_url}/{lang}/catchup")
    expect(page.locator("h1")).to_have_text(TEXT["nav.catchup"][lang])
    peer = "TWN"
    choose(page, ids.CATCHUP_PEER, f"{data.country_name(peer, lang)} ({peer})")
    wait_for_callbacks(page)
    summary = page.locator(f"#{ids.CATCHUP_SUMMARY}")
    expect(summary).to_contain_text(data.country_name(peer, lang))
    expect(page).to_have_url(re.compile(f"peer={peer}"))

    # the chart's "passed by that year" line never falls, and it is the stored probability of the peer
    drawn = odds_trace(page, t("catchup.by", lang))
    stored = data.reader().query("SELECT p_overtaken, p_crossed FROM catch_up_years WHERE indicator_id = $i AND "
                                 "peer_iso3 = $p ORDER BY year", {"i": GERD, "p": peer})
    status = data.reader().query("SELECT status FROM catch_up WHERE indicator_id = $i AND peer_iso3 = $p",
                                 {"i": GERD, "p": peer})["status"].iloc[0]
    column = "p_overtaken" if status == "already_ahead" else "p_crossed"
    assert drawn == pytest.approx(stored[column].tolist()) and len(drawn) >= 5
    assert all(a <= b for a, b in zip(drawn, drawn[1:], strict=False))
    in_year = odds_trace(page, t("catchup.in", lang))
    assert all(by >= year - 1e-9 for by, year in zip(drawn, in_year, strict=True))
    # ... and the words say the same, year by year
    pattern = r"(\d{4})년까지 (\d+)%" if lang == "ko" else r"(\d+)% by (\d{4})"
    found = re.findall(pattern, summary.inner_text())
    stated = [int(p) for _, p in found] if lang == "ko" else [int(p) for p, _ in found]
    assert stated == [round(100 * p) for p in stored[column]] and stated == sorted(stated)
    expect(page.locator(f"#{ids.CATCHUP_TABLE} table tbody tr")).to_have_count(len(catchup.peer_table(GERD)))

    # a scenario: the rank Korea reaches at 2.5% a year by 2029
    page.get_by_label(TEXT["scenario.kind.growth"][lang], exact=True).check()
    amount = page.locator(f"#{ids.SCENARIO_AMOUNT}")
    amount.fill("2.5")
    amount.press("Enter")
    choose(page, ids.SCENARIO_YEAR, "2029")
    wait_for_callbacks(page)
    expected = catchup.scenario_view(GERD, "growth", 2.5, 2029, lang)[0]
    expect(page.locator(f"#{ids.SCENARIO_ANSWER}")).to_have_text(expected)
    answer = catchup.answer(GERD, "growth", 2.5, 2029)
    assert f"{answer.rate:+.2%}" in expected and str(answer.rank) in expected
    expect(page).to_have_url(re.compile(r"sk=growth.*sv=2\.5.*sy=2029"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"catchup-{lang}-desktop.png"), full_page=True)
    assert_clean(page, app_url)

    # the link reopens the same view
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    open_page(other, page.url)
    expect(other.locator(f"#{ids.CATCHUP_PEER}")).to_contain_text(data.country_name(peer, lang))
    expect(other.get_by_label(TEXT["scenario.kind.growth"][lang], exact=True)).to_be_checked()
    expect(other.locator(f"#{ids.SCENARIO_AMOUNT}")).to_have_value("2.5")
    expect(other.locator(f"#{ids.SCENARIO_ANSWER}")).to_have_text(expected)
    expect(other.locator(f"#{ids.CATCHUP_SUMMARY}")).to_have_text(summary.inner_text())
    other.context.close()


@pytest.mark.parametrize("page", [390], indirect=True)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_catch_up_on_a_phone_has_no_horizontal_scroll(page, app_url, lang):
    open_page(page, f"{app_url}/{lang}/catchup?peer=JPN&sk=rank&sv=1&sy=2030")
    # Japan's forecast has no skill here: the page says so instead of odds
    expect(page.locator(f"#{ids.CATCHUP_SUMMARY}")).to_contain_text(data.country_name("JPN", lang))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"catchup-{lang}-phone.png"), full_page=True)
    assert_clean(page, app_url)
