"""OECD AI research output: AI publications, their citation impact and international co-authorship
(STI Compass), and AI patents under the PCT and in IP5 offices (OECD patent statistics), SDMX-ML 3.0.

Areas the reference does not know (``YUG_F``, former Yugoslavia) are listed in ``unmapped_codes``.
"""

from __future__ import annotations

from collectors import sdmx
from collectors.base import Collector, Indicator, Parsed, Provenance

#: Patent series carry no VAR: their patent office tells which Scoreboard variable they are.
PATENT_AUTHORITIES = {"9P50_1": "PCTAI_NB", "9P50_3": "IP5AI_NB"}

INDICATORS = (
    Indicator("AIPUBS_NBFRAC", "cross", "AI scientific publications (fractional counts)",
              "AI 과학 논문 수(분수 계산)", "publications",
              "Scientific publications on AI, fractional counts by authors' country (OECD STI Compass).", (0, 1e7)),
    Indicator("AI_INTL_X", "cross", "Share of AI publications with international co-authorship",
              "국제 공동저술 AI 논문 비중", "%",
              "Share of a country's AI publications written with authors abroad.", (0, 100)),
    Indicator("TOP10_AI_X", "cross", "Share of AI publications among the 10% most cited",
              "피인용 상위 10% AI 논문 비중", "%",
              "Share of a country's AI publications in the world's top-10% most cited.", (0, 100)),
    Indicator("PCTAI_NB", "cross", "AI patent applications under the PCT", "PCT 출원 AI 특허 수", "applications",
              "AI patent applications filed under the PCT, by inventor country and priority date, fractional "
              "counts.", (0, 1e7)),
    Indicator("IP5AI_NB", "cross", "AI IP5 patent families", "IP5 AI 특허 패밀리 수", "patent families",
              "AI patent families filed at the five largest IP offices, by inventor country and priority date.",
              (0, 1e7)),
)


def _code(obs: dict[str, str]) -> str:
    return obs.get("VAR") or PATENT_AUTHORITIES.get(obs.get("PATENT_AUTHORITIES", ""), "")


def parse(file_name: str, content: bytes) -> Parsed:
    """An SDMX-ML message of AI publication or patent counts."""
    return sdmx.parse_annual(file_name, content, code_of=_code)


collector = Collector(
    id="oecd_ai",
    schedule="0 5 * * 4",
    cadence_days=180,
    provenance=Provenance(
        producer="OECD",
        title="AI publications (STI Compass) and AI patents, via the STI Scoreboard",
        url="https://oecd.ai/en/data",
        license="CC BY 4.0",
        citation="OECD (2026), STI Scoreboard: AI publications and AI patents.",
    ),
    datasets=sdmx.scoreboard_datasets(INDICATORS),
    parse=parse,
    indicators=INDICATORS,
    unmapped="report",
    country_field="REF_AREA",
)
