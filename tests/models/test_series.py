"""Messy-series rules in models.series: gaps, breaks, short histories, zeros and duplicates."""

from __future__ import annotations

import numpy as np
import pytest

from models.series import has_break, prepare


def test_clean_series_passes_through() -> None:
    p = prepare(range(2000, 2010), np.arange(10.0) + 1)
    assert p.mode == "models" and p.n_obs == 10 and p.notes == []
    assert p.y.index[0].year == 2000 and p.y.index.freqstr.startswith("Y")


def test_short_gap_is_interpolated_log_linearly() -> None:
    years = [2000, 2001, 2002, 2004, 2005, 2006, 2007, 2008, 2009]
    values = [1, 2, 4, 16, 32, 64, 128, 256, 512]
    p = prepare(years, values)
    assert p.mode == "models" and p.n_obs == 10
    assert p.y.loc["2003"] == pytest.approx(8.0)  # geometric mean of 4 and 16
    assert "interpolated missing years [2003]" in p.notes[0]


def test_gap_in_a_non_positive_series_is_interpolated_linearly() -> None:
    years = [2000, 2001, 2003, *range(2004, 2010)]
    values = [-1.0, 1.0, 5.0, 6, 7, 8, 9, 10, 11]
    p = prepare(years, values)
    assert p.y.loc["2002"] == pytest.approx(3.0)
    assert any("non-positive" in n for n in p.notes)


def test_long_gap_keeps_only_the_part_after_it() -> None:
    years = [1990, 1991, 1992, *range(2000, 2010)]
    p = prepare(years, np.arange(13.0) + 1)
    assert p.y.index[0].year == 2000 and p.n_obs == 10
    assert "gap of 7 years (1993-1999): used 2000 onwards" in p.notes[0]


def test_break_keeps_the_segment_from_the_last_break() -> None:
    years = list(range(2000, 2015))
    flags = [""] * 15
    flags[3], flags[5] = "B", "B,E"
    p = prepare(years, np.arange(15.0) + 1, flags)
    assert p.y.index[0].year == 2005 and p.n_obs == 10
    assert "break in series at 2005" in p.notes[0]


def test_break_leaving_too_little_is_naive_or_declined() -> None:
    years = list(range(2000, 2015))
    flags = [""] * 15
    flags[10] = "B"
    p = prepare(years, np.arange(15.0) + 1, flags)
    assert p.mode == "naive" and p.n_obs == 5
    flags[12] = "B"
    p = prepare(years, np.arange(15.0) + 1, flags)
    assert p.mode == "declined" and "too short" in p.declined


def test_has_break_reads_only_main_flags() -> None:
    assert has_break("B") and has_break("E,B") and has_break("b")
    assert not has_break("") and not has_break(None) and not has_break("P;aux=B") and not has_break("BE")


def test_short_history_gets_naive_only_and_very_short_is_declined() -> None:
    p = prepare(range(2015, 2021), [1.0, 2, 3, 4, 5, 6])
    assert p.mode == "naive" and "short history" in p.notes[-1]
    p = prepare(range(2019, 2022), [1.0, 2, 3])
    assert p.mode == "declined" and p.y is None and "too short: 3" in p.declined


def test_missing_values_and_empty_series() -> None:
    p = prepare(range(2000, 2012), [None, None, *range(1, 11)])
    assert p.y.index[0].year == 2002 and p.n_obs == 10
    p = prepare([2000, 2001], [None, float("nan")])
    assert p.mode == "declined" and p.declined == "no observed values"


def test_zeros_are_kept_and_constant_series_get_naive() -> None:
    p = prepare(range(2000, 2010), [0, 0, 1, 0, 2, 3, 0, 4, 5, 6])
    assert p.mode == "models" and not p.positive
    p = prepare(range(2000, 2010), [0.0] * 10)
    assert p.mode == "naive" and "constant history" in p.notes[-1]


def test_duplicate_years_keep_the_last_row() -> None:
    p = prepare([2000, 2001, 2001, *range(2002, 2010)], [1.0, 2.0, 3.0, *range(4, 12)])
    assert p.y.loc["2001"] == 3.0 and "duplicate years [2001]" in p.notes[0]
