"""Fixtures for the model tests: the real series of tests/models/data.py as pandas objects."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.models.data import KOR_PATENTS, PATENTS_FIRST_YEAR, RD_FIRST_YEAR, RD_PCT_GDP, annual


@pytest.fixture
def kor_rd() -> pd.Series:
    """Korea's R&D spending, % of GDP, 1996-2022 (27 points, strong trend)."""
    return annual(RD_PCT_GDP["KOR"], RD_FIRST_YEAR)


@pytest.fixture
def jpn_rd() -> pd.Series:
    """Japan's R&D spending, % of GDP, 1996-2022 (27 points, flat-ish)."""
    return annual(RD_PCT_GDP["JPN"], RD_FIRST_YEAR)


@pytest.fixture
def kor_patents() -> pd.Series:
    """Korea's resident patent applications, 2000-2021 (22 points)."""
    return annual(KOR_PATENTS, PATENTS_FIRST_YEAR)


@pytest.fixture
def observations() -> pd.DataFrame:
    """A long frame as the warehouse passes it: three R&D series, one patents series."""
    rows = []
    for iso3, values in RD_PCT_GDP.items():
        for i, v in enumerate(values):
            rows.append(("worldbank:GB.XPD.RSDV.GD.ZS", iso3, RD_FIRST_YEAR + i, v, ""))
    for i, v in enumerate(KOR_PATENTS):
        rows.append(("worldbank:IP.PAT.RESD", "KOR", PATENTS_FIRST_YEAR + i, float(v), None))
    return pd.DataFrame(rows, columns=["indicator_id", "country_iso3", "year", "value", "flags"])
