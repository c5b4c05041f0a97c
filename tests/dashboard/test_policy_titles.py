"""Policy events named in the page's language (issue 15, "Korean all the way through"): on Korean pages an
event's Korean title (``policy_events.title_ko``), else its English title marked as English; English pages
keep the English title. In the timeline, the trend charts' markers, their descriptions and the briefings."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import data, describe, figures
from dashboard.i18n import CATEGORY_NAMES, t
from tests.conftest import collected_home

DESCRIPTION = 4  # CARD_OUTPUTS: figure, store, provenance, sql, description, describe

EVENTS = pd.DataFrame({
    "date": [date(2024, 12, 26), date(2022, 10, 7)],
    "date_precision": ["day", "day"],
    "country_iso3": ["KOR", "USA"],
    "title": ["AI Basic Act passed", "US export controls on advanced computing"],
    "title_ko": ["인공지능 기본법 국회 통과", None],
    "category": ["law", "chips"],
    "amount_usd": [float("nan"), float("nan")],
    "summary": [None, None],
    "source_url": [None, None],
})
NAMES = {"KOR": "South Korea", "USA": "United States"}


def test_korean_pages_use_the_korean_title_and_mark_an_english_one():
    assert describe.event_titles(EVENTS, "ko") == [
        "인공지능 기본법 국회 통과", t("policy.title_en", "ko", title="US export controls on advanced computing")]
    assert describe.event_titles(EVENTS, "ko")[1].endswith("(영문 제목)")
    assert describe.event_titles(EVENTS, "en") == list(EVENTS["title"])
    # a frame without the column (a warehouse loaded before it existed) shows the English titles
    assert describe.event_titles(EVENTS.drop(columns="title_ko"), "ko") == list(EVENTS["title"])


def test_markers_and_descriptions_name_events_in_the_page_language():
    frame = pd.DataFrame({"country_iso3": ["KOR"], "year": [2024], "value": [1.0]})
    ko = figures._events(EVENTS, frame, NAMES, "ko")
    en = figures._events(EVENTS, frame, NAMES, "en")
    assert [row[3] for row in ko["customdata"]] == describe.event_titles(EVENTS, "ko")
    assert [row[3] for row in en["customdata"]] == list(EVENTS["title"])
    assert "인공지능 기본법 국회 통과" in describe.timeline(EVENTS, NAMES, "ko", "정책")
    assert "AI Basic Act passed" in describe.timeline(EVENTS, NAMES, "en", "Policy")
    assert "AI Basic Act passed" not in describe.timeline(EVENTS, NAMES, "ko", "정책")


def test_xlsx_events_sheet_keeps_both_titles():
    from dashboard.report import Section, events_sheet

    sections = [Section("rd", None, pd.DataFrame(), pd.DataFrame(), EVENTS, None)]
    ko, en = events_sheet(sections, "ko"), events_sheet(sections, "en")
    assert ko["title"].tolist() == describe.event_titles(EVENTS, "ko") and en["title"].tolist() == list(EVENTS["title"])
    assert ko["title_en"].tolist() == list(EVENTS["title"])
    assert ko["title_ko"].tolist()[0] == "인공지능 기본법 국회 통과"
    assert events_sheet([], "ko").empty


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    """The policy events collected from the real files."""
    home = tmp_path_factory.mktemp("policy-titles-home")
    with collected_home(home, data_dir, ["policy"]) as settings, data.using(data.Reader(settings.dashboard)):
        yield


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_timeline_shows_titles_in_the_page_language(warehouse, lang):
    from dashboard.pages.policy import DEFAULT_COUNTRIES, timeline_view

    categories = list(CATEGORY_NAMES)
    events = data.policy_events(DEFAULT_COUNTRIES, categories)
    assert "title_ko" in events.columns and len(events) > 0
    figure = timeline_view(DEFAULT_COUNTRIES, categories, lang)[0]
    shown = sorted(row[0] for trace in figure["data"] for row in trace["customdata"])
    assert shown == sorted(describe.event_titles(events, lang))
    if lang == "en":
        assert shown == sorted(events["title"])
    else:  # no English title of an event that has a Korean one
        has_ko = events["title_ko"].notna()
        assert not set(events.loc[has_ko, "title"]) & set(shown)
        assert all(title.endswith("(영문 제목)") for title in describe.event_titles(events[~has_ko], "ko"))
