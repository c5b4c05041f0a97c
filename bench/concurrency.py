"""Benchmark: reader processes querying the published warehouse while the writer publishes repeatedly.

Prints reader queries per second, reader p50/p95 latency and errors (target 0), publish times, and
the time from a publish to the first reader seeing the new version (target under 2 s).

    python bench/concurrency.py [--readers 4] [--publishes 10] [--home KAIM_HOME] [--mirror ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from loopback import collect  # bench/loopback.py, imported before bench/ leaves the path

REPO = Path(__file__).resolve().parents[1]
# `python bench/concurrency.py` puts bench/ first on the path, where bench/dashboard.py would hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

READER = textwrap.dedent("""
    import json, sys, time, duckdb
    from pathlib import Path
    published, stop = Path(sys.argv[1]), Path(sys.argv[2])
    latencies, errors, first_seen = [], 0, {}
    while not stop.exists():
        started = time.perf_counter()
        try:
            name = (published / "CURRENT").read_text().strip()
            with duckdb.connect(str(published / name), read_only=True) as con:
                con.execute("SELECT country_iso3, avg(value) FROM observations WHERE year >= 2015 "
                            "GROUP BY 1").fetchall()
            first_seen.setdefault(name, time.time())
            latencies.append(time.perf_counter() - started)
        except Exception:
            errors += 1
    print(json.dumps({"latencies": latencies, "errors": errors, "first_seen": first_seen}))
""")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--publishes", type=int, default=10)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between publishes")
    parser.add_argument("--home", type=Path)
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()

    from kaim.settings import load_settings
    from warehouse import publish
    from warehouse.writer import Writer

    with tempfile.TemporaryDirectory(prefix="kaim-bench-") as tmp:
        home = args.home or Path(tmp) / "home"
        if args.home is None:
            collect(home, args.mirror)
        settings = load_settings({"KAIM_HOME": str(home)})
        stop = Path(tmp) / "stop"
        readers = [subprocess.Popen([sys.executable, "-c", READER, str(settings.warehouse.published_dir), str(stop)],
                                    stdout=subprocess.PIPE, text=True) for _ in range(args.readers)]
        time.sleep(2)
        published_at, publish_seconds = {}, []
        started = time.time()
        with Writer(settings.warehouse, "bench/concurrency.py") as writer:
            for _ in range(args.publishes):
                t0 = time.perf_counter()
                path = publish.publish(writer.con, settings.warehouse)
                published_at[path.name] = time.time()
                publish_seconds.append(time.perf_counter() - t0)
                time.sleep(args.pause)
        stop.touch()
        results = [json.loads(r.communicate()[0]) for r in readers]
        elapsed = time.time() - started + 2

    latencies = [x for r in results for x in r["latencies"]]
    errors = sum(r["errors"] for r in results)
    visible = [min(r["first_seen"].get(name, float("inf")) for r in results) - at for name, at in published_at.items()]
    seen = [v for v in visible if v != float("inf")]
    print(f"readers: {args.readers} processes, {len(latencies)} queries in {elapsed:.1f} s "
          f"({len(latencies) / elapsed:.1f}/s), p50 {percentile(latencies, 50) * 1000:.0f} ms, "
          f"p95 {percentile(latencies, 95) * 1000:.0f} ms, errors {errors}")
    print(f"publishes: {len(publish_seconds)}, each median {statistics.median(publish_seconds):.2f} s "
          f"(max {max(publish_seconds):.2f} s); all succeeded")
    print(f"publish to first reader seeing it: median {statistics.median(seen):.3f} s, max {max(seen):.3f} s "
          f"({len(seen)} of {len(visible)} versions seen)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
