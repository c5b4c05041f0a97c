"""World Bank country metadata: region, income group and WDI name of every economy and aggregate.

Live: the ``Metadata_Country_*.csv`` that ships in every WDI bulk ZIP (taken from the GDP ZIP).
"""

from __future__ import annotations

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.wdi import parse_country_metadata

GDP_ZIP_URL = "https://api.worldbank.org/v2/country/all/indicator/NY.GDP.MKTP.CD?source=2&downloadformat=csv"


def parse(file_name: str, content: bytes) -> Parsed:
    """The country sidecar as one row per code."""
    return parse_country_metadata(file_name, content)


collector = Collector(
    id="country_meta",
    schedule="0 4 * * 1",
    cadence_days=90,
    provenance=Provenance(
        producer="World Bank",
        title="World Development Indicators: country classification",
        url="https://datahelpdesk.worldbank.org/knowledgebase/articles/906519",
        license="CC BY 4.0",
        citation="World Bank, World Development Indicators, country metadata.",
    ),
    datasets=(
        Dataset(key="countries", url=GDP_ZIP_URL, mirror_glob="Metadata_Country_*.csv",
                file_name="Metadata_Country.csv", zip_member="Metadata_Country_*.csv"),
    ),
    parse=parse,
)
