"""Benchmark: a full `kaim collect --mirror` (parse, validate, load, publish) from an empty KAIM_HOME.

Prints wall seconds and peak resident memory of the collecting process, for the first collect
(everything new) and a second one (everything unchanged), for the R&D sources and for all sources.
Targets: R&D under 10 s and 500 MB; all sources under 20 s and 800 MB.

    python bench/collect.py [--mirror ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


R_AND_D = ["country_meta", "oecd_msti", "worldbank"]


def run_collect(home: Path, mirror: Path, sources: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one `kaim collect --mirror` in a fresh process."""
    # collect and publish only: forecasting after a collect is measured by `kaim forecast` on its own
    env = {**os.environ, "KAIM_HOME": str(home), "KAIM_FORECAST_AFTER_COLLECT": "0"}
    with tempfile.TemporaryFile(mode="w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "kaim.cli", "collect", *sources, "--mirror", str(mirror)],
                                 env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # wait4 gives this child's own peak RSS
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            sys.exit(f"collect failed ({child.returncode}):\n{err.read()}")
    return wall, usage.ru_maxrss / 1024


def measure(mirror: Path, sources: list[str]) -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory(prefix="kaim-bench-") as tmp:
        first = run_collect(Path(tmp), mirror, sources)
        second = run_collect(Path(tmp), mirror, sources)
    return {"first": first, "second": second}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    for name, sources in (("R&D sources", R_AND_D), ("all sources", [])):
        results = [measure(args.mirror, sources) for _ in range(args.repeat)]
        for label in ("first", "second"):
            walls = [r[label][0] for r in results]
            peaks = [r[label][1] for r in results]
            print(f"{name}, {label} collect+publish: wall median {statistics.median(walls):.2f} s "
                  f"(min {min(walls):.2f}, max {max(walls):.2f}); peak RSS max {max(peaks):.0f} MB")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; "
          f"repeats {args.repeat}; mirror {args.mirror}")


if __name__ == "__main__":
    main()
