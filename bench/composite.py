"""Benchmark: the AI position index's Monte Carlo (1,000 draws) on a warehouse collected from the mirror.

Prints, per peer group (and for every economy with a value of every pillar indicator's source), the server
time of ``composite.index_table``: the point index plus 1,000 draws over weights, normalisation and
forecast-filled values (target under 1 s), and the worst case where every cell is drawn
with noise, median and maximum of ``--repeat`` runs, and the time of the
panel (the year's cells) on its own.

    python bench/composite.py [--home KAIM_HOME] [--mirror ../shared/data] [--repeat 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from loopback import collect  # bench/loopback.py, imported before bench/ leaves the path

REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

from dashboard import composite, data  # noqa: E402
from dashboard.pages import index as page  # noqa: E402
from dashboard.state import PRESETS  # noqa: E402
from kaim.settings import load_settings  # noqa: E402


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def run(home: Path, repeat: int) -> None:
    settings = load_settings({"KAIM_HOME": str(home)})
    with data.using(data.Reader(settings.dashboard)):
        values = page.values()
        year = page.default_year()
        economies = sorted(set(values.loc[values["year"] == year, "country_iso3"])
                           & set(data.countries().loc[~data.countries()["is_aggregate"].astype(bool), "iso3"]))
        groups = {**PRESETS, "60 economies (page maximum)": economies[:60], "every economy with a value": economies}
        print(f"year {year}, draws {composite.DRAWS}, normalisations {', '.join(composite.NORMALISATIONS)}")
        runs = [(name, countries, year) for name, countries in groups.items()]
        # A year the forecasts fill (after most last observations): the draws include the forecasts' noise.
        runs.append((f"focus, {year + 2} (forecasts)", PRESETS["focus"], year + 2))
        for name, countries, year in runs:
            forecasts = page.forecasts(countries)
            p = composite.panel(values, forecasts, year, countries)
            panel_times = timed(lambda c=countries, f=forecasts, y=year: composite.panel(values, f, y, c), repeat)
            times = timed(lambda p=p: composite.index_table(p, [1, 1, 1, 1], "minmax"), repeat)
            noisy = int((p.sd > 0).sum())
            print(f"{name:>28}: {len(countries):2d} countries, {noisy} forecast cells; Monte Carlo + index "
                  f"median {statistics.median(times) * 1000:6.1f} ms, max {max(times) * 1000:6.1f} ms; "
                  f"panel {statistics.median(panel_times) * 1000:5.1f} ms")
        # The page's whole view (panel, draws, figure, description, table, sealed card) for a combination nobody
        # asked for yet (the view forgotten; the year's values stay cached per version), and the values query.
        times = timed(lambda: data.index_values.__wrapped__(), repeat)
        print(f"{'values query (once a version)':>28}: median {statistics.median(times) * 1000:6.1f} ms, "
              f"max {max(times) * 1000:6.1f} ms")
        for name in ("focus", "oecd"):
            def view(countries=PRESETS[name]):
                page.index_view.cache_clear()
                page.index_view(runs[0][2], countries, [5, 5, 5, 5], "minmax", "en")
            times = timed(view, repeat)
            print(f"{'page view, ' + name + ' (uncached)':>28}: median {statistics.median(times) * 1000:6.1f} ms, "
                  f"max {max(times) * 1000:6.1f} ms")
        # The worst case: every economy, every cell drawn with noise (sd 5% of its value), as if forecasts filled
        # them all.
        p = composite.panel(values, page.forecasts(economies), runs[0][2], economies)
        worst = dataclasses.replace(p, sd=np.nan_to_num(np.abs(p.values) * 0.05))
        times = timed(lambda: composite.index_table(worst, [1, 1, 1, 1], "minmax"), repeat)
        print(f"{'every cell drawn (worst)':>28}: {len(economies):2d} countries; Monte Carlo + index median "
              f"{statistics.median(times) * 1000:6.1f} ms, max {max(times) * 1000:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path)
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kaim-bench-composite-") as tmp:
        home = args.home or Path(tmp) / "home"
        if args.home is None:
            collect(home, args.mirror)
        run(home, args.repeat)


if __name__ == "__main__":
    main()
