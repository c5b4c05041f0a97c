"""The country reference and how sources' codes map to it."""

from __future__ import annotations

import pytest

from collectors.errors import SourceFormatError
from collectors.sources import country_meta
from collectors.validate import validate
from warehouse.countries import reference, to_iso3


def test_names_in_both_languages():
    ref = reference()
    assert (ref["KOR"].name_en, ref["KOR"].name_ko) == ("South Korea", "한국")
    assert (ref["TWN"].name_en, ref["TWN"].name_ko, ref["TWN"].region) == ("Taiwan", "대만", "East Asia & Pacific")
    assert ref["WLD"].is_aggregate and ref["WLD"].name_ko == "세계"
    assert all(c.name_ko for c in ref.values())


def test_source_aliases():
    assert to_iso3("OECD") == "OED"
    assert to_iso3("EU27_2020") == "EUU"
    assert to_iso3(" kor ") == "KOR"
    assert to_iso3("XYZ") is None


def test_every_world_bank_code_maps(data_dir):
    (path,) = (data_dir / "country_meta").glob("Metadata_Country_*.csv")
    parsed = country_meta.parse(path.name, path.read_bytes())
    frame = validate(country_meta.collector, path.name, parsed).frames["country_meta"]
    assert len(frame) == 265
    kor = frame[frame.iso3 == "KOR"].iloc[0]
    assert (kor.region, kor.income_group, kor.wb_name) == ("East Asia & Pacific", "High income", "Korea, Rep.")
    aggregates = frame[frame.region.isna()].iso3
    assert all(reference()[code].is_aggregate for code in aggregates)


def test_unknown_country_code_is_reported_with_row(data_dir):
    (path,) = (data_dir / "country_meta").glob("Metadata_Country_*.csv")
    raw = path.read_bytes().replace(b'"KOR","East Asia', b'"KOX","East Asia', 1)
    with pytest.raises(SourceFormatError) as info:
        validate(country_meta.collector, path.name, country_meta.parse(path.name, raw))
    assert "unknown country code(s) 'KOX'" in str(info.value)
    assert "field country" in str(info.value) and path.name in str(info.value)
