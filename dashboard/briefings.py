"""Briefing downloads for the web: built once per published version, preset, language and format.

Files live in a private temporary folder of the worker process (mode 0700) under names the server
builds from validated values; nothing a client sends becomes a path. Building is bounded host-wide
by render slots (``max_renders``): beyond them the visitor is told to try again, and nothing queues.
A PDF is printed by ``kaim report`` in a process group of its own (kaleido and Chromium), killed
with everything it started when it runs past ``RENDER_SECONDS``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from dashboard import data, report
from dashboard.limits import Busy, Slots
from dashboard.state import PRESETS

log = logging.getLogger(__name__)

COUNTRY = "KOR"
RENDER_SECONDS = 90


class RenderFailed(RuntimeError):
    """The PDF could not be printed in time or at all; the message says why (logged, not shown)."""


class BriefingCache:
    """Briefing files of the current published version; those of earlier versions are deleted."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}

    def folder(self) -> Path:
        if self._folder is None or not self._folder.is_dir():
            self._folder = Path(tempfile.mkdtemp(prefix="kaim-briefings-"))  # 0700, this process's user
        return self._folder

    def get(self, preset: str, lang: str, fmt: str) -> Path:
        """The briefing's file, built now if this version has none yet (raises ``Busy`` when every
        render slot is taken). Arguments must already be validated (``dashboard.inputs``)."""
        version = data.reader().version.removesuffix(".duckdb")
        name = f"{version}-{preset}-{lang}.{fmt}"
        with self._lock:
            self._forget_other_versions(version)
            building = self._building.setdefault(name, threading.Lock())
        with building:  # two visitors asking for the same briefing: it is built once
            path = self.folder() / name
            if not path.exists():
                self._build(path, preset, lang, fmt)
            return path

    def _build(self, path: Path, preset: str, lang: str, fmt: str) -> None:
        settings = data.reader().settings
        peers = [p for p in PRESETS[preset] if p != COUNTRY]
        with Slots(settings.run_dir, "render", settings.max_renders).acquire():
            partial = path.with_name(f"{path.stem}.part{path.suffix}")  # same version prefix: not forgotten
            if fmt == "pdf":
                self._print_pdf(settings.home, peers, lang, partial)
            else:
                report.write(COUNTRY, peers, lang, fmt, partial)
            partial.replace(path)
        log.info("briefing built", extra={"briefing": path.name})

    def _print_pdf(self, home: Path, peers: list[str], lang: str, out: Path) -> None:
        command = [sys.executable, "-m", "kaim.cli", "report", "--country", COUNTRY, "--peers", ",".join(peers),
                   "--lang", lang, "--format", "pdf", "--out", str(out)]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "KAIM_HOME": str(home),
               "HOME": str(self.folder())}  # kaleido and Chromium keep their profiles here, not in a shared home
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        try:
            _, err = process.communicate(timeout=RENDER_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise RenderFailed(f"the PDF briefing took longer than {RENDER_SECONDS} s") from None
        finally:
            _kill_leftovers(process.pid)
        if process.returncode != 0:
            raise RenderFailed(f"kaim report failed: {err.decode(errors='replace').strip()[-300:]}")

    def _forget_other_versions(self, version: str) -> None:
        if self._folder is None:
            return
        for old in self._folder.iterdir():
            if not old.name.startswith(version + "-"):
                old.unlink(missing_ok=True)
                self._building.pop(old.name, None)

    def clear(self) -> None:
        with self._lock:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
            self._folder, self._building = None, {}


def _kill_leftovers(group: int) -> None:
    """Chromium processes a finished render left in its group (kaleido's browser, say)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)


cache = BriefingCache()

__all__ = ["Busy", "RenderFailed", "cache"]
