"""OECD venture capital investments (total in USD and as % of GDP; seed, start-up and later stage),
SDMX-ML 3.0 from the ``DSD_VC`` structure as published by the STI Scoreboard.

Korea has totals only (no breakdown by stage).
"""

from __future__ import annotations

from collectors import sdmx
from collectors.base import Collector, Indicator, Parsed, Provenance

#: (BUSINESS_DEVELOPMENT_STAGE, UNIT_MEASURE) of a Series -> the Scoreboard's variable name.
SERIES_CODES = {
    ("_T", "USD_EXC"): "VC_USD",
    ("_T", "PT_B1GQ"): "VC_XGDP",
    ("SEED", "PT_B1GQ"): "VCSEED_XGDP",
    ("START", "PT_B1GQ"): "VCSTART_XGDP",
    ("LATER", "PT_B1GQ"): "VCLATE_XGDP",
}

INDICATORS = (
    Indicator("VC_USD", "funding", "Venture capital investments (USD)", "벤처캐피탈 투자액(미국 달러)", "USD",
              "Venture capital investment in the market, all stages, current USD at exchange rates.", (0, 1e12)),
    Indicator("VC_XGDP", "funding", "Venture capital investments as % of GDP", "GDP 대비 벤처캐피탈 투자 비중", "%",
              "Venture capital investment, all stages, as a percentage of GDP.", (0, 5)),
    Indicator("VCSEED_XGDP", "funding", "Seed-stage venture capital as % of GDP", "GDP 대비 시드 단계 벤처캐피탈 비중",
              "%", "Seed-stage venture capital investment as a percentage of GDP.", (0, 5)),
    Indicator("VCSTART_XGDP", "funding", "Start-up and other early-stage venture capital as % of GDP",
              "GDP 대비 창업·초기 단계 벤처캐피탈 비중", "%",
              "Start-up and other early-stage venture capital investment as a percentage of GDP.", (0, 5)),
    Indicator("VCLATE_XGDP", "funding", "Later-stage venture capital as % of GDP", "GDP 대비 후기 단계 벤처캐피탈 비중",
              "%", "Later-stage venture capital investment as a percentage of GDP.", (0, 5)),
)


def _code(obs: dict[str, str]) -> str:
    key = (obs.get("BUSINESS_DEVELOPMENT_STAGE", ""), obs.get("UNIT_MEASURE", ""))
    return SERIES_CODES.get(key, f"{key[0]}/{key[1]}")


def parse(file_name: str, content: bytes) -> Parsed:
    """An SDMX-ML message of VC series; UNIT_MULT (millions) is applied, so USD values are in USD."""
    return sdmx.parse_annual(file_name, content, code_of=_code)


collector = Collector(
    id="oecd_vc",
    schedule="0 5 * * 3",
    cadence_days=180,
    provenance=Provenance(
        producer="OECD",
        title="Venture capital investments (Entrepreneurship Financing Database), via the STI Scoreboard",
        url="https://www.oecd.org/en/topics/sub-issues/venture-capital.html",
        license="CC BY 4.0",
        citation="OECD (2025), Venture capital investments; OECD STI Scoreboard.",
    ),
    datasets=sdmx.scoreboard_datasets(INDICATORS),
    parse=parse,
    indicators=INDICATORS,
    mirror_folder="vc_funding",
)
