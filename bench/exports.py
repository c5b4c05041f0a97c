"""Benchmark: analyst and researcher exports on a warehouse collected from the mirror.

Prints: briefing PDF time (target under 10 s), HTML and XLSX times, Parquet export of the whole
warehouse (target under 5 s), and the SQL page rendering 10,000 rows in headless Chromium, from the
click on Run to the grid showing them (target under 1 s).

    python bench/exports.py [--home KAIM_HOME] [--mirror ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# `python bench/exports.py` puts bench/ first on the path, where bench/dashboard.py would hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

from dashboard import data, report  # noqa: E402
from kaim.settings import load_settings  # noqa: E402
from warehouse import publish  # noqa: E402
from warehouse.export import export_parquet  # noqa: E402

PEERS = ["USA", "CHN", "JPN", "TWN", "DEU"]
SQL_10K = "SELECT * FROM observation_vintages LIMIT 10000"


def load_loopback():
    """bench/loopback.py (bench/ is off the import path, see above)."""
    spec = importlib.util.spec_from_file_location("bench_loopback", REPO / "bench" / "loopback.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def sql_page_render(base: str, repeat: int) -> list[float]:
    """Seconds from clicking Run to the grid showing 10,000 rows (its status line and first cells)."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/en/sql")
        page.wait_for_selector("#sql-result .ag-root-wrapper", timeout=60_000)  # empty until Run
        for _ in range(repeat):
            page.locator("#sql-query").fill(f"{SQL_10K} -- {time.time()}")
            started = time.perf_counter()
            page.locator("#sql-run").click()
            page.wait_for_function(  # a function, not an expression: the app's CSP forbids eval
                "() => document.querySelector('#sql-status').innerText.startsWith('10,000 rows')", timeout=60_000)
            page.wait_for_selector("#sql-result .ag-row[row-index='0'] .ag-cell", timeout=60_000)
            times.append(time.perf_counter() - started)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kaim-bench-") as tmp:
        home = args.home or Path(tmp) / "home"
        if args.home is None:
            load_loopback().collect(home, args.mirror)
        settings = load_settings({"KAIM_HOME": str(home)})
        data.set_reader(data.Reader(settings.dashboard))
        out = Path(tmp)
        results = {fmt: timed(lambda f=fmt: report.write("KOR", PEERS, "ko", f, out / f"briefing.{f}"), args.repeat)
                   for fmt in ("pdf", "html", "xlsx")}
        published = publish.latest(settings.warehouse)
        size = published.stat().st_size / 1e6
        html_size = (out / "briefing.html").stat().st_size / 1e6
        data.reader().close()  # the export opens the file with its own configuration
        results["parquet"] = timed(lambda: export_parquet(published, out / "parquet"), args.repeat)

        server_bench = load_loopback()  # the same server start as bench/dashboard.py
        port = server_bench.free_port()
        server = server_bench.start_server(home, port, workers=1)
        try:
            results["sql page 10k rows"] = sql_page_render(f"http://127.0.0.1:{port}", args.repeat)
        finally:
            server.terminate()
            server.wait()

    for name, times in results.items():
        print(f"{name:18s} median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
              f"{len(times)} runs)")
    print(f"HTML briefing {html_size:.1f} MB; warehouse file {size:.1f} MB; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
