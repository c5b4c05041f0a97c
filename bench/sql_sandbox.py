"""Benchmark: the SQL page's attacks (issue 11) replayed through the sandbox process the web app now uses.

For each attack and for an ordinary 10,000-row query, run as the SQL page runs them (``run_isolated`` with
the settings' limits: 768 MB, 10 s, 10 MB), prints the elapsed time, the outcome, the bytes the caller
received, and the peak RSS of the calling process (a web worker) and of the query's child process. Then
20 clients repeat 10-second queries for a while through the host-wide slots while this process keeps
answering an ordinary dashboard query: the outcomes and that query's p50/p95.

    python bench/sql_sandbox.py [--home KAIM_HOME] [--mirror ../shared/data] [--attack-seconds 15]
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# `python bench/sql_sandbox.py` puts bench/ first on the path, where bench/dashboard.py would hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

from dashboard import data  # noqa: E402
from dashboard.limits import Busy, Slots  # noqa: E402
from kaim.settings import Settings, load_settings  # noqa: E402
from warehouse import sandbox  # noqa: E402

UNINTERRUPTIBLE = "SELECT regexp_matches(repeat('a', 5000000 + r.range::INT), '(a?){900}a{900}b') FROM range(1) AS r"
CASES = {
    "memory: repeat 100 MB x 50": "SELECT repeat('x', 100000000) FROM range(50)",
    "ignores interrupts: regexp": UNINTERRUPTIBLE,
    "wide rows: 10,000 x 50 KB": "SELECT range AS i, repeat('x', 50000) AS s FROM range(10000)",
    "list_sort of 30M": "SELECT len(list_sort(range(30000000 + r.range))) FROM range(1) AS r",
    "ordinary: 10,000 rows": "SELECT * FROM observation_vintages LIMIT 10000",
}
ORDINARY_SQL = """SELECT country_iso3, year, value FROM observations
WHERE indicator_id = 'oecd_msti:G_XGDP' AND country_iso3 IN ('KOR', 'USA', 'CHN', 'JPN') ORDER BY ALL"""


class Records(logging.Handler):
    """Keeps the sandbox's log records: each says what the child sent and its peak memory."""

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def status_mb(field: str) -> float:
    return int(re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M).group(1)) / 1024


def reset_peak() -> float:
    """Forget this process's peak RSS (Linux clear_refs 5); its RSS now in MB."""
    Path("/proc/self/clear_refs").write_text("5")
    return status_mb("VmRSS")


def isolated(settings: Settings, sql: str) -> tuple[str, float]:
    """(outcome, seconds) of one query as the SQL page runs it."""
    started = time.monotonic()
    try:
        result = sandbox.run_isolated(data.reader().path, sql, row_limit=10_000, max_bytes=settings.sql_max_bytes,
                                      memory_mb=settings.sql_memory_mb, seconds=settings.sql_seconds)
    except (sandbox.QueryFailed, sandbox.QueryRefused) as exc:
        return f"failed: {exc}", time.monotonic() - started
    cut = f", cut by {result.reason}" if result.truncated else ""
    return f"{len(result.frame):,} rows{cut}", time.monotonic() - started


def attacks(settings: Settings, log: Records) -> None:
    print(f"{'case':28s} {'seconds':>7s} {'bytes':>11s} {'caller MB':>15s} {'child MB':>8s}  outcome")
    for name, sql in CASES.items():
        before = reset_peak()
        outcome, seconds = isolated(settings, sql)
        record = log.records[-1]
        print(f"{name:28s} {seconds:7.2f} {record.sql_bytes:11,d} {before:6.0f} → {status_mb('VmHWM'):6.0f} "
              f"{record.sql_child_peak_mb:8.0f}  {outcome}")


def client(settings: Settings, until: float, outcomes: Counter) -> None:
    """One attacker: a 10-second query again and again, through the slots, until ``until``."""
    slots = Slots(settings.run_dir, "sql", settings.sql_concurrency)
    while time.monotonic() < until:
        try:
            with slots.acquire():
                outcome, _ = isolated(settings, UNINTERRUPTIBLE)
                outcomes["cut off" if "cut off" in outcome else outcome] += 1
        except Busy:
            outcomes["busy"] += 1
            time.sleep(0.2)


def crowd(settings: Settings, seconds: float) -> None:
    """20 attackers for ``seconds`` while this process answers an ordinary query every 50 ms."""
    outcomes: Counter = Counter()
    until = time.monotonic() + seconds
    before = reset_peak()
    threads = [threading.Thread(target=client, args=(settings, until, outcomes)) for _ in range(20)]
    for thread in threads:
        thread.start()
    latencies = []
    while time.monotonic() < until:
        started = time.perf_counter()
        data.reader().query(ORDINARY_SQL)
        latencies.append(time.perf_counter() - started)
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(f"\n20 clients repeating 10 s queries for {seconds:g} s, {settings.sql_concurrency} slots: "
          f"{dict(outcomes)}")
    print(f"ordinary query meanwhile: {len(latencies)} runs, p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; caller RSS {before:.0f} → peak "
          f"{status_mb('VmHWM'):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--attack-seconds", type=float, default=15.0)
    args = parser.parse_args()

    log = Records()
    logging.getLogger("warehouse.sandbox").addHandler(log)
    logging.getLogger("warehouse.sandbox").setLevel(logging.INFO)
    with tempfile.TemporaryDirectory(prefix="kaim-bench-") as tmp:
        home = args.home or Path(tmp) / "home"
        if args.home is None:
            subprocess.run([sys.executable, "-m", "kaim.cli", "collect", "country_meta", "oecd_msti", "worldbank",
                            "--mirror", str(args.mirror)], check=True,
                           env={**os.environ, "KAIM_HOME": str(home), "KAIM_FORECAST_AFTER_COLLECT": "0"},
                           stderr=subprocess.DEVNULL)
        settings = replace(load_settings({"KAIM_HOME": str(home)}), sql_memory_mb=768, sql_seconds=10.0,
                           sql_max_bytes=10_000_000, sql_concurrency=2)
        data.set_reader(data.Reader(settings.dashboard))
        data.reader().query(ORDINARY_SQL)  # the worker's own connection, open as in a serving worker
        attacks(settings, log)
        crowd(settings, args.attack_seconds)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
