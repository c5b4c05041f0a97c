"""Taiwan Customs Administration: Taiwan's exports (incl. re-exports) of HS 8542 by 11-digit CCC code,
annual, thousand USD, ROC calendar years (year + 1911), summed to HS 8542 and its 6-digit lines.

Mirror only: the portal offers this table as an interactive form download, not as an API.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pandas as pd

from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance
from collectors.csvfile import csv_rows, decode
from collectors.errors import SourceFormatError

PORTAL = "https://portal.sw.nat.gov.tw/APGA/GA30E"
COLUMNS = {"flow": "進出口別", "period": "日期", "code": "貨品號列", "value": "美元(千元)"}
ROC_YEAR = re.compile(r"^(\d{2,3})年$")
HS6_LINES = {
    "854231": ("processors and controllers", "프로세서·컨트롤러"),
    "854232": ("memories", "메모리"),
    "854233": ("amplifiers", "증폭기"),
    "854239": ("other integrated circuits (incl. most foundry logic)", "기타 집적회로(파운드리 로직 대부분 포함)"),
    "854290": ("parts", "부분품"),
}

INDICATORS = (
    Indicator("8542", "semis", "Taiwan's integrated circuit exports (HS 8542), national customs",
              "대만 집적회로(HS 8542) 수출액(대만 관세청)", "USD",
              "Exports incl. re-exports of HS 8542, summed over the 11-digit CCC lines; the preliminary "
              "part-year row is not loaded.", (0, 1e12)),
    *(Indicator(hs6, "semis", f"Taiwan's exports of HS {hs6} ({en})", f"대만 HS {hs6}({ko}) 수출액", "USD",
                f"Exports incl. re-exports of HS {hs6}, summed over its 11-digit CCC lines.", (0, 1e12))
      for hs6, (en, ko) in HS6_LINES.items()),
)


def parse(file_name: str, content: bytes) -> Parsed:
    """The portal's CSV as annual totals for HS 8542 and its 6-digit lines (thousand USD -> USD)."""
    rows = csv_rows(file_name, decode(file_name, content))
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise SourceFormatError(file_name, "no header line") from None
    missing = [name for name in COLUMNS.values() if name not in header]
    if missing:
        raise SourceFormatError(file_name, "missing column(s) in header", field=", ".join(missing),
                                row=str(header_line))
    at = {key: header.index(name) for key, name in COLUMNS.items()}
    totals: dict[tuple[str, int], float] = defaultdict(float)
    lines: dict[tuple[str, int], str] = {}
    partial = 0
    for line, fields in rows:
        if len(fields) != len(header):
            raise SourceFormatError(file_name, f"{len(fields)} fields where the header has {len(header)}",
                                    row=str(line))
        period, code, cell = fields[at["period"]].strip(), fields[at["code"]].strip(), fields[at["value"]].strip()
        match = ROC_YEAR.match(period)
        if match is None:
            partial += 1  # e.g. "114年1月~114年7月(初步值)": a preliminary part-year, not an annual value
            continue
        if not (code.isdigit() and code.startswith("8542")):
            raise SourceFormatError(file_name, f"CCC code {code!r} is not under HS 8542", field=COLUMNS["code"],
                                    row=str(line))
        try:
            value = float(cell.replace(",", "")) * 1000
        except ValueError:
            raise SourceFormatError(file_name, f"value {cell!r} is not a number", field=COLUMNS["value"],
                                    row=str(line)) from None
        year = int(match.group(1)) + 1911
        for key in ("8542", code[:6]):
            totals[(key, year)] += value
            lines.setdefault((key, year), str(line))
    frame = pd.DataFrame.from_records(
        [(key, "TWN", "A", date(year, 1, 1), value, "", lines[(key, year)]) for (key, year), value in totals.items()],
        columns=["indicator_code", "country_code", "freq", "period", "value", "flags", "_row"])
    parsed = Parsed({"observations": frame})
    parsed.drop("preliminary part-year period (e.g. 114年1月~114年7月(初步值)): not an annual value", partial)
    return parsed


collector = Collector(
    id="taiwan_customs",
    schedule="0 3 15 * *",
    cadence_days=120,
    provenance=Provenance(
        producer="Customs Administration, Ministry of Finance (Taiwan)",
        title="Trade statistics: exports of CCC 8542 (11-digit)",
        url=PORTAL,
        license="Taiwan Government Open Data Licence, version 1.0",
        citation="Customs Administration, Ministry of Finance, R.O.C. (Taiwan), trade statistics.",
    ),
    datasets=(Dataset(key="exports_8542", url=PORTAL, mirror_glob="taiwan_customs_exports_8542_*.csv",
                      file_name="taiwan_customs_exports_8542.csv"),),
    parse=parse,
    indicators=INDICATORS,
    mirror_folder="semiconductors",
    mirror_only=f"the portal serves this table through an interactive form ({PORTAL}: exports, CCC 8542*, "
                "annual, CSV); save the download into <mirror>/semiconductors/ and collect with --mirror",
)
