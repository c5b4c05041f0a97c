"""The dashboard in headless Chromium: pages, controls, permalinks, language, downloads, empty states."""

from __future__ import annotations

import csv
import io
import json
import re

import plotly.offline
import pytest
from playwright.sync_api import expect

from dashboard import data, registry
from dashboard.i18n import TEXT
from dashboard.pillars import PILLARS

PAGES = [page.name for page in registry.pages()]

pytestmark = pytest.mark.ui


def open_page(page, url):
    page.goto(url)
    ready = {"/sources": "table.data-table", "/sql": "#sql-result .ag-root-wrapper",
             "/changes": "section.changes-version"}
    page.wait_for_selector(next((s for name, s in ready.items() if name in url), ".js-plotly-plot .main-svg"))
    page.wait_for_load_state("networkidle")


def wait_for_callbacks(page):
    """Until Dash has no callback left to run: none requested, blocked, prioritised, running (its request
    in flight) or waiting to be applied. The renderer's store is the hook Dash's own test tools wait on;
    a request any callback made has been seen by the page's ``request`` listeners by then."""
    page.wait_for_function("""() => {
        const state = window.store && window.store.getState().callbacks;
        return !!state && Object.entries(state).every(
            ([queue, items]) => queue === 'stored' || queue === 'completed' || items.length === 0);
    }""")


def assert_clean(page, base):
    assert page.errors == []
    assert page.failed == []
    outside = [u for u in page.requested if not u.startswith(base) and not u.startswith("data:")]
    assert outside == [], f"requests left the machine: {outside[:3]}"


def unregistered_traces(page) -> list[str]:
    """Trace types on the page that the page's plotly.js bundle does not know (it would draw nothing)."""
    return page.evaluate("""() => {
        const known = new Set(Object.keys(Plotly.PlotSchema.get().traces));
        return [...document.querySelectorAll('.js-plotly-plot')].flatMap(
            gd => (gd.data || []).map(t => t.type || 'scatter')).filter(type => !known.has(type));
    }""")


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_cleanly_and_offline(page, app_url, name):
    open_page(page, f"{app_url}/en/{name}")
    expect(page.locator("h1")).to_have_text(TEXT["overview.title" if name == "overview" else f"nav.{name}"]["en"])
    assert_clean(page, app_url)
    assert page.evaluate("Plotly.version") == plotly.offline.get_plotlyjs_version()  # the dashboard's bundle
    assert unregistered_traces(page) == []


def test_the_first_page_is_laid_out_once_and_navigating_back_to_it_works(page, app_url):
    routed = []
    page.on("response", lambda r: routed.append(r.status)
            if "_dash-update-component" in r.url and '"shell"' in (r.request.post_data or "") else None)
    open_page(page, f"{app_url}/en/overview")
    assert routed == [204]  # the router saw that the first layout already holds the page
    nav = page.locator(".site-nav")
    nav.get_by_role("link", name=TEXT["nav.rd"]["en"], exact=True).click()
    expect(page.locator("h1")).to_have_text(TEXT["nav.rd"]["en"])
    nav.get_by_role("link", name=TEXT["nav.overview"]["en"], exact=True).click()
    expect(page.locator("h1")).to_have_text(TEXT["overview.title"]["en"])
    expect(page.locator("#overview-kpis .kpi").first).to_be_visible()
    assert_clean(page, app_url)


@pytest.mark.parametrize("page", [390], indirect=True)
@pytest.mark.parametrize("name", ["overview", "rd", "semis", "models"])
def test_phone_width_has_no_horizontal_scroll(page, app_url, name):
    open_page(page, f"{app_url}/ko/{name}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_clean(page, app_url)


def graph_title(page, card):
    return page.locator(f'[id*=\'"card":"{card}"\'][id*="card-graph"] .gtitle').first


def test_changing_a_control_updates_the_chart_and_the_url(page, app_url):
    open_page(page, f"{app_url}/en/compare")
    expect(page.locator(".js-plotly-plot .scatterlayer .trace").first).to_be_visible()
    page.get_by_label("Bars").check()
    expect(page.locator(".js-plotly-plot .barlayer .trace").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"ch=bar"))  # written by its own callback, after the chart


def test_usd_ppp_normalisation_converts_dollar_amounts_and_says_how(page, app_url):
    open_page(page, f"{app_url}/en/semis")
    page.get_by_label(TEXT["norm.ppp"]["en"], exact=True).check()
    expect(graph_title(page, "trend")).to_contain_text("(USD PPP)")
    expect(page.locator("#explorer-note")).to_contain_text("price level implied by OECD MSTI")
    provenance = page.locator('[id*=\'"card":"trend"\'][id*="card-provenance"]')
    expect(provenance).to_contain_text("Main Science and Technology Indicators")
    expect(page).to_have_url(re.compile(r"n=ppp"))
    assert_clean(page, app_url)


def test_keyboard_alone_reaches_the_content_the_controls_and_the_pages(page, app_url):
    open_page(page, f"{app_url}/en/overview")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()  # the first stop skips the navigation
    page.locator("#overview-preset").focus()
    # Enter opens the list on the chosen option, arrows move, Enter chooses; each step waits for the focus.
    for key, option in (("Enter", TEXT["preset.focus"]["en"]), ("ArrowDown", TEXT["preset.asia"]["en"]),
                        ("ArrowDown", "G7")):
        page.keyboard.press(key)
        page.wait_for_function("""(option) => {
            const item = document.activeElement && document.activeElement.closest('[role=option]');
            return item !== null && item.textContent === option;
        }""", arg=option)
    page.keyboard.press("Enter")
    expect(page.locator("#overview-preset")).to_have_text("G7")
    expect(page).to_have_url(re.compile(r"p=g7"))
    page.locator(".site-nav").get_by_role("link", name=TEXT["nav.rd"]["en"], exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(TEXT["nav.rd"]["en"])
    assert_clean(page, app_url)


def test_permalink_reopens_the_same_view(page, app_url, browser):
    open_page(page, f"{app_url}/en/compare")
    page.locator("#compare-indicator").click()
    page.get_by_role("option", name="Business enterprise expenditure on R&D (BERD) as % of GDP · oecd_msti").click()
    page.get_by_label("Slope").check()
    expect(graph_title(page, "compare")).to_contain_text("Business enterprise expenditure")
    expect(page).to_have_url(re.compile("ch=slope"))  # the state reaches the URL in its own round trip
    link = page.url
    assert "ind=oecd_msti%3AB_XGDP" in link or "ind=oecd_msti:B_XGDP" in link

    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    other.goto(link)
    expect(graph_title(other, "compare")).to_contain_text("Business enterprise expenditure")
    expect(other.get_by_label("Slope")).to_be_checked()
    expect(other.locator("#compare-indicator")).to_contain_text("Business enterprise expenditure")
    other.context.close()


def test_language_toggle_switches_all_visible_text(page, app_url):
    open_page(page, f"{app_url}/en/rd")
    page.locator("#language-toggle").click()
    expect(page.locator("h1")).to_have_text(TEXT["nav.rd"]["ko"])
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_load_state("networkidle")
    assert "/ko/rd" in page.url
    body = page.locator("body").inner_text()
    english = [entry["en"] for key, entry in TEXT.items() if key.startswith(("nav.", "control.", "card.", "norm."))
               and entry["en"] != entry["ko"] and len(entry["en"]) > 3]
    assert [text for text in english if re.search(rf"\b{re.escape(text)}\b", body)] == []
    assert TEXT["card.csv"]["ko"] in body and TEXT["control.indicator"]["ko"] in body
    assert page.evaluate("document.documentElement.lang") == "ko"
    expect(page.locator("#explorer-countries")).to_contain_text("개 선택")  # the dropdown's own words too
    titles = page.locator(".modebar-btn").evaluate_all("buttons => buttons.map(b => b.dataset.title)")
    assert titles and all(re.search("[가-힣]", title) for title in titles), titles  # plotly.js in Korean too


def plotted_points(page, card):
    """(trace name, x, y) of every point the card's figure draws (its lines, not fans or markers)."""
    return page.evaluate(f"""() => {{
        const el = document.querySelector('[id*=\\'"card":"{card}"\\'][id*="card-graph"] .js-plotly-plot');
        return el.data.filter(t => t.mode === 'lines+markers').flatMap(
            t => t.x.map((x, i) => [t.name, String(x), Number(t.y[i])]));
    }}""")


def test_downloaded_csv_equals_the_plotted_data(page, app_url):
    open_page(page, f"{app_url}/en/rd?ind=oecd_msti%3AG_XGDP&p=focus&y0=2010&y1=2024")
    with page.expect_download() as download:
        page.locator('[id*=\'"card":"trend"\'][id*="card-csv"]').click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    from_csv = sorted((r["country"], r["year"], round(float(r["value"]), 9)) for r in rows)
    from_chart = sorted((name, x, round(y, 9)) for name, x, y in plotted_points(page, "trend"))
    assert from_csv == from_chart
    assert len(from_csv) > 30 and {r["country_iso3"] for r in rows} >= {"KOR", "USA", "JPN"}
    assert download.value.suggested_filename.startswith("kaim_trend_") and download.value.suggested_filename.endswith(
        ".csv")


def test_table_view_and_sql_panel(page, app_url):
    open_page(page, f"{app_url}/en/rd")
    card = '[id*=\'"card":"trend"\']'
    page.locator(f'{card}[id*="card-toggle"]').click()
    expect(page.locator(f'{card}[id*="card-table"] table')).to_be_visible()
    expect(page.locator(f'{card}[id*="card-toggle"]')).to_have_text(TEXT["card.chart"]["en"])
    page.get_by_text(TEXT["card.sql"]["en"]).first.click()
    expect(page.locator(f'{card}[id*="card-sql"]')).to_contain_text("FROM observations")
    table = page.locator(f'{card}[id*="card-table"] table')
    expect(table).not_to_contain_text("Italy")
    page.locator("#explorer-preset").click()
    page.get_by_role("option", name="G7", exact=True).click()
    expect(table).to_contain_text("Italy")  # a shown table follows the plotted data


def test_hidden_tables_cost_no_round_trip(page, app_url):
    open_page(page, f"{app_url}/en/rd")
    tables = []
    page.on("request", lambda r: tables.append(r.url)
            if "_dash-update-component" in r.url and "card-table" in (r.post_data or "") else None)
    page.locator("#explorer-preset").click()
    page.get_by_role("option", name="G7", exact=True).click()
    expect(page.locator('[id*=\'"card":"ranking"\'][id*="card-graph"]')).to_contain_text("Italy")
    wait_for_callbacks(page)  # the new rows reached the hidden table's store, which asked nothing of the server
    assert tables == []


def test_changing_countries_resends_only_the_charts_that_depend_on_them(page, app_url):
    open_page(page, f"{app_url}/en/models")
    outputs = []
    page.on("request", lambda r: outputs.append(r.post_data or "") if "_dash-update-component" in r.url else None)
    page.locator("#explorer-preset").click()
    page.get_by_role("option", name="G7", exact=True).click()
    expect(page.locator('[id*=\'"card":"notable"\'][id*="card-graph"]')).to_contain_text("Italy")
    wait_for_callbacks(page)  # every callback the new countries set off has run
    calls = [json.loads(body) for body in outputs if body]
    cards = {o["id"]["card"] for call in calls
             for o in (call["outputs"] if isinstance(call["outputs"], list) else [call["outputs"]])
             if isinstance(o["id"], dict) and "card" in o["id"]}
    assert "notable" in cards and not cards & {"compute", "catalogue"}  # ~1,000 models not sent again


def test_korea_is_highlighted_in_the_same_colour(page, app_url):
    open_page(page, f"{app_url}/en/rd")
    colours = page.evaluate("""() => {
        const el = document.querySelector('[id*=\\'"card":"trend"\\'][id*="card-graph"] .js-plotly-plot');
        return el.data.filter(t => t.name === 'South Korea').map(t => t.line.color);
    }""")
    assert colours == ["#D55E00"]


def test_no_warehouse_shows_a_clear_message(page, server, tmp_path, use_reader):
    from kaim.settings import load_settings

    use_reader(load_settings({"KAIM_HOME": str(tmp_path / "empty")}))
    page.goto(f"{server}/en/rd")
    expect(page.get_by_role("alert")).to_contain_text("No published warehouse yet")
    assert page.errors == []


def test_missing_pillar_data_shows_a_clear_message(page, server, tmp_path_factory, data_dir, use_reader):
    from tests.ui.conftest import _collected_home

    use_reader(_collected_home(tmp_path_factory, data_dir, ["worldbank", "country_meta"]))
    page.goto(f"{server}/en/models")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("No data for this selection yet").first).to_be_visible()
    assert page.errors == []


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_chart_image_downloads(page, app_url, fmt):
    open_page(page, f"{app_url}/en/compare")
    with page.expect_download() as download:
        page.locator(f'[id*=\'"card":"compare"\'][id*="card-{fmt}"]').click()
    name = download.value.suggested_filename
    content = download.value.path().read_bytes()
    assert name.startswith("kaim_compare_") and name.endswith(f".{fmt}")
    assert content.startswith(b"<svg") if fmt == "svg" else content.startswith(b"\x89PNG")


def test_sql_page_runs_a_query_and_refuses_hostile_ones(page, app_url):
    page.goto(f"{app_url}/en/sql")
    expect(page.locator("#sql-status")).to_have_text(TEXT["sql.press_run"]["en"])  # nothing runs on load
    page.locator("#sql-run").click()
    expect(page.locator("#sql-status")).to_contain_text("rows in")
    box = page.locator("#sql-query")
    for hostile in ("DROP TABLE core.runs", "SELECT * FROM read_csv('/etc/passwd')", "SELECT 1; SELECT 2"):
        box.fill(hostile)
        page.locator("#sql-run").click()
        expect(page.locator("#sql-status")).to_contain_text("Refused" if "read_csv" not in hostile else "Failed")
    box.fill("SELECT iso3, name_ko FROM countries WHERE iso3 = 'KOR'")
    page.locator("#sql-run").click()
    expect(page.locator("#sql-status")).to_contain_text("1 rows in")
    expect(page.locator("#sql-result")).to_contain_text("한국")
    expect(page).to_have_url(re.compile(r"q=SELECT"))
    assert_clean(page, app_url)


def test_a_sql_link_fills_the_box_and_runs_nothing_until_run_is_clicked(page, app_url):
    """A link must not make a visitor's browser run a query (or any site framing the page); the CSV is the
    query in the box run again on the server, not the rows the client holds."""
    runs = []
    page.on("request", lambda r: runs.append(r) if '"sql-run"' in (r.post_data or "") else None)
    page.goto(f"{app_url}/en/sql?q=SELECT%2042%20AS%20answer%2C%20'%ED%95%9C'%20AS%20k")
    expect(page.locator("#sql-query")).to_have_value("SELECT 42 AS answer, '한' AS k")
    expect(page.locator("#sql-status")).to_have_text(TEXT["sql.press_run"]["en"])
    page.wait_for_load_state("networkidle")
    assert runs == [] and page.locator("#sql-result .ag-cell").count() == 0
    page.locator("#sql-run").click()
    expect(page.locator("#sql-result .ag-cell").first).to_have_text("42")
    assert runs  # the click did send one
    page.evaluate("dash_ag_grid.getApi('sql-result').setGridOption('rowData', [{answer: 666, k: 'forged'}])")
    with page.expect_download() as download:
        page.locator("#sql-csv").click()
    assert download.value.path().read_text(encoding="utf-8") == "answer,k\n42,한\n"
    assert_clean(page, app_url)


def test_only_the_sql_page_loads_the_data_grid_and_the_navigation_gets_there(page, app_url):
    open_page(page, f"{app_url}/en/overview")
    assert not [url for url in page.requested if "dash_ag_grid" in url]
    page.locator(".site-nav").get_by_role("link", name="SQL", exact=True).click()
    expect(page.locator("#sql-result .ag-root-wrapper")).to_be_visible()
    expect(page.locator("#sql-status")).to_have_text(TEXT["sql.press_run"]["en"])
    assert [url for url in page.requested if "dash_ag_grid" in url]
    page.locator(".site-nav").get_by_role("link", name=TEXT["nav.rd"]["en"], exact=True).click()
    expect(page.locator("h1")).to_have_text(TEXT["nav.rd"]["en"])
    page.go_back()
    expect(page.locator("#sql-result .ag-root-wrapper")).to_be_visible()
    assert_clean(page, app_url)


def test_sql_page_callback_refuses_every_hostile_input(app_url, monkeypatch):
    from dataclasses import replace

    from dashboard.pages import sql
    from tests.warehouse.test_sandbox import ENDLESS, HOSTILE

    reader = data.reader()
    monkeypatch.setattr(reader, "config", replace(reader.config, sql_per_minute=1000, sql_seconds=2.0))
    for query in HOSTILE:
        rows, _, status = sql.run_query(query, "en")
        assert rows == [] and status.startswith(("Refused:", "Failed:")), query
    for query in ENDLESS[:2]:
        rows, _, status = sql.run_query(query, "en")
        assert rows == [] and "cut off" in status, query
    rows, _, status = sql.run_query("SELECT count(*) AS n FROM observations", "en")
    assert rows[0]["n"] > 10_000


def test_sql_page_limits_say_why_in_both_languages(app_url, monkeypatch):
    """The switch, the per-client rate and the host-wide slots each answer with their own status line."""
    from dataclasses import replace

    from dashboard.limits import Slots
    from dashboard.pages import sql

    reader = data.reader()
    config = replace(reader.config, sql_per_minute=1000, sql_concurrency=1)
    monkeypatch.setattr(reader, "config", config)
    with Slots(config.run_dir, "sql", 1).acquire():  # another worker's query holds the only slot
        assert sql.run_query("SELECT 1", "en")[2] == TEXT["sql.busy"]["en"]
        assert sql.run_query("SELECT 1", "ko")[2] == TEXT["sql.busy"]["ko"]
    assert sql.run_query("SELECT 1 AS one", "en")[0] == [{"one": 1}]
    assert sql.csv_download("SELECT 1 AS one", "en")[0]["content"] == "one\n1\n"

    monkeypatch.setattr(reader, "config", replace(config, sql_per_minute=2))
    sql.limiter(2).allow("local")  # a query already started this minute by this client
    assert sql.run_query("SELECT 1", "en")[2].startswith("1 rows in")
    assert sql.run_query("SELECT 1", "en")[2] == TEXT["sql.too_many"]["en"]
    assert sql.csv_download("SELECT 1", "ko") == (None, TEXT["sql.too_many"]["ko"])

    monkeypatch.setattr(reader, "config", replace(config, sql_page=False))
    assert sql.run_query("SELECT 1", "en") == ([], [], TEXT["sql.off"]["en"])
    assert sql.csv_download("SELECT 1", "ko") == (None, TEXT["sql.off"]["ko"])


def test_card_xlsx_equals_csv(page, app_url):
    import openpyxl

    open_page(page, f"{app_url}/en/rd")
    card = '[id*=\'"card":"trend"\']'
    with page.expect_download() as csv_download:
        page.locator(f'{card}[id*="card-csv"]').click()
    with page.expect_download() as xlsx_download:
        page.locator(f'{card}[id*="card-xlsx"]').click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    rows = list(csv.reader(io.StringIO(csv_download.value.path().read_text())))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()), read_only=True)["data"]
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == rows[0] and len(cells) == len(rows)
    value = rows[0].index("value")
    assert [round(float(r[value]), 9) for r in rows[1:]] == [round(float(r[value]), 9) for r in cells[1:]]


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_overview_briefing_download(page, app_url, fmt, tmp_path):
    open_page(page, f"{app_url}/ko/overview")
    with page.expect_download(timeout=60_000) as download:
        page.locator(f'[id*=\'"format":"{fmt}"\']').click()
    name = download.value.suggested_filename
    assert name.startswith("kaim_briefing_KOR_focus_ko_") and name.endswith(f".{fmt}")
    content = download.value.path().read_bytes()
    assert "한국 AI 모니터".encode() in content if fmt == "html" else content.startswith(b"PK")
    if fmt == "html":  # opened from disk, offline: every pillar's chart draws
        briefing = page.context.new_page()
        briefing.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
                       else route.continue_())
        saved = tmp_path / name
        download.value.save_as(saved)
        briefing.goto(saved.as_uri())
        expect(briefing.locator(".js-plotly-plot .scatterlayer .trace").first).to_be_visible()
        # each pillar's chart, the executive summary's position chart and the AI position index
        assert briefing.locator(".js-plotly-plot").count() == len(PILLARS) + 2


def test_forecast_fans_only_where_the_model_beats_naive(page, app_url):
    from warehouse import publish as published

    open_page(page, f"{app_url}/en/rd?ind=oecd_msti%3AG_XGDP&p=focus")
    names = page.evaluate("""() => {
        const el = document.querySelector('[id*=\\'"card":"trend"\\'][id*="card-graph"] .js-plotly-plot');
        return el.data.filter(t => t.fill === 'toself').map(t => t.name);
    }""")
    with data.reader().cursor() as cursor:
        skilful = {r[0] for r in cursor.execute("SELECT DISTINCT country_iso3 FROM forecasts WHERE "
                                                "indicator_id = 'oecd_msti:G_XGDP' AND beats_naive").fetchall()}
    assert skilful and published
    shown = {n.split(" ")[0] for n in names}
    expected = {data.country_name(c, "en").split(" ")[0] for c in skilful}
    assert shown == expected  # two bands (80%, 95%) per country whose model beats naive, none for the others
    assert len(names) == 2 * len(skilful)
    expect(page.locator("#explorer-note")).to_contain_text("backtest error")
    badge = page.locator('[id*=\'"card":"trend"\'][id*="card-graph"] .annotation-text')
    expect(badge).to_contain_text("Forecast skill: error")  # the skill badge on the chart itself


def test_memory_exports_by_destination_card(page, app_url):
    """Korea customs' DRAM, NAND and HBM exports by destination (trade_by_partner): stacked shares of the
    latest 12 months, China's share of DRAM as the warehouse holds it, with source and licence, in both
    languages."""
    open_page(page, f"{app_url}/en/semis")
    card = '[id*=\'"card":"memory-partners"\']'
    graph = page.locator(f'{card}[id*="card-graph"]')
    expect(graph.locator(".barlayer .trace").first).to_be_visible()
    expect(graph).to_contain_text(TEXT["semis.partners"]["en"])
    bars = page.evaluate("""(selector) => document.querySelector(selector).data.map(t => [t.name, t.x, t.y])""",
                         f'{card}[id*="card-graph"] .js-plotly-plot')
    shares = {(name, x): y for name, xs, ys in bars for x, y in zip(xs, ys, strict=True)}
    with data.reader().cursor() as cursor:
        (china,) = cursor.execute("""
            WITH months AS (SELECT DISTINCT period FROM trade_by_partner WHERE source_id = 'korea_customs'
                            AND product_code = '8542321010' ORDER BY period DESC LIMIT 12)
            SELECT 100 * sum(value_usd) FILTER (WHERE partner_iso3 = 'CHN')
                   / (SELECT sum(t) FROM (SELECT DISTINCT period, total_usd AS t FROM trade_by_partner
                      WHERE source_id = 'korea_customs' AND product_code = '8542321010'
                      AND period IN (SELECT period FROM months)))
            FROM trade_by_partner WHERE source_id = 'korea_customs' AND product_code = '8542321010'
              AND period IN (SELECT period FROM months)""").fetchone()
    assert round(shares[("China", "DRAM")], 6) == round(china, 6) and china > 50
    for line in ("DRAM", "NAND", "Multi-component ICs incl. HBM"):  # each line's destinations add up to 100%
        assert round(sum(y for (_, x), y in shares.items() if x == line), 6) == 100
    provenance = page.locator(f'{card}[id*="card-provenance"]')
    expect(provenance).to_contain_text("Korea Customs Service")
    expect(provenance).to_contain_text("KOGL Type 1")
    page.locator(f'{card}[id*="card-toggle"]').click()
    table = page.locator(f'{card}[id*="card-table"] table')
    expect(table).to_contain_text("China")
    expect(table).to_contain_text(TEXT["col.destination"]["en"])
    page.get_by_text(TEXT["card.sql"]["en"]).first.click()
    expect(page.locator(f'{card}[id*="card-sql"]')).to_contain_text("FROM trade_by_partner")
    open_page(page, f"{app_url}/ko/semis")
    expect(page.locator(f'{card}[id*="card-graph"]')).to_contain_text(TEXT["semis.partners"]["ko"])
    expect(page.locator(f'{card}[id*="card-graph"]')).to_contain_text("중국")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_memory_makers_and_wsts_sales_cards(page, app_url, lang):
    """The memory makers' shares (TrendForce, secondary) and WSTS sales by region render next to Korea's memory
    exports, in both languages, with their quality in the provenance line and no console error."""
    open_page(page, f"{app_url}/{lang}/semis")
    cards = ['[id*=\'"card":"memory"\']', '[id*=\'"card":"memory-makers"\']', '[id*=\'"card":"chip-sales"\']']
    makers, sales = (page.locator(f'{card}[id*="card-graph"]') for card in cards[1:])
    expect(makers.locator(".barlayer .trace").first).to_be_visible()
    expect(sales.locator(".scatterlayer .trace").first).to_be_visible()
    expect(makers).to_contain_text(TEXT["semis.makers"][lang][:20])
    expect(sales).to_contain_text(TEXT["semis.sales"][lang][:20])
    expect(makers).to_contain_text("SK하이닉스" if lang == "ko" else "SK hynix")
    tops = [page.locator(f'{card}[id*="card-graph"]').bounding_box()["y"] for card in cards]
    assert tops == sorted(tops)  # exports, then the firms behind them, then the world market
    for card, source in ((cards[1], "TrendForce"), (cards[2], "WSTS")):
        provenance = page.locator(f'{card}[id*="card-provenance"]')
        expect(provenance).to_contain_text(source)
        expect(provenance).to_contain_text("secondary")
    assert unregistered_traces(page) == []
    assert_clean(page, app_url)
