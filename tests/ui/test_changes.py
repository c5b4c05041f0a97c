"""The What changed page and its Atom feed, on a warehouse that loaded a real OECD MSTI payload and then a
revised copy: the page lists exactly the revised values (before → after) and links each to its chart; the
feed is Atom XML that feedparser reads; in headless Chromium the page opens in Korean and English, at
desktop and phone width, with no console error, no axe-core violation and no request off the machine
(screenshots in /tmp/shots/changes/)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import feedparser
import pytest
import requests
from playwright.sync_api import expect

from dashboard import data
from dashboard.i18n import TEXT, fmt_number
from tests.ui.test_accessibility import describe, violations
from tests.ui.test_dashboard import assert_clean, wait_for_callbacks
from tests.warehouse.test_changes import REVISIONS, collect_revised
from warehouse import changes

ATOM = "{http://www.w3.org/2005/Atom}"
SHOTS = Path("/tmp/shots/changes")
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def revised(tmp_path_factory, data_dir):
    root = tmp_path_factory.mktemp("changes-ui")
    return collect_revised(root / "home", root / "mirror", data_dir)


@pytest.fixture
def site(server, revised, use_reader):
    """The app reading the revised warehouse."""
    use_reader(revised.settings)
    return server


def expected_rows(revised, lang: str) -> set[tuple[str, ...]]:
    """(country, year, before, after, indicator) of each revision, as a reader sees them."""
    indicators = data.indicators().set_index("indicator_id")["name_ko" if lang == "ko" else "name_en"]
    return {(data.country_name(country, lang), str(year), fmt_number(old, lang, "%"), fmt_number(new, lang, "%"),
             indicators[indicator]) for (indicator, country, year), (old, new) in revised.expected.items()}


def test_the_feed_is_atom_that_a_feed_reader_opens(site, revised):
    kept = changes.versions(revised.settings.warehouse)
    for url, lang in (("/feed.atom", "ko"), ("/ko/feed.atom", "ko"), ("/en/feed.atom", "en")):
        response = requests.get(site + url, timeout=60)
        assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(response.content)
        assert root.tag == f"{ATOM}feed"
        ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
        assert ids == [f"tag:korea-ai-monitor.kr,{v.published:%Y-%m-%d}:changes/{v.id}/{lang}" for v in kept]
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10" and parsed.feed.title == TEXT["changes.feed.title"][lang]
        assert [e.id for e in parsed.entries] == ids
        newest = parsed.entries[0]
        assert newest.updated_parsed[:6] == kept[0].published.timetuple()[:6]
        assert newest.link == f"{site}/{lang}/changes#v-{kept[0].id}"
        assert TEXT["changes.summary"][lang].format(revised=len(REVISIONS), new=0, removed=0) in newest.title
        related = [urlparse(link.href) for link in newest.links if link.rel == "related"]
        assert {(u.path, parse_qs(u.query)["ind"][0]) for u in related} == {
            (f"/{lang}/rd", indicator) for _, indicator, *_ in REVISIONS}
        for country, year, old, new, name in expected_rows(revised, lang):
            assert f"{name}, {country} {year}: {old} → {new}" in newest.summary


def open_changes(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("section.changes-version")
    page.wait_for_load_state("networkidle")
    wait_for_callbacks(page)


@pytest.mark.ui
@pytest.mark.parametrize("page", WIDTHS.values(), ids=WIDTHS.keys(), indirect=True)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_page_lists_exactly_the_revised_values(page, site, revised, lang):
    kept = changes.versions(revised.settings.warehouse)
    open_changes(page, f"{site}/{lang}/changes")
    expect(page.locator("h1")).to_have_text(TEXT["nav.changes"][lang])
    sections = page.locator("section.changes-version")
    assert [sections.nth(i).get_attribute("id") for i in range(sections.count())] == [f"v-{v.id}" for v in kept]
    newest = sections.nth(0)
    rows = newest.locator("table.changes-revisions tbody tr")
    shown = {tuple(rows.nth(i).locator("td").all_inner_texts()[:5]) for i in range(rows.count())}
    assert rows.count() == len(REVISIONS) and shown == expected_rows(revised, lang)
    assert sections.nth(1).locator("table.changes-revisions").count() == 0  # the baseline revised nothing
    expect(newest.locator(".changes-summary")).to_have_text(
        TEXT["changes.summary"][lang].format(revised=len(REVISIONS), new=0, removed=0))
    width = page.viewport_size["width"]
    if width < 500:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"changes-{lang}-{width}.png"), full_page=True)
    found = violations(page)  # axe-core, as tests/ui/test_accessibility.py runs it on every page
    assert not found, describe(found)
    assert_clean(page, site)


@pytest.mark.ui
def test_a_revision_link_opens_the_chart_at_the_changed_view(page, site, revised):
    open_changes(page, f"{site}/en/changes")
    row = page.locator("section.changes-version").nth(0).locator("table.changes-revisions tbody tr").first
    expect(row.locator("td").first).to_have_text(data.country_name("KOR", "en"))  # Korea's first
    row.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(TEXT["nav.rd"]["en"])
    query = parse_qs(urlparse(page.url).query)
    # Korea and its default peers (the revised country is among them), the revised year for the ranking
    assert query["ind"] == ["oecd_msti:G_XGDP"] and query["yr"] == ["2024"] and query["p"] == ["focus"]
    page.wait_for_selector(".js-plotly-plot .main-svg")
    wait_for_callbacks(page)
    expect(page.locator("#explorer-indicator")).to_contain_text("GERD")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "changes-link-en-1280.png"))
    assert_clean(page, site)


@pytest.mark.ui
def test_a_pinned_link_lists_the_versions_up_to_the_pinned_one(page, site, revised):
    kept = changes.versions(revised.settings.warehouse)
    open_changes(page, f"{site}/en/changes?v={kept[1].id}")
    sections = page.locator("section.changes-version")
    assert [sections.nth(i).get_attribute("id") for i in range(sections.count())] == [f"v-{kept[1].id}"]
    assert_clean(page, site)


def test_the_feed_links_start_with_the_public_url_whatever_the_host_header(revised):
    from dataclasses import replace

    from dashboard.app import create_app

    config = replace(revised.settings.dashboard, public_url="https://kaim.example.org")
    with data.using(data.Reader(config)):
        client = create_app(config).server.test_client()
        for host in ("attacker.example", "localhost"):
            parsed = feedparser.parse(client.get("/en/feed.atom", headers={"Host": host}).data)
            links = [link.href for link in parsed.feed.links] + [link.href for e in parsed.entries for link in e.links]
            assert len(links) > 2 and all(link.startswith("https://kaim.example.org/") for link in links)
