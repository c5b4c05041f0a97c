"""A cited link in a real browser: it reopens the pinned version's numbers, keeps them when the view
changes, offers a citation whose link is pinned, and "Open the current version" shows the revised number."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.i18n import TEXT
from tests.dashboard import test_pinning
from tests.dashboard.test_pinning import INDICATOR, REVISED, YEAR
from tests.ui.test_dashboard import assert_clean, open_page, wait_for_callbacks

pytestmark = pytest.mark.ui

versions = test_pinning.versions  # the fixture: two published versions, the second revising Korea's value

KOREA_VALUES = f"""() => [...document.querySelectorAll('.js-plotly-plot')][0].data
    .flatMap(t => (t.x || []).map((x, i) => [String(x), t.y[i], t.name || '']))
    .filter(([x, y, name]) => x.startsWith('{YEAR}') && /Korea|한국/.test(name)).map(([x, y]) => y)"""


@pytest.mark.parametrize("page", [1280, 390], ids=["desktop", "phone"], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_pinned_link_keeps_its_numbers_and_cites_itself(page, server, versions, lang):
    first, original, _ = versions
    open_page(page, f"{server}/{lang}/rd?ind={INDICATOR}&c=KOR,JPN&p=custom&v={first}")
    note = page.locator(".pin-note")
    expect(note).to_contain_text(first)
    expect(note).to_contain_text(TEXT["pin.newer"][lang])
    assert page.evaluate(KOREA_VALUES) == [pytest.approx(original)]

    page.get_by_text(TEXT["norm.per_capita"][lang], exact=True).click()  # a % value: shown as published
    wait_for_callbacks(page)
    assert f"v={first}" in page.url and "n=per_capita" in page.url
    assert page.evaluate(KOREA_VALUES) == [pytest.approx(original)]  # the callback read the pinned version

    page.locator("details.cite").first.locator("summary").click()
    cited = page.locator("details.cite pre.cite-text").first
    expect(cited).to_contain_text(f"{server}/{lang}/rd?")
    expect(cited).to_contain_text(f"v={first}")
    assert "<URL>" not in cited.inner_text()

    note.get_by_role("link").click()  # a full load of the same view, unpinned
    page.wait_for_url(lambda url: "v=" not in url)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".pin-note")).to_have_count(0)
    assert page.evaluate(KOREA_VALUES) == [pytest.approx(REVISED)]
    assert "v=" not in page.url and f"ind={INDICATOR.replace(':', '%3A')}" in page.url
    assert_clean(page, server)
