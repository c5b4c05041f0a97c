"""Scenario arithmetic on small frames whose answers can be worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from warehouse import scenarios

SERIES = pd.DataFrame({"year": [2022, 2023, 2024], "value": [90.0, 95.0, 100.0]})
#: 5% a year from 100 in 2024: 105, 110.25, 115.7625.
FORECAST = pd.DataFrame({"year": [2025, 2026, 2027], "mean": [105.0, 110.25, 115.7625], "beats_naive": True})
OTHERS = pd.DataFrame({"country_iso3": ["AAA", "BBB", "CCC"], "value": [150.0, 121.0, 90.0],
                       "projected": [True, False, True]})


def test_compound_growth_both_ways():
    assert scenarios.required_rate(100, 2024, 121, 2026) == pytest.approx(0.10)
    assert scenarios.grown(100, 2024, 0.10, 2026) == pytest.approx(121)
    assert scenarios.required_rate(100, 2024, 81, 2026) == pytest.approx(-0.10)  # a fall is a negative rate
    assert scenarios.path(100, 2024, 0.10, 2026)["value"].tolist() == pytest.approx([100, 110, 121])
    for bad in ((100, 2024, 120, 2024), (0, 2024, 120, 2030), (100, 2024, -5, 2030)):
        with pytest.raises(ValueError):
            scenarios.required_rate(*bad)


def test_ranks_among_the_others():
    assert scenarios.rank_value(OTHERS, 1) == 150 and scenarios.rank_value(OTHERS, 2) == 121
    assert [scenarios.rank_of(v, OTHERS) for v in (151, 150, 121, 120, 89)] == [1, 1, 2, 3, 4]  # a tie is no loss
    with pytest.raises(ValueError, match="only 3 other economies"):
        scenarios.rank_value(OTHERS, 4)


def test_growth_needed_for_a_value_against_the_projection():
    answer = scenarios.scenario("x", "KOR", SERIES, FORECAST, 2026, value=121)
    assert (answer.current_year, answer.current_value, answer.kind) == (2024, 100, "value")
    assert answer.rate == pytest.approx(0.10)
    assert answer.projected_rate == pytest.approx(0.05) and answer.projected_year == 2026
    assert answer.on_track is False and answer.rank is None
    assert scenarios.scenario("x", "KOR", SERIES, FORECAST, 2026, value=110).on_track is True
    beyond = scenarios.scenario("x", "KOR", SERIES, FORECAST, 2030, value=150)  # after the horizon: rate to 2027
    assert beyond.projected_year == 2027 and beyond.projected_rate == pytest.approx(0.05)
    unskilled = scenarios.scenario("x", "KOR", SERIES, FORECAST.assign(beats_naive=False), 2026, value=121)
    assert unskilled.projected_rate is None and unskilled.on_track is None
    assert "needs +10.00% a year; projected +5.00% a year: not on track" in answer.sentence()


def test_growth_needed_for_a_rank_and_the_rank_a_growth_earns():
    second = scenarios.scenario("x", "KOR", SERIES, FORECAST, 2026, rank=2, others=OTHERS)
    assert second.target_value == 121 and second.rate == pytest.approx(0.10)
    assert (second.rank, second.economies, second.projected_peers) == (2, 4, 2)
    at_ten = scenarios.scenario("x", "KOR", SERIES, FORECAST, 2026, growth=0.10, others=OTHERS)
    assert at_ten.target_value == pytest.approx(121) and at_ten.rank == 2  # ties 121
    at_five = scenarios.scenario("x", "KOR", SERIES, FORECAST, 2026, growth=0.05, others=OTHERS)
    assert at_five.target_value == pytest.approx(110.25) and at_five.rank == 3
    assert "at +5.00% a year -> 110.2 by 2026: rank 3 of 4" in at_five.sentence()
    with pytest.raises(ValueError, match="exactly one"):
        scenarios.scenario("x", "KOR", SERIES, FORECAST, 2026, value=1, rank=1, others=OTHERS)
    with pytest.raises(ValueError, match="no complete annual value"):
        scenarios.scenario("x", "KOR", SERIES.iloc[:0], FORECAST, 2026, value=1)


def test_catch_up_table_states_the_gap_and_why_a_row_does_not_count():
    rows = pd.DataFrame({"indicator_id": ["x"] * 3, "peer_iso3": ["AAA", "BBB", "CCC"],
                         "status": ["crosses", "already_ahead", "crosses"], "skilful": [True, False, True],
                         "p_crossed": [0.7, 1.0, None]})
    gaps = pd.DataFrame({"indicator_id": ["x", "x"], "peer_iso3": ["AAA", "BBB"], "gap_year": [2023, 2022],
                         "value": [4.0, 5.0], "peer_value": [5.0, 4.0]})
    table = scenarios.catch_up_table(rows, gaps).set_index("peer_iso3")
    assert table.loc["AAA", "gap"] == -1 and table.loc["AAA", "gap_share"] == pytest.approx(-0.2)
    assert table.loc["BBB", "gap"] == 1 and table.loc["BBB", "gap_share"] == pytest.approx(0.25)
    assert pd.isna(table.loc["CCC", "gap"])  # no year both report
    assert table["reason"].fillna("").tolist() == ["", "not_skilful", "not_refitted"]


def test_first_likely_year():
    years = pd.DataFrame({"year": [2025, 2026, 2027], "p_crossed": [0.2, 0.5, 0.8]})
    assert scenarios.first_likely_year(years) == 2026 and scenarios.first_likely_year(years, level=0.9) is None
