"""Breakdowns dropped (issue 13): Korea customs' exports by destination (DRAM, NAND, HBM...) are loaded as
trade_by_partner with their share of the total, and what the parsers still leave out is counted as the
files hold it."""

from __future__ import annotations

import json

import duckdb
import pytest

from collectors.sources import korea_customs, korea_customs_10day
from collectors.validate import validate
from kaim.cli import main
from warehouse import publish
from warehouse.countries import from_alpha2

MONTHLY = "korea_customs_nitemtrade_semis_monthly_202502_202602.json"
TEN_DAY = "korea_customs_10day_provisional_memory_exports_2022_2026.json"
DRAM, NAND, HBM, DRAM_MODULES = "8542321010", "8542321030", "8542323000", "8473304060"


@pytest.fixture(scope="module")
def monthly(data_dir):
    content = (data_dir / "semiconductors" / MONTHLY).read_bytes()
    return json.loads(content), korea_customs.parse(MONTHLY, content)


@pytest.fixture(scope="module")
def ten_day(data_dir):
    content = (data_dir / "semiconductors" / TEN_DAY).read_bytes()
    return json.loads(content), korea_customs_10day.parse(TEN_DAY, content)


def test_every_destination_of_every_line_is_a_row(monthly):
    document, parsed = monthly
    frame = parsed.tables["trade_by_partner"]
    expected = {}
    for item, body in document["items"].items():
        for iso2, country in body["countries"].items():
            expected |= {(item, iso2, month): (value, body["total_exp"][month])
                         for month, value in country["exp"].items()}
        for hsk, sub in body.get("sub_items", {}).items():
            for iso2, country in sub["countries"].items():
                expected |= {(hsk, iso2, month): (value, sub["exp"][month]) for month, value in country["exp"].items()}
    got = {(r.product_code, r.partner_code, r.period.strftime("%Y%m")): (r.value_usd, r.total_usd)
           for r in frame.itertuples()}
    assert len(frame) == len(expected) == 2138 and got == expected
    assert frame["partner_iso3"].notna().all()
    assert (frame["partner_iso3"] == frame["partner_code"].map(from_alpha2)).all()
    assert set(frame["country_code"]) == {"KOR"} and set(frame["flow"]) == {"X"}


def test_dram_to_china_share(monthly):
    document, parsed = monthly
    frame = parsed.tables["trade_by_partner"].set_index(["product_code", "partner_iso3", "period"])
    row = frame.loc[(DRAM, "CHN", frame.index.get_level_values("period").max())]
    dram = document["items"]["8542"]["sub_items"][DRAM]
    assert row["value_usd"] == dram["countries"]["CN"]["exp"]["202602"] == 4_337_089_049
    assert row["total_usd"] == dram["exp"]["202602"]
    assert round(row["share_pct"], 2) == 66.82 and row["product"] == "DRAM"
    assert {NAND, HBM} <= set(frame.index.get_level_values("product_code"))


def test_validated_and_observations_unchanged(monthly):
    _, parsed = monthly
    checked = validate(korea_customs.collector, MONTHLY, parsed)
    table = checked.frames["trade_by_partner"]
    assert len(table) == 2138 and set(table["country_iso3"]) == {"KOR"} and checked.unmapped == []
    assert len(checked.frames["observations"]) == 728  # totals, HS destinations and HSK lines as before


def test_monthly_left_out_rows_counted_as_the_file_holds_them(monthly):
    document, parsed = monthly
    regions = sum(len(r["exp"]) for body in document["items"].values() for r in body.get("regions", {}).values())
    weights = sum(len(sub["wgt"]) + sum(len(c.get("wgt", {})) for c in sub["countries"].values())
                  for body in document["items"].values() for sub in body.get("sub_items", {}).values())
    assert parsed.dropped == {"breakdown by Korean province (regions) not loaded": regions,
                              "export weights of HSK lines (wgt) not loaded": weights}
    assert regions == 597 and weights == 1722


def test_ten_day_copy_error_counted(ten_day):
    document, parsed = ten_day
    line = {body["h"]: body["s"]["전세계"] for body in document.values()}
    suspect = [m for m, cuts in line[NAND].items()
               if "30" in cuts and cuts["30"]["c"] == line[DRAM_MODULES].get(m, {}).get("30", {}).get("c")]
    (reason, rows), = parsed.dropped.items()
    assert "copy error" in reason and rows == sum(len(line[NAND][m]) for m in suspect) == 12


def test_ten_day_month_totals_by_destination(ten_day):
    document, parsed = ten_day
    frame = parsed.tables["trade_by_partner"]
    modules = next(body for body in document.values() if body["h"] == DRAM_MODULES)["s"]
    expected = {(iso3, m) for name, iso3 in (("중국", "CHN"), ("미국", "USA")) for m, cuts in modules[name].items()
                if "30" in cuts}
    assert {(r.partner_iso3, r.period.strftime("%Y%m")) for r in frame.itertuples()} == expected
    assert set(frame["flags"]) == {"P"} and set(frame["product_code"]) == {DRAM_MODULES}
    row = frame[(frame["partner_iso3"] == "CHN") & (frame["period"].astype(str) == "2025-12-01")].iloc[0]
    world = modules["전세계"]["202512"]["30"]["c"]
    assert row["value_usd"] == modules["중국"]["202512"]["30"]["c"] * 1000 and row["total_usd"] == world * 1000


def test_collected_and_reported(settings, data_dir):
    assert main(["collect", "korea_customs", "korea_customs_10day", "--mirror", str(data_dir)]) == 0
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        rows = dict(con.execute("SELECT source_id, count(*) FROM trade_by_partner GROUP BY 1").fetchall())
        assert rows == {"korea_customs": 2138, "korea_customs_10day": 106}
        share = con.execute("SELECT round(share_pct, 2) FROM trade_by_partner WHERE product_code = ? AND "
                            "partner_iso3 = 'CHN' AND period = DATE '2026-02-01' AND source_id = 'korea_customs'",
                            [DRAM]).fetchone()
        assert share == (66.82,)
        dropped = dict(con.execute("SELECT reason, rows FROM dropped_rows "
                                   "WHERE source_id = 'korea_customs'").fetchall())
        assert dropped["breakdown by Korean province (regions) not loaded"] == 597
        (message,) = con.execute("SELECT message FROM collector_runs WHERE source_id = 'korea_customs'").fetchone()
        assert "regions" in message and "wgt" in message
