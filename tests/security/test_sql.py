"""Researchers' SQL against the running server: each query in its own capped process, a host-wide limit
on queries at once, and a link that runs nothing (issue 11's SQL findings)."""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.security.conftest import LIMITS
from tests.warehouse.test_sandbox import UNINTERRUPTIBLE

SECONDS = float(LIMITS["KAIM_SQL_SECONDS"])


def run(visitor, sql: str, lang: str = "en") -> tuple[requests.Response, str]:
    answer = visitor.post("sql-result.rowData", {"sql-run": 1}, {"sql-query": sql, "lang": lang}, timeout=120)
    status = answer.json()["response"]["sql-status"]["children"] if answer.status_code == 200 else answer.text
    return answer, status


def worker_rss_mb(server_pid: int) -> list[float]:
    """Resident memory of the gunicorn workers (the children of the server's master process), in MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"PPid:\t{server_pid}\n" in text:
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024)
    assert sizes, "no worker process found"
    return sizes


def test_a_link_fills_the_box_and_runs_nothing(visitor):
    (spec,) = [s for s in visitor.specs if "sql-result.rowData" in s["output"]]
    assert spec["prevent_initial_call"] is True
    layout = requests.get(visitor.base + "/_dash-layout", timeout=30,
                          headers={"Referer": visitor.base + "/en/sql?q=SELECT%2042%20AS%20answer"}).text
    assert "SELECT 42 AS answer" in layout and "Press Run" in layout


def test_the_memory_attack_fails_in_its_own_process_and_the_workers_stay_small(visitor, server):
    answer, status = run(visitor, "SELECT repeat('x', 100000000) FROM range(50)")
    assert answer.status_code == 200 and "used more than" in status and "MB of memory" in status
    assert max(worker_rss_mb(server[1].pid)) < 1024


def test_a_query_that_ignores_interrupts_is_killed_on_time(visitor):
    started = time.monotonic()
    _, status = run(visitor, UNINTERRUPTIBLE.format(n=5_000_000))
    assert f"cut off after {SECONDS:g} s" in status
    assert time.monotonic() - started < 3 * SECONDS  # killed, not waited for (alone it runs for minutes)


def test_wide_rows_are_cut_at_the_byte_cap(visitor, server):
    answer, status = run(visitor, "SELECT range AS i, repeat('x', 50000) AS s FROM range(10000)")
    assert "cut off at 2 MB" in status
    assert len(answer.content) < 3 * int(LIMITS["KAIM_SQL_MAX_BYTES"])  # JSON of rows under the cap, not 500 MB
    assert max(worker_rss_mb(server[1].pid)) < 1024


def test_beyond_the_concurrent_queries_the_answer_is_busy(visitor):
    slow = UNINTERRUPTIBLE.format(n=5_000_000)
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: run(visitor, slow)[1], range(4)))
    assert sum("Busy" in s for s in statuses) >= 2, statuses  # 2 slots (KAIM_SQL_CONCURRENCY)
    assert sum("cut off after" in s for s in statuses) <= 2


def test_refusals_and_the_csv_download_come_from_the_server(visitor):
    _, status = run(visitor, "COPY (SELECT 1) TO '/tmp/kaim-evil.csv'")
    assert status.startswith("Refused:") and not Path("/tmp/kaim-evil.csv").exists()
    answer = visitor.post("sql-download.data", {"sql-csv": 1}, {"sql-query": "SELECT 42 AS answer", "lang": "en"})
    assert json.loads(answer.text)["response"]["sql-download"]["data"]["content"] == "answer\n42\n"
