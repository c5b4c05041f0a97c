"""Per source: its last run, status, consecutive failures, rows, latest period and how complete it is,
rows left out, the producer's date, vintage and freshness (what `kaim status` prints and the dashboard's
sources page shows)."""

from __future__ import annotations

import duckdb
import pandas as pd

from warehouse import flags
from warehouse.records import utcnow
from warehouse.tables import TABLES

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
), latest AS (  -- the values of each source's latest period, and those of a part-period or missing reporters
    SELECT o.source_id, count(*) AS latest_values,
           count(*) FILTER (WHERE {incomplete}) AS latest_incomplete,
           CASE WHEN bool_or(o.flags LIKE '%{part}%') THEN '{part}'
                WHEN bool_or(o.flags LIKE '%{coverage}%') THEN '{coverage}' END AS latest_flag
    FROM observations AS o
    JOIN (SELECT source_id, max(period) AS period FROM observations GROUP BY ALL) AS m USING (source_id, period)
    GROUP BY ALL
), dropped AS (
    SELECT source_id, sum(rows) AS dropped FROM dropped_rows GROUP BY ALL
)
SELECT s.source_id, l.finished AS last_run, l.status, coalesce(f.consecutive_failures, 0) AS failures,
       r.rows, r.latest_period, c.latest_values, c.latest_incomplete, c.latest_flag,
       coalesce(d.dropped, 0) AS dropped, s.producer_date, s.vintage,
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
LEFT JOIN latest AS c USING (source_id)
LEFT JOIN dropped AS d USING (source_id)
ORDER BY s.source_id
"""


#: Core tables whose current rows count as a source's rows, with the column giving their latest period.
ROW_TABLES = {"observations": "period", "country_meta": "NULL", **{name: "NULL" for name in TABLES}}


def _row_counts_sql() -> str:
    return " UNION ALL ".join(
        f"SELECT p.source_id, count(*) AS rows, CAST(max({period}) AS DATE) AS latest_period FROM core.{table} "
        f"JOIN core.current_payloads AS p USING (payload_id) GROUP BY p.source_id"
        for table, period in ROW_TABLES.items())


def status_frame(con: duckdb.DuckDBPyConnection, failing_after: int = 3) -> pd.DataFrame:
    """Per source: last run, status, consecutive failures, rows, latest period, vintage, age, freshness
    (fresh, due, overdue, never collected, or failing after ``failing_after`` failed runs in a row)."""
    sql = STATUS_SQL.format(row_counts=_row_counts_sql(), incomplete=flags.incomplete_sql("o.flags"),
                            part=flags.PART_PERIOD, coverage=flags.INCOMPLETE_COVERAGE)
    frame = con.execute(sql, {"now": utcnow(), "failing": failing_after}).df()
    return frame.astype({"rows": "Int64", "latest_values": "Int64", "latest_incomplete": "Int64", "dropped": "Int64"})
