"""Briefings name policy events in their language (issue 15): a Korean HTML briefing lists each event by its
Korean title (an English one only where it has none, marked), an English briefing by its English title; the
XLSX has an events sheet with both."""

from __future__ import annotations

import html
import re

import duckdb
import openpyxl
import pytest

from kaim.cli import main
from tests.conftest import collected_home

PEERS = "USA,CHN,JPN,TWN,DEU"
MARK = "(영문 제목)"


@pytest.fixture(scope="module")
def home(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("report-titles-home")
    with collected_home(home, data_dir):
        return home


@pytest.fixture(scope="module")
def events(home):
    """Every policy event of the published warehouse: (English title, Korean title or None)."""
    published = sorted((home / "published").rglob("*.duckdb"))[-1]
    with duckdb.connect(str(published), read_only=True) as con:
        return con.execute("SELECT title, title_ko FROM policy_events").fetchall()


def briefing(home, monkeypatch, tmp_path, fmt, lang):
    monkeypatch.setenv("KAIM_HOME", str(home))
    out = tmp_path / f"briefing-{lang}.{fmt}"
    assert main(["report", "--country", "KOR", "--peers", PEERS, "--lang", lang, "--format", fmt,
                 "--out", str(out)]) == 0
    return out


def listed(page: str) -> list[str]:
    """The titles of the events lists' items (date · country · title)."""
    lists = re.findall(r"<ul class='events'>(.*?)</ul>", page, flags=re.S)
    items = [item for block in lists for item in re.findall(r"<li>(.*?)</li>", block, flags=re.S)]
    return [html.unescape(item.split(" · ", 2)[2]) for item in items]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_html_briefing_lists_events_in_its_language(home, events, monkeypatch, tmp_path, lang):
    titles = listed(briefing(home, monkeypatch, tmp_path, "html", lang).read_text(encoding="utf-8"))
    assert titles, "the briefing lists policy events"
    korean = {en: ko for en, ko in events if ko}
    english = {en for en, _ in events}
    if lang == "en":
        assert set(titles) <= english
    else:
        assert not set(titles) & set(korean), "an English title where a Korean one exists"
        assert set(titles) <= set(korean.values()) | {f"{en} {MARK}" for en in english - set(korean)}


def test_xlsx_has_an_events_sheet_with_both_titles(home, monkeypatch, tmp_path):
    book = openpyxl.load_workbook(briefing(home, monkeypatch, tmp_path, "xlsx", "ko"), read_only=True)
    rows = list(book["events"].values)
    assert rows[0][:7] == ("pillar", "date", "country_iso3", "category", "title", "title_en", "title_ko")
    assert len(rows) > 1 and all(r[4] == (r[6] or f"{r[5]} {MARK}") for r in rows[1:])
