"""Checks a parser's frames against the warehouse contract before anything is loaded.

Every failure is a ``SourceFormatError`` naming the file, the field and the first offending row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collectors.base import Collector, Parsed
from collectors.errors import SourceFormatError
from warehouse.countries import to_iso3

FREQUENCIES = ("A", "Q", "M")
TABLE_COLUMNS = {
    "observations": ("indicator_code", "country_code", "freq", "period", "value", "flags", "_row"),
    "country_meta": ("country_code", "wb_name", "region", "income_group", "_row"),
}


def _first(frame: pd.DataFrame, mask: pd.Series) -> pd.Series:
    return frame.loc[mask[mask].index[0]]


def _require_columns(file_name: str, table: str, frame: pd.DataFrame) -> None:
    missing = [c for c in TABLE_COLUMNS[table] if c not in frame.columns]
    if missing:
        raise SourceFormatError(file_name, f"parser output for {table} lacks column(s)",
                                field=", ".join(missing))


def map_countries(file_name: str, frame: pd.DataFrame) -> pd.Series:
    """ISO3 codes for ``country_code``; unmapped codes are an error listing them and the first row."""
    codes = frame["country_code"].astype(str)
    mapping = {code: to_iso3(code) for code in codes.unique()}
    unmapped = sorted(code for code, iso3 in mapping.items() if iso3 is None)
    if unmapped:
        row = _first(frame, codes == unmapped[0])["_row"]
        raise SourceFormatError(file_name, f"unknown country code(s) {', '.join(map(repr, unmapped[:10]))}"
                                " (not in the country reference or its aliases)",
                                field="country", row=str(row))
    return codes.map(mapping)


def _observations(collector: Collector, file_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        raise SourceFormatError(file_name, "no observations in the payload")
    known = {i.code: i for i in collector.indicators}
    unknown = ~frame["indicator_code"].isin(list(known))
    if unknown.any():
        row = _first(frame, unknown)
        raise SourceFormatError(file_name, f"unknown indicator code {row['indicator_code']!r} for source "
                                f"{collector.id}", field="indicator", row=str(row["_row"]))
    bad_freq = ~frame["freq"].isin(FREQUENCIES)
    if bad_freq.any():
        row = _first(frame, bad_freq)
        raise SourceFormatError(file_name, f"frequency {row['freq']!r} is not one of {FREQUENCIES}",
                                field="freq", row=str(row["_row"]))

    out = pd.DataFrame({
        "indicator_id": collector.id + ":" + frame["indicator_code"],
        "country_iso3": map_countries(file_name, frame),
        "freq": frame["freq"],
        "period": pd.to_datetime(frame["period"]).dt.date,
        "value": frame["value"].astype("float64") * frame["indicator_code"].map(lambda c: known[c].scale),
        "unit": frame["indicator_code"].map(lambda c: known[c].unit),
        "flags": frame["flags"].fillna(""),
    })

    lows = frame["indicator_code"].map(lambda c: known[c].valid_range[0])
    highs = frame["indicator_code"].map(lambda c: known[c].valid_range[1])
    implausible = ~np.isfinite(out["value"]) | (out["value"] < lows) | (out["value"] > highs)
    if implausible.any():
        i = implausible[implausible].index[0]
        code = frame.at[i, "indicator_code"]
        raise SourceFormatError(
            file_name, f"value {out.at[i, 'value']:g} {known[code].unit} of {code} for "
            f"{out.at[i, 'country_iso3']} is outside the plausible range {known[code].valid_range}",
            field="value", row=str(frame.at[i, "_row"]))

    duplicated = out.duplicated(["indicator_id", "country_iso3", "freq", "period"], keep=False)
    if duplicated.any():
        rows = frame.loc[duplicated[duplicated].index[:2], "_row"].tolist()
        raise SourceFormatError(file_name, "the same indicator, country and period appear twice",
                                field="period", row=" and ".join(map(str, rows)))
    return out


def _country_meta(file_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "iso3": map_countries(file_name, frame),
        "wb_name": frame["wb_name"],
        "region": frame["region"],
        "income_group": frame["income_group"],
    })


def validate(collector: Collector, file_name: str, parsed: Parsed) -> dict[str, pd.DataFrame]:
    """The parser's frames checked and shaped as warehouse rows, keyed by warehouse table."""
    checked = {}
    for table, frame in parsed.tables.items():
        if table not in TABLE_COLUMNS:
            raise SourceFormatError(file_name, f"parser returned unknown table {table!r}")
        _require_columns(file_name, table, frame)
        if table == "observations":
            checked[table] = _observations(collector, file_name, frame)
        else:
            checked[table] = _country_meta(file_name, frame)
    return checked
