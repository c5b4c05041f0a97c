"""World Bank WDI bulk CSVs: the real files, in both their original and LF forms."""

from __future__ import annotations

from datetime import date

import pytest

from collectors.errors import SourceFormatError
from collectors.sources import worldbank
from collectors.validate import validate


def _file(data_dir, code):
    (path,) = data_dir.glob(f"*/API_{code}_DS2_*.csv")
    return path


def _value(frame, code, country, year):
    row = frame[(frame.indicator_code == code) & (frame.country_code == country) & (frame.period == date(year, 1, 1))]
    assert len(row) == 1, row
    return row.value.iloc[0]


def test_rd_share_of_gdp_real_file(data_dir):
    path = _file(data_dir, "GB.XPD.RSDV.GD.ZS")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the original form
    parsed = worldbank.parse(path.name, raw)
    frame = parsed.tables["observations"]
    assert parsed.release == "2026-02-24"
    assert round(_value(frame, "GB.XPD.RSDV.GD.ZS", "KOR", 2022), 2) == 5.21
    assert set(frame.freq) == {"A"}
    assert frame.period.max() == date(2023, 1, 1)
    # every row of the file is either empty or contributes; no value is invented for empty cells
    assert frame.value.notna().all()
    assert frame.groupby(["country_code", "period"]).size().max() == 1


def test_lf_copy_without_bom_parses_identically(data_dir):
    path = _file(data_dir, "IP.PAT.RESD")
    raw = path.read_bytes()
    lf = raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    original = worldbank.parse(path.name, raw).tables["observations"].drop(columns="_row")
    copy = worldbank.parse(path.name, lf).tables["observations"].drop(columns="_row")
    assert original.equals(copy)
    assert len(original) > 1000


def test_trimmed_lf_high_tech_exports(data_dir):
    path = _file(data_dir, "TX.VAL.TECH.CD")
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    frame = worldbank.parse(path.name, raw).tables["observations"]
    assert set(frame.country_code) == {"CAN", "CHN", "DEU", "FRA", "GBR", "HKG", "IND", "ISR", "JPN", "KOR",
                                       "SGP", "USA", "EAS", "EUU", "HIC", "NAC", "OED", "WLD"}
    assert frame.period.max() == date(2024, 1, 1)


@pytest.mark.parametrize("code", [i.code for i in worldbank.INDICATORS if i.code not in worldbank.OPTIONAL])
def test_every_indicator_file_validates(data_dir, code):
    path = _file(data_dir, code)
    parsed = worldbank.parse(path.name, path.read_bytes())
    checked = validate(worldbank.collector, path.name, parsed).frames["observations"]
    assert set(checked.indicator_id) == {f"worldbank:{code}"}
    assert checked.country_iso3.notna().all()
    assert "KOR" in set(checked.country_iso3)


def test_truncated_file_names_file_and_line(data_dir):
    path = _file(data_dir, "GB.XPD.RSDV.GD.ZS")
    raw = path.read_bytes()
    cut = raw[: len(raw) // 2]
    with pytest.raises(SourceFormatError) as info:
        worldbank.parse(path.name, cut)
    message = str(info.value)
    assert path.name in message and "row" in message


def test_missing_header_column_is_named(data_dir):
    path = _file(data_dir, "GB.XPD.RSDV.GD.ZS")
    raw = path.read_bytes().replace(b'"Country Code"', b'"Economy Code"', 1)
    with pytest.raises(SourceFormatError, match="field Country Code"):
        worldbank.parse(path.name, raw)


def test_unparseable_value_names_year_and_country(data_dir):
    path = _file(data_dir, "GB.XPD.RSDV.GD.ZS")
    lines = path.read_bytes().split(b"\r\n")
    k = next(i for i, line in enumerate(lines) if line.startswith(b'"Korea, Rep."'))
    lines[k] = lines[k].replace(b'"4.', b'"4.x', 1)
    with pytest.raises(SourceFormatError) as info:
        worldbank.parse(path.name, b"\r\n".join(lines))
    assert f"row {k + 1} (KOR)" in str(info.value)
    assert "is not a number" in str(info.value)


def test_empty_and_undecodable_files():
    with pytest.raises(SourceFormatError, match="empty"):
        worldbank.parse("API_X.csv", b"")
    with pytest.raises(SourceFormatError, match="not UTF-8"):
        worldbank.parse("API_X.csv", "\"Country Name\",\"Région\"".encode("cp1252"))
