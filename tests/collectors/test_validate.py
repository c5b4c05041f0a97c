"""Validation of parsed frames: each kind of bad value fails with the file, field and row."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from collectors.base import Parsed
from collectors.errors import SourceFormatError
from collectors.sources import oecd_msti
from collectors.validate import validate


def _obs(**overrides):
    row = {"indicator_code": "G_XGDP", "country_code": "KOR", "freq": "A", "period": date(2024, 1, 1),
           "value": 5.1, "flags": "P", "_row": "Obs 7"}
    rows = [row, {**row, "period": date(2023, 1, 1), "_row": "Obs 8", **overrides}]
    return Parsed({"observations": pd.DataFrame(rows)})


def test_valid_frame_becomes_warehouse_rows():
    out = validate(oecd_msti.collector, "f.xml", _obs()).frames["observations"]
    assert list(out.columns) == ["indicator_id", "country_iso3", "freq", "period", "value", "unit", "flags"]
    assert out.indicator_id.tolist() == ["oecd_msti:G_XGDP"] * 2
    assert out.unit.tolist() == ["%", "%"]


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"value": 250.0}, "field value, row Obs 8: value 250 % of G_XGDP for KOR is outside the plausible range"),
    ({"value": -1.0}, "field value, row Obs 8"),
    ({"value": float("inf")}, "field value, row Obs 8"),
    ({"indicator_code": "NOPE"}, "field indicator, row Obs 8: unknown indicator code 'NOPE'"),
    ({"country_code": "ZZZ"}, "field country, row Obs 8: unknown country code(s) 'ZZZ'"),
    ({"freq": "W"}, "field freq, row Obs 8"),
    ({"period": date(2024, 1, 1)}, "field period, row Obs 7 and Obs 8: the same indicator"),
])
def test_bad_values_name_file_field_and_row(overrides, expected):
    with pytest.raises(SourceFormatError) as info:
        validate(oecd_msti.collector, "f.xml", _obs(**overrides))
    assert str(info.value).startswith("f.xml, ")
    assert expected in str(info.value)


def test_missing_parser_column_and_empty_payload():
    parsed = _obs()
    parsed.tables["observations"] = parsed.tables["observations"].drop(columns="flags")
    with pytest.raises(SourceFormatError, match=r"field flags: parser output for observations lacks column"):
        validate(oecd_msti.collector, "f.xml", parsed)
    empty = Parsed({"observations": _obs().tables["observations"].iloc[:0]})
    with pytest.raises(SourceFormatError, match="no observations"):
        validate(oecd_msti.collector, "f.xml", empty)
