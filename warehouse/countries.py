"""The country reference: ISO 3166 alpha-3 codes with English and Korean names, plus aggregates.

Economies come from pycountry (ISO 3166-1 and its Korean translation), with the short names a
Korean reader expects where the ISO name is formal. Aggregates use the World Bank's codes.
Source-specific codes (OECD's ``EU27_2020``, Comtrade's ``S19``...) map here through ``ALIASES``.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pycountry


@dataclass(frozen=True)
class Country:
    iso3: str
    name_en: str
    name_ko: str
    is_aggregate: bool
    region: str | None = None


#: Short Korean names used in Korean media and government documents where ISO's are formal.
KOREAN_SHORT_NAMES = {
    "KOR": "한국", "PRK": "북한", "TWN": "대만", "RUS": "러시아", "IRN": "이란", "VEN": "베네수엘라",
    "BOL": "볼리비아", "TZA": "탄자니아", "SYR": "시리아", "LAO": "라오스", "MDA": "몰도바",
}

#: English names where pycountry has no short ``common_name``.
ENGLISH_SHORT_NAMES = {"RUS": "Russia", "KOR": "South Korea", "PRK": "North Korea", "TWN": "Taiwan"}

#: Economies that are not (yet) in ISO 3166-1 but appear in World Bank data.
EXTRA_ECONOMIES = (
    Country("XKX", "Kosovo", "코소보", False, "Europe & Central Asia"),
    Country("CHI", "Channel Islands", "채널 제도", False, "Europe & Central Asia"),
)

#: World Bank aggregate codes (and INX, WDI's "Not classified"), with Korean names.
AGGREGATES = {
    "WLD": ("World", "세계"),
    "EUU": ("European Union", "유럽연합"),
    "OED": ("OECD members", "OECD 회원국"),
    "EAS": ("East Asia & Pacific", "동아시아·태평양"),
    "EAP": ("East Asia & Pacific (excluding high income)", "동아시아·태평양(고소득국 제외)"),
    "TEA": ("East Asia & Pacific (IDA & IBRD)", "동아시아·태평양(IDA·IBRD)"),
    "ECS": ("Europe & Central Asia", "유럽·중앙아시아"),
    "ECA": ("Europe & Central Asia (excluding high income)", "유럽·중앙아시아(고소득국 제외)"),
    "TEC": ("Europe & Central Asia (IDA & IBRD)", "유럽·중앙아시아(IDA·IBRD)"),
    "LCN": ("Latin America & Caribbean", "중남미·카리브"),
    "LAC": ("Latin America & Caribbean (excluding high income)", "중남미·카리브(고소득국 제외)"),
    "TLA": ("Latin America & Caribbean (IDA & IBRD)", "중남미·카리브(IDA·IBRD)"),
    "MEA": ("Middle East & North Africa", "중동·북아프리카"),
    "MNA": ("Middle East & North Africa (excluding high income)", "중동·북아프리카(고소득국 제외)"),
    "TMN": ("Middle East & North Africa (IDA & IBRD)", "중동·북아프리카(IDA·IBRD)"),
    "NAC": ("North America", "북미"),
    "SAS": ("South Asia", "남아시아"),
    "TSA": ("South Asia (IDA & IBRD)", "남아시아(IDA·IBRD)"),
    "SSF": ("Sub-Saharan Africa", "사하라 이남 아프리카"),
    "SSA": ("Sub-Saharan Africa (excluding high income)", "사하라 이남 아프리카(고소득국 제외)"),
    "TSS": ("Sub-Saharan Africa (IDA & IBRD)", "사하라 이남 아프리카(IDA·IBRD)"),
    "AFE": ("Africa Eastern and Southern", "동남부 아프리카"),
    "AFW": ("Africa Western and Central", "서중부 아프리카"),
    "ARB": ("Arab World", "아랍권"),
    "CEB": ("Central Europe and the Baltics", "중부유럽·발트"),
    "EMU": ("Euro area", "유로 지역"),
    "HIC": ("High income", "고소득국"),
    "UMC": ("Upper middle income", "중상위 소득국"),
    "MIC": ("Middle income", "중소득국"),
    "LMC": ("Lower middle income", "중하위 소득국"),
    "LMY": ("Low & middle income", "저·중소득국"),
    "LIC": ("Low income", "저소득국"),
    "LDC": ("Least developed countries: UN classification", "최빈개도국(UN 분류)"),
    "HPC": ("Heavily indebted poor countries (HIPC)", "고채무 빈곤국(HIPC)"),
    "FCS": ("Fragile and conflict affected situations", "취약·분쟁 지역"),
    "IBD": ("IBRD only", "IBRD 전용국"),
    "IBT": ("IDA & IBRD total", "IDA·IBRD 전체"),
    "IDA": ("IDA total", "IDA 전체"),
    "IDB": ("IDA blend", "IDA 혼합국"),
    "IDX": ("IDA only", "IDA 전용국"),
    "EAR": ("Early-demographic dividend", "인구배당 초기국"),
    "LTE": ("Late-demographic dividend", "인구배당 후기국"),
    "PRE": ("Pre-demographic dividend", "인구배당 이전국"),
    "PST": ("Post-demographic dividend", "인구배당 이후국"),
    "CSS": ("Caribbean small states", "카리브 소국"),
    "OSS": ("Other small states", "기타 소국"),
    "PSS": ("Pacific island small states", "태평양 도서 소국"),
    "SST": ("Small states", "소국"),
    "INX": ("Not classified", "미분류"),
    "G20": ("G20", "G20(주요 20개국)"),
}

#: Codes other sources use for entries of the reference (source-specific spellings).
ALIASES = {
    "OECD": "OED",
    "EU27_2020": "EUU",
    "EU27": "EUU",
    "EU": "EUU",
    "W": "WLD",  # OECD patents: world
    "S19": "TWN",  # UN Comtrade "Other Asia, nes" is Taiwan
    "OWID_WRL": "WLD",
    "OWID_EU27": "EUU",
    "OWID_KOS": "XKX",
    "OWID_HIC": "HIC",
    "OWID_UMC": "UMC",
    "OWID_LMC": "LMC",
    "OWID_LIC": "LIC",
}

#: Names (upper-cased) that sources use and pycountry does not know.
NAME_ALIASES = {
    "KOREA (REPUBLIC OF)": "KOR",
    "REPUBLIC OF KOREA": "KOR",
    "REP. OF KOREA": "KOR",
    "KOREA, REP.": "KOR",
    "SOUTH KOREA": "KOR",
    "TAIWAN": "TWN",
    "OTHER ASIA, NES": "TWN",
    "RUSSIA": "RUS",
    "IRAN (ISLAMIC REPUBLIC OF)": "IRN",
    "VIET NAM": "VNM",
    "TURKEY": "TUR",
    "UNITED STATES": "USA",
    "US": "USA",
    "UK": "GBR",
    "UAE": "ARE",
    "CHINA (PEOPLE'S REPUBLIC OF)": "CHN",
    "HONG KONG": "HKG",
    "WORLD": "WLD",
    "ALL LARGE-SCALE AI SYSTEMS": "WLD",
    "EUROPEAN UNION (27) (CSET)": "EUU",
    "EUROPEAN UNION": "EUU",
    "OECD (CSET)": "OED",
}

#: ISO 3166 alpha-2 codes in use that pycountry does not know (user-assigned codes).
ALPHA2_EXTRA = {"XK": "XKX"}

#: UN M49 codes that UN Comtrade uses where they differ from ISO 3166 numeric codes.
M49_COMTRADE = {"842": "USA", "251": "FRA", "699": "IND", "757": "CHE", "579": "NOR", "490": "TWN"}

#: Region of economies the World Bank does not list (its metadata gives every other region).
DEFAULT_REGIONS = {"TWN": "East Asia & Pacific"}


@cache
def reference() -> dict[str, Country]:
    """Every code the warehouse accepts, keyed by ISO3 (economies) or World Bank code (aggregates)."""
    korean = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"])
    table: dict[str, Country] = {}
    for c in pycountry.countries:
        name_en = ENGLISH_SHORT_NAMES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        name_ko = KOREAN_SHORT_NAMES.get(c.alpha_3) or korean.gettext(c.name)
        table[c.alpha_3] = Country(c.alpha_3, name_en, name_ko, False, DEFAULT_REGIONS.get(c.alpha_3))
    for extra in EXTRA_ECONOMIES:
        table[extra.iso3] = extra
    for code, (name_en, name_ko) in AGGREGATES.items():
        table[code] = Country(code, name_en, name_ko, True)
    return table


def to_iso3(code: str) -> str | None:
    """The reference code for a source's country code, or None when it is unknown."""
    code = code.strip().upper()
    code = ALIASES.get(code, code)
    return code if code in reference() else None


def lookup(value: str) -> str | None:
    """The reference code for a source's country code *or name*, or None when it is unknown."""
    code = to_iso3(value)
    if code is not None:
        return code
    name = " ".join(value.split()).upper()
    if name in NAME_ALIASES:
        return NAME_ALIASES[name]
    try:
        found = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return found.alpha_3


def from_alpha2(code: str) -> str | None:
    """The reference code for an ISO 3166 alpha-2 code, for sources that say their codes are alpha-2 (nothing
    else is tried: a name or a World Bank code is not an alpha-2 code)."""
    code = code.strip().upper()
    if code in ALPHA2_EXTRA:
        return ALPHA2_EXTRA[code]
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return found.alpha_3 if found else None


def collision(name: str) -> Country | None:
    """The reference entry ``lookup`` would read ``name`` as, for a name a source says is *not* a country.

    A firm called "UMC" (a Taiwanese foundry) reads as the World Bank's Upper middle income, "ARM" as
    Armenia, "SST" as Small states, "SK" as Slovakia: a source's row is typed a country only where the
    source says so (its own type column), and such a name is kept as the organisation it is and reported.
    """
    code = lookup(name)
    return reference().get(code) if code else None


def from_m49(code: str) -> str | None:
    """The reference code for a UN M49 numeric code as UN Comtrade uses it."""
    code = code.strip().lstrip("0") or "0"
    if code in M49_COMTRADE:
        return M49_COMTRADE[code]
    found = pycountry.countries.get(numeric=code.zfill(3))
    return found.alpha_3 if found else None


def reference_frame() -> pd.DataFrame:
    """The reference as a frame for loading into the warehouse."""
    return pd.DataFrame([c.__dict__ for c in reference().values()])
