"""Host-wide slots hold across processes and free themselves when a holder dies; the rate limiter counts
per client in a sliding minute, forgets the oldest clients and is thread-safe."""

from __future__ import annotations

import stat
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.limits import Busy, RateLimiter, Slots
from tests.conftest import REPO

HOLDER = """
import sys
from pathlib import Path
from dashboard.limits import Slots
with Slots(Path(sys.argv[1]), "sql", 2).acquire():
    print("held", flush=True)
    sys.stdin.read()
"""


def holder(folder) -> subprocess.Popen:
    """Another process holding one of the two ``sql`` slots until its stdin closes (or it is killed)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=REPO, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "held\n"
    return proc


def test_the_third_holder_across_processes_is_busy_and_a_killed_holder_frees_its_slot(tmp_path):
    folder = tmp_path / "run"
    slots = Slots(folder, "sql", 2)
    other = holder(folder)
    try:
        with slots.acquire():
            with pytest.raises(Busy), slots.acquire():
                pass
            other.kill()
            other.wait()
            with slots.acquire():  # the kernel dropped the dead holder's lock
                pass
    finally:
        other.kill()
        other.communicate()
    with slots.acquire(), slots.acquire():  # both free again
        pass


def test_threads_of_one_process_count_against_the_same_slots(tmp_path):
    slots = Slots(tmp_path / "run", "pdf", 1)
    taken = threading.Event()
    release = threading.Event()

    def hold():
        with slots.acquire():
            taken.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert taken.wait(10)
        with pytest.raises(Busy, match="all 1 pdf slots are in use"), slots.acquire():
            pass
    finally:
        release.set()
        thread.join()
    with slots.acquire():
        pass


def test_a_slot_is_released_when_the_block_raises(tmp_path):
    slots = Slots(tmp_path / "run", "sql", 1)
    with pytest.raises(KeyError), slots.acquire():
        raise KeyError("the job failed")
    with slots.acquire():
        pass


def test_the_slot_folder_is_private_and_names_stay_inside_it(tmp_path):
    folder = tmp_path / "run"
    with Slots(folder, "sql", 2).acquire():
        pass
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] == ["sql.0.slot"]
    for name in ("../x", "a/b", "", "SQL", "x" * 40):
        with pytest.raises(ValueError, match="slot name"):
            Slots(folder, name, 1)
    with pytest.raises(ValueError, match="at least one"):
        Slots(folder, "sql", 0)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_per_client_in_a_sliding_minute():
    clock = Clock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # another client has its own count
    clock.now += 30
    assert not limiter.allow("a")  # refusals are not counted, but the three starts are still in the window
    clock.now += 30.5
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_rate_limiter_forgets_the_least_recently_seen_clients():
    limiter = RateLimiter(1, max_clients=3, clock=Clock())
    for client in ("a", "b", "c"):
        assert limiter.allow(client)
    assert not limiter.allow("a")  # "a" is now the most recently seen
    assert limiter.allow("d") and len(limiter) == 3  # "b" is forgotten
    assert limiter.allow("b") and not limiter.allow("a")
    for n in range(10_000):
        limiter.allow(f"flood-{n}")
    assert len(limiter) == 3


def test_rate_limiter_is_thread_safe():
    limiter = RateLimiter(50)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: limiter.allow("same"), range(800)))
    assert results.count(True) == 50
