"""ETO Chip Explorer (CSET): the share of each semiconductor supply-chain segment provided by each
country and firm (reference year about 2019). Licence CC BY-NC 4.0: non-commercial use, carried on
every row through the sources and indicators views.
"""

from __future__ import annotations

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from warehouse.countries import to_iso3

RAW = "https://raw.githubusercontent.com/georgetown-cset/eto-supply-chain/main/data/{name}.csv"
PROVISION = ("provider_name", "provider_id", "provided_name", "provided_id", "share_provided",
             "negligible_market_share")
PROVIDERS = ("provider_name", "provider_id", "provider_type", "country")


def _shares(file_name: str, content: bytes) -> pd.DataFrame:
    rows = []
    for line, rec in records(file_name, content, PROVISION):
        is_country = to_iso3(rec["provider_name"]) is not None and rec["provider_name"].isupper()
        rows.append({
            "segment_id": rec["provided_id"], "segment": rec["provided_name"], "provider_id": rec["provider_id"],
            "provider": rec["provider_name"], "provider_type": "country" if is_country else "organization",
            "country_code": rec["provider_name"] if is_country else None,
            "share_pct": number(file_name, rec["share_provided"], "share_provided", line),
            "negligible": rec["negligible_market_share"].strip() == "negligible", "_row": line})
    return pd.DataFrame(rows)


def _providers(file_name: str, content: bytes) -> pd.DataFrame:
    rows = []
    for line, rec in records(file_name, content, PROVIDERS):
        kind = rec["provider_type"]
        if kind not in ("country", "organization"):
            raise SourceFormatError(file_name, f"provider type {kind!r} is not country or organization",
                                    field="provider_type", row=line)
        country = rec["provider_name"] if kind == "country" else rec["country"]
        rows.append({"provider_id": rec["provider_id"], "provider": rec["provider_name"], "provider_type": kind,
                     "country_code": country or None, "_row": line})
    return pd.DataFrame(rows)


def parse(file_name: str, content: bytes) -> Parsed:
    """``provision.csv`` as supply_chain_shares, ``providers.csv`` as supply_chain_providers."""
    if "provider" in file_name and "provision" not in file_name:
        return Parsed({"supply_chain_providers": _providers(file_name, content)})
    return Parsed({"supply_chain_shares": _shares(file_name, content)})


collector = Collector(
    id="eto_supply_chain",
    schedule="0 6 1 * *",
    cadence_days=365,
    provenance=Provenance(
        producer="Emerging Technology Observatory, CSET (Georgetown University)",
        title="Advanced Semiconductor Supply Chain (Chip Explorer)",
        url="https://chipexplorer.eto.tech/",
        license="CC BY-NC 4.0 (non-commercial use only)",
        citation="Emerging Technology Observatory, Chip Explorer; CSET, The Semiconductor Supply Chain: "
                 "Assessing National Competitiveness (2021).",
    ),
    datasets=(
        Dataset(key="provision", url=RAW.format(name="provision"), mirror_glob="eto_chipexplorer_provision.csv",
                file_name="eto_chipexplorer_provision.csv"),
        Dataset(key="providers", url=RAW.format(name="providers"), mirror_glob="eto_chipexplorer_providers.csv",
                file_name="eto_chipexplorer_providers.csv"),
    ),
    parse=parse,
    mirror_folder="semiconductors",
    unmapped="report",
    country_field="provider_name/country",
)
