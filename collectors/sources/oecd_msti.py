"""OECD R&D statistics (MSTI values, served by the STI Scoreboard flow as SDMX-ML 3.0).

Live: one SDMX-ML request per variable; the ``2999`` "latest available" sentinel is dropped,
observation status flags (B break, E estimate, P provisional, D definition differs) are kept.
"""

from __future__ import annotations

from collectors import sdmx
from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance

DATA_URL = "https://sdmx.oecd.org/public/rest/v2/data/dataflow/OECD.STI.STP/DSD_SBRD@DF_SBRD/~/*.{var}"
ACCEPT = (("Accept", "application/vnd.sdmx.structurespecificdata+xml;version=3.0.0"),)

INDICATORS = (
    Indicator("G_XGDP", "rd", "Gross domestic expenditure on R&D (GERD) as % of GDP",
              "국내총연구개발비(GERD)의 GDP 대비 비중", "%",
              "GERD as a percentage of GDP (OECD Main Science and Technology Indicators).", (0, 15)),
    Indicator("G_PPP", "rd", "GERD in current USD PPP", "국내총연구개발비(GERD), 구매력평가 기준 미국 달러",
              "USD PPP", "GERD at current prices and purchasing power parities (MSTI, published in "
              "millions; stored in USD).", (0, 1e13), scale=1e6),
    Indicator("B_XGDP", "rd", "Business enterprise expenditure on R&D (BERD) as % of GDP",
              "기업 연구개발비(BERD)의 GDP 대비 비중", "%",
              "R&D performed by the business sector as a percentage of GDP.", (0, 15)),
    Indicator("GV_XGDP", "rd", "Government budget allocations for R&D (GBARD) as % of GDP",
              "정부 연구개발 예산(GBARD)의 GDP 대비 비중", "%",
              "Government R&D budget (GBARD) as a percentage of GDP.", (0, 5)),
    Indicator("TP_RS", "rd", "Total researchers (full-time equivalent)", "총 연구원 수(상근상당 FTE)",
              "researchers (FTE)", "Researchers in all sectors, full-time equivalent.", (0, 5e7)),
    Indicator("TP_RSXEM", "rd", "Researchers per thousand employment (FTE)", "취업자 1천 명당 연구원 수(FTE)",
              "per 1,000 employed", "Total researchers (FTE) per thousand people in employment.", (0, 100)),
)


def parse(file_name: str, content: bytes) -> Parsed:
    """An SDMX-ML message of one or more MSTI variables as long annual observations."""
    return sdmx.parse_annual(file_name, content, code_of=lambda obs: obs.get("VAR", ""))


collector = Collector(
    id="oecd_msti",
    schedule="0 5 * * 2",
    cadence_days=90,
    provenance=Provenance(
        producer="OECD",
        title="Main Science and Technology Indicators (via the STI Scoreboard)",
        url="https://www.oecd.org/en/data/datasets/main-science-and-technology-indicators.html",
        license="CC BY 4.0",
        citation="OECD (2026), Main Science and Technology Indicators, OECD Publishing, Paris.",
    ),
    datasets=tuple(
        Dataset(key=i.code, url=DATA_URL.format(var=i.code), mirror_glob=f"{i.code}_V8.xml",
                file_name=f"{i.code}_V8.xml", headers=ACCEPT)
        for i in INDICATORS
    ),
    parse=parse,
    indicators=INDICATORS,
)
