"""Accessibility in headless Chromium (issue 16): axe-core on every page, in Korean and English, at desktop
and phone width; focus order and a visible focus ring on every control; the language switch.

axe-core comes with axe-playwright-python (dev extras). It runs every rule axe runs by default (WCAG 2.x
A/AA and best practices) and the experimental ones in ``EXPERIMENTAL`` (label-content-name-mismatch, WCAG
2.5.3, among them). A serious or critical violation fails; a moderate or minor one fails unless it is listed
in ``ALLOWED`` with its reason. ``bench/accessibility.py`` prints the same counts as a table.
"""

from __future__ import annotations

import re

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dashboard import registry
from dashboard.i18n import LANGUAGES, t

pytestmark = pytest.mark.ui

PAGES = [page.name for page in registry.pages()]
WIDTHS = {"desktop": 1280, "phone": 390}
#: axe-core's experimental rules turned on (bench/accessibility.py runs the same).
EXPERIMENTAL = ("label-content-name-mismatch", "p-as-heading", "css-orientation-lock", "table-fake-caption",
                "td-has-header", "focus-order-semantics")
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in EXPERIMENTAL}}
#: Moderate and minor violations left, by rule: the pages where they may appear and why they stay. No
#: moderate one is left.
ALLOWED = {
    "focus-order-semantics": (
        {"sql"},
        "minor, experimental: AG Grid's own focus management on the SQL page, its tab guards (empty "
        "role=presentation elements with tabindex=0 that keep Tab inside the grid's cells) and its header row "
        "(a role=row the keyboard can focus, as the WAI-ARIA grid pattern has it); axe wants a widget role on "
        "anything focusable. Not the app's markup, and the grid stays usable by keyboard."),
}
#: What shows that a page has arrived (its charts, table or grid drawn).
READY = {"sources": "table.data-table", "sql": "#sql-result .ag-root-wrapper",
         "changes": "section.changes-version"}
CHART = ".js-plotly-plot .main-svg"


def open_page(page, url: str, name: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY.get(name, CHART))
    page.wait_for_load_state("networkidle")


def violations(page) -> list[dict]:
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:5]}"
                     for v in found)


@pytest.mark.parametrize("page", WIDTHS.values(), ids=WIDTHS.keys(), indirect=True)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_axe_violation(page, app_url, name, lang):
    open_page(page, f"{app_url}/{lang}/{name}", name)
    found = violations(page)
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert not serious, describe(serious)
    unexplained = [v for v in found if name not in ALLOWED.get(v["id"], ((), ""))[0]]
    assert not unexplained, describe(unexplained)


def test_controls_changed_and_pages_navigated_in_the_browser_stay_clean(page, app_url):
    """Dash re-renders its controls on a change and mounts new ones on navigation: each is mended as it
    comes (dashboard.app.ACCESSIBILITY_JS), and a card's table view scrolls in a named, focusable region."""
    open_page(page, f"{app_url}/en/compare", "compare")
    page.get_by_label("Bars").check()
    expect(page).to_have_url(re.compile("ch=bar"))
    page.locator('[id*="card-toggle"]').first.click()
    region = page.locator('[id*="card-table"] .table-scroll')
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("aria-label", re.compile(r": table$"))
    assert violations(page) == []
    page.locator(".site-nav").get_by_role("link", name=t("nav.policy", "en"), exact=True).click()
    expect(page.locator("h1")).to_have_text(t("nav.policy", "en"))
    page.wait_for_load_state("networkidle")
    page.locator("#policy-categories input").first.uncheck()
    expect(page).to_have_url(re.compile("cat="))
    assert violations(page) == []


def test_dropdowns_are_comboboxes_named_by_their_label_and_so_are_their_menus(page, app_url):
    open_page(page, f"{app_url}/ko/compare", "compare")
    countries = page.get_by_role("combobox", name=t("control.countries", "ko"), exact=True)
    expect(countries).to_have_id("compare-countries")
    expect(page.get_by_role("group", name=t("control.years", "ko"))).to_be_visible()
    expect(page.get_by_role("slider", name=f"{t('control.years', 'ko')}: {t('a11y.range.from', 'ko')}")).to_be_visible()
    expect(page.get_by_role("radiogroup")).to_have_count(0)  # radios are native, grouped by their fieldset
    expect(page.get_by_role("group", name=t("control.chart", "ko")).get_by_role("radio")).to_have_count(3)
    countries.click()
    expect(page.get_by_role("dialog", name=t("control.countries", "ko"))).to_be_visible()
    expect(page.get_by_role("listbox", name=t("control.countries", "ko"))).to_be_visible()


@pytest.mark.xfail(strict=True, reason="Dash 4's open dropdown menu is a listbox of role=option labels that "
                   "each hold the radio or checkbox Dash moves the focus to: axe's nested-interactive (serious). "
                   "It is Dash's markup (dcc/src/utils/optionRendering.tsx); tests and tools find the options by "
                   "that role. When Dash fixes it this test passes and the mark must go.")
def test_an_open_dropdown_menu_has_no_serious_violation(page, app_url):
    open_page(page, f"{app_url}/en/compare", "compare")
    page.locator("#compare-preset").click()
    page.wait_for_selector(".dash-dropdown-options")
    serious = [v for v in violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, describe(serious)


# --- focus -------------------------------------------------------------------------------------------------

TABBABLE = """() => [...document.querySelectorAll(
        'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), '
        + 'textarea:not([disabled]), summary, [tabindex]')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true})
                 && !(e.type === 'radio' && !e.checked && document.querySelector(
                     `input[type=radio][name="${e.name}"]:checked`)))"""


def luminance(rgb: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(c) / 255) for c in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def focus_ring(page) -> dict:
    """The focused element and its focus ring as drawn (transitions run to their end)."""
    return page.evaluate("""() => {
        const e = document.activeElement;
        e.getAnimations().forEach(a => a.finish());
        const s = getComputedStyle(e);
        e.dataset.tabStop = '1';
        return {tag: e.tagName, id: e.id, text: (e.innerText || e.getAttribute('aria-label') || '').slice(0, 40),
                style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor,
                shadow: s.boxShadow, visible: e.matches(':focus-visible')};
    }""")


@pytest.mark.parametrize("name", ["overview", "rd"])
def test_tab_reaches_every_control_in_order_and_each_shows_a_focus_ring(page, app_url, name):
    open_page(page, f"{app_url}/en/{name}", name)
    expected = page.evaluate(f"({TABBABLE})().length")
    stops = []
    for _ in range(expected + 5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        stops.append(focus_ring(page))
    else:
        pytest.fail("Tab never left the page")
    missed = page.evaluate(f"({TABBABLE})().filter(e => !e.dataset.tabStop).map(e => e.outerHTML.slice(0, 120))")
    assert missed == []  # every control is a Tab stop
    assert len(stops) == expected
    for stop in stops:  # a 2px or wider ring at 3:1 against white and the page's background (WCAG 1.4.11)
        assert stop["visible"] and stop["style"] != "none" and stop["width"] >= 2, stop
        assert min(contrast(stop["colour"], bg) for bg in ("rgb(255, 255, 255)", "rgb(246, 247, 249)")) >= 3, stop
    order = [stop["text"] for stop in stops]
    # The order follows the page: skip link, home, the pages, the language, then the page's own controls.
    assert order[:3] == [t("app.skip", "en"), t("app.title", "en"), t("nav.overview", "en")]
    toggle = next(i for i, stop in enumerate(stops) if stop["id"] == "language-toggle")
    assert toggle == 2 + len(PAGES)
    first_control = stops[toggle + 1]["id"]
    assert first_control == {"overview": "overview-preset", "rd": "explorer-indicator"}[name]


# --- language ----------------------------------------------------------------------------------------------

def test_the_language_switch_says_in_its_language_what_it_does_and_the_document_language_follows(page, app_url):
    for lang in LANGUAGES:  # the document's language is in its first bytes
        assert f'<html lang="{lang}">' in requests.get(f"{app_url}/{lang}/rd", timeout=60).text
    open_page(page, f"{app_url}/en/overview", "overview")
    assert page.evaluate("document.documentElement.lang") == "en"
    toggle = page.get_by_role("link", name="한국어로 보기 (Korean)", exact=True)
    expect(toggle).to_have_id("language-toggle")
    expect(toggle).to_have_text(re.compile("^한국어"))  # what is seen is in the spoken name
    expect(toggle.locator('[lang="ko"]')).to_have_count(2)  # the visible word and the spoken phrase
    toggle.click()
    expect(page.locator("h1")).to_have_text(t("overview.title", "ko"))
    assert page.evaluate("document.documentElement.lang") == "ko"
    expect(page.locator("main")).to_have_attribute("lang", "ko")
    back = page.get_by_role("link", name="View in English (영어)", exact=True)
    expect(back.locator('[lang="en"]')).to_have_count(2)
    expect(back).to_have_attribute("href", re.compile("^/en/overview"))
