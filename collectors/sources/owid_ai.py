"""Our World in Data AI charts: large-scale AI systems by country (Epoch AI), and AI patent
applications and scholarly publications (CSET Country Activity Tracker), as grapher CSVs.
"""

from __future__ import annotations

from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance
from collectors.owid import LIVE_URL, parse_grapher

#: Chart slug -> (value column, indicator code).
CHARTS = {
    "cumulative-number-of-large-scale-ai-systems-by-country": (
        "Cumulative number of large-scale AI systems by country", "large_scale_ai_systems_cumulative"),
    "artificial-intelligence-patents-submitted": ("All", "ai_patents_submitted"),
    "annual-scholarly-publications-on-artificial-intelligence": ("All", "ai_publications"),
}

INDICATORS = (
    Indicator("large_scale_ai_systems_cumulative", "models", "Large-scale AI systems, cumulative",
              "대규모 AI 시스템 누적 수", "systems",
              "Cumulative number of AI systems trained with more than 10^23 FLOP, by the developers' country "
              "(Epoch AI via OWID).", (0, 1e5)),
    Indicator("ai_patents_submitted", "cross", "AI patent applications (CSET)", "AI 특허 출원 수(CSET)",
              "applications", "AI patent applications submitted, by country (CSET Country Activity Tracker).",
              (0, 1e7)),
    Indicator("ai_publications", "cross", "AI scholarly publications (CSET)", "AI 학술 논문 수(CSET)", "publications",
              "Scholarly publications on AI, by authors' country (CSET Country Activity Tracker).", (0, 1e7)),
)


def parse(file_name: str, content: bytes) -> Parsed:
    """One of the three grapher CSVs, told apart by its value column."""
    slug = file_name.removesuffix(".csv")
    column, code = CHARTS.get(slug, ("All", "ai_publications"))
    return parse_grapher(file_name, content, {column: code})


collector = Collector(
    id="owid_ai",
    schedule="0 6 * * 2",
    cadence_days=90,
    provenance=Provenance(
        producer="Our World in Data (Epoch AI; CSET Country Activity Tracker)",
        title="Artificial intelligence charts",
        url="https://ourworldindata.org/artificial-intelligence",
        license="CC BY 4.0",
        citation="Our World in Data (2026), based on Epoch AI and CSET.",
    ),
    datasets=tuple(Dataset(key=code, url=LIVE_URL.format(slug=slug), mirror_glob=f"{slug}.csv",
                           file_name=f"{slug}.csv") for slug, (_, code) in CHARTS.items()),
    parse=parse,
    indicators=INDICATORS,
    unmapped="report",
    country_field="Entity/Code",
)
