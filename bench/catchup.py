"""Benchmark: the catch-up page's callbacks, over every indicator x peer choice (ko and en) and a scenario of
each kind per indicator.

A browser (headless Chromium) loads /en/catchup on `kaim serve` over loopback and changes each control once;
its callback requests are the templates, with the indicator, peer, language and scenario values replaced to
cover every choice. Prints the server time of each callback kind: (1) in this process with every memoized
view forgotten first (what a combination costs the first time anyone asks for it), (2) over loopback as
served (`kaim serve`, gunicorn). Target: p95 under 100 ms.

    python bench/catchup.py [--home KAIM_HOME] [--mirror ../shared/data] [--workers 2] [--repeats 3]

Without --home it collects the mirror and forecasts the focus peers' series (a few minutes).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from loopback import collect, free_port, start_server  # bench/loopback.py, imported before bench/ leaves the path
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

FOCUS = "KOR,USA,CHN,JPN,TWN,DEU"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def capture(base: str) -> dict[str, dict]:
    """One callback request per kind (peers, odds, paths, table, scenario, url), as the browser sends them."""
    found: dict[str, dict] = {}

    def sent(request) -> None:
        body = request.post_data
        if "_dash-update-component" not in request.url or not body:
            return
        output = json.loads(body)["output"]
        kind = ("url" if output.startswith("url.") else "peers" if "catchup-peer.options" in output
                else "odds" if "catchup-summary" in output else "paths" if "catchup-paths" in output
                else "table" if "catchup-table" in output else "scenario" if "scenario-answer" in output else None)
        if kind and kind not in found:
            found[kind] = {"url": request.url, "body": json.loads(body)}

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu"])
        page = browser.new_context().new_page()
        page.on("request", sent)
        page.goto(base + "/en/catchup")
        page.wait_for_load_state("networkidle")
        page.locator("#catchup-indicator").click()
        page.get_by_role("option").nth(1).click()
        page.wait_for_load_state("networkidle")
        page.get_by_label("Growth to reach a value", exact=True).check()
        page.wait_for_timeout(1500)
        browser.close()
    missing = {"peers", "odds", "paths", "table", "scenario", "url"} - set(found)
    if missing:
        sys.exit(f"no {', '.join(sorted(missing))} callback seen")
    return found


def _with(template: dict, values: dict[str, object], lang: str) -> str:
    body = copy.deepcopy(template)
    for part in ("inputs", "state"):
        for item in body.get(part, []):
            if item["id"] in values:
                item["value"] = values[item["id"]]
            if item["id"] == "lang":
                item["value"] = lang
    return json.dumps(body)


def calls(templates: dict[str, dict], choices: dict[str, list[str]], starts: dict[str, float]) -> list[tuple]:
    """(kind, url, body) for every indicator x peer x language, and per indicator each scenario kind."""
    out = []
    for lang in ("ko", "en"):
        for indicator, peers in choices.items():
            for kind in ("peers", "table"):
                t = templates[kind]
                out.append((kind, t["url"], _with(t["body"], {"catchup-indicator": indicator}, lang)))
            for peer in peers:
                for kind in ("odds", "paths", "url"):
                    t = templates[kind]
                    out.append((kind, t["url"],
                                _with(t["body"], {"catchup-indicator": indicator, "catchup-peer": peer}, lang)))
            for kind, amount in (("rank", 1), ("value", round(1.2 * starts.get(indicator, 1.0), 6)), ("growth", 3)):
                t = templates["scenario"]
                out.append(("scenario", t["url"], _with(t["body"], {
                    "catchup-indicator": indicator, "scenario-kind": kind, "scenario-amount": amount,
                    "scenario-year": 2030}, lang)))
    return out


def choices_of(home: Path) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Per indicator of the catch-up table, its peers; and Korea's latest value (a scenario's value target)."""
    import duckdb

    from warehouse import publish
    from warehouse.config import WarehouseConfig

    with duckdb.connect(str(publish.latest(WarehouseConfig(home))), read_only=True) as con:
        rows = con.execute("SELECT indicator_id, list(peer_iso3 ORDER BY peer_iso3) FROM catch_up "
                           "WHERE country_iso3 = 'KOR' GROUP BY 1 ORDER BY 1").fetchall()
        starts = dict(con.execute("SELECT indicator_id, arg_max(value, year) FROM observations WHERE "
                                  "country_iso3 = 'KOR' AND freq = 'A' GROUP BY 1").fetchall())
    return {indicator: peers for indicator, peers in rows}, starts


def uncached(home: Path, work: list[tuple]) -> tuple[float, dict[str, list[float]]]:
    """Seconds to read the page's data of a published version (once per version, at the warm-up), and the
    handler time per callback in this process with every memoized view and scenario query forgotten first."""
    os.environ["KAIM_HOME"] = str(home)
    from dashboard import data
    from dashboard.app import create_app
    from dashboard.pages import catchup
    from kaim.settings import load_settings

    client = create_app(load_settings().dashboard).server.test_client()
    client.get("/en/catchup")
    catchup._stored.cache_clear()
    started = time.perf_counter()
    catchup.stored()
    load = time.perf_counter() - started
    times: dict[str, list[float]] = {}
    for kind, url, body in work:
        data.forget_views()
        catchup._fetched.cache_clear()
        path = "/" + url.split("://", 1)[1].split("/", 1)[1]
        started = time.perf_counter()
        response = client.post(path, data=body, headers={"Content-Type": "application/json"})
        times.setdefault(kind, []).append(time.perf_counter() - started)
        assert response.status_code in (200, 204), (response.status_code, response.data[:300])
    return load, times


def replay(work: list[tuple], repeats: int) -> tuple[dict[str, list[float]], list[str]]:
    """Server time of each request over loopback, and the errors (a dropped connection or a status other
    than 200 or 204), which are not timed."""
    session = requests.Session()
    times: dict[str, list[float]] = {}
    errors = []
    for _ in range(repeats):
        for kind, url, body in work:
            started = time.perf_counter()
            try:
                response = session.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=60)
            except requests.RequestException as exc:
                errors.append(f"{kind}: {type(exc).__name__}")
                session = requests.Session()
                continue
            if response.status_code not in (200, 204):
                errors.append(f"{kind}: HTTP {response.status_code}: {response.text[:200]}")
                continue
            times.setdefault(kind, []).append(time.perf_counter() - started)
    return times, errors


def report(title: str, times: dict[str, list[float]]) -> None:
    print(title + f" [load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores]")
    every = [v for values in times.values() for v in values]
    for kind, values in [*sorted(times.items()), ("all", every)]:
        print(f"  {kind:9s} n={len(values):5d}  p50 {1000 * statistics.median(values):6.1f} ms  "
              f"p95 {1000 * percentile(values, 95):6.1f} ms  max {1000 * max(values):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a KAIM_HOME with a published warehouse and forecasts")
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kaim-bench-") as tmp:
        home = args.home or Path(tmp)
        if args.home is None:
            collect(home, args.mirror, forecast_all=True)
        choices, starts = choices_of(home)
        port = free_port()
        server = start_server(home, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            templates = capture(base)
            work = calls(templates, choices, starts)
            served, errors = replay(work, args.repeats)
        finally:
            server.terminate()
            server.wait()
        pairs = sum(len(p) for p in choices.values())
        print(f"catch-up page: {len(choices)} indicators, {pairs} indicator x peer pairs, ko and en; "
              f"{len(work)} callback requests")
        load, first = uncached(home, work)
        print(f"(0) the page's data of a published version, read once (at the warm-up): {1000 * load:.0f} ms")
        report("(1) in process, every memoized view and scenario query forgotten first (first ask of each "
               "combination):", first)
        report(f"(2) over loopback, kaim serve with {args.workers} worker(s), {args.repeats} passes (cached after "
               "the first):", served)
        print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))


if __name__ == "__main__":
    main()
