"""Benchmark: what a pinned link (``?v=<stamp>``) costs a request, in process (Flask's test client, so the
figures are the app's own time, not the network's).

Collects the mirror's World Bank files into a temporary home and publishes ``--versions`` versions, then
times the first layout of the R&D page unpinned, pinned to the current version and pinned to the oldest
(its first open includes opening that file), and the lookup of a stamp in the published folder.

    python bench/pinning.py [--mirror ../shared/data] [--versions 12] [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(call, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def summary(label: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)
    print(f"{label:<44} p50 {1000 * statistics.median(times):7.2f} ms   p95 {1000 * p95:7.2f} ms   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--versions", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="kaim-bench-pin-"))
    os.environ.update(KAIM_HOME=str(home), KAIM_FORECAST_AFTER_COLLECT="0", KAIM_KEEP_VERSIONS=str(args.versions))
    from kaim.cli import main as kaim
    from kaim.settings import load_settings

    if kaim(["collect", "country_meta", "worldbank", "--mirror", args.mirror]) != 0:
        sys.exit("collect failed")
    for _ in range(args.versions - 1):
        kaim(["publish"])
    from dashboard.app import create_app
    from warehouse import pins

    settings = load_settings()
    stamps = sorted(pins.published(settings.warehouse))
    print(f"{len(stamps)} published versions in {settings.warehouse.published_dir}")
    client = create_app(settings.dashboard).server.test_client()

    def layout(query: str):
        return lambda: client.get("/_dash-layout", headers={"Referer": f"http://localhost/en/rd{query}"})

    layout("")()  # warm: open the current version, fill the caches
    summary("lookup of a stamp in the published folder", timed(lambda: pins.published(settings.warehouse),
                                                                args.repeat))
    summary("R&D layout, unpinned", timed(layout(""), args.repeat))
    summary("R&D layout, pinned to the current version", timed(layout(f"?v={stamps[-1]}"), args.repeat))
    summary("R&D layout, oldest version: first open", timed(layout(f"?v={stamps[0]}"), 1))
    summary("R&D layout, oldest version: later", timed(layout(f"?v={stamps[0]}"), args.repeat))


if __name__ == "__main__":
    main()
