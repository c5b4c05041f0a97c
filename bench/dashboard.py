"""Benchmark: the dashboard under `kaim serve` (gunicorn) on loopback, driven by headless Chromium.

Prints (1) time to the first rendered chart on the overview (fresh browser context each run),
(2) server time of the app's callbacks, replaying the callback requests a real browser sent while
loading each page and changing its controls, over loopback and (in this process, with every memoized
view forgotten first) uncached, and (3) a bounded load: N concurrent simulated users replaying those
callbacks for S seconds.
Targets: (1) median under 1.5 s, (2) p95 under 100 ms, (3) p95 under 300 ms and 0 errors.

    python bench/dashboard.py [--home KAIM_HOME] [--mirror ../shared/data] [--users 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from loopback import collect, free_port, start_server  # bench/loopback.py, imported before bench/ leaves the path
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
# `python bench/dashboard.py` puts bench/ first on the path, where this script would hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


#: What the capture does on each page: (page, dropdown id, option label) or (page, radio label).
INTERACTIONS = (
    ("/en/overview", "#overview-preset", "G7"),
    ("/en/rd", "#explorer-preset", "G7"),
    ("/en/rd", "#explorer-indicator", None),
    ("/en/semis", "#explorer-preset", "Korea's Asian competitors"),
    ("/en/funding", "#explorer-preset", "OECD members"),
    ("/en/models", "#explorer-preset", "G7"),
    ("/en/compare", "Bars"),
    ("/en/compare", "Slope"),
    ("/ko/rd", "#explorer-preset", "G7"),
)


def first_chart(base: str, runs: int) -> list[float]:
    """Seconds to the first rendered chart on the overview, each run in a fresh browser context."""
    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base + "/en/overview")
            page.wait_for_selector(".js-plotly-plot .main-svg .barlayer .trace", timeout=60_000)
            timings.append(time.perf_counter() - started)
            context.close()
        browser.close()
    return timings


def capture(base: str) -> list[dict]:
    """The callback requests a browser sends while someone loads each page and changes its controls."""
    captured: list[dict] = []
    pending = [0]

    def sent(request) -> None:
        if "_dash-update-component" in request.url:
            captured.append({"url": request.url, "body": request.post_data})
            pending[0] += 1

    def settle(page) -> None:
        """Wait until no callback has been in flight for 0.5 s (chained callbacks included)."""
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 0.5:
            page.wait_for_timeout(50)
            if pending[0]:
                quiet_since = time.monotonic()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu"])
        page = browser.new_context().new_page()
        page.on("request", sent)
        for event in ("requestfinished", "requestfailed"):
            page.on(event, lambda r: pending.__setitem__(0, pending[0] - ("_dash-update-component" in r.url)))
        for path in dict.fromkeys(step[0] for step in INTERACTIONS):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            settle(page)
            for step in (s for s in INTERACTIONS if s[0] == path):
                if len(step) == 2:
                    page.get_by_label(step[1], exact=True).check()
                else:
                    page.locator(step[1]).click()
                    option = page.get_by_role("option", name=step[2], exact=True) if step[2] else None
                    (option or page.get_by_role("option").nth(1)).click()  # None: another option
                settle(page)
        browser.close()
    return [c for c in captured if c["body"]]


def uncached(home: Path, calls: list[dict]) -> list[float]:
    """Handler time of each callback in this process with every memoized view forgotten first: the
    work a combination of inputs costs the first time any user asks for it."""
    os.environ["KAIM_HOME"] = str(home)
    from dashboard import data
    from dashboard.app import create_app
    from kaim.settings import load_settings

    client = create_app(load_settings().dashboard).server.test_client()
    client.get("/")
    times = []
    for call in calls * 3:
        data.forget_views()
        path = call["url"].split("://", 1)[1].split("/", 1)[1]
        started = time.perf_counter()
        response = client.post("/" + path, data=call["body"], headers={"Content-Type": "application/json"})
        times.append(time.perf_counter() - started)
        assert response.status_code in (200, 204), (response.status_code, call["body"][:200])
    return times


def replay(base: str, calls: list[dict], repeats: int) -> list[float]:
    """Server time (request to full response, loopback) of each captured callback, ``repeats`` times."""
    session = requests.Session()
    times = []
    for _ in range(repeats):
        for call in calls:
            started = time.perf_counter()
            response = session.post(call["url"], data=call["body"], headers={"Content-Type": "application/json"})
            times.append(time.perf_counter() - started)
            response.raise_for_status()
    return times


def load(base: str, calls: list[dict], users: int, seconds: float) -> tuple[list[float], int]:
    """``users`` threads replaying random callbacks back to back for ``seconds``; latencies and errors."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user() -> None:
        session = requests.Session()
        while time.monotonic() < deadline:
            call = random.choice(calls)
            started = time.perf_counter()
            try:
                ok = session.post(call["url"], data=call["body"], headers={"Content-Type": "application/json"},
                                  timeout=30).status_code in (200, 204)  # 204: nothing to update
            except requests.RequestException:
                ok = False
            with lock:
                latencies.append(time.perf_counter() - started)
                errors[0] += not ok

    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a KAIM_HOME with a published warehouse (default: collect one)")
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kaim-bench-") as tmp:
        home = args.home or Path(tmp)
        if args.home is None:
            collect(home, args.mirror)
        port = free_port()
        server = start_server(home, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            timings = first_chart(base, args.runs)
            calls = capture(base)
            server_times = replay(base, calls, repeats=5)
            latencies, errors = load(base, calls, args.users, args.seconds)
        finally:
            server.terminate()
            server.wait()
        fresh_times = uncached(home, calls)

    print(f"first rendered chart on /en/overview: median {statistics.median(timings):.2f} s "
          f"(min {min(timings):.2f}, max {max(timings):.2f}, {len(timings)} fresh browser contexts)")
    print(f"callback server time over loopback: {len(calls)} callbacks x 5: "
          f"p50 {percentile(server_times, 50) * 1000:.0f} ms, p95 {percentile(server_times, 95) * 1000:.0f} ms, "
          f"max {max(server_times) * 1000:.0f} ms")
    print(f"callback handler time, views not cached: {len(calls)} callbacks x 3: "
          f"p50 {percentile(fresh_times, 50) * 1000:.0f} ms, p95 {percentile(fresh_times, 95) * 1000:.0f} ms, "
          f"max {max(fresh_times) * 1000:.0f} ms")
    print(f"load: {args.users} users for {args.seconds:.0f} s, {args.workers} gunicorn workers: "
          f"{len(latencies)} requests ({len(latencies) / args.seconds:.1f}/s), "
          f"p50 {percentile(latencies, 50) * 1000:.0f} ms, p95 {percentile(latencies, 95) * 1000:.0f} ms, "
          f"errors {errors}")
    print(json.dumps({"cores": os.cpu_count(), "load_average": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
