"""Reader for Our World in Data grapher CSVs (``Entity,Code,Year,<value columns>``).

The country is the ISO3 ``Code`` where one is given; otherwise the ``Entity`` name (OWID aggregates
such as "Asia" or "NATO (CSET)" map to no country and are listed in ``unmapped_codes``).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from collectors.base import Parsed
from collectors.csvfile import csv_rows, decode
from collectors.errors import SourceFormatError

ID_COLUMNS = ("Entity", "Code", "Year")
LIVE_URL = "https://ourworldindata.org/grapher/{slug}.csv?v=1&csvType=full&useColumnShortNames=false"


def parse_grapher(file_name: str, content: bytes, columns: dict[str, str]) -> Parsed:
    """Long observations from a grapher CSV; ``columns`` maps value column names to indicator codes."""
    rows = csv_rows(file_name, decode(file_name, content))
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise SourceFormatError(file_name, "no header line") from None
    missing = [c for c in (*ID_COLUMNS, *columns) if c not in header]
    if missing:
        raise SourceFormatError(file_name, "missing column(s) in header", field=", ".join(missing),
                                row=str(header_line))
    at = {name: header.index(name) for name in (*ID_COLUMNS, *columns)}
    records = []
    for line, fields in rows:
        if len(fields) != len(header):
            raise SourceFormatError(file_name, f"{len(fields)} fields where the header has {len(header)}",
                                    row=str(line))
        entity, code, year = (fields[at[c]].strip() for c in ID_COLUMNS)
        if not (year.isdigit() and len(year) == 4):
            raise SourceFormatError(file_name, f"year {year!r} is not a year", field="Year", row=str(line))
        for column, indicator in columns.items():
            cell = fields[at[column]].strip()
            if not cell:
                continue
            try:
                value = float(cell)
            except ValueError:
                raise SourceFormatError(file_name, f"value {cell!r} is not a number", field=column,
                                        row=f"{line} ({entity})") from None
            records.append((indicator, code or entity, "A", date(int(year), 1, 1), value, "", f"{line} ({entity})"))
    frame = pd.DataFrame.from_records(
        records, columns=["indicator_code", "country_code", "freq", "period", "value", "flags", "_row"])
    return Parsed({"observations": frame})
