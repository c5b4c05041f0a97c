"""UN Comtrade: HS 8542 (electronic integrated circuits) exports of every reporter to the world, and
China's HS 8542 imports from the United States, annual.

One parser serves the live JSON (``{"data": [...]}``) and its CSV dump (Windows-1252, one more field
per row than the header). Reporter ``490``/``S19`` "Other Asia, nes" is Taiwan, flagged as such.
Live calls need a free subscription key in ``KAIM_COMTRADE_KEY``.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime

import pandas as pd
import requests

from collectors.base import Collector, Dataset, Indicator, Parsed, Provenance
from collectors.csvfile import csv_rows
from collectors.errors import MissingSecretError, SourceFormatError
from collectors.http import get_bytes
from warehouse import flags
from warehouse.countries import from_m49

KEY_VARIABLE = "KAIM_COMTRADE_KEY"
API = ("https://comtradeapi.un.org/data/v1/get/C/A/HS?cmdCode=8542&flowCode={flow}&reporterCode={reporter}"
       "&partnerCode={partner}&partner2Code=0&customsCode=C00&motCode=0&includeDesc=true&period={periods}")
REQUIRED = ("refYear", "reporterCode", "reporterISO", "flowCode", "partnerCode", "partnerISO", "partner2Code",
            "cmdCode", "primaryValue")
TAIWAN_FLAG = "S19 'Other Asia, nes' = Taiwan"
WORLD_EXPORTS = "8542:X"
#: A reporter holding at least this share (%) of the reporters' total in some year is a large exporter:
#: a year it is missing from has incomplete coverage.
LARGE_SHARE = 1.0

INDICATORS = (
    Indicator("8542:X", "semis", "Integrated circuit exports (HS 8542) to the world", "집적회로(HS 8542) 수출액",
              "USD", "Exports of electronic integrated circuits (HS 8542) to all partners, FOB, as reported by "
              "each economy; Hong Kong's include re-exports. Taiwan is reporter S19 'Other Asia, nes'.", (0, 1e13)),
    Indicator("8542:M:USA", "semis", "Integrated circuit imports (HS 8542) from the United States",
              "미국으로부터의 집적회로(HS 8542) 수입액", "USD",
              "Imports of electronic integrated circuits from the United States, CIF, as reported by the "
              "importer.", (0, 1e13)),
)


def last_twelve_years() -> str:
    """The 12 most recent complete years, as Comtrade's ``period`` list (12 is the API's maximum)."""
    year = datetime.now(UTC).year
    return ",".join(str(y) for y in range(year - 12, year))


def fetch_with_key(session: requests.Session, dataset: Dataset) -> tuple[str, bytes]:
    """GET the dataset with the subscription key header (the key is never logged)."""
    key = os.environ.get(KEY_VARIABLE)
    if not key:
        raise MissingSecretError(f"environment variable {KEY_VARIABLE} not set (free key: comtradeplus.un.org)")
    return dataset.file_name, get_bytes(session, dataset.live_url(), {"Ocp-Apim-Subscription-Key": key})


def _records(file_name: str, content: bytes) -> list[tuple[str, dict[str, str]]]:
    """(row locator, record) of a JSON answer or its CSV dump."""
    if not content.strip():
        raise SourceFormatError(file_name, "the file is empty")
    if b"\x00" in content:
        raise SourceFormatError(file_name, "binary or UTF-16 content where text was expected (wrong encoding)")
    if content.lstrip()[:1] == b"{":
        try:
            document = json.loads(content)
        except json.JSONDecodeError as exc:
            raise SourceFormatError(file_name, f"not valid JSON ({exc})") from exc
        if document.get("error"):
            raise SourceFormatError(file_name, f"the API answered with an error: {document['error']}")
        if not isinstance(document.get("data"), list):
            raise SourceFormatError(file_name, "no data array in the JSON answer", field="data")
        return [(f"data[{i}]", {k: "" if v is None else str(v) for k, v in rec.items()})
                for i, rec in enumerate(document["data"])]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")  # the CSV dumps are Windows-1252
        except UnicodeDecodeError as exc:
            raise SourceFormatError(file_name, f"neither UTF-8 nor Windows-1252 text (byte {exc.start})") from exc
    if not text.endswith("\n"):
        raise SourceFormatError(file_name, "the file does not end with a line break: truncated download?")
    rows = csv_rows(file_name, text)
    _, header = next(rows, (0, []))
    records = []
    for line, fields in rows:
        if len(fields) == len(header) + 1 and fields[-1] == "":
            fields = fields[:-1]  # the dump's rows carry one trailing empty field more than the header
        if len(fields) != len(header):
            raise SourceFormatError(file_name, f"{len(fields)} fields where the header has {len(header)}",
                                    row=str(line))
        records.append((str(line), dict(zip(header, fields, strict=True))))
    return records


def _country(file_name: str, row: str, code: str, iso: str, field: str) -> str:
    """ISO3 from the record's ISO column (S19 is an alias of TWN) or its M49 code."""
    if iso:
        return iso
    mapped = from_m49(code)
    if mapped is None:
        raise SourceFormatError(file_name, f"unknown UN M49 code {code!r}", field=field, row=row)
    return mapped


def parse(file_name: str, content: bytes) -> Parsed:
    """Comtrade records (JSON or CSV dump) as annual observations; only partner2 = world totals."""
    records = _records(file_name, content)
    if records:
        missing = [c for c in REQUIRED if c not in records[0][1]]
        if missing:
            raise SourceFormatError(file_name, "missing column(s)", field=", ".join(missing))
    rows = []
    parsed = Parsed({})
    for row, rec in records:
        if rec["partner2Code"] not in ("0", "0.0"):
            parsed.drop("breakdown by second partner (partner2Code not 0): only world totals are loaded")
            continue
        reporter = _country(file_name, row, rec["reporterCode"], rec["reporterISO"], "reporterCode")
        code = f"{rec['cmdCode']}:{rec['flowCode']}"
        if rec["partnerCode"] not in ("0", "0.0"):
            code += ":" + _country(file_name, row, rec["partnerCode"], rec["partnerISO"], "partnerCode")
        try:
            value = float(rec["primaryValue"])
            year = int(float(rec["refYear"]))
        except ValueError:
            raise SourceFormatError(file_name, f"value {rec['primaryValue']!r} or year {rec['refYear']!r} is "
                                    "not a number", field="primaryValue", row=row) from None
        taiwan = rec["reporterCode"] == "490" or rec["reporterISO"] == "S19"
        rows.append((code, reporter, "A", date(year, 1, 1), value, TAIWAN_FLAG if taiwan else "", row))
    frame = pd.DataFrame.from_records(
        rows, columns=["indicator_code", "country_code", "freq", "period", "value", "flags", "_row"])
    observations, notes = flag_incomplete_years(frame)
    parsed.tables["observations"] = observations
    parsed.notes += notes
    return parsed


def flag_incomplete_years(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Flag world-export values of years in which a large exporter did not report (its share and every
    rank of that year would be overstated), with a note per such year."""
    exports = frame[frame["indicator_code"] == WORLD_EXPORTS]
    if exports.empty:
        return frame, []
    by_year = exports.pivot_table(index="country_code", columns="period", values="value", aggfunc="sum")
    shares = 100 * by_year / by_year.sum()
    large = shares.index[(shares >= LARGE_SHARE).any(axis=1)]
    frame, notes = frame.copy(), []
    for position, period in enumerate(by_year.columns):
        missing = sorted(c for c in large if pd.isna(by_year.loc[c, period]))
        if not missing:
            continue
        rows = (frame["indicator_code"] == WORLD_EXPORTS) & (frame["period"] == period)
        frame.loc[rows, "flags"] = [flags.add(f, flags.INCOMPLETE_COVERAGE) for f in frame.loc[rows, "flags"]]
        weight = ""
        if position:
            before = by_year.columns[position - 1]
            weight = f" ({shares.loc[missing, before].sum():.0f}% of {before.year}'s total)"
        notes.append(f"{period.year}: large exporters missing: {', '.join(missing)}{weight}; that year's values "
                     f"are flagged {flags.INCOMPLETE_COVERAGE}")
    return frame, notes


def _api(flow: str, reporter: str, partner: str):
    return lambda: API.format(flow=flow, reporter=reporter, partner=partner, periods=last_twelve_years())


collector = Collector(
    id="comtrade",
    schedule="0 3 1 * *",
    cadence_days=120,
    provenance=Provenance(
        producer="United Nations Statistics Division",
        title="UN Comtrade Database (HS 8542)",
        url="https://comtradeplus.un.org/",
        license="UN Comtrade terms of use (cite 'UN Comtrade Database'; bulk redistribution restricted)",
        citation="United Nations, UN Comtrade Database, https://comtradeplus.un.org/.",
    ),
    datasets=(
        Dataset(key="exports_to_world", url=_api("X", "", "0"), fetch=fetch_with_key,
                mirror_glob="comtrade_v1_C_A_HS_8542_exports_all_reporters_to_world*",
                file_name="comtrade_v1_C_A_HS_8542_exports_all_reporters_to_world.json"),
        Dataset(key="chn_imports_from_usa", url=_api("M", "156", "842"), fetch=fetch_with_key,
                mirror_glob="comtrade_v1_C_A_HS_8542_CHN_imports_from_USA*", mirror_folder="comtrade",
                file_name="comtrade_v1_C_A_HS_8542_CHN_imports_from_USA.json"),
    ),
    parse=parse,
    indicators=INDICATORS,
    mirror_folder="semiconductors",
    secrets=(KEY_VARIABLE,),
    country_field="reporterCode",
)
