"""Faults the writer must survive: SIGKILL mid-load or mid-publish, readers hammering the published
file during publishes, a full disk, and broken or failing live sources."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
import requests
import responses

from collectors.registry import registry, select
from collectors.sources import oecd_msti, worldbank
from kaim.cli import main
from kaim.pipeline import collect
from kaim.settings import load_settings
from tests.collectors.test_fetch import serve_live_sources
from tests.conftest import R_AND_D
from warehouse import publish
from warehouse.lock import WriterLock

KEY = "indicator_id, country_iso3, freq, period"


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def collect_process(home: Path, mirror: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kaim.cli", "collect", "--mirror", str(mirror)],
                            env={**os.environ, "KAIM_HOME": str(home)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_for(condition, process: subprocess.Popen, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("phase", ["load", "publish"])
def test_sigkill_leaves_the_published_warehouse_intact(settings, mirror, phase):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    published = publish.latest(settings.warehouse)
    before = checksum(published)

    process = collect_process(settings.home, mirror)  # all sources: a long load, then a publish
    if phase == "load":
        landed = wait_for(lambda: (settings.warehouse.raw_dir / "leaderboards").exists(), process)
    else:
        landed = wait_for(lambda: any(settings.warehouse.published_dir.glob(".warehouse-*.tmp")), process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert landed, f"the collect ended before reaching the {phase} phase"

    assert publish.latest(settings.warehouse) == published and checksum(published) == before
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM observations").fetchone()[0] > 10_000
    with WriterLock(settings.warehouse.lock_file, "test"):  # released by the kernel when the writer died
        pass

    assert main(["collect", "--mirror", str(mirror)]) == 0
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        total, distinct = con.execute(f"SELECT count(*), count(DISTINCT ({KEY})) FROM observations").fetchone()
        statuses = dict(con.execute("SELECT source_id, arg_max(status, finished) FROM collector_runs "
                                    "GROUP BY 1").fetchall())
    assert total == distinct  # nothing loaded twice
    assert set(statuses) == set(registry()) and set(statuses.values()) <= {"ok", "unchanged"}
    assert not any(settings.warehouse.published_dir.glob(".warehouse-*.tmp"))  # the killed publish's leftover is gone


READER = textwrap.dedent("""
    import json, sys, time, duckdb
    from pathlib import Path
    published, seconds, hold = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "hold"
    queries = errors = 0
    messages = []
    current = published / (published / "CURRENT").read_text().strip()
    held = duckdb.connect(str(current), read_only=True) if hold else None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if held is not None:
                held.execute("SELECT count(*) FROM observations").fetchall()
            else:
                name = (published / "CURRENT").read_text().strip()
                with duckdb.connect(str(published / name), read_only=True) as con:
                    con.execute("SELECT country_iso3, avg(value) FROM observations GROUP BY 1").fetchall()
            queries += 1
        except Exception as exc:
            errors += 1
            messages.append(str(exc)[:200])
    print(json.dumps({"queries": queries, "errors": errors, "messages": messages[:3]}))
""")


def test_readers_never_fail_during_repeated_publishes(settings, mirror):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(settings.warehouse.published_dir), "8", mode],
                                stdout=subprocess.PIPE, text=True)
               for mode in ("loop", "loop", "loop", "hold")]  # "hold": a notebook kept open all along
    time.sleep(1)
    published = [main(["publish"]) for _ in range(5)]
    results = [json.loads(r.communicate()[0]) for r in readers]
    assert published == [0] * 5
    assert [r["errors"] for r in results] == [0, 0, 0, 0], [r["messages"] for r in results]
    assert all(r["queries"] > 0 for r in results)


@pytest.fixture
def small_disk(tmp_path):
    """A 64 MB tmpfs: room for the R&D sources, which the test then fills to a few MB of headroom."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); the full-disk case is untested")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, headroom: int) -> None:
    """Fill ``disk`` with a ballast file until only ``headroom`` bytes are free."""
    stat = os.statvfs(disk)
    ballast = stat.f_bavail * stat.f_frsize - headroom
    with open(disk / "ballast", "wb") as out:
        for _ in range(ballast // 2**20):
            out.write(b"\0" * 2**20)
        out.write(b"\0" * (ballast % 2**20))


def test_full_disk_fails_cleanly_and_the_published_version_survives(small_disk, mirror, monkeypatch, capsys):
    monkeypatch.setenv("KAIM_HOME", str(small_disk / "home"))
    settings = load_settings()
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    published = publish.latest(settings.warehouse)
    before = checksum(published)
    fill(small_disk, headroom=3 * 2**20)  # the other sources' raw payloads and rows do not fit in 3 MB
    capsys.readouterr()

    assert main(["collect", "--mirror", str(mirror)]) != 0
    err = capsys.readouterr().err
    assert "No space left on device" in err, err[-2000:]
    assert publish.latest(settings.warehouse) == published and checksum(published) == before
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM observations").fetchone()[0] > 10_000
    with WriterLock(settings.warehouse.lock_file, "test"):
        pass


@responses.activate
def test_broken_live_source_fails_alone(settings, data_dir):
    serve_live_sources(data_dir)
    faults = {
        "G_XGDP": {"status": 500},
        "B_XGDP": {"body": (data_dir / "oecd_msti" / "B_XGDP_V8.xml").read_bytes()[:20_000]},
        "GV_XGDP": {"body": b""},
        "TP_RS": {"body": requests.exceptions.ConnectTimeout("timed out")},
    }
    for dataset in oecd_msti.collector.datasets:
        if dataset.key in faults:
            responses.replace(responses.GET, dataset.url, **faults[dataset.key])
    session_settings = load_settings({"KAIM_HOME": str(settings.home), "KAIM_HTTP_BACKOFF": "0"})
    result = collect(session_settings, select(["oecd_msti", "worldbank"]))
    runs = {r.source_id: r for r in result.runs}
    assert runs["worldbank"].status == "ok" and runs["oecd_msti"].status == "failed"
    assert "G_XGDP" in runs["oecd_msti"].message and "HTTP 500" in runs["oecd_msti"].message
    assert worldbank.collector.id in {r.source_id for r in result.runs if r.status == "ok"}


@responses.activate
@pytest.mark.parametrize(("fault", "expected"), [
    ({"body": b""}, "the file is empty"),
    ({"body": "<Series>\u00e9".encode("utf-16")}, "not well-formed XML"),
    ({"body": requests.exceptions.ConnectTimeout("timed out")}, "ConnectTimeout"),
])
def test_each_payload_fault_names_the_source_file(settings, data_dir, fault, expected):
    serve_live_sources(data_dir)
    first = oecd_msti.collector.datasets[0]
    responses.replace(responses.GET, first.url, **fault)
    result = collect(load_settings({"KAIM_HOME": str(settings.home), "KAIM_HTTP_BACKOFF": "0"}),
                     select(["oecd_msti"]))
    (run,) = result.runs
    assert run.status == "failed" and expected in run.message
    assert first.key in run.message or first.url in run.message
