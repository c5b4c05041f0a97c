"""The writer lock: one process at a time may collect, forecast or publish.

An ``flock`` on ``$KAIM_HOME/writer.lock``: the kernel releases it when the holder exits, even on
SIGKILL, so a crashed writer never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path


class LockHeldError(RuntimeError):
    """Another writer holds the lock; the message says which process and since when."""


class WriterLock:
    """Context manager holding the exclusive writer lock, or raising ``LockHeldError`` at once."""

    def __init__(self, path: Path, purpose: str, wait: float = 0.0):
        self.path, self.purpose, self.wait = path, purpose, wait
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:  # a scheduled job waits its turn
                    time.sleep(0.5)
                    continue
                holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip() or "unknown process"
                os.close(fd)
                raise LockHeldError(f"another kaim writer is running ({holder}); {self.purpose} refused. "
                                    f"Wait for it to finish (lock file {self.path}).") from None
        os.ftruncate(fd, 0)
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.pwrite(fd, f"PID {os.getpid()}, {self.purpose}, since {started}, {' '.join(sys.argv)}\n"
                  .encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
