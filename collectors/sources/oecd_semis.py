"""OECD business R&D in ISIC Rev.4 division 26 (computer, electronic and optical products: the
industry that holds semiconductor manufacturing), from the STI Scoreboard (SDMX-ML 3.0).

Live: the Scoreboard's published sdmx.oecd.org answers (``SCOREBOARD_URL``); mirror: ``semiconductors/``.
"""

from __future__ import annotations

from collectors import sdmx
from collectors.base import Collector, Indicator, Parsed, Provenance

INDICATORS = (
    Indicator("B_26PPP", "semis", "Business R&D in computer, electronic and optical products (ISIC 26), USD PPP",
              "컴퓨터·전자·광학기기 산업(ISIC 26) 기업 연구개발비, 구매력평가 미국 달러", "USD PPP",
              "BERD performed in ISIC Rev.4 division 26, the industry containing semiconductor manufacturing "
              "(C261 is not broken out); current prices and PPPs.", (0, 1e12)),
    Indicator("B_26XB", "semis", "Share of business R&D in computer, electronic and optical products (ISIC 26)",
              "기업 연구개발비 중 컴퓨터·전자·광학기기 산업(ISIC 26) 비중", "%",
              "BERD in ISIC 26 as a percentage of total BERD.", (0, 100)),
)


def parse(file_name: str, content: bytes) -> Parsed:
    """An SDMX-ML message of the Scoreboard's BERD-by-industry variables."""
    return sdmx.parse_annual(file_name, content, code_of=lambda obs: obs.get("VAR", ""))


collector = Collector(
    id="oecd_semis",
    schedule="0 5 * * 2",
    cadence_days=180,
    provenance=Provenance(
        producer="OECD",
        title="Business enterprise R&D by industry (ISIC 26), via the STI Scoreboard",
        url="https://www.oecd.org/en/data/tools/oecd-science-technology-and-innovation-scoreboard.html",
        license="CC BY 4.0",
        citation="OECD (2026), Research and Development Statistics; OECD STI Scoreboard.",
    ),
    datasets=sdmx.scoreboard_datasets(INDICATORS),
    parse=parse,
    indicators=INDICATORS,
    mirror_folder="semiconductors",
)
