"""Reader for World Bank WDI bulk CSVs (``API_<indicator>_DS2_...csv`` and the metadata sidecars).

Accepts both the originals (UTF-8 BOM, CRLF, trailing comma on every line) and LF copies without BOM.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from collectors.base import Parsed
from collectors.csvfile import csv_rows, decode
from collectors.errors import SourceFormatError

WIDE_ID_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")


def parse_wide(file_name: str, content: bytes) -> Parsed:
    """A WDI wide CSV as long observations (indicator, country, year, value); empty cells are skipped."""
    rows = csv_rows(file_name, decode(file_name, content))
    release = None
    for line, fields in rows:
        if fields[0] == "Last Updated Date" and len(fields) > 1:
            release = fields[1]
        if fields[0] == "Country Name":
            header, header_line = fields, line
            break
    else:
        raise SourceFormatError(file_name, "no header line starting with \"Country Name\"")

    missing = [c for c in WIDE_ID_COLUMNS if c not in header]
    if missing:
        raise SourceFormatError(file_name, "missing column(s) in header", field=", ".join(missing),
                                row=str(header_line))
    col = {name: header.index(name) for name in WIDE_ID_COLUMNS}
    years = [(i, int(name)) for i, name in enumerate(header) if name.isdigit() and len(name) == 4]
    if not years:
        raise SourceFormatError(file_name, "no year columns in header", row=str(header_line))

    records = []
    for line, fields in rows:
        if len(fields) != len(header):
            raise SourceFormatError(file_name, f"{len(fields)} fields where the header has {len(header)} "
                                    "(truncated or shifted line)", row=str(line))
        code, indicator = fields[col["Country Code"]], fields[col["Indicator Code"]]
        for i, year in years:
            cell = fields[i].strip()
            if not cell:
                continue
            try:
                value = float(cell)
            except ValueError:
                raise SourceFormatError(file_name, f"value {cell!r} is not a number", field=str(year),
                                        row=f"{line} ({code})") from None
            records.append((indicator, code, "A", date(year, 1, 1), value, "", f"{line} ({code})"))
    frame = pd.DataFrame.from_records(
        records, columns=["indicator_code", "country_code", "freq", "period", "value", "flags", "_row"])
    return Parsed({"observations": frame}, release=release)


def parse_country_metadata(file_name: str, content: bytes) -> Parsed:
    """The ``Metadata_Country`` sidecar: WDI region, income group and name of every code."""
    rows = csv_rows(file_name, decode(file_name, content))
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise SourceFormatError(file_name, "no header line") from None
    wanted = ("Country Code", "Region", "IncomeGroup", "TableName")
    missing = [c for c in wanted if c not in header]
    if missing:
        raise SourceFormatError(file_name, "missing column(s) in header", field=", ".join(missing),
                                row=str(header_line))
    col = {name: header.index(name) for name in wanted}
    records = []
    for line, fields in rows:
        if len(fields) != len(header):
            raise SourceFormatError(file_name, f"{len(fields)} fields where the header has {len(header)}",
                                    row=str(line))
        records.append((fields[col["Country Code"]], fields[col["TableName"]],
                        fields[col["Region"]] or None, fields[col["IncomeGroup"]] or None, str(line)))
    frame = pd.DataFrame.from_records(
        records, columns=["country_code", "wb_name", "region", "income_group", "_row"])
    return Parsed({"country_meta": frame})

