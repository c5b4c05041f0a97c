"""Chart descriptions in the browser: what Chromium's accessibility tree (what a screen reader is given)
exposes for a chart, the "Describe chart" toggle, and a description that follows its chart when a control
changes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.components import CARD_OUTPUTS
from dashboard.i18n import t

pytestmark = pytest.mark.ui

DESCRIPTION = len(CARD_OUTPUTS) - 2


def open_page(page, url):
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_load_state("networkidle")


def accessible_figures(page) -> list[dict[str, str]]:
    """Name and description of every figure in Chromium's accessibility tree, in document order."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return [{"name": node.get("name", {}).get("value", ""), "description": node.get("description", {}).get("value", "")}
            for node in nodes if not node.get("ignored") and node.get("role", {}).get("value") == "figure"]


def card(page, name: str, kind: str):
    return page.locator(f'[id*=\'"card":"{name}"\'][id*="card-{kind}"]')


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_overviews_first_chart_exposes_its_description(page, app_url, lang):
    from dashboard.pages.overview import profile_view

    open_page(page, f"{app_url}/{lang}/overview")
    first = accessible_figures(page)[0]
    expected = profile_view(lang)[DESCRIPTION]
    assert first["name"] == t("overview.profile", lang)
    assert first["description"] == expected
    assert ("R&D: South Korea 98.40" if lang == "en" else "연구개발: 한국 98.40") in first["description"]
    print(f"\n[{lang}] figure \"{first['name']}\", description: {first['description']}")


def test_describe_chart_shows_the_same_text(page, app_url):
    open_page(page, f"{app_url}/en/overview")
    hidden = page.locator("#card-description-profile")
    expect(hidden).to_be_hidden()
    shown = card(page, "profile", "describe")
    expect(shown).not_to_be_visible()  # closed until asked for
    page.get_by_text(t("card.describe", "en"), exact=True).first.click()
    expect(shown).to_be_visible()
    assert shown.inner_text() == hidden.text_content() and "percentile" in shown.inner_text()


def test_a_redrawn_chart_is_described_anew(page, app_url):
    open_page(page, f"{app_url}/en/rd?ind=oecd_msti%3AG_XGDP&p=focus&yr=2024")
    before = {f["name"]: f["description"] for f in accessible_figures(page)}
    assert "2024: 6 countries, largest first: 1st South Korea 5.13 %" in before[t("card.ranking", "en")]
    page.locator("#explorer-year").click()
    page.get_by_role("option", name="2020", exact=True).click()
    expect(page.locator("#card-description-ranking")).to_contain_text(", 2020: ")
    expect(card(page, "ranking", "describe")).to_contain_text(", 2020: ")
    after = {f["name"]: f["description"] for f in accessible_figures(page)}
    assert ", 2020: " in after[t("card.ranking", "en")] and ", 2020 (%): a world map" in after[t("card.map", "en")]
    assert after[t("card.trend", "en")] == before[t("card.trend", "en")]  # the trend does not depend on the year
