"""Korea Customs Service: Korea's monthly exports and imports of HS 8542 (integrated circuits), 8541
(semiconductor devices) and 8486 (chip-making equipment), by destination, and of the 10-digit HSK
lines under them: DRAM, NAND and multi-component ICs (which include HBM). Exports of each heading and line
to each destination also load as ``trade_by_partner``, with their share of exports to all destinations
(how exposed is Korea's memory trade to one buyer?). The breakdown by Korean province and the export
weights are left out, and counted.

The mirror file is a third party's restructuring of the data.go.kr ``nitemtrade`` API answers (JSON
keyed by item, month and destination). Mirror only: the live API needs a data.go.kr key and answers
in another layout (XML rows), which this collector does not read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pandas as pd

from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance
from collectors.errors import SourceFormatError
from collectors.periods import month_start
from warehouse.countries import from_alpha2

ITEMS = {
    "8542": ("integrated circuits", "집적회로(반도체)"),
    "8541": ("semiconductor devices", "반도체 소자"),
    "8486": ("semiconductor manufacturing equipment", "반도체 제조장비"),
}
SUB_ITEMS = {
    "8542321010": ("DRAM", "디램"),
    "8542321030": ("NAND flash", "낸드 플래시"),
    "8542323000": ("multi-component ICs (incl. HBM)", "복합구조칩(HBM 포함)"),
    "7410211000": ("copper-clad laminates", "동박적층판(CCL)"),
    "8532240000": ("MLCC", "적층세라믹콘덴서(MLCC)"),
    "8534002000": ("printed circuit substrates", "인쇄회로 기판"),
    "3701991000": ("blank masks", "블랭크 마스크"),
    "8536691000": ("test sockets", "테스트 소켓"),
    "3707901010": ("photoresist", "감광액"),
}
#: Destinations the source reports (ISO 3166 alpha-2, as in its ``all_countries``).
DESTINATIONS = (
    "US", "CN", "JP", "DE", "VN", "TW", "IN", "SG", "AU", "SA", "TH", "MY", "HK", "GB", "NL", "HU", "PL", "CA",
    "FR", "PH", "ID", "RU", "MX", "BR", "AE", "TR", "IT", "ES", "CZ", "IE", "PA", "MH", "LR", "GR", "QA", "IL",
    "KW", "AR", "CL", "CO", "PE",
)
LIVE = "https://apis.data.go.kr/1220000/nitemtrade/getNitemtradeList"


def _indicators() -> tuple[Indicator, ...]:
    found = []
    for item, (en, ko) in ITEMS.items():
        found.append(
            Indicator(
                f"{item}:X",
                "semis",
                f"Korea's exports of HS {item} ({en}), monthly",
                f"한국 HS {item}({ko}) 월별 수출액",
                "USD",
                f"Monthly exports of HS {item} to all destinations (Korea Customs Service).",
                (0, 1e12),
            )
        )
        found.append(
            Indicator(
                f"{item}:M",
                "semis",
                f"Korea's imports of HS {item} ({en}), monthly",
                f"한국 HS {item}({ko}) 월별 수입액",
                "USD",
                f"Monthly imports of HS {item} (Korea Customs Service).",
                (0, 1e12),
            )
        )
        for iso2 in DESTINATIONS:
            iso3 = from_alpha2(iso2)
            found.append(
                Indicator(
                    f"{item}:X:{iso3}",
                    "semis",
                    f"Korea's exports of HS {item} ({en}) to {iso3}",
                    f"한국 HS {item}({ko}) 수출액: {iso3}행",
                    "USD",
                    f"Monthly exports of HS {item} to {iso3} (Korea Customs Service).",
                    (0, 1e12),
                )
            )
    for hsk, (en, ko) in SUB_ITEMS.items():
        found.append(
            Indicator(
                f"{hsk}:X",
                "semis",
                f"Korea's exports of HSK {hsk} ({en}), monthly",
                f"한국 HSK {hsk}({ko}) 월별 수출액",
                "USD",
                f"Monthly exports of the 10-digit HSK line {hsk} (Korea Customs Service).",
                (0, 1e12),
            )
        )
    return tuple(found)


INDICATORS = _indicators()


@dataclass(frozen=True)
class Month:
    """One value of a month-keyed series: the source's key (YYYYMM), its first day, the value, where it is."""

    key: str
    period: date
    value: float
    row: str


def _series(file_name: str, values: object, field: str, where: str) -> list[Month]:
    if not isinstance(values, dict):
        raise SourceFormatError(file_name, "expected an object of month: value", field=field, row=where)
    found = []
    for month, value in values.items():
        if not isinstance(value, int | float):
            raise SourceFormatError(file_name, f"value {value!r} is not a number", field=field, row=f"{where} {month}")
        found.append(Month(month, month_start(file_name, month, where), float(value), f"{where} {month}"))
    return found


def _observations(code: str, series: list[Month]) -> list[tuple]:
    return [(code, "KOR", "M", m.period, m.value, "", m.row) for m in series]


PARTNER_COLUMNS = ["country_code", "partner_iso3", "partner_code", "flow", "product_code", "product", "freq",
                   "period", "value_usd", "total_usd", "share_pct", "flags", "_row"]


def _partners(product: str, series: list[Month], totals: dict[str, object], iso2: str) -> list[tuple]:
    """Exports of one product to one destination by month, with their share of exports to all destinations."""
    name = (ITEMS.get(product) or SUB_ITEMS.get(product) or (None,))[0]
    rows = []
    for m in series:
        total = totals.get(m.key)
        total = float(total) if isinstance(total, int | float) else None
        share = 100 * m.value / total if total else None
        rows.append(("KOR", from_alpha2(iso2), iso2, "X", product, name, "M", m.period, m.value, total, share, "",
                     m.row))
    return rows


def _count(values: object) -> int:
    return len(values) if isinstance(values, dict) else 0


def parse(file_name: str, content: bytes) -> Parsed:
    """The restructured JSON as monthly observations (totals, destinations of the HS headings, HSK lines) and
    as trade_by_partner (each destination of each heading and HSK line, with its share of the total).
    Left out, and counted: the breakdown by Korean province and the export weights."""
    if not content.strip():
        raise SourceFormatError(file_name, "the file is empty")
    try:
        document = json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceFormatError(file_name, f"not valid UTF-8 JSON ({exc})") from exc
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, dict):
        raise SourceFormatError(file_name, "no items object", field="items")
    parsed = Parsed({}, release=str(document.get("generated_at", ""))[:10] or None)
    declared = {i.code for i in INDICATORS}
    rows: list[tuple] = []
    partners: list[tuple] = []
    for item, body in items.items():
        for key in ("total_exp", "total_imp"):
            if key not in body:
                raise SourceFormatError(file_name, "key missing", field=key, row=f"items.{item}")
        for key, flow in (("total_exp", "X"), ("total_imp", "M")):
            rows += _observations(f"{item}:{flow}", _series(file_name, body[key], key, f"items.{item}.{key}"))
        for iso2, country in body.get("countries", {}).items():
            series = _series(file_name, country.get("exp", {}), "exp", f"items.{item}.countries.{iso2}")
            code = f"{item}:X:{from_alpha2(iso2) or iso2}"
            if code in declared:
                rows += _observations(code, series)
            else:  # a destination the declaration lacks: loaded in trade_by_partner only
                parsed.drop(f"exports of HS {item} to {iso2} as observations: no indicator declared for the "
                            "destination (in trade_by_partner)", len(series))
            partners += _partners(item, series, body["total_exp"], iso2)
        for hsk, sub in body.get("sub_items", {}).items():
            where = f"items.{item}.sub_items.{hsk}"
            exports = sub.get("exp", {})
            rows += _observations(f"{hsk}:X", _series(file_name, exports, "exp", where))
            parsed.drop("export weights of HSK lines (wgt) not loaded", _count(sub.get("wgt")))
            for iso2, country in sub.get("countries", {}).items():
                series = _series(file_name, country.get("exp", {}), "exp", f"{where}.countries.{iso2}")
                partners += _partners(hsk, series, exports, iso2)
                parsed.drop("export weights of HSK lines (wgt) not loaded", _count(country.get("wgt")))
        for region in body.get("regions", {}).values():
            parsed.drop("breakdown by Korean province (regions) not loaded", _count(region.get("exp")))
    unmapped = sorted({row[2] for row in partners if row[1] is None})
    if unmapped:
        parsed.notes.append(f"destination code(s) {', '.join(unmapped)} map to no country: kept in trade_by_partner "
                            "with partner_iso3 NULL")
    parsed.tables["observations"] = pd.DataFrame.from_records(
        rows, columns=["indicator_code", "country_code", "freq", "period", "value", "flags", "_row"])
    parsed.tables["trade_by_partner"] = pd.DataFrame.from_records(partners, columns=PARTNER_COLUMNS)
    return parsed


collector = Collector(
    id="korea_customs",
    schedule="0 2 16 * *",
    cadence_days=45,
    provenance=Provenance(
        producer="Korea Customs Service (관세청), via data.go.kr",
        title="품목별 국가별 수출입실적 (exports and imports by item and country): HS 8541, 8542, 8486",
        url="https://www.data.go.kr/data/15101609/openapi.do",
        license="KOGL Type 1 (공공누리 제1유형)",
        citation="Korea Customs Service, trade statistics by item and country (data.go.kr 15101609).",
    ),
    datasets=(
        Dataset(
            key="monthly_semis",
            url=LIVE,
            mirror_glob="korea_customs_nitemtrade_semis_monthly_*.json",
            file_name="korea_customs_nitemtrade_semis_monthly.json",
        ),
    ),
    parse=parse,
    indicators=INDICATORS,
    mirror_folder="semiconductors",
    mirror_only="the mirror holds a third party's JSON restructuring of the data.go.kr nitemtrade API (which "
    "needs a key and answers in XML); refresh the file in <mirror>/semiconductors/",
)
