"""Pinned versions: a permalink may name a published version (``?v=<stamp>``), so that a cited link
reopens exactly the numbers that were cited.

A version is named by its stamp, the UTC time in its file name (``warehouse-<stamp>.duckdb``). A link
can only name a version that is listed in the published folder: the stamp is looked up in the listing,
never joined to a path. Opening a pinned link marks the version as cited (``published/cited/<stamp>``,
its time is the last citation); retention keeps recently cited versions, and writes each version it
deletes to ``published/PRUNED`` so that a link to it can say when it went.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path

from warehouse.config import WarehouseConfig

log = logging.getLogger(__name__)

#: A published file is ``warehouse-<stamp>.duckdb``; its stamp is the UTC time of publishing.
PREFIX, SUFFIX = "warehouse-", ".duckdb"
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
#: ``20261201T151300123456Z``
STAMP = re.compile(r"\d{8}T\d{12}Z")
CITED_DIR = "cited"
PRUNED_FILE = "PRUNED"


def stamp_of(path: Path) -> str:
    """The stamp of a published file (its name without ``warehouse-`` and ``.duckdb``)."""
    return path.name.removeprefix(PREFIX).removesuffix(SUFFIX)


def is_stamp(text: str | None) -> bool:
    return bool(text) and STAMP.fullmatch(text) is not None


def published(config: WarehouseConfig) -> dict[str, Path]:
    """Every published version still on disk, by stamp."""
    return {stamp_of(path): path for path in config.published_dir.glob(f"{PREFIX}*{SUFFIX}")
            if is_stamp(stamp_of(path))}


def stamp_time(stamp: str) -> datetime:
    """When the version was published (from its stamp)."""
    return datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=UTC)


def record_cited(config: WarehouseConfig, stamp: str) -> None:
    """Mark a published version as cited now (``stamp`` must be one of ``published(config)``)."""
    if stamp not in published(config):
        raise ValueError(f"{stamp!r} is not a published version in {config.published_dir}")
    folder = config.published_dir / CITED_DIR
    folder.mkdir(exist_ok=True)
    (folder / stamp).touch()


def cited(config: WarehouseConfig, days: float, now: datetime | None = None) -> list[str]:
    """Stamps of the versions cited in the last ``days`` days, most recently cited first."""
    now = now or datetime.now(UTC)
    folder = config.published_dir / CITED_DIR
    marks = [(mark.stat().st_mtime, mark.name) for mark in folder.glob("*") if is_stamp(mark.name)] \
        if folder.is_dir() else []
    recent = [(when, name) for when, name in marks if now.timestamp() - when <= days * 86400]
    return [name for _, name in sorted(recent, reverse=True)]


def record_pruned(config: WarehouseConfig, path: Path, when: datetime | None = None) -> None:
    """Note that the version ``path`` was deleted (and forget its citations)."""
    stamp = stamp_of(path)
    when = when or datetime.now(UTC)
    with open(config.published_dir / PRUNED_FILE, "a", encoding="utf-8") as ledger:
        ledger.write(f"{stamp}\t{when.isoformat(timespec='seconds')}\n")
    (config.published_dir / CITED_DIR / stamp).unlink(missing_ok=True)


def pruned(config: WarehouseConfig) -> dict[str, datetime]:
    """When each deleted version was deleted, by stamp."""
    try:
        lines = (config.published_dir / PRUNED_FILE).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    found = {}
    for line in lines:
        stamp, _, when = line.partition("\t")
        if is_stamp(stamp):
            found[stamp] = datetime.fromisoformat(when)
    return found
