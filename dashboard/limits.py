"""Limits on heavy work that hold across a host's web workers: slots for concurrent jobs, and a per-client rate.

``Slots`` bounds how many jobs of one kind (researchers' queries, PDF renders) run at once on a host, across
processes: each slot is a file in a private folder, held with a non-blocking ``flock`` for as long as the job
runs. The kernel drops the lock when the holder closes the file or dies, so a killed worker never leaks a
slot. ``RateLimiter`` bounds how often one client may start such jobs (per process, in memory).
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")


class Busy(RuntimeError):
    """Every slot is taken: try again in a moment."""


class Slots:
    """At most ``n`` holders at once of the slots called ``name`` in ``folder`` (created 0700 if missing)."""

    def __init__(self, folder: Path, name: str, n: int):
        if not NAME.fullmatch(name):
            raise ValueError(f"slot name {name!r}: lower-case letters, digits, '-' and '_' only")
        if n < 1:
            raise ValueError(f"slots {name!r}: need at least one, got {n}")
        self.folder, self.name, self.n = Path(folder), name, n

    def _path(self, index: int) -> Path:
        return self.folder / f"{self.name}.{index}.slot"

    def _open(self, index: int) -> int:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return os.open(self._path(index), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)

    def _take(self) -> int | None:
        """The open, locked file of a free slot, or None when all are held."""
        for index in range(self.n):
            fd = self._open(index)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            return fd
        return None

    @contextmanager
    def acquire(self) -> Iterator[None]:
        """Hold one slot for the ``with`` block; ``Busy`` at once if all ``n`` are held (by any process)."""
        fd = self._take()
        if fd is None:
            raise Busy(f"all {self.n} {self.name} slots are in use")
        try:
            yield
        finally:
            os.close(fd)  # closing the only descriptor of the open file releases its lock


class RateLimiter:
    """At most ``per_minute`` starts per client in any 60 s (a sliding window), for up to ``max_clients``
    clients: the least recently seen are forgotten beyond that, so memory stays bounded. Thread-safe."""

    WINDOW = 60.0

    def __init__(self, per_minute: int, max_clients: int = 10_000, clock: Callable[[], float] = time.monotonic):
        self.per_minute, self.max_clients, self._clock = per_minute, max_clients, clock
        self._starts: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Whether ``client`` may start one more now (counted if so)."""
        now = self._clock()
        with self._lock:
            starts = self._starts.pop(client, None)
            if starts is None:
                starts = deque(maxlen=max(self.per_minute, 1))
            while starts and starts[0] <= now - self.WINDOW:
                starts.popleft()
            self._starts[client] = starts  # now the most recently seen
            while len(self._starts) > self.max_clients:
                self._starts.popitem(last=False)
            if len(starts) >= self.per_minute:
                return False
            starts.append(now)
            return True

    def __len__(self) -> int:
        """Clients remembered."""
        return len(self._starts)
