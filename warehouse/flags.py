"""Flags the product itself puts on observations (beside the producers' own, e.g. P provisional): values
of a period that was not over when the producer released them, and values of a period in which large
reporters are missing. Headlines, ranks, catch-up and forecasts use complete periods only; charts show
flagged values, marked."""

from __future__ import annotations

import pandas as pd

#: The period (year, quarter, month) was not over at the producer's date: a part-period total.
PART_PERIOD = "part-period"
#: Large reporters of other periods are missing from this one: totals, shares and ranks are overstated.
INCOMPLETE_COVERAGE = "incomplete-coverage"
INCOMPLETE = (PART_PERIOD, INCOMPLETE_COVERAGE)
SEPARATOR = ";"


def add(flags: str | None, token: str) -> str:
    """``flags`` with ``token`` appended (once)."""
    parts = [p for p in (flags or "").split(SEPARATOR) if p]
    return SEPARATOR.join(parts if token in parts else [*parts, token])


def is_complete(flags: object) -> bool:
    """Whether a value's flags mark neither a part-period nor incomplete coverage."""
    return incomplete_reason(flags) is None


def incomplete_reason(flags: object) -> str | None:
    """The product's flag that makes a value incomplete (``PART_PERIOD`` or ``INCOMPLETE_COVERAGE``), if any."""
    parts = str(flags).split(SEPARATOR) if isinstance(flags, str) else []
    return next((token for token in INCOMPLETE if token in parts), None)


def incomplete_sql(column: str = "flags") -> str:
    """A SQL condition, true where ``column`` marks the value incomplete (the twin of ``is_complete``)."""
    return "coalesce(" + " OR ".join(f"{column} LIKE '%{token}%'" for token in INCOMPLETE) + ", false)"


def complete_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` (with a ``flags`` column) whose period is complete."""
    return frame[frame["flags"].map(is_complete)] if not frame.empty else frame
