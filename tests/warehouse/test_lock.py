"""One writer at a time: a second writer is refused with a clear message, a killed one leaves no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from kaim.cli import main
from tests.warehouse.conftest import build
from warehouse import publish
from warehouse.lock import LockHeldError, WriterLock
from warehouse.writer import Writer

HOLDER = """
import sys
from pathlib import Path
from warehouse.lock import WriterLock
with WriterLock(Path(sys.argv[1]), "kaim collect"):
    print("locked", flush=True)
    sys.stdin.read()  # held until the test closes stdin or kills this process
"""


@pytest.fixture
def other_writer(settings):
    """A separate process holding the writer lock, as a running `kaim collect` would."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(settings.warehouse.lock_file)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdin.close()
    proc.stdout.close()


def test_second_writer_is_refused_with_holder_named(settings, other_writer, tmp_path, capsys):
    with pytest.raises(LockHeldError) as info, WriterLock(settings.warehouse.lock_file, "kaim publish"):
        pass
    assert f"PID {other_writer.pid}, kaim collect" in str(info.value)
    assert "kaim publish refused" in str(info.value)
    with pytest.raises(LockHeldError):  # the warehouse's writer takes the same lock before it opens anything
        Writer(settings.warehouse, "test").__enter__()
    assert not settings.warehouse.writer_db.exists()

    for command in (["collect", "--mirror", str(tmp_path / "nowhere")], ["publish"]):  # refused before reading
        assert main(command) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"kaim: error: {err[0].removeprefix('kaim: error: ')}"]  # exactly one line
        assert "another kaim writer is running" in err[0] and f"kaim {command[0]} refused" in err[0]
        assert f"PID {other_writer.pid}" in err[0]


def test_lock_is_recovered_after_sigkill(settings, other_writer):
    other_writer.send_signal(signal.SIGKILL)
    other_writer.wait()  # reaped: the kernel closed its files, and with them released its flock
    with WriterLock(settings.warehouse.lock_file, "test"):
        pass
    published = build(settings.warehouse)  # a whole writer run: load and publish
    assert publish.latest(settings.warehouse) == published
