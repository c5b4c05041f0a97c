"""Briefing downloads for the web: built once per published version, preset, language and format.

Files live in a private folder (mode 0700, ``run_dir/briefings``) shared by the host's workers, under
names the server builds from validated values (and the layout's stamp, so that an upgrade that changes the
briefing does not serve one built before it); nothing a client sends becomes a path. Building is bounded host-wide
by render slots (``max_renders``): beyond them the visitor is told to try again, and nothing queues.
A PDF is printed by ``kaim report`` in a process group of its own (kaleido and Chromium), killed
with everything it started when it runs past ``RENDER_SECONDS``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from dashboard import data, describe, figures, headlines, i18n, pin, report
from dashboard.limits import Busy, Slots
from dashboard.state import PRESETS
from warehouse import pins

log = logging.getLogger(__name__)

COUNTRY = "KOR"
RENDER_SECONDS = 90


def _layout_stamp() -> str:
    """A digest of the code a briefing is made of: files built by other code are not served."""
    digest = hashlib.sha256()
    for module in (report, headlines, figures, describe, i18n):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:10]


LAYOUT = _layout_stamp()


class RenderFailed(RuntimeError):
    """The PDF could not be printed in time or at all; the message says why (logged, not shown)."""


class BriefingCache:
    """Briefing files of the current published version and layout, shared by the host's workers (a folder
    under ``run_dir``); those of other versions or layouts are deleted. A file lock per briefing makes it built once."""

    def folder(self) -> Path:
        folder = data.config().run_dir / "briefings"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    def get(self, preset: str, lang: str, fmt: str) -> Path:
        """The briefing's file, built now if this version has none yet (raises ``Busy`` when every
        render slot is taken). Arguments must already be validated (``dashboard.inputs``)."""
        version = f"{data.version().removesuffix('.duckdb')}-{LAYOUT}"
        folder = self.folder()
        self._forget_other_versions(folder, version)
        path = folder / f"{version}-{preset}-{lang}.{fmt}"
        with open(path.with_name(path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another visitor building the same briefing: wait for it
            if not path.exists():
                self._build(path, preset, lang, fmt)
        return path

    def _build(self, path: Path, preset: str, lang: str, fmt: str) -> None:
        config = data.config()
        peers = [p for p in PRESETS[preset] if p != COUNTRY]
        with Slots(config.run_dir, "render", config.max_renders).acquire():
            partial = path.with_name(f"{path.stem}.part{path.suffix}")
            if fmt == "pdf":
                _print_pdf(config.home, peers, lang, partial)
            else:
                report.write(COUNTRY, peers, lang, fmt, partial)
            partial.replace(path)
        log.info("briefing built", extra={"briefing": path.name})

    @staticmethod
    def _forget_other_versions(folder: Path, version: str) -> None:
        """Delete the briefings of versions no longer published and those built by other code (a pinned
        link's briefings stay while its version does)."""
        kept = tuple(f"{pins.PREFIX}{stamp}-{LAYOUT}-" for stamp in data.published_versions()) + (version + "-",)
        for old in folder.iterdir():
            if not old.name.startswith(kept):
                old.unlink(missing_ok=True)


def _print_pdf(home: Path, peers: list[str], lang: str, out: Path) -> None:
    """``kaim report`` in a process group of its own, killed with its Chromium past ``RENDER_SECONDS``; on
    the version this request reads (a pinned link's)."""
    command = [sys.executable, "-m", "kaim.cli", "report", "--country", COUNTRY, "--peers", ",".join(peers),
               "--lang", lang, "--format", "pdf", "--out", str(out)]
    if pin.pinned.get() is not None:
        command += ["--version", pin.pinned.get()]
    with tempfile.TemporaryDirectory(prefix="kaim-render-") as profile:  # kaleido's and Chromium's own files
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "KAIM_HOME": str(home), "HOME": profile}
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


def _kill_leftovers(group: int) -> None:
    """Chromium processes a finished render left in its group (kaleido's browser, say)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)


cache = BriefingCache()

__all__ = ["Busy", "RenderFailed", "cache"]
