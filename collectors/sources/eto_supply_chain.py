"""ETO Chip Explorer (CSET): the share of each semiconductor supply-chain segment provided by each
country and firm (reference year about 2019). Licence CC BY-NC 4.0: non-commercial use, carried on
every row through the sources and indicators views.

Only the source's provider list (``providers.csv``, column ``provider_type``) says which provider is a
country: the shares view takes the type and country from it by provider id. A name is never read as a
code: the foundry UMC is not the World Bank's Upper middle income, Arm not Armenia, SST not Small states.
Such a firm stays a firm, and the collision is named in the run log and in
``supply_chain_providers.name_collision``.
"""

from __future__ import annotations

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from warehouse.countries import collision

RAW = "https://raw.githubusercontent.com/georgetown-cset/eto-supply-chain/main/data/{name}.csv"
PROVISION = ("provider_name", "provider_id", "provided_name", "provided_id", "share_provided",
             "negligible_market_share")
PROVIDERS = ("provider_name", "provider_id", "provider_type", "country")


#: The source's own spellings of the countries it types as countries (ETO writes Malaysia MAL).
COUNTRY_CODES = {"MAL": "MYS"}


def _shares(file_name: str, content: bytes) -> pd.DataFrame:
    """The provision rows as the file states them; whether a provider is a country is the provider list's."""
    rows = []
    for line, rec in records(file_name, content, PROVISION):
        rows.append({
            "segment_id": rec["provided_id"], "segment": rec["provided_name"], "provider_id": rec["provider_id"],
            "provider": rec["provider_name"],
            "share_pct": number(file_name, rec["share_provided"], "share_provided", line),
            "negligible": rec["negligible_market_share"].strip() == "negligible", "_row": line})
    return pd.DataFrame(rows)


def _providers(file_name: str, content: bytes) -> tuple[pd.DataFrame, list[str]]:
    """The provider list: a country by its code, a firm with its home country and any name collision."""
    rows, notes = [], []
    for line, rec in records(file_name, content, PROVIDERS):
        kind, name = rec["provider_type"], rec["provider_name"]
        if kind not in ("country", "organization"):
            raise SourceFormatError(file_name, f"provider type {kind!r} is not country or organization",
                                    field="provider_type", row=line)
        clash = collision(name) if kind == "organization" else None
        if clash is not None:
            notes.append(f"provider {name!r} ({rec['provider_id']}) is an organization whose name reads as the "
                         f"{'aggregate' if clash.is_aggregate else 'country'} {clash.iso3} ({clash.name_en}): "
                         "kept as an organization (line " + line + ")")
        country = COUNTRY_CODES.get(name, name) if kind == "country" else rec["country"]
        rows.append({"provider_id": rec["provider_id"], "provider": name, "provider_type": kind,
                     "country_code": country or None,
                     "name_collision": f"{clash.iso3} ({clash.name_en})" if clash is not None else None,
                     "_row": line})
    return pd.DataFrame(rows), notes


def parse(file_name: str, content: bytes) -> Parsed:
    """``provision.csv`` as supply_chain_shares, ``providers.csv`` as supply_chain_providers."""
    if "provider" in file_name and "provision" not in file_name:
        frame, notes = _providers(file_name, content)
        return Parsed({"supply_chain_providers": frame}, notes=notes)
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
