"""OECD MSTI values in SDMX-ML 3.0: the real Scoreboard files."""

from __future__ import annotations

import re
from datetime import date

import pytest

from collectors.errors import SourceFormatError
from collectors.sources import oecd_msti
from collectors.validate import validate


def _read(data_dir, var):
    path = data_dir / "oecd_msti" / f"{var}_V8.xml"
    return path.name, path.read_bytes()


def test_korea_gerd_2024_with_provisional_flag(data_dir):
    name, raw = _read(data_dir, "G_XGDP")
    parsed = oecd_msti.parse(name, raw)
    frame = parsed.tables["observations"]
    kor = frame[(frame.country_code == "KOR") & (frame.period == date(2024, 1, 1))]
    assert len(kor) == 1
    assert round(kor.value.iloc[0], 3) == 5.125
    assert kor["flags"].iloc[0] == "P"
    assert parsed.release == "2026-04-13"


def test_latest_sentinel_dropped_and_split_series_merged(data_dir):
    name, raw = _read(data_dir, "G_XGDP")
    text = raw.decode()
    n_obs = len(re.findall(r"<ns1:Obs ", text))
    n_sentinel = len(re.findall(r'TIME_PERIOD="2999"', text))
    assert n_sentinel >= 1
    frame = oecd_msti.parse(name, raw).tables["observations"]
    assert len(frame) == n_obs - n_sentinel
    assert frame.period.max() < date(2999, 1, 1)
    # Korea's observations are spread over many <Series> elements; all of them end up in one series
    kor_series = len(re.findall(r'<ns1:Series LOCATION="KOR"', text))
    assert kor_series > 1
    kor_blocks = re.findall(r'<ns1:Series LOCATION="KOR" [^>]*>(.*?)</ns1:Series>', text)
    kor_years = [y for block in kor_blocks for y in re.findall(r'TIME_PERIOD="(\d+)"', block) if y != "2999"]
    kor = frame[frame.country_code == "KOR"]
    assert sorted(kor.period.map(lambda d: str(d.year))) == sorted(kor_years)


def test_flags_keep_several_statuses(data_dir):
    name, raw = _read(data_dir, "TP_RSXEM")
    frame = oecd_msti.parse(name, raw).tables["observations"]
    assert frame["flags"].str.contains(",").any()  # OBS_STATUS and OBS_STATUS_2 together, e.g. "B,E"
    assert frame["flags"].str.contains("aux=").any()


def test_gerd_ppp_scaled_to_usd(data_dir):
    name, raw = _read(data_dir, "G_PPP")
    checked = validate(oecd_msti.collector, name, oecd_msti.parse(name, raw)).frames["observations"]
    kor = checked[(checked.country_iso3 == "KOR") & (checked.period == date(2024, 1, 1))]
    assert kor.value.iloc[0] == pytest.approx(161_931.9325e6, rel=1e-9)
    assert kor.unit.iloc[0] == "USD PPP"


@pytest.mark.parametrize("var", [i.code for i in oecd_msti.INDICATORS])
def test_every_file_validates_and_maps_aggregates(data_dir, var):
    name, raw = _read(data_dir, var)
    checked = validate(oecd_msti.collector, name, oecd_msti.parse(name, raw)).frames["observations"]
    assert set(checked.indicator_id) == {f"oecd_msti:{var}"}
    assert "KOR" in set(checked.country_iso3)
    assert not {"OECD", "EU27_2020"} & set(checked.country_iso3)


def test_truncated_xml_names_the_file(data_dir):
    name, raw = _read(data_dir, "B_XGDP")
    with pytest.raises(SourceFormatError, match=r"B_XGDP_V8.xml: not well-formed XML"):
        oecd_msti.parse(name, raw[: len(raw) // 3])


def test_missing_attribute_names_field_and_row():
    xml = (b'<m:StructureSpecificData xmlns:m="urn:m"><m:DataSet><m:Series LOCATION="KOR" VAR="G_XGDP">'
           b'<m:Obs TIME_PERIOD="2020" OBS_VALUE="4.8"/><m:Obs TIME_PERIOD="2021"/></m:Series>'
           b"</m:DataSet></m:StructureSpecificData>")
    with pytest.raises(SourceFormatError) as info:
        oecd_msti.parse("x.xml", xml)
    assert "field OBS_VALUE" in str(info.value) and "row Obs 2" in str(info.value)


def test_not_a_data_message():
    with pytest.raises(SourceFormatError, match="no DataSet"):
        oecd_msti.parse("x.xml", b"<error><message>NoRecordsFound</message></error>")
