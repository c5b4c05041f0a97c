"""Benchmark: the public deployment under load (README, "Deploying in public").

nginx running deploy/nginx/kaim.conf (only its ports and folders replaced) in front of two `kaim serve`
instances started as an unprivileged user, on a warehouse collected from the mirror. Every simulated
client connects from its own loopback address (127.0.x.y), so nginx's per-client limits see each as
a different visitor. A visit is what a browser asks of the instances when it opens a page and clicks
a control: the page's document, its layout, then the explorer callback recorded from a real click in
headless Chromium (/usr/bin/chromium). Prints:

(a) 50 users for 30 s, each visiting a page then thinking 0.5-1.5 s: requests, p50/p95, errors;
(b) an ordinary visitor's p95 while 20 attackers POST heavy SQL-page callbacks (the Run click
    recorded from the SQL page, with `SELECT repeat('x', 100000000) FROM range(50)` and a query that
    would run for minutes) as fast as they are answered;
(c) an ordinary visitor's p95 while 50 slow clients hold connections (one header line every 5 s,
    reconnecting whenever nginx cuts them off);
(d) the peak memory of each gunicorn worker and of the SQL query processes under them (from /proc).

    python bench/public.py [--users 50] [--seconds 30] [--workers 1] [--home KAIM_HOME] [--mirror ../shared/data]
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import random
import re
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# `python bench/public.py` puts bench/ first on the path, where bench/dashboard.py would hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

PAGES = ["overview", "rd", "semis", "funding", "models", "compare", "policy", "sources"]
HEAVY_SQL = ["SELECT repeat('x', 100000000) FROM range(50)",
             "SELECT count(*) FROM range(1000000000000) t(i) WHERE hash(i) % 7 = 0"]
#: The SQL page's status line, by its start: what happened to an attacker's query.
SQL_STATUS = {"Busy": "busy", "Too many": "rate-limited by the app", "Refused": "refused", "Failed": "failed"}


def load_stack():
    """tests/deploy/stack.py: the same deployment the tests run."""
    spec = importlib.util.spec_from_file_location("kaim_deploy_stack", REPO / "tests" / "deploy" / "stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


class Client:
    """HTTP requests to nginx from one loopback address (a new connection each, as measured)."""

    def __init__(self, port: int, address: str):
        self.port, self.address = port, address

    def request(self, method: str, path: str, body: bytes | None = None, timeout: float = 60,
                **headers: str) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(self.address, 0))
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read(), time.perf_counter() - started
        finally:
            conn.close()


def record_callbacks(url: str) -> tuple[str, str]:
    """Request bodies of a real click: the explorer's normalisation (R&D page) and Run on the SQL page."""
    from playwright.sync_api import sync_playwright

    def posted(part: str):
        return lambda r: "_dash-update-component" in r.url and part in (r.post_data or "")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu"])
        page = browser.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{url}/en/rd")
        with page.expect_request(posted("card-graph")) as clicked:
            page.get_by_role("radio", name="% of GDP").check()
        explorer = clicked.value.post_data
        page.goto(f"{url}/en/sql")
        page.fill("#sql-query", "SELECT 42 AS answer")
        with page.expect_request(posted('"sql-run"')) as clicked:
            page.click("#sql-run")
        sql = clicked.value.post_data
        browser.close()
    return explorer, sql


def with_values(body: str, **values: object) -> bytes:
    """A recorded callback body with some inputs' or states' values changed (by component id)."""
    request = json.loads(body)
    for item in request.get("inputs", []) + request.get("state", []):
        if isinstance(item.get("id"), str) and item["id"] in values:
            item["value"] = values[item["id"]]
    return json.dumps(request).encode()


class Visitor:
    """A page visit and a click: document, layout, explorer callback. Records each request."""

    def __init__(self, client: Client, explorer: str):
        self.client, self.explorer = client, explorer
        self.requests: list[float] = []
        self.visits: list[float] = []
        self.statuses: Counter[int | str] = Counter()

    def visit(self) -> None:
        page = random.choice(PAGES)
        body = with_values(self.explorer, **{"explorer-norm": random.choice(["abs", "pct_gdp", "ppp"]),
                                             "explorer-year": random.randint(2015, 2022)})
        referer = f"http://127.0.0.1:{self.client.port}/en/{page}"
        started = time.perf_counter()
        ok = True
        for method, path, payload, headers in [
            ("GET", f"/en/{page}", None, {}),
            ("GET", "/_dash-layout", None, {"Referer": referer}),
            ("POST", "/_dash-update-component", body, {"Content-Type": "application/json", "Referer": referer}),
        ]:
            try:
                status, _, seconds = self.client.request(method, path, payload, **headers)
            except OSError as exc:
                self.statuses[type(exc).__name__] += 1
                ok = False
                break
            self.statuses[status] += 1
            self.requests.append(seconds)
            ok = ok and status == 200
        if ok:
            self.visits.append(time.perf_counter() - started)

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != 200)


def run_visitors(port: int, explorer: str, count: int, seconds: float, think: tuple[float, float],
                 subnet: int) -> list[Visitor]:
    visitors = [Visitor(Client(port, f"127.0.{subnet}.{i + 1}"), explorer) for i in range(count)]
    stop = time.monotonic() + seconds

    def loop(visitor: Visitor) -> None:
        while time.monotonic() < stop:
            visitor.visit()
            time.sleep(random.uniform(*think))

    with ThreadPoolExecutor(count) as pool:
        list(pool.map(loop, visitors))
    return visitors


def summary(visitors: list[Visitor]) -> str:
    requests = [s for v in visitors for s in v.requests]
    visits = [s for v in visitors for s in v.visits]
    statuses = sum((v.statuses for v in visitors), Counter())
    errors = sum(v.errors for v in visitors)
    other = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items(), key=str) if status != 200)
    return (f"{len(visits)} visits, {len(requests)} requests; request p50 {ms(percentile(requests, 50))}, "
            f"p95 {ms(percentile(requests, 95))}; visit p50 {ms(percentile(visits, 50))}, "
            f"p95 {ms(percentile(visits, 95))}; errors {errors}" + (f" ({other})" if other else ""))


def sql_outcome(answer: bytes) -> str:
    """What the SQL page's status line says about a query: busy, rate-limited, failed (why), ran."""
    try:
        line = str(json.loads(answer)["response"]["sql-status"]["children"])
    except (ValueError, KeyError, TypeError):
        return "unreadable answer"
    shape = re.sub(r"[0-9][0-9.,]*", "N", line)[:70]  # one kind of message, whatever its figures
    kind = next((kind for start, kind in SQL_STATUS.items() if line.startswith(start)), "ran")
    return f"{kind}: {shape.removeprefix('Failed: ')}" if kind in ("failed", "ran") else kind


def attack(port: int, sql_body: str, count: int, stop: threading.Event) -> Counter[str]:
    """``count`` attackers, each posting heavy SQL-page callbacks as fast as they are answered."""
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def loop(index: int) -> None:
        client = Client(port, f"127.0.2.{index + 1}")
        n = index
        while not stop.is_set():
            body = with_values(sql_body, **{"sql-query": HEAVY_SQL[n % len(HEAVY_SQL)], "sql-run": n + 1})
            n += 1
            try:
                status, answer, _ = client.request("POST", "/_dash-update-component", body,
                                                   **{"Content-Type": "application/json"})
                kind = sql_outcome(answer) if status == 200 else f"HTTP {status}"
            except OSError as exc:
                kind = type(exc).__name__
            with lock:
                outcomes[kind] += 1

    with ThreadPoolExecutor(count) as pool:
        for index in range(count):
            pool.submit(loop, index)
        stop.wait()
    return outcomes


def slow_clients(port: int, count: int, every: float, stop: threading.Event) -> list[float]:
    """``count`` clients trickling one header line every ``every`` s; seconds each connection lasted."""
    lasted: list[float] = []

    def loop(index: int) -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=30,
                                                source_address=(f"127.0.3.{index + 1}", 0))
            except OSError:
                time.sleep(0.5)
                continue
            try:
                sock.sendall(b"GET /en/overview HTTP/1.1\r\nHost: kaim\r\n")
                line = 0
                while not stop.is_set():
                    if select.select([sock], [], [], every)[0] and sock.recv(4096) == b"":
                        raise ConnectionResetError
                    sock.sendall(b"X-Slow-%d: 1\r\n" % line)
                    line += 1
            except OSError:  # nginx closed or reset the connection
                lasted.append(time.monotonic() - started)
            finally:
                sock.close()

    with ThreadPoolExecutor(count) as pool:
        for index in range(count):
            pool.submit(loop, index)
        stop.wait()
    return lasted


class MemorySampler(threading.Thread):
    """Peak RSS of every gunicorn worker and of the processes under them (SQL queries, renders)."""

    def __init__(self, deployment):
        super().__init__(daemon=True)
        self.deployment = deployment
        self.workers: dict[int, tuple[int, int]] = {}  # pid -> (instance, peak kB)
        self.children: dict[int, int] = {}  # pid -> peak kB
        self.done = threading.Event()

    @staticmethod
    def _status(pid: int) -> dict[str, int]:
        try:
            lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            return {}
        return {k: int(v.split()[0]) for k, _, v in (ln.partition(":") for ln in lines) if k in ("VmRSS", "VmHWM")}

    def run(self) -> None:
        while not self.done.wait(0.2):
            parents = self._parents()
            for instance, pids in self.deployment.worker_pids().items():
                for pid in pids:
                    peak = max(self._status(pid).values(), default=0)
                    self.workers[pid] = (instance, max(peak, self.workers.get(pid, (instance, 0))[1]))
                    for child in self._descendants(pid, parents):
                        peak = max(self._status(child).values(), default=0)
                        self.children[child] = max(peak, self.children.get(child, 0))

    @staticmethod
    def _parents() -> dict[int, list[int]]:
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(stat.parent.name))
        return children

    @staticmethod
    def _descendants(pid: int, children: dict[int, list[int]]) -> list[int]:
        found, queue = [], [pid]
        while queue:
            kids = children.get(queue.pop(), [])
            found += kids
            queue += kids
        return found


def ordinary_during(port: int, explorer: str, seconds: float, background) -> tuple[list[Visitor], object]:
    """Three ordinary visitors (think 0.5 s) for ``seconds`` while ``background(stop)`` runs."""
    stop = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(background, stop)
        time.sleep(3)  # let the attack or the slow clients take hold first
        visitors = run_visitors(port, explorer, 3, seconds, (0.4, 0.6), subnet=4)
        stop.set()
        return visitors, running.result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--attackers", type=int, default=20)
    parser.add_argument("--slow", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per instance")
    parser.add_argument("--home", type=Path, help="an existing KAIM_HOME (default: collect into a new one)")
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    stack = load_stack()

    root = Path(tempfile.mkdtemp(prefix="kaim-bench-public-", dir="/tmp"))  # readable by the instances' user
    root.chmod(0o755)
    try:
        home = args.home or root / "home"
        if args.home is None:
            started = time.perf_counter()
            collect = subprocess.run([sys.executable, "-m", "kaim.cli", "collect", "--mirror", str(args.mirror)],
                                     env={**os.environ, "KAIM_HOME": str(home)}, capture_output=True, text=True)
            if collect.returncode != 0:
                sys.exit(f"collect failed:\n{collect.stderr[-3000:]}")
            print(f"collect (every source, forecasts): {time.perf_counter() - started:.1f} s")
        with stack.Deployment(home, root, workers=args.workers) as deployment:
            sampler = MemorySampler(deployment)
            sampler.start()
            version = json.loads(stack.get(deployment.instance_url(0) + "/readyz")[2])["version"]
            print(f"nginx (deploy/nginx/kaim.conf) -> 2 instances x {args.workers} worker(s), as "
                  f"{'nobody' if os.geteuid() == 0 else 'the current user'}; warehouse {version}; "
                  f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
            explorer, sql = record_callbacks(deployment.url)

            visitors = run_visitors(deployment.port, explorer, args.users, args.seconds, (0.5, 1.5), subnet=1)
            print(f"(a) {args.users} users for {args.seconds:.0f} s (visit = document, layout, explorer callback; "
                  f"think 0.5-1.5 s): {summary(visitors)}")

            visitors, outcomes = ordinary_during(deployment.port, explorer, args.seconds,
                                                 lambda stop: attack(deployment.port, sql, args.attackers, stop))
            print(f"(b) while {args.attackers} attackers post heavy SQL callbacks: ordinary {summary(visitors)}")
            print("    attackers' answers: " + ", ".join(f"{k} {n}" for k, n in outcomes.most_common()))

            visitors, lasted = ordinary_during(deployment.port, explorer, args.seconds,
                                               lambda stop: slow_clients(deployment.port, args.slow, 5.0, stop))
            print(f"(c) while {args.slow} slow clients hold connections: ordinary {summary(visitors)}")
            if lasted:
                print(f"    slow connections cut off by nginx: {len(lasted)}, after a median "
                      f"{statistics.median(lasted):.1f} s (max {max(lasted):.1f} s)")

            sampler.done.set()
            sampler.join()
            for pid, (instance, peak) in sorted(sampler.workers.items(), key=lambda kv: kv[1]):
                print(f"(d) instance {instance} worker {pid}: peak RSS {peak / 1024:.0f} MB")
            if sampler.children:
                print(f"(d) processes under the workers (SQL queries, renders): {len(sampler.children)}, "
                      f"largest peak RSS {max(sampler.children.values()) / 1024:.0f} MB")
            errors = deployment.error_log.read_text(errors="replace")
            print(f"nginx error log: {errors.count('limiting requests')} requests refused by limit_req, "
                  f"{errors.count('limiting connections')} by limit_conn")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
