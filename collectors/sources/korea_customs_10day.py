"""Korea Customs Service 10-day provisional export figures for memory chips: multi-component ICs
(incl. HBM), DRAM modules and NAND, cumulative at day 10, 20 and month end, thousand USD.

Month-end values load as monthly exports; the day-10 and day-20 cumulative values as their own
indicators (the earliest signal of a month); month totals to China and the US also as
``trade_by_partner``, with their share of the month total to the world. A known copy error of the source
(NAND values identical to DRAM-module values, all of 2022) is detected and those values are left out,
and counted.
The mirror file is a third party's JSON compilation of the customs press releases (mirror only).
"""

from __future__ import annotations

import json

import pandas as pd

from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance
from collectors.errors import SourceFormatError
from collectors.periods import month_start

LINES = {
    "8542323000": ("multi-component ICs (incl. HBM)", "복합구조칩(HBM 포함)"),
    "8473304060": ("DRAM modules", "디램 모듈"),
    "8542321030": ("NAND flash", "낸드 플래시"),
}
DESTINATIONS = {"전세계": None, "중국": "CHN", "미국": "USA"}
CUTS = {"30": "", "10": ":D10", "20": ":D20"}
NAND, DRAM_MODULES = "8542321030", "8473304060"


def _indicators() -> tuple[Indicator, ...]:
    found = []
    for hsk, (en, ko) in LINES.items():
        for destination in DESTINATIONS.values():
            to_en = f" to {destination}" if destination else ""
            to_ko = f": {destination}행" if destination else ""
            for cut, suffix in CUTS.items():
                when_en = "month total" if cut == "30" else f"cumulative to day {cut}"
                when_ko = "월 합계" if cut == "30" else f"{cut}일까지 누계"
                code = f"{hsk}:X{suffix}" + (f":{destination}" if destination else "")
                found.append(Indicator(
                    code, "semis", f"Korea's exports of {en}{to_en}, {when_en} (provisional)",
                    f"한국 {ko} 수출액{to_ko}, {when_ko}(잠정)", "USD",
                    f"Korea Customs 10-day provisional exports of HSK {hsk}, {when_en}; final monthly values "
                    "come from the monthly trade statistics.", (0, 1e12), quality="secondary"))
    return tuple(found)


INDICATORS = _indicators()


def _copy_errors(items: dict) -> set[str]:
    """Months where NAND (world) equals DRAM modules (world) exactly: the source's copy error."""
    def month_ends(hsk: str) -> dict[str, float]:
        line = next((body for body in items.values() if body.get("h") == hsk), {})
        return {m: cuts["30"]["c"] for m, cuts in line.get("s", {}).get("전세계", {}).items() if "30" in cuts}
    nand, modules = month_ends(NAND), month_ends(DRAM_MODULES)
    return {m for m, value in nand.items() if modules.get(m) == value}


PARTNER_COLUMNS = ["country_code", "partner_iso3", "partner_code", "flow", "product_code", "product", "freq",
                   "period", "value_usd", "total_usd", "share_pct", "flags", "_row"]


def _partners(file_name: str, items: dict, month_totals: dict[tuple[str, str], float]) -> list[tuple]:
    """Month totals (cut 30) to China and the US, with their share of the month total to the world."""
    rows = []
    for name, body in items.items():
        hsk = body.get("h")
        for destination, months in body.get("s", {}).items():
            iso3 = DESTINATIONS.get(destination)
            if iso3 is None:
                continue
            for month, cuts in months.items():
                if "30" not in cuts:  # the month is not over: its cumulative cuts are observations only
                    continue
                value, total = cuts["30"]["c"] * 1000, month_totals.get((hsk, month))
                period = month_start(file_name, month, name)
                share = 100 * value / total if total else None
                rows.append(("KOR", iso3, destination, "X", hsk, LINES[hsk][0], "M", period, value, total, share, "P",
                             f"{name} {destination} {month} cut 30"))
    return rows


def parse(file_name: str, content: bytes) -> Parsed:
    """The compilation as monthly observations (thousand USD -> USD), and the month totals by destination as
    trade_by_partner. NAND values of the source's copy error are left out, and counted."""
    if not content.strip():
        raise SourceFormatError(file_name, "the file is empty")
    try:
        items = json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceFormatError(file_name, f"not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(items, dict):
        raise SourceFormatError(file_name, "expected an object of items")
    suspect = _copy_errors(items)
    parsed = Parsed({})
    copy_error = (f"NAND (world) for {min(suspect)}..{max(suspect)}: identical to DRAM modules (world), a source "
                  "copy error") if suspect else ""
    rows = []
    month_totals: dict[tuple[str, str], float] = {}
    for name, body in items.items():
        hsk, unit = body.get("h"), body.get("u")
        if hsk not in LINES:
            raise SourceFormatError(file_name, f"unknown HSK code {hsk!r}", field="h", row=name)
        if unit != "천$":
            raise SourceFormatError(file_name, f"unit {unit!r} is not thousand USD (천$)", field="u", row=name)
        for destination, months in body.get("s", {}).items():
            if destination not in DESTINATIONS:
                raise SourceFormatError(file_name, f"unknown destination {destination!r}", field="s", row=name)
            iso3 = DESTINATIONS[destination]
            for month, cuts in months.items():
                where = f"{name} {destination} {month}"
                if hsk == NAND and destination == "전세계" and month in suspect:
                    parsed.drop(copy_error, len(cuts))
                    continue
                for cut, values in cuts.items():
                    code = f"{hsk}:X{CUTS.get(cut, '?' + cut)}" + (f":{iso3}" if iso3 else "")
                    value = values.get("c") if isinstance(values, dict) else None
                    if not isinstance(value, int | float):
                        raise SourceFormatError(file_name, f"cumulative value {value!r} is not a number",
                                                field="c", row=f"{where} cut {cut}")
                    rows.append((code, "KOR", "M", month_start(file_name, month, where), value * 1000, "P",
                                 f"{where} cut {cut}"))
                    if iso3 is None and cut == "30":
                        month_totals[(hsk, month)] = value * 1000
    parsed.tables["observations"] = pd.DataFrame.from_records(
        rows, columns=["indicator_code", "country_code", "freq", "period", "value", "flags", "_row"])
    partners = _partners(file_name, items, month_totals)
    if partners:
        parsed.tables["trade_by_partner"] = pd.DataFrame.from_records(partners, columns=PARTNER_COLUMNS)
    return parsed


collector = Collector(
    id="korea_customs_10day",
    schedule="0 2 * * *",
    cadence_days=15,
    provenance=Provenance(
        producer="Korea Customs Service (관세청)",
        title="수출입 잠정치 (10-day provisional export figures): memory chips",
        url="https://www.customs.go.kr/",
        license="KOGL Type 1 (공공누리 제1유형)",
        citation="Korea Customs Service, 10-day provisional export statistics.",
    ),
    datasets=(Dataset(key="memory_10day", url="https://www.customs.go.kr/",
                      mirror_glob="korea_customs_10day_provisional_memory_exports_*.json",
                      file_name="korea_customs_10day_provisional_memory_exports.json"),),
    parse=parse,
    indicators=INDICATORS,
    mirror_folder="semiconductors",
    mirror_only="the figures are published in press releases, not an API; the mirror holds a third party's "
                "JSON compilation of them: refresh it in <mirror>/semiconductors/",
)
