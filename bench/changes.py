"""Benchmark: what changed, over a warehouse of every source and several revised versions.

Collects the mirror into a temporary home (or reads --home), then publishes --versions more versions, each
from a copy of OECD MSTI with every --every-th value of each file raised by 1% (so each version revises
hundreds of values). Prints the time of ``warehouse.changes.history`` on the current file (cold: a new
connection each time), of the What changed page's layout in ko and en and of the Atom feed (the dashboard's
memoized views forgotten first), the feed's size and the number of values the versions revised.

    python bench/changes.py [--home KAIM_HOME] [--mirror ../shared/data] [--versions 5] [--every 7] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

VALUE = re.compile(r'OBS_VALUE="([^"]+)"')


def revise_copy(source: Path, target: Path, every: int, round_: int) -> None:
    """``target``: the MSTI files of ``source`` with every ``every``-th value (offset by the round) raised 1%."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.xml")):
        count = 0

        def bump(match: re.Match) -> str:
            nonlocal count
            count += 1
            if (count + round_) % every:
                return match.group(0)
            return f'OBS_VALUE="{float(match.group(1)) * 1.01:.9g}"'

        (target / path.name).write_text(VALUE.sub(bump, path.read_text(encoding="utf-8")), encoding="utf-8")


def timed(function, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path)
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--every", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    os.environ["KAIM_FORECAST_AFTER_COLLECT"] = "0"
    home = args.home or Path(tempfile.mkdtemp(prefix="kaim-bench-changes-"))
    os.environ["KAIM_HOME"] = str(home)

    from kaim.cli import main as kaim

    started = time.perf_counter()
    if args.home is None:
        kaim(["collect", "--mirror", str(args.mirror)])
    work = Path(tempfile.mkdtemp(prefix="kaim-bench-mirror-"))
    for round_ in range(args.versions):
        revise_copy(args.mirror / "oecd_msti", work / "oecd_msti", args.every, round_)
        kaim(["collect", "oecd_msti", "--mirror", str(work)])
    print(f"setup: {time.perf_counter() - started:.1f} s (home {home})")

    import duckdb

    from dashboard import data
    from dashboard.pages import changes as page
    from kaim.settings import load_settings
    from warehouse import changes

    settings = load_settings()
    kept = changes.versions(settings.warehouse)
    current = settings.warehouse.published_dir / kept[0].name

    def compute():
        with duckdb.connect(str(current), read_only=True) as con:
            return changes.history(changes.connection_runner(con), kept)

    seconds, history = timed(compute, args.repeats)
    print(f"versions kept: {len(kept)}; values revised: {sum(v.n_revised for v in history):,}; "
          f"new: {sum(v.n_new for v in history):,}; removed: {sum(v.n_removed for v in history):,}")
    print(f"warehouse.changes.history (new connection each time): median {seconds * 1000:.0f} ms")

    from dashboard.app import create_app

    with data.using(data.Reader(settings.dashboard)):
        app = create_app(settings.dashboard)
        for lang in ("ko", "en"):
            def render(lang=lang):
                data.forget_views()
                return page.layout(lang, {})
            seconds, _ = timed(render, args.repeats)
            print(f"page layout ({lang}), memoized views forgotten: median {seconds * 1000:.0f} ms")
        client = app.server.test_client()

        def feed():
            data.forget_views()
            return client.get("/en/feed.atom").data
        seconds, body = timed(feed, args.repeats)
        print(f"Atom feed (en), memoized views forgotten: median {seconds * 1000:.0f} ms, {len(body):,} bytes, "
              f"{body.count(b'<entry>'):,} entries")
        seconds, _ = timed(lambda: client.get("/en/feed.atom").data, args.repeats)
        print(f"Atom feed (en), memoized: median {seconds * 1000:.1f} ms")
    if args.home is None:
        shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
