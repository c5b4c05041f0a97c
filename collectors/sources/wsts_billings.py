"""WSTS semiconductor sales by region (3-month moving averages, quarters, years, growth), as quoted in
SIA press releases and TRANSCRIBED by hand with the quoting URL on every row. Secondary quality.
Mirror only (the WSTS Historical Billings workbook sits behind a form).
"""

from __future__ import annotations

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.periods import period_start

COLUMNS = ("period", "period_type", "region", "value", "unit", "release_covering", "source_org", "quoted_in_url",
           "notes")
UNITS = {"USD bn": (1e9, "USD"), "% change vs 2023": (1.0, "% change on the previous year")}
REGION_COUNTRIES = {"Japan": "JPN", "China": "CHN", "Total": "WLD"}


def parse(file_name: str, content: bytes) -> Parsed:
    """The transcribed table as semiconductor_sales (USD, or % for growth rates)."""
    rows = []
    for line, rec in records(file_name, content, COLUMNS):
        if rec["unit"] not in UNITS:
            raise SourceFormatError(file_name, f"unit {rec['unit']!r} is not one of {list(UNITS)}", field="unit",
                                    row=line)
        scale, unit = UNITS[rec["unit"]]
        value = number(file_name, rec["value"], "value", line)
        period, _ = period_start(file_name, rec["period"], "period", line)
        rows.append({
            "period": period, "period_label": rec["period"], "period_type": rec["period_type"],
            "region": rec["region"], "country_code": REGION_COUNTRIES.get(rec["region"], rec["region"]),
            "value": value * scale if value is not None else None, "unit": unit,
            "release_covering": rec["release_covering"], "source_org": rec["source_org"],
            "source_url": rec["quoted_in_url"], "notes": rec["notes"] or None, "_row": line})
    return Parsed({"semiconductor_sales": pd.DataFrame(rows)})


collector = Collector(
    id="wsts_billings",
    schedule="0 6 * * 1",
    cadence_days=60,
    provenance=Provenance(
        producer="WSTS, as quoted by the Semiconductor Industry Association (transcribed)",
        title="World semiconductor sales by region (TRANSCRIBED, secondary)",
        url="https://www.semiconductors.org/news-events/latest-news/",
        license="Figures quoted from SIA press releases; secondary, attribution required",
        citation="WSTS via SIA press releases, as quoted in the page given on each row.",
    ),
    datasets=(Dataset(key="billings", url="https://www.wsts.org/67/Historical-Billings-Report",
                      mirror_glob="sia_wsts_billings_by_region_*.csv",
                      file_name="sia_wsts_billings_by_region_TRANSCRIBED_secondary.csv"),),
    parse=parse,
    quality="secondary",
    mirror_folder="semiconductors",
    unmapped="report",
    country_field="region",
    mirror_only="a hand-transcribed table of SIA-quoted WSTS figures; update the CSV in <mirror>/semiconductors/",
)
