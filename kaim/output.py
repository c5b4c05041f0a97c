"""What the command line shows: run descriptions, summaries, the status table, result formats."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from warehouse.tables import TABLES
from warehouse.writer import Run, utcnow

FORMATS = ("table", "csv", "json")

STATUS_SQL = """
WITH ranked AS (
    SELECT *, row_number() OVER (PARTITION BY source_id ORDER BY finished DESC) AS n
    FROM collector_runs
), last_run AS (
    SELECT * FROM ranked WHERE n = 1
), failing AS (  -- consecutive failures since the last run that did not fail
    SELECT source_id, count(*) AS consecutive_failures
    FROM ranked AS r
    WHERE status = 'failed'
      AND n < coalesce((SELECT min(n) FROM ranked AS k WHERE k.source_id = r.source_id
                        AND k.status <> 'failed'), 1e9)
    GROUP BY source_id
), rows_loaded AS (
    SELECT source_id, sum(rows) AS rows, max(latest_period) AS latest_period FROM ({row_counts}) GROUP BY ALL
)
SELECT s.source_id, l.finished AS last_run, l.status, coalesce(f.consecutive_failures, 0) AS failures,
       r.rows, r.latest_period, s.vintage,
       date_diff('day', s.fetched_at, $now) AS age_days,
       CASE WHEN coalesce(f.consecutive_failures, 0) >= $failing THEN 'failing'
            WHEN s.fetched_at IS NULL THEN 'never'
            WHEN date_diff('day', s.fetched_at, $now) <= s.cadence_days THEN 'fresh'
            WHEN date_diff('day', s.fetched_at, $now) <= 2 * s.cadence_days THEN 'due'
            ELSE 'overdue' END AS freshness,
       l.message
FROM sources AS s
LEFT JOIN last_run AS l USING (source_id)
LEFT JOIN failing AS f USING (source_id)
LEFT JOIN rows_loaded AS r USING (source_id)
ORDER BY s.source_id
"""


#: Core tables whose current rows count as a source's rows, with the column giving their latest period.
ROW_TABLES = {"observations": "period", "country_meta": "NULL", **{name: "NULL" for name in TABLES}}
MESSAGE_WIDTH = 90


def _row_counts_sql() -> str:
    return " UNION ALL ".join(
        f"SELECT p.source_id, count(*) AS rows, CAST(max({period}) AS DATE) AS latest_period FROM core.{table} "
        f"JOIN core.current_payloads AS p USING (payload_id) GROUP BY p.source_id"
        for table, period in ROW_TABLES.items())


def describe_run(run: Run) -> str:
    """One line on a source's run, e.g. ``ok: 6 new payload(s), 10,276 rows (412 new or revised)``."""
    if run.status == "ok":
        return (f"ok: {run.payloads_new} new payload(s), {run.rows_added:,} rows "
                f"({run.rows_changed:,} new or revised)")
    if run.status == "unchanged":
        return "unchanged: payloads identical to the loaded ones, 0 rows added"
    return f"FAILED: {run.message}"


def collect_summary(runs: list[Run], published: Path) -> str:
    counts = {s: sum(r.status == s for r in runs) for s in ("ok", "unchanged", "failed")}
    rows = sum(r.rows_added for r in runs)
    text = (f"{len(runs)} source(s): {counts['ok']} ok, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed; {rows:,} rows added")
    return f"{text}; published {published}"


def status_frame(con: duckdb.DuckDBPyConnection, failing_after: int = 3) -> pd.DataFrame:
    """Per source: last run, status, consecutive failures, rows, latest period, vintage, age, freshness
    (fresh, due, overdue, never collected, or failing after ``failing_after`` failed runs in a row)."""
    frame = con.execute(STATUS_SQL.format(row_counts=_row_counts_sql()),
                        {"now": utcnow(), "failing": failing_after}).df()
    return frame.astype({"rows": "Int64"})


def render(frame: pd.DataFrame, fmt: str) -> str:
    """A result frame as an aligned text table, CSV or JSON records."""
    if fmt == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if fmt == "json":
        return frame.to_json(orient="records", date_format="iso", force_ascii=False)
    if frame.empty:
        return "(no rows)\n" + "  ".join(frame.columns)
    shown = frame.copy()
    for column in shown.columns:  # keep the table readable: long texts are cut (csv and json keep them)
        if not pd.api.types.is_string_dtype(shown[column]):
            continue
        shown[column] = shown[column].map(
            lambda v: v if not isinstance(v, str) or len(v) <= MESSAGE_WIDTH else v[: MESSAGE_WIDTH - 1] + "…")
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_datetime64_any_dtype(values):  # DATE columns come back as midnight timestamps
            dates_only = (values.dropna().dt.normalize() == values.dropna()).all()
            shown[column] = values.dt.strftime("%Y-%m-%d" if dates_only else "%Y-%m-%d %H:%M:%S")
    return shown.astype(object).where(shown.notna(), "").to_string(index=False)
