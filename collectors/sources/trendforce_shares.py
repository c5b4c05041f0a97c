"""TrendForce memory (DRAM, NAND) and foundry company rankings, as quoted in news pages and TRANSCRIBED
by hand with the quoting URL on every row. Secondary quality: not fit for official statistics.
Mirror only (a curated table, not an API).
"""

from __future__ import annotations

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.periods import period_start

COLUMNS = ("segment", "quarter", "rank", "company", "hq_economy", "revenue_musd", "revenue_qoq_pct",
           "market_share_pct", "source_org", "quoted_in_url", "notes")


def parse(file_name: str, content: bytes) -> Parsed:
    """The transcribed table as company_market_shares (revenue in USD)."""
    rows = []
    for line, rec in records(file_name, content, COLUMNS):
        period, _ = period_start(file_name, rec["quarter"], "quarter", line)
        revenue = number(file_name, rec["revenue_musd"], "revenue_musd", line)
        rank = number(file_name, rec["rank"], "rank", line)
        rows.append({
            "segment": rec["segment"], "period": period, "period_label": rec["quarter"],
            "rank": int(rank) if rank is not None else None, "company": rec["company"],
            "country_code": rec["hq_economy"] or None,
            "revenue_usd": revenue * 1e6 if revenue is not None else None,
            "revenue_qoq_pct": number(file_name, rec["revenue_qoq_pct"], "revenue_qoq_pct", line),
            "share_pct": number(file_name, rec["market_share_pct"], "market_share_pct", line),
            "source_org": rec["source_org"], "source_url": rec["quoted_in_url"], "notes": rec["notes"] or None,
            "_row": line})
    frame = pd.DataFrame(rows).astype({"rank": "Int64"})
    return Parsed({"company_market_shares": frame})


collector = Collector(
    id="trendforce_shares",
    schedule="0 6 * * 1",
    cadence_days=120,
    provenance=Provenance(
        producer="TrendForce (quoted in news pages; transcribed)",
        title="DRAM, NAND and foundry company revenue rankings (TRANSCRIBED, secondary)",
        url="https://www.trendforce.com/presscenter/news",
        license="Figures quoted from TrendForce press releases via news pages; secondary, attribution required",
        citation="TrendForce, as quoted in the news page given on each row.",
    ),
    datasets=(Dataset(key="rankings", url="https://www.trendforce.com/presscenter/news",
                      mirror_glob="trendforce_dram_nand_foundry_rankings_*.csv",
                      file_name="trendforce_dram_nand_foundry_rankings_TRANSCRIBED_secondary.csv"),),
    parse=parse,
    quality="secondary",
    mirror_folder="semiconductors",
    unmapped="report",
    country_field="hq_economy",
    mirror_only="a hand-transcribed table of figures quoted in news pages; update the CSV in "
                "<mirror>/semiconductors/",
)
