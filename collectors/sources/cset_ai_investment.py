"""CSET estimates of private investment in AI companies by country (Crunchbase-based), as Our World in
Data republishes them (constant USD). Actual and projected values are separate indicators.
"""

from __future__ import annotations

from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance
from collectors.owid import LIVE_URL, parse_grapher

SLUG = "private-investment-in-artificial-intelligence-cset"
COLUMNS = {"All": "private_ai_investment", "All (projected) (Projected)": "private_ai_investment_projected"}

INDICATORS = (
    Indicator("private_ai_investment", "funding", "Private investment in AI companies (CSET)",
              "AI 기업 민간 투자액(CSET)", "USD (constant)",
              "Estimated funding raised by privately held AI companies, by the companies' country; CSET Country "
              "Activity Tracker on Crunchbase data, inflation-adjusted by OWID.", (0, 1e13)),
    Indicator("private_ai_investment_projected", "funding", "Private investment in AI companies, projected (CSET)",
              "AI 기업 민간 투자액 전망치(CSET)", "USD (constant)",
              "CSET's projection for the current year (the last actual year is repeated as the starting point). "
              "Not an observed value: keep apart from the actual series.", (0, 1e13), quality="secondary"),
)


def parse(file_name: str, content: bytes) -> Parsed:
    """The grapher CSV as actual and projected investment series."""
    return parse_grapher(file_name, content, COLUMNS)


collector = Collector(
    id="cset_ai_investment",
    schedule="0 6 * * 1",
    cadence_days=90,
    provenance=Provenance(
        producer="Center for Security and Emerging Technology (CSET), via Our World in Data",
        title="Private investment in artificial intelligence (Country Activity Tracker: AI)",
        url="https://ourworldindata.org/grapher/private-investment-in-artificial-intelligence-cset",
        license="CC BY 4.0 (OWID chart); underlying CSET/Crunchbase terms apply",
        citation="CSET Country Activity Tracker: AI (2025), processed by Our World in Data.",
    ),
    datasets=(Dataset(key="investment", url=LIVE_URL.format(slug=SLUG), mirror_glob=f"{SLUG}.csv",
                      file_name=f"{SLUG}.csv"),),
    parse=parse,
    indicators=INDICATORS,
    mirror_folder="vc_funding",
    unmapped="report",
    country_field="Entity/Code",
)
