"""Names read as codes (issue 13): a row is a country only where its source says so, and a name that
collides with a country or aggregate code is kept as what the source says it is, and reported."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from collectors.sources import eto_supply_chain, korea_customs
from collectors.validate import validate
from kaim.cli import main
from warehouse import publish
from warehouse.countries import collision, from_alpha2, lookup, reference


def providers_file(data_dir) -> list[dict[str, str]]:
    text = (data_dir / "semiconductors" / "eto_chipexplorer_providers.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_collision_is_what_a_name_would_be_read_as():
    assert collision("UMC") == reference()["UMC"] and reference()["UMC"].is_aggregate
    assert collision("ARM").iso3 == "ARM" and collision("SK").iso3 == "SVK"
    assert collision("Intel") is None and collision("TSMC") is None


def test_alpha2_codes_are_only_alpha2():
    assert from_alpha2("CN") == "CHN" and from_alpha2("us") == "USA" and from_alpha2("XK") == "XKX"
    # a World Bank code, an alias or a name is not an alpha-2 code, although lookup accepts them
    for value in ("UMC", "EU", "W", "China", "KOR"):
        assert from_alpha2(value) is None and lookup(value) is not None


def test_eto_providers_typed_by_the_source_and_collisions_reported(data_dir):
    name = "eto_chipexplorer_providers.csv"
    parsed = eto_supply_chain.parse(name, (data_dir / "semiconductors" / name).read_bytes())
    frame = parsed.tables["supply_chain_providers"].set_index("provider_id")
    source = providers_file(data_dir)
    # every firm whose name the country lookup would read as a country or an aggregate, from the file itself
    clashing = {r["provider_name"] for r in source
                if r["provider_type"] == "organization" and lookup(r["provider_name"])}
    assert clashing == {"UMC", "ARM", "SST"}
    assert set(frame.loc[frame["name_collision"].notna(), "provider"]) == clashing
    assert frame.loc["P38", "name_collision"] == "UMC (Upper middle income)"
    assert frame.loc["P38", ["provider_type", "country_code"]].tolist() == ["organization", "TWN"]
    for provider in clashing:
        assert any(f"provider {provider!r}" in note and "kept as an organization" in note for note in parsed.notes)
    assert dict(zip(frame["provider_type"].index, frame["provider_type"], strict=True)) == {
        r["provider_id"]: r["provider_type"] for r in source}
    checked = validate(eto_supply_chain.collector, name, parsed)
    assert [u["code"] for u in checked.unmapped] == ["Various"]  # typed a country by the source, no code
    assert checked.frames["supply_chain_providers"].set_index("provider_id").loc["P46", "country_iso3"] == "MYS"


@pytest.fixture
def eto_warehouse(settings, data_dir):
    assert main(["collect", "eto_supply_chain", "--mirror", str(data_dir)]) == 0
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        yield con


def test_umc_is_a_firm_not_upper_middle_income(eto_warehouse, data_dir):
    con = eto_warehouse
    assert con.execute("SELECT provider_type, country_iso3, home_iso3 FROM supply_chain_shares "
                       "WHERE provider = 'UMC'").fetchall() == [("organization", None, "TWN")]
    typed = dict(con.execute("SELECT DISTINCT provider_id, country_iso3 FROM supply_chain_shares "
                             "WHERE country_iso3 IS NOT NULL").fetchall())
    countries = {r["provider_id"] for r in providers_file(data_dir) if r["provider_type"] == "country"}
    assert set(typed) <= countries and typed["P46"] == "MYS"  # ETO writes Malaysia MAL
    aggregates = con.execute("SELECT count(*) FROM supply_chain_shares s JOIN countries c ON c.iso3 = s.country_iso3 "
                             "WHERE c.is_aggregate").fetchone()[0]
    assert aggregates == 0
    kor = con.execute("SELECT share_pct FROM supply_chain_shares WHERE segment = 'Fabrication' "
                      "AND country_iso3 = 'KOR'").fetchall()
    assert kor == [(11.0,)]


def test_collision_reported_in_the_run_and_queryable(eto_warehouse):
    con = eto_warehouse
    assert con.execute("SELECT provider, name_collision FROM supply_chain_providers WHERE name_collision IS NOT NULL "
                       "ORDER BY provider").fetchall() == [
        ("ARM", "ARM (Armenia)"), ("SST", "SST (Small states)"), ("UMC", "UMC (Upper middle income)")]
    (message,) = con.execute("SELECT message FROM collector_runs WHERE source_id = 'eto_supply_chain'").fetchone()
    assert "'UMC'" in message and "Upper middle income" in message and "kept as an organization" in message


def test_korea_customs_destinations_are_alpha2(data_dir):
    """Korea customs says its destination codes are ISO alpha-2 (``all_countries``): each maps as one."""
    name = "korea_customs_nitemtrade_semis_monthly_202502_202602.json"
    import json
    document = json.loads((data_dir / "semiconductors" / name).read_bytes())
    assert all(from_alpha2(code) for code in document["all_countries"])
    assert {i.code.split(":")[-1] for i in korea_customs.INDICATORS if i.code.count(":") == 2} == {
        from_alpha2(code) for code in korea_customs.DESTINATIONS}
