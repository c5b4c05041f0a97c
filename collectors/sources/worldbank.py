"""World Bank World Development Indicators: R&D, researchers, patents, GDP, high-tech exports.

Live: the bulk-CSV ZIP per indicator (no key). Mirror: the ``API_<indicator>_DS2_*.csv`` inside it.
"""

from __future__ import annotations

from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance
from collectors.wdi import parse_wide

BULK_URL = "https://api.worldbank.org/v2/country/all/indicator/{code}?source=2&downloadformat=csv"

INDICATORS = (
    Indicator("GB.XPD.RSDV.GD.ZS", "rd", "Research and development expenditure (% of GDP)",
              "연구개발비 지출(GDP 대비 %)", "%",
              "Gross domestic expenditure on R&D (GERD) as a share of GDP, from UNESCO UIS and the OECD.",
              (0, 15)),
    Indicator("SP.POP.SCIE.RD.P6", "rd", "Researchers in R&D (per million people)",
              "인구 100만 명당 R&D 연구원 수", "per million people",
              "Researchers engaged in R&D (full-time equivalent) per million people.", (0, 50_000)),
    Indicator("IP.PAT.RESD", "rd", "Patent applications, residents", "내국인 특허 출원 건수", "applications",
              "Patent applications filed by residents through the PCT or with a national patent office.",
              (0, 5e6)),
    Indicator("NY.GDP.MKTP.CD", "cross", "GDP (current US$)", "국내총생산(GDP, 현재 미국 달러)", "USD",
              "Gross domestic product at purchaser's prices, in current US dollars; the denominator for "
              "shares of GDP.", (0, 1e15)),
    Indicator("TX.VAL.TECH.CD", "semis", "High-technology exports (current US$)",
              "첨단기술 제품 수출액(현재 미국 달러)", "USD",
              "Exports of products with high R&D intensity (aerospace, computers, pharmaceuticals, "
              "scientific instruments, electrical machinery incl. semiconductors).", (0, 1e13)),
    Indicator("TX.VAL.TECH.MF.ZS", "semis", "High-technology exports (% of manufactured exports)",
              "제조업 수출 중 첨단기술 제품 비중", "%",
              "High-technology exports as a share of manufactured exports.", (0, 100)),
    Indicator("SP.POP.TOTL", "cross", "Population, total", "총인구", "people",
              "Total population (midyear); the denominator for per-capita figures.", (0, 1e10)),
)

#: Indicators whose mirror files sit in another folder, and those a mirror may lack.
MIRROR_FOLDERS = {"TX.VAL.TECH.MF.ZS": "semiconductors"}
OPTIONAL = {"SP.POP.TOTL"}


def parse(file_name: str, content: bytes) -> Parsed:
    """A WDI bulk CSV (original BOM/CRLF or LF copy) as long observations."""
    return parse_wide(file_name, content)


collector = Collector(
    id="worldbank",
    schedule="0 4 * * 1",
    cadence_days=30,
    provenance=Provenance(
        producer="World Bank",
        title="World Development Indicators",
        url="https://datacatalog.worldbank.org/search/dataset/0037712/World-Development-Indicators",
        license="CC BY 4.0",
        citation="World Bank, World Development Indicators (WDI).",
    ),
    datasets=tuple(
        Dataset(key=i.code, url=BULK_URL.format(code=i.code), mirror_glob=f"API_{i.code}_DS2_*.csv",
                file_name=f"API_{i.code}_DS2_en_csv_v2.csv", zip_member=f"API_{i.code}_DS2_*.csv",
                mirror_folder=MIRROR_FOLDERS.get(i.code), optional=i.code in OPTIONAL)
        for i in INDICATORS
    ),
    parse=parse,
    indicators=INDICATORS,
)
