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
from select import select as wait_readable

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
from warehouse.lock import LockHeldError, WriterLock

KEY = "indicator_id, country_iso3, freq, period"


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: Bounds a hang only: every wait below ends on a line a child writes (or on its death), never on time.
HANG = 300


class Lines:
    """The lines a child writes on a pipe, read as they come (``select``, no buffering hides one)."""

    def __init__(self, process: subprocess.Popen):
        self.process, self.fd, self.buffer = process, process.stdout.fileno(), b""

    def next(self) -> str:
        deadline = time.monotonic() + HANG
        while b"\n" not in self.buffer:
            ready, _, _ = wait_readable([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, f"pid {self.process.pid} wrote no line in {HANG} s"
            chunk = os.read(self.fd, 1 << 16)
            assert chunk, f"pid {self.process.pid} ended (exit {self.process.wait()}) before its line"
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode()

    def until(self, wanted: str) -> None:
        while self.next() != wanted:
            pass


#: `kaim collect` of every source, stopped for good at a chosen point of a phase, which it announces on stdout:
#: "load": inside the transaction loading the source named, its rows inserted, not committed;
#: "publish": with the copy to the new version under way (it runs on in a thread), before the swap.
STOPPED_COLLECT = textwrap.dedent("""
    import sys, threading
    from kaim import cli
    from warehouse import publish, writer

    phase, source, mirror = sys.argv[1:]

    def stop(what):
        print(what, flush=True)
        threading.Event().wait()  # until the test kills this process

    if phase == "load":
        insert = writer.Writer._insert_frames

        def stopping_insert(self, batch, *args):
            insert(self, batch, *args)
            if batch.payload.source_id == source:
                stop("loading")

        writer.Writer._insert_frames = stopping_insert
    else:
        real_publish = publish.publish

        class Copying:
            def __init__(self, con):
                self._con = con

            def __getattr__(self, name):
                return getattr(self._con, name)

            def execute(self, sql, *params):
                if sql.startswith("COPY FROM DATABASE"):
                    threading.Thread(target=self._con.execute, args=(sql, *params), daemon=True).start()
                    stop("publishing")
                return self._con.execute(sql, *params)

        publish.publish = lambda con, config: real_publish(Copying(con), config)
    sys.exit(cli.main(["collect", "--mirror", mirror]))
""")


@pytest.mark.parametrize("phase", ["load", "publish"])
def test_sigkill_leaves_the_published_warehouse_intact(settings, mirror, phase, tmp_path):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    published = publish.latest(settings.warehouse)
    before = checksum(published)

    with open(tmp_path / "stopped.err", "wb") as err:  # all sources: a long load, then a publish
        process = subprocess.Popen([sys.executable, "-c", STOPPED_COLLECT, phase, "leaderboards", str(mirror)],
                                   env={**os.environ, "KAIM_HOME": str(settings.home)}, stdout=subprocess.PIPE,
                                   stderr=err)
    try:
        assert Lines(process).next() == {"load": "loading", "publish": "publishing"}[phase], \
            (tmp_path / "stopped.err").read_text()[-2000:]
        if phase == "load":
            assert (settings.warehouse.raw_dir / "leaderboards").is_dir()  # raw first, before loading
        else:
            assert any(settings.warehouse.published_dir.glob(".warehouse-*.tmp"))
        with pytest.raises(LockHeldError):  # the stopped collect is the writer
            WriterLock(settings.warehouse.lock_file, "test").__enter__()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()

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
        leaderboards = [s for (s,) in con.execute("SELECT status FROM collector_runs WHERE source_id = 'leaderboards' "
                                                  "ORDER BY finished").fetchall()]
    assert total == distinct  # nothing loaded twice
    assert set(statuses) == set(registry()) and set(statuses.values()) <= {"ok", "unchanged"}
    # Killed in its load, the source's transaction left nothing; killed in the publish, its committed load stays.
    assert leaderboards == {"load": ["ok"], "publish": ["ok", "unchanged"]}[phase]
    assert not any(settings.warehouse.published_dir.glob(".warehouse-*.tmp*"))  # the killed publish's leftover is gone


#: A reader of the published warehouse until its stdin closes. "loop": opens the version CURRENT names for each
#: query; "hold": keeps the first version open all along (a notebook). Prints each version name it first reads,
#: then its tally as JSON.
READER = textwrap.dedent("""
    import json, select, sys, duckdb
    from pathlib import Path
    published, hold = Path(sys.argv[1]), sys.argv[2] == "hold"
    queries = errors = 0
    messages, seen = [], []
    name = (published / "CURRENT").read_text().strip()
    held = duckdb.connect(str(published / name), read_only=True) if hold else None
    while True:
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
        if name not in seen:
            seen.append(name)
            print(name, flush=True)
        if select.select([sys.stdin], [], [], 0)[0]:  # closed by the test
            break
    print(json.dumps({"queries": queries, "errors": errors, "messages": messages[:3]}))
""")


def test_readers_never_fail_during_repeated_publishes(settings, mirror):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    first = publish.latest(settings.warehouse).name
    modes = ("loop", "loop", "loop", "hold")  # "hold": a notebook kept open all along
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(settings.warehouse.published_dir), mode],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE) for mode in modes]
    try:
        lines = [Lines(r) for r in readers]
        assert [line.next() for line in lines] == [first] * 4  # each has queried the first version
        published = [main(["publish"]) for _ in range(5)]
        last = publish.latest(settings.warehouse).name
        for mode, line in zip(modes, lines, strict=True):
            if mode == "loop":
                line.until(last)  # it read on through every publish, to the last version
        for reader in readers:
            reader.stdin.close()
        results = [json.loads(line.next()) for line in lines]
    finally:
        for reader in readers:
            reader.kill()
            reader.wait()
            reader.stdin.close()
            reader.stdout.close()
    assert published == [0] * 5 and last != first
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
