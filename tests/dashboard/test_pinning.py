"""Pinned links: a link naming a published version (``?v=<stamp>``) reads exactly that version's numbers,
says so (and whether newer data exist), marks the version as cited, and a link naming anything else reads
the current version and says why. Two real versions: World Bank R&D spending, then a revised copy."""

from __future__ import annotations

import json

import pytest

from dashboard import data, pin
from dashboard.app import create_app
from kaim.cli import main
from warehouse import pins

INDICATOR = "worldbank:GB.XPD.RSDV.GD.ZS"
YEAR, REVISED = 2020, 9.87654


def revise_korea(mirror) -> float:
    """Replace Korea's ``YEAR`` value in the mirror's WDI file with ``REVISED``; returns the original."""
    (path,) = mirror.glob("worldbank/API_GB.XPD.RSDV.GD.ZS_*.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = next(line for line in lines if line.startswith('"Country Name"')).split('","')
    column = header.index(str(YEAR))
    row = next(i for i, line in enumerate(lines) if line.startswith('"Korea, Rep."'))
    cells = lines[row].split('","')
    original, cells[column] = float(cells[column]), str(REVISED)
    lines[row] = '","'.join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return original


@pytest.fixture
def versions(settings, mirror, use_reader, monkeypatch):
    """(first stamp, its Korea value, revised stamp) and the app reading that home."""
    monkeypatch.setenv("KAIM_FORECAST_AFTER_COLLECT", "0")
    assert main(["collect", "country_meta", "worldbank", "--mirror", str(mirror)]) == 0
    (first,) = pins.published(settings.warehouse)
    original = revise_korea(mirror)
    assert main(["collect", "worldbank", "--mirror", str(mirror)]) == 0
    (revised,) = set(pins.published(settings.warehouse)) - {first}
    use_reader(settings)
    return first, original, revised


def korea(stamp: str | None) -> float:
    token = pin.pinned.set(stamp)
    try:
        return float(data.series(INDICATOR, ["KOR"], YEAR, YEAR)["value"].iloc[0])
    finally:
        pin.pinned.reset(token)


def layout_text(client, page_url: str) -> str:
    """The first layout Dash asks for, from the page ``page_url`` (its referrer)."""
    response = client.get("/_dash-layout", headers={"Referer": f"http://localhost{page_url}"})
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_a_pinned_version_reads_its_own_numbers(versions):
    first, original, revised = versions
    assert original != REVISED
    assert korea(first) == pytest.approx(original) and korea(revised) == pytest.approx(REVISED)
    assert korea(None) == pytest.approx(REVISED)  # unpinned: the current version


def test_a_pinned_page_says_which_version_and_that_newer_data_exist(versions, settings):
    first, _, revised = versions
    client = create_app(settings.dashboard).server.test_client()
    assert client.get(f"/en/rd?v={first}").status_code == 200
    older = layout_text(client, f"/en/rd?ind={INDICATOR}&v={first}")
    assert f"version {first}" in older and "Newer data have been published since." in older
    assert f"/en/rd?ind={INDICATOR.replace(':', '%3A')}" in older  # "open the current version" keeps the view
    latest = layout_text(client, f"/ko/rd?v={revised}")
    assert f"버전 {revised}" in latest and "새 자료" not in latest
    assert "보고 있습니다" not in layout_text(client, "/ko/rd")  # an ordinary link says nothing


def test_opening_a_pinned_link_marks_the_version_as_cited(versions, settings):
    first, _, _ = versions
    client = create_app(settings.dashboard).server.test_client()
    assert pins.cited(settings.warehouse, 1) == []
    client.get(f"/en/rd?v={first}")
    assert pins.cited(settings.warehouse, 1) == [first]


@pytest.mark.parametrize("value", ["../../CURRENT", "/etc/passwd", "warehouse.duckdb", "20261201T15", "%00"])
def test_a_link_naming_no_stamp_reads_the_current_version_and_writes_nothing(versions, settings, value):
    client = create_app(settings.dashboard).server.test_client()
    layout_text(client, "/en/rd")  # the first request makes the app's own files (its signing key)
    before = sorted(p.name for p in settings.warehouse.home.rglob("*"))
    assert client.get("/en/rd", query_string={"v": value}).status_code == 200
    text = layout_text(client, "/en/rd?v=" + value.replace("/", "%2F"))
    assert "You are viewing" not in text and "This link names" not in text
    assert sorted(p.name for p in settings.warehouse.home.rglob("*")) == before


def test_a_link_to_a_pruned_or_unknown_version_says_so(versions, settings):
    first, _, _ = versions
    path = pins.published(settings.warehouse)[first]
    path.unlink()
    pins.record_pruned(settings.warehouse, path)
    client = create_app(settings.dashboard).server.test_client()
    gone = layout_text(client, f"/en/rd?v={first}")
    assert f"The version this link names ({first}) was deleted on" in gone and "these are the current numbers" in gone
    never = layout_text(client, "/ko/rd?v=20000101T000000000000Z")
    assert "이 링크가 가리키는 버전(20000101T000000000000Z)은 여기에 공개된 적이 없습니다" in never


def test_each_card_offers_a_citation_naming_producer_chart_vintage_and_version(versions, settings):
    _, _, revised = versions
    client = create_app(settings.dashboard).server.test_client()
    text = layout_text(client, f"/en/rd?ind={INDICATOR}")
    assert "Cite this chart" in text and "@misc{kaim_" in text
    assert f"Published version {revised}" in text and "World Bank" in text and "<URL>" in text
