"""Short real annual series for the model tests (World Bank WDI, CC BY 4.0), typed in as constants."""

from __future__ import annotations

import pandas as pd

# GB.XPD.RSDV.GD.ZS, R&D expenditure (% of GDP), 1996-2022, from ../shared/data/worldbank (WDI bulk CSV).
RD_PCT_GDP = {
    "KOR": [2.21616, 2.2483, 2.11026, 2.01567, 2.12519, 2.27865, 2.20774, 2.27722, 2.44214, 2.5229, 2.71934,
            2.87258, 2.98887, 3.14669, 3.31578, 3.59199, 3.8504, 3.95124, 4.07786, 3.9782, 3.98704, 4.29206,
            4.51633, 4.62703, 4.79571, 4.90988, 5.21081],
    "JPN": [2.64303, 2.72177, 2.82745, 2.84672, 2.85841, 2.92348, 2.96514, 2.9932, 2.98125, 3.13092, 3.22766,
            3.29257, 3.29224, 3.1959, 3.10495, 3.20537, 3.17371, 3.27896, 3.36788, 3.24071, 3.10666, 3.16636,
            3.2192, 3.21824, 3.26458, 3.27677, 3.40537],
    "DEU": [2.14461, 2.18832, 2.21613, 2.34779, 2.40982, 2.40437, 2.43622, 2.47461, 2.43519, 2.44193, 2.47232,
            2.46048, 2.61513, 2.74266, 2.73024, 2.80555, 2.88166, 2.83599, 2.87784, 2.93379, 2.94039, 3.0471,
            3.11011, 3.16701, 3.13136, 3.12882, 3.13236],
}
RD_FIRST_YEAR = 1996
# IP.PAT.RESD, resident patent applications, Korea, 2000-2021 (same source).
KOR_PATENTS = [72831, 73714, 76570, 90313, 105250, 122188, 125476, 128701, 127114, 127316, 131805, 138034, 148136,
               159978, 164073, 167275, 163424, 159084, 162561, 171603, 180477, 186245]
PATENTS_FIRST_YEAR = 2000


def annual(values: list[float], first_year: int) -> pd.Series:
    """A float series on an annual PeriodIndex."""
    index = pd.period_range(str(first_year), periods=len(values), freq="Y", name="year")
    return pd.Series([float(v) for v in values], index=index)

