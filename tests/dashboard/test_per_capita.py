"""Per capita, offline: every per-capita value equals the indicator over World Bank population, computed by
hand from the two raw files; and with population in the mirror, no run says it is missing."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard import data
from kaim.cli import main

#: World Bank indicators in money or counts (a per-capita view applies), with the file each comes from.
INDICATORS = {"NY.GDP.MKTP.CD": "GDP", "IP.PAT.RESD": "patents", "TX.VAL.TECH.CD": "high-tech exports"}
COUNTRIES = ["KOR", "USA", "JPN", "DEU"]
YEAR = 2020


def raw_values(data_dir, code: str) -> dict[str, float]:
    """``YEAR``'s value per country, read straight from the WDI bulk CSV (no parser of ours)."""
    (path,) = data_dir.glob(f"*/API_{code}_DS2_*.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith('"Country Name"'))
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[start:]))))
    return {r["Country Code"]: float(r[str(YEAR)]) for r in rows
            if r["Country Code"] in COUNTRIES and r.get(str(YEAR))}


@pytest.fixture
def collected(settings, mirror, use_reader, monkeypatch, capsys):
    monkeypatch.setenv("KAIM_FORECAST_AFTER_COLLECT", "0")
    assert main(["collect", "country_meta", "worldbank", "--mirror", str(mirror)]) == 0
    log = capsys.readouterr().err
    use_reader(settings)
    return log


def test_the_population_file_is_loaded_and_no_run_says_it_is_missing(collected):
    assert "optional dataset SP.POP.TOTL not available" not in collected
    assert data.has_population()


@pytest.mark.parametrize("code", list(INDICATORS))
def test_every_per_capita_value_is_the_value_over_population_by_hand(collected, data_dir, code):
    population = raw_values(data_dir, "SP.POP.TOTL")
    by_hand = {c: v / population[c] for c, v in raw_values(data_dir, code).items()}
    shown = data.series(f"worldbank:{code}", COUNTRIES, YEAR, YEAR, norm="per_capita")
    assert set(shown["country_iso3"]) == set(by_hand) and len(by_hand) >= 3
    for row in shown.itertuples():
        assert row.value == pytest.approx(by_hand[row.country_iso3], rel=1e-12)
        assert row.unit.endswith(" per person")
