"""Benchmark: the models page's Korean-language leaderboard on a warehouse collected from the mirror.

Prints, per Korean benchmark with scores, the rows, how many have a release date, the gap at the latest release
with both sides, and the server time of the leaderboard and gap cards for a combination nobody asked for yet
(every memoized view forgotten, the model lists read again) and once cached; then the time to work out the
facts (release, size, open weights) of every scored model.

    python bench/leaderboard.py [--home KAIM_HOME] [--mirror ../shared/data] [--repeat 5]
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
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

from dashboard import data  # noqa: E402
from dashboard.pages import models as page  # noqa: E402
from kaim.settings import load_settings  # noqa: E402

BOTH = list(page.REPORTED_BY)


def timed(action, repeat: int, cold: bool) -> list[float]:
    times = []
    for _ in range(repeat):
        if cold:
            data.forget_views()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.1f} ms, max {max(times) * 1000:7.1f} ms"


def run(home: Path, repeat: int) -> None:
    settings = load_settings({"KAIM_HOME": str(home)})
    sizes = list(page.SIZE_BANDS)
    with data.using(data.Reader(settings.dashboard)):
        for benchmark in page.benchmark_choices():
            rows = page.leaderboard(benchmark, BOTH, "all", sizes)
            steps = page.frontier(rows).dropna(subset=["gap"])
            gap = f"gap {steps['gap'].iloc[-1]:+.2f} at {steps['date'].iloc[-1]:%Y-%m-%d}" if len(steps) else "no gap"
            cards = lambda b=benchmark: (page.leaderboard_view(b, BOTH, "all", sizes, "en"),  # noqa: E731
                                         page.gap_view(b, BOTH, "all", sizes, "en"))
            print(f"{benchmark:>52}: {len(rows):3d} rows, {int(rows['release'].notna().sum()):3d} dated, {gap:>26}; "
                  f"cold {ms(timed(cards, repeat, True))}; cached {ms(timed(cards, repeat, False))}")
        with data.reader().cursor() as cursor:
            found = cursor.execute("SELECT DISTINCT model FROM benchmark_scores WHERE list_contains(?, benchmark)",
                                   [list(page.KOREAN_BENCHMARKS)]).fetchall()
        models = [m for (m,) in found]
        page.model_facts(models[0])
        facts = timed(lambda: [page.model_facts(m) for m in models], repeat, False)
        print(f"facts of the {len(models)} scored models: {ms(facts)} in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="a KAIM_HOME with a published warehouse (else a temporary one)")
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.home:
        run(args.home, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KAIM_HOME": tmp, "KAIM_FORECAST_AFTER_COLLECT": "0"}
        subprocess.run([sys.executable, "-m", "kaim.cli", "collect", "--mirror", str(args.mirror), "country_meta",
                        "korea_models", "epoch"], env=env, check=True, stdout=subprocess.DEVNULL)
        run(Path(tmp), args.repeat)


if __name__ == "__main__":
    main()
