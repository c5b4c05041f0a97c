"""Checks a parser's frames against the warehouse contract before anything is loaded.

Every failure is a ``SourceFormatError`` naming the file, the field and the first offending row.
Country codes or names that map to no reference entry either fail the run (``Collector.unmapped ==
"fail"``, for sources whose codes are all ISO) or are listed in ``unmapped_codes`` (``"report"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from collectors.base import Collector, Parsed
from collectors.errors import SourceFormatError
from warehouse.countries import lookup
from warehouse.tables import TABLES, Table

FREQUENCIES = ("A", "Q", "M")
OBSERVATION_COLUMNS = ("indicator_code", "country_code", "freq", "period", "value", "flags", "_row")
COUNTRY_META_COLUMNS = ("country_code", "wb_name", "region", "income_group", "_row")


@dataclass
class Checked:
    """Validated frames keyed by warehouse table, the unmapped country codes, notes for the run log, and
    the rows left out by reason (the parser's and validation's)."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    unmapped: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)


def _first(frame: pd.DataFrame, mask: pd.Series) -> pd.Series:
    return frame.loc[mask[mask].index[0]]


def _require_columns(file_name: str, table: str, frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SourceFormatError(file_name, f"parser output for {table} lacks column(s)", field=", ".join(missing))


def map_countries(collector: Collector, file_name: str, frame: pd.DataFrame, checked: Checked,
                  required: bool) -> pd.Series:
    """ISO3 codes for ``country_code``. Unmapped codes fail the run or are recorded, per the collector."""
    codes = frame["country_code"]
    present = codes.notna() & (codes.astype(str).str.strip() != "")
    mapping = {code: lookup(str(code)) for code in codes[present].unique()}
    unmapped = sorted(str(code) for code, iso3 in mapping.items() if iso3 is None)
    if unmapped and collector.unmapped == "fail":
        row = _first(frame, codes == unmapped[0])["_row"]
        raise SourceFormatError(file_name, f"unknown country code(s) {', '.join(map(repr, unmapped[:10]))}"
                                " (not in the country reference or its aliases)", field="country", row=str(row))
    rows = codes[present].astype(str).value_counts() if unmapped else None  # one count for all codes
    for code in unmapped:
        checked.unmapped.append({"file_name": file_name, "field": collector.country_field, "code": code,
                                 "rows": int(rows[code]),
                                 "action": "dropped" if required else "kept without country"})
    return codes.map(mapping)


def _observations(collector: Collector, file_name: str, frame: pd.DataFrame, checked: Checked) -> pd.DataFrame:
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

    iso3 = map_countries(collector, file_name, frame, checked, required=True)
    frame, iso3 = frame[iso3.notna()], iso3[iso3.notna()]
    out = pd.DataFrame({
        "indicator_id": collector.id + ":" + frame["indicator_code"],
        "country_iso3": iso3,
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
    return out.reset_index(drop=True)


def _country_meta(collector: Collector, file_name: str, frame: pd.DataFrame, checked: Checked) -> pd.DataFrame:
    return pd.DataFrame({
        "iso3": map_countries(collector, file_name, frame, checked, required=True),
        "wb_name": frame["wb_name"],
        "region": frame["region"],
        "income_group": frame["income_group"],
    })


def _table(collector: Collector, file_name: str, table: Table, frame: pd.DataFrame, checked: Checked) -> pd.DataFrame:
    """A declared table: required values present, countries mapped, no duplicate keys."""
    if frame.empty:
        raise SourceFormatError(file_name, f"no rows for {table.name} in the payload")
    out = frame.copy()
    if table.maps_countries:
        out["country_iso3"] = map_countries(collector, file_name, frame, checked, required=False)
    for column in table.columns:
        if column.required:
            missing = out[column.name].isna()
            if missing.any():
                raise SourceFormatError(file_name, "value missing", field=column.name,
                                        row=str(_first(out, missing)["_row"]))
    exact = out.duplicated([c for c in out.columns if c != "_row"], keep="first")
    if exact.any():  # a row repeated verbatim adds nothing: keep one, say so in the run log
        reason = f"{table.name}: row repeated verbatim (line {', '.join(out['_row'][exact])})"
        checked.dropped[reason] = checked.dropped.get(reason, 0) + int(exact.sum())
        out = out[~exact]
    duplicated = out.duplicated(list(table.key), keep=False)
    if duplicated.any():
        rows = out.loc[duplicated[duplicated].index[:2], "_row"].tolist()
        raise SourceFormatError(file_name, f"the same {', '.join(table.key)} appear twice",
                                field=table.key[-1], row=" and ".join(map(str, rows)))
    return out[table.names].reset_index(drop=True)


def validate(collector: Collector, file_name: str, parsed: Parsed) -> Checked:
    """The parser's frames checked and shaped as warehouse rows, keyed by warehouse table."""
    checked = Checked(notes=list(parsed.notes), dropped=dict(parsed.dropped))
    for name, frame in parsed.tables.items():
        if name == "observations":
            _require_columns(file_name, name, frame, OBSERVATION_COLUMNS)
            checked.frames[name] = _observations(collector, file_name, frame, checked)
        elif name == "country_meta":
            _require_columns(file_name, name, frame, COUNTRY_META_COLUMNS)
            checked.frames[name] = _country_meta(collector, file_name, frame, checked)
        elif name in TABLES:
            table = TABLES[name]
            columns = tuple(c for c in table.names if c != "country_iso3") + ("_row",)
            if table.maps_countries:
                columns += ("country_code",)
            _require_columns(file_name, name, frame, columns)
            checked.frames[name] = _table(collector, file_name, table, frame, checked)
        else:
            raise SourceFormatError(file_name, f"parser returned unknown table {name!r}")
    return checked
