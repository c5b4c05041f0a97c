"""The Korean-language leaderboard of the models page in headless Chromium, in Korean and English, at desktop
and phone width: its table view lists exactly the rows of a query on ``benchmark_scores``, the filters change
the rows and the permalink, a link reopens the same view, bad URL values open the default one; no console
error and no request off the machine (screenshots in /tmp/shots/leaderboard/)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from dashboard import data
from dashboard.i18n import TEXT
from tests.ui.test_dashboard import assert_clean, wait_for_callbacks

pytestmark = pytest.mark.ui

SHOTS = Path("/tmp/shots/leaderboard")
WIDTHS = {"desktop": 1280, "phone": 390}
BOARD = '[id*=\'"card":"leaderboard"\']'


def best_rows(benchmark: str, reported_by: tuple[str, ...]) -> set[tuple[str, str]]:
    """(model, reporter) of each model's best score per reporter, straight from the published table."""
    with data.reader().cursor() as cursor:
        rows = cursor.execute("SELECT DISTINCT model, reporter FROM benchmark_scores WHERE benchmark = ? "
                              "AND list_contains(?, reported_by)", [benchmark, list(reported_by)]).fetchall()
    return set(rows)


def open_board(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{BOARD}[id*='card-graph'] .js-plotly-plot .main-svg")
    page.wait_for_load_state("networkidle")
    wait_for_callbacks(page)


def table_rows(page, lang: str) -> set[tuple[str, str]]:
    """(model, reporter) of the rows in the leaderboard card's table view."""
    page.locator(f"{BOARD}[id*='card-toggle']").click()
    table = page.locator(f"{BOARD}[id*='card-table'] table")
    expect(table).to_be_visible()
    headers = table.locator("thead th").all_inner_texts()
    model, reporter = headers.index(TEXT["col.model"][lang]), headers.index(TEXT["lb.col.reporter"][lang])
    cells = table.locator("tbody tr")
    found = set()
    for i in range(cells.count()):
        texts = cells.nth(i).locator("td").all_inner_texts()
        found.add((texts[model], texts[reporter]))
    page.locator(f"{BOARD}[id*='card-toggle']").click()
    return found


def shoot(page, name: str) -> None:
    """The leaderboard section, from its heading to the catalogue table, as one picture."""
    page.evaluate("window.scrollTo(0, 0)")
    top = page.locator("h2.section-title").bounding_box()
    bottom = page.locator("#catalogue-links").bounding_box()
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    height = bottom["y"] + bottom["height"] - top["y"]
    page.screenshot(path=str(SHOTS / name), full_page=True, clip={"x": 0, "y": top["y"] - 8, "width": width,
                                                                   "height": height})


@pytest.mark.parametrize("page", WIDTHS.values(), ids=WIDTHS.keys(), indirect=True)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_leaderboard_lists_the_query_rows_in_both_languages(page, app_url, lang):
    open_board(page, f"{app_url}/{lang}/models?lb=KMMLU")
    expect(page.locator("h2.section-title")).to_have_text(TEXT["lb.title"][lang])
    expect(page.locator("#card-description-leaderboard")).to_contain_text("KMMLU")
    assert table_rows(page, lang) == best_rows("KMMLU", ("independent", "vendor"))
    expect(page.locator("#card-description-leaderboard-gap")).to_contain_text(
        "격차" if lang == "ko" else "gap")
    links = page.locator("#catalogue-links a")
    assert links.count() > 10 and all(links.nth(i).get_attribute("href").startswith("http")
                                      for i in range(links.count()))
    width = page.viewport_size["width"]
    if width < 500:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, f"leaderboard-{lang}-{width}.png")
    assert_clean(page, app_url)  # the catalogue's links are plain: none was fetched


def test_filters_change_the_rows_and_the_permalink_reopens_them(page, app_url):
    open_board(page, f"{app_url}/en/models?lb=KMMLU")
    page.locator("#leaderboard-by").get_by_label(TEXT["lb.by.vendor"]["en"], exact=True).uncheck()
    expect(page.locator("#card-description-leaderboard")).to_contain_text("0 vendor-reported scores")
    wait_for_callbacks(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["lbr"] == ["independent"]
    assert table_rows(page, "en") == best_rows("KMMLU", ("independent",))
    page.locator("#leaderboard-benchmark").click()
    page.get_by_role("option", name="LogicKor: overall", exact=False).first.click()
    expect(page.locator("#card-description-leaderboard")).to_contain_text("LogicKor: overall")
    page.locator("#leaderboard-open").get_by_label(TEXT["lb.open.no"]["en"], exact=True).check()
    expect(page.locator("#card-description-leaderboard")).to_contain_text("openai/gpt-4o-2024-05-13")
    wait_for_callbacks(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["lb"] == ["LogicKor: overall"] and query["lbo"] == ["no"] and query["lbr"] == ["independent"]
    link = page.url
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_selector(f"{BOARD}[id*='card-graph'] .js-plotly-plot .main-svg")
    expect(other.locator("#leaderboard-open").get_by_label(TEXT["lb.open.no"]["en"], exact=True)).to_be_checked()
    expect(other.locator("#leaderboard-by").get_by_label(TEXT["lb.by.vendor"]["en"], exact=True)).not_to_be_checked()
    expect(other.locator("#card-description-leaderboard")).to_have_text(
        page.locator("#card-description-leaderboard").inner_text())
    other.close()
    assert_clean(page, app_url)


def test_bad_url_values_open_the_default_view(page, app_url):
    open_board(page, f"{app_url}/en/models?lb=%27%3B+DROP&lbr=self&lbo=maybe&lbs=huge")
    expect(page.locator("#card-description-leaderboard")).to_contain_text("KMMLU")
    expect(page.locator("#leaderboard-open").get_by_label(TEXT["lb.open.all"]["en"], exact=True)).to_be_checked()
    assert table_rows(page, "en") == best_rows("KMMLU", ("independent", "vendor"))
    assert_clean(page, app_url)


def test_a_change_in_the_explorer_keeps_the_leaderboard_in_the_url(page, app_url):
    open_board(page, f"{app_url}/en/models?lb=KMMLU&lbr=independent")
    page.get_by_text(TEXT["norm.per_capita"]["en"], exact=True).click()
    wait_for_callbacks(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["n"] == ["per_capita"] and query["lb"] == ["KMMLU"] and query["lbr"] == ["independent"]
    assert_clean(page, app_url)
