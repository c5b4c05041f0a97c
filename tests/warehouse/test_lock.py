"""One writer at a time: a second writer is refused with a clear message, a killed one leaves no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kaim.cli import main
from tests.conftest import R_AND_D
from warehouse.lock import LockHeldError, WriterLock

HOLDER = """
import sys, time
from pathlib import Path
from warehouse.lock import WriterLock
with WriterLock(Path(sys.argv[1]), "kaim collect"):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def other_writer(settings):
    """A separate process holding the writer lock, as a running `kaim collect` would."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(settings.warehouse.lock_file)], stdout=subprocess.PIPE,
                            text=True, cwd=os.getcwd())
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


def test_second_writer_is_refused_with_holder_named(settings, other_writer, mirror, capsys):
    with pytest.raises(LockHeldError) as info, WriterLock(settings.warehouse.lock_file, "kaim publish"):
        pass
    assert f"PID {other_writer.pid}, kaim collect" in str(info.value)
    assert "kaim publish refused" in str(info.value)

    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"kaim: error: {err[0].removeprefix('kaim: error: ')}"]  # exactly one line
    assert "another kaim writer is running" in err[0] and "kaim collect refused" in err[0]


def test_lock_is_recovered_after_sigkill(settings, other_writer, mirror):
    other_writer.send_signal(signal.SIGKILL)
    other_writer.wait()
    deadline = time.monotonic() + 5
    while True:  # the kernel releases an flock when its holder dies
        try:
            with WriterLock(settings.warehouse.lock_file, "test"):
                break
        except LockHeldError:
            assert time.monotonic() < deadline, "lock not released after SIGKILL"
            time.sleep(0.05)
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
