"""Benchmark: issue 11's findings replayed against ``kaim serve --workers 2`` (no proxy), each with its figure.

Collects every source into a fresh home (readable by the unprivileged user the server runs as when
started by root), starts the server with the default limits, then per finding prints the answer, the
time, the response size and the largest worker's resident memory (and its query children's) during
and after it; finally an ordinary visit's p95 while 20 clients repeat heavy queries. Slow clients are
nginx's business: see bench/public.py.

    python bench/attacks.py [--mirror ../shared/data]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [str(REPO)] + [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

from tests.security.conftest import Visitor  # noqa: E402

EXPLORER = {"explorer-indicator": "oecd_msti:G_XGDP", "explorer-countries": ["KOR", "USA"],
            "explorer-years": [2000, 2024], "explorer-norm": "abs", "explorer-year": 2022}
BRIEFING = '{"format":["ALL"],"type":"briefing"}'
FORMATS = [{"type": "briefing", "format": f} for f in ("pdf", "html", "xlsx")]
SLOW_SQL = "SELECT regexp_matches(repeat('a', 5000000 + r.range::INT), '(a?){900}a{900}b') FROM range(1) AS r"


def rss_mb(pid: int) -> float:
    try:
        return int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1)) / 1024
    except (OSError, AttributeError):
        return 0.0


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"PPid:\t{pid}\n" in status.read_text():
                found.append(int(status.parent.name))
        except OSError:
            continue
    return found


class MemoryWatch:
    """Samples the largest worker's RSS and the largest of their children's (query processes) every 20 ms."""

    def __init__(self, master: int):
        self.master, self.worker, self.child, self._stop = master, 0.0, 0.0, threading.Event()

    def __enter__(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            for worker in children(self.master):
                self.worker = max(self.worker, rss_mb(worker))
                for child in children(worker):
                    self.child = max(self.child, rss_mb(child))
            time.sleep(0.02)

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join()


def attack(name: str, visitor: Visitor, master: int, call) -> None:
    with MemoryWatch(master) as watch:
        started = time.perf_counter()
        answer = call()
        seconds = time.perf_counter() - started
    after = max(rss_mb(w) for w in children(master))
    text = answer.text if answer.status_code != 200 else _status(answer)
    print(f"{name}: HTTP {answer.status_code} in {seconds:.2f} s, {len(answer.content):,} bytes; worker peak "
          f"{watch.worker:.0f} MB (after {after:.0f} MB), query process peak {watch.child:.0f} MB; {text[:110]!r}")


def _status(answer: requests.Response) -> str:
    if answer.status_code != 200:
        return f"HTTP {answer.status_code}"
    response = answer.json().get("response", {})
    if "briefing-download" in response:
        return "printed"
    for key in ("sql-status", "briefing-status"):
        if key in response:
            return str(response[key]["children"])
    return "ok"


def sql(visitor: Visitor, query: str):
    return lambda: visitor.post("sql-result.rowData", {"sql-run": 1}, {"sql-query": query, "lang": "en"}, timeout=120)


def ordinary_visit_p95(visitor: Visitor, seconds: float, attackers: int) -> tuple[float, int, list[str]]:
    stop, outcomes = time.monotonic() + seconds, []

    def attacker(_):
        while time.monotonic() < stop:
            try:
                outcomes.append(_status(sql(visitor, SLOW_SQL)()))
            except requests.ConnectionError:  # a keep-alive connection the server had closed (worker recycled)
                outcomes.append("connection reset")

    latencies = []
    with ThreadPoolExecutor(attackers + 1) as pool:
        running = [pool.submit(attacker, i) for i in range(attackers)]
        while time.monotonic() < stop:
            started = time.perf_counter()
            visitor.post("explorer-note.children", EXPLORER, {"explorer-page": "rd", "lang": "en"})
            latencies.append(time.perf_counter() - started)
            time.sleep(0.2)
        for future in running:
            future.result()
    kinds = sorted({o.split(":")[0] for o in outcomes})
    return statistics.quantiles(latencies, n=20)[-1], len(outcomes), kinds


def start_server(home: Path, port: int) -> subprocess.Popen:
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("KAIM_")}, "KAIM_HOME": str(home),
           "HOME": str(home)}
    return subprocess.Popen([*prefix, sys.executable, "-m", "kaim.cli", "serve", "--port", str(port),
                             "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--port", type=int, default=8761)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="kaim-attacks-", dir="/tmp"))
    home.chmod(0o755)
    subprocess.run([sys.executable, "-m", "kaim.cli", "collect", "--mirror", str(args.mirror)], check=True,
                   env={**os.environ, "KAIM_HOME": str(home), "KAIM_FORECAST_AFTER_COLLECT": "0"},
                   stderr=subprocess.DEVNULL)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "nobody:nogroup", str(home)], check=True)
    server = start_server(home, args.port)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(600):
            try:
                if requests.get(base + "/readyz", timeout=5).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        visitor, master = Visitor(base), server.pid
        print(f"kaim serve --workers 2 as uid {os.stat(f'/proc/{children(master)[0]}').st_uid}; workers at start "
              f"{', '.join(f'{rss_mb(w):.0f}' for w in children(master))} MB")
        attack("briefing with preset /../../../../tmp/kaim-evil/evil", visitor, master, lambda: visitor.post(
            "briefing-download.data", {BRIEFING: [0, 1, 0]}, {"overview-preset": "/../../../../tmp/kaim-evil/evil",
                                                              "lang": "en"}, ids={BRIEFING: FORMATS}))
        print(f"  files outside the private folder: {'yes' if Path('/tmp/kaim-evil').exists() else 'none'}")
        attack("SELECT repeat('x', 100000000) FROM range(50)", visitor, master,
               sql(visitor, "SELECT repeat('x', 100000000) FROM range(50)"))
        attack("regexp that ignores the interrupt", visitor, master, sql(visitor, SLOW_SQL))
        attack("10,000 rows of 50 KB", visitor, master,
               sql(visitor, "SELECT range AS i, repeat('x', 50000) AS s FROM range(10000)"))
        attack("explorer with 500,000 made-up codes", visitor, master, lambda: visitor.post(
            "explorer-note.children", {**EXPLORER, "explorer-countries": [f"Z{i:05d}" for i in range(500_000)]},
            {"explorer-page": "rd", "lang": "en"}))
        attack("explorer with 60 made-up codes", visitor, master, lambda: visitor.post(
            "explorer-note.children", {**EXPLORER, "explorer-countries": [f"Z{i:02d}" for i in range(60)]},
            {"explorer-page": "rd", "lang": "en"}))
        attack("50 MB request body", visitor, master, lambda: requests.post(
            base + "/_dash-update-component", data=b" " * (50 * 2**20), timeout=60,
            headers={"Content-Type": "application/json"}))
        with ThreadPoolExecutor(5) as pool:
            started = time.perf_counter()
            answers = list(pool.map(lambda p: _status(visitor.post(
                "briefing-download.data", {BRIEFING: [1, 0, 0]}, {"overview-preset": p, "lang": "en"},
                ids={BRIEFING: FORMATS}, timeout=120)), ["focus", "asia", "g7", "oecd", "focus"]))
            seconds = time.perf_counter() - started
        print(f"5 PDF briefings at once: {sum(a == 'printed' for a in answers)} printed, "
              f"{sum('try again' in a for a in answers)} told to try again, in {seconds:.1f} s")
        p95, queries, kinds = ordinary_visit_p95(visitor, 30, 20)
        print(f"20 clients repeating heavy queries for 30 s ({queries} answered: {', '.join(kinds)}): ordinary "
              f"callback p95 {p95 * 1000:.0f} ms; workers now "
              f"{', '.join(f'{rss_mb(w):.0f}' for w in children(master))} MB")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
