"""Briefings of a pinned version: `kaim report --version STAMP` and the web briefing of a pinned link report
that version's numbers (a real OECD MSTI payload, then a copy revising Korea's 2024 GERD), and the web
briefings of the pinned version and of the current one are kept side by side."""

from __future__ import annotations

import openpyxl
import pytest

from dashboard import briefings, data, pin
from kaim.cli import main
from tests.warehouse.test_changes import collect_revised
from warehouse import pins

GERD = ("oecd_msti:G_XGDP", "KOR", 2024)


@pytest.fixture(scope="module")
def revised(tmp_path_factory, data_dir):
    root = tmp_path_factory.mktemp("pinned-report")
    return collect_revised(root / "home", root / "mirror", data_dir)


def korea_2024(path) -> float:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book["rd"].iter_rows(values_only=True))
    finally:
        book.close()
    header = rows[0]
    (value,) = [r[header.index("value")] for r in rows[1:]
                if r[header.index("country_iso3")] == "KOR" and r[header.index("year")] == 2024]
    return value


def test_a_briefing_of_a_pinned_version_reports_its_numbers(revised, tmp_path, monkeypatch):
    monkeypatch.setenv("KAIM_HOME", str(revised.settings.home))
    first, _ = sorted(pins.published(revised.settings.warehouse))
    old, new = revised.expected[GERD]
    assert main(["report", "--format", "xlsx", "--out", str(tmp_path / "now.xlsx")]) == 0
    assert main(["report", "--format", "xlsx", "--version", first, "--out", str(tmp_path / "then.xlsx")]) == 0
    assert korea_2024(tmp_path / "now.xlsx") == pytest.approx(new)
    assert korea_2024(tmp_path / "then.xlsx") == pytest.approx(old)


def test_a_version_not_published_is_one_line(revised, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KAIM_HOME", str(revised.settings.home))
    assert main(["report", "--format", "html", "--version", "../CURRENT", "--out", str(tmp_path / "x.html")]) == 2
    assert "--version '../CURRENT' is not a published version here; the versions kept are " in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_web_briefings_of_a_pinned_version_and_the_current_one_stay_side_by_side(revised):
    first, _ = sorted(pins.published(revised.settings.warehouse))
    with data.using(data.Reader(revised.settings.dashboard)):
        now = briefings.cache.get("focus", "en", "html")
        token = pin.pinned.set(first)
        try:
            then = briefings.cache.get("focus", "en", "html")
        finally:
            pin.pinned.reset(token)
        again = briefings.cache.get("focus", "en", "html")
    assert now != then and now == again and now.exists() and then.exists()
    assert first in then.name and "7.25 %" in now.read_text(encoding="utf-8")
    assert "7.25 %" not in then.read_text(encoding="utf-8") and "5.13 %" in then.read_text(encoding="utf-8")
