"""The overview's headlines on the real files: complete periods only, like-for-like ranks, and a card
that says why a newer value is not the headline."""

from __future__ import annotations

import pytest

from dashboard.headlines import headline, kpi_rows
from kaim.cli import main

FOCUS = ["KOR", "USA", "CHN", "JPN", "TWN", "DEU"]


@pytest.fixture
def collected(settings, mirror, use_reader, monkeypatch):
    monkeypatch.setenv("KAIM_FORECAST_AFTER_COLLECT", "0")
    assert main(["collect", "country_meta", "comtrade", "owid_ai", "--mirror", str(mirror)]) == 0
    use_reader(settings)


def test_a_part_year_is_not_the_headline_and_the_card_says_why(collected):
    h = headline("models", "owid_ai:large_scale_ai_systems_cumulative", FOCUS, "en")
    assert (h.year, h.value) == (2025, 17.0)  # not "17 (2026)": OWID's file was taken in April 2026
    assert (h.note, h.newer_year) == ("part-period", 2026)
    assert h.change is None  # Korea has no 2020 value: no 5-year change rather than one from a part-year
    note = dict(kpi_rows(h, "en"))["Note"]
    assert note.startswith("2026 is not over in the data (17)") and "uses 2025" in note
    assert "2026년" in dict(kpi_rows(h, "ko"))["참고"]


def test_a_year_missing_large_reporters_is_not_ranked(collected):
    h = headline("semis", "comtrade:8542:X", FOCUS, "en")
    assert h.year == 2023 and h.note == "incomplete-coverage" and h.newer_year == 2024
    assert (h.rank, h.peers, h.leader) == (3, 6, "TWN")  # in 2023 Taiwan reported; in 2024 it did not


def test_rankings_and_maps_open_on_the_latest_complete_year(collected):
    from dashboard import data
    from dashboard.explorer import year_bounds

    first, last, default = year_bounds(data.indicator_row("owid_ai:large_scale_ai_systems_cumulative"))
    assert (first, last, default) == (2019, 2026, 2025)  # 2026 stays on the chart, marked; not the default
    assert year_bounds(data.indicator_row("comtrade:8542:X"))[1:] == (2024, 2023)


def test_a_part_year_of_models_is_marked_on_the_chart(settings, mirror, use_reader, monkeypatch):
    from dashboard import data
    from dashboard.pages.models import notable_view

    monkeypatch.setenv("KAIM_FORECAST_AFTER_COLLECT", "0")
    assert main(["collect", "country_meta", "epoch", "--mirror", str(mirror)]) == 0
    use_reader(settings)
    frame = data.models_by_country(["KOR", "USA"])
    assert set(frame.loc[frame["flags"].notna(), "year"]) == {2026}  # the file was copied in 2026
    figure = notable_view(["KOR", "USA"], "en")[0]
    korea = next(trace for trace in figure["data"] if trace["legendgroup"] == "KOR")
    marks = dict(zip(korea["x"], korea["marker"]["symbol"], strict=True))
    assert marks[2026] == "circle-open" and marks[2025] == "circle"
