"""Period labels as sources write them (``2024``, ``2024-05``, ``2024-Q2``, ``2Q25``, ``2024-05-17``),
turned into the first day of the period and its precision."""

from __future__ import annotations

import re
from datetime import date

from collectors.errors import SourceFormatError

PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), lambda m: (date(*map(int, m.groups())), "day")),
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: (date(int(m[1]), int(m[2]), 1), "month")),
    (re.compile(r"^(\d{4})-Q([1-4])$"), lambda m: (date(int(m[1]), 3 * int(m[2]) - 2, 1), "quarter")),
    (re.compile(r"^([1-4])Q(\d{2})$"), lambda m: (date(2000 + int(m[2]), 3 * int(m[1]) - 2, 1), "quarter")),
    (re.compile(r"^(\d{4})$"), lambda m: (date(int(m[1]), 1, 1), "year")),
)


def month_start(file_name: str, key: str, where: str) -> date:
    """The first day of a ``YYYYMM`` month key; anything else is an error naming the row."""
    if not (len(key) == 6 and key.isdigit() and 1 <= int(key[4:]) <= 12):
        raise SourceFormatError(file_name, f"month {key!r} is not YYYYMM", field="month", row=where)
    return date(int(key[:4]), int(key[4:]), 1)


def period_start(file_name: str, label: str, field: str, row: str) -> tuple[date, str]:
    """(first day, precision) of a period label; anything else is an error naming the field and row."""
    text = label.strip()
    for pattern, build in PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return build(match)
            except ValueError:
                break
    raise SourceFormatError(file_name, f"period {label!r} is not a date, month, quarter or year", field=field,
                            row=row)
