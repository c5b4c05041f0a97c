"""Publishing: the writer database copied to a new, versioned read-only file, swapped in atomically.

Readers (the app, ``kaim sql``, researchers' notebooks) open the file named by the ``CURRENT``
pointer. A publish never touches a file a reader has open: it writes a new version, then replaces
the pointer with ``os.replace`` (STACK.md section 5.3, pattern C with versioned names).
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.config import WarehouseConfig
from warehouse.pins import PREFIX, STAMP_FORMAT, SUFFIX

log = logging.getLogger(__name__)

POINTER = "CURRENT"


class NotPublishedError(RuntimeError):
    """No warehouse version has been published yet."""


def latest(config: WarehouseConfig) -> Path:
    """The current published file; ``NotPublishedError`` tells how to make one."""
    pointer = config.published_dir / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise NotPublishedError(f"no published warehouse in {config.published_dir}: run "
                                "`kaim collect` (or `kaim publish` after a load) first") from None
    path = config.published_dir / name
    if not path.is_file():
        raise NotPublishedError(f"{pointer} names {name}, which does not exist: run `kaim publish`")
    return path


def publish(con: duckdb.DuckDBPyConnection, config: WarehouseConfig) -> Path:
    """Copy the writer database ``con`` to a new version and make it current; returns its path."""
    out_dir = config.published_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime(STAMP_FORMAT)
    final = out_dir / f"{PREFIX}{stamp}{SUFFIX}"
    tmp = out_dir / f".{final.name}.tmp"
    for leftover in out_dir.glob(f".{PREFIX}*.tmp*"):  # a publish killed half-way (one writer: not in use)
        leftover.unlink(missing_ok=True)
    (source_db,) = con.execute("SELECT current_database()").fetchone()
    con.execute("ATTACH ? AS kaim_publish", [str(tmp)])
    try:
        con.execute(f'COPY FROM DATABASE "{source_db}" TO kaim_publish')
    except BaseException:
        con.execute("DETACH kaim_publish")
        for leftover in (tmp, Path(f"{tmp}.wal")):  # e.g. a full disk: free what the failed copy took
            leftover.unlink(missing_ok=True)
        raise
    con.execute("DETACH kaim_publish")
    os.replace(tmp, final)
    _write_pointer(out_dir, final.name)
    log.info("publish.done path=%s bytes=%d", final, final.stat().st_size)
    prune(config)
    return final


def _write_pointer(out_dir: Path, name: str) -> None:
    tmp = out_dir / f".{POINTER}.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / POINTER)


def prune(config: WarehouseConfig) -> list[Path]:
    """Apply the retention policy to published versions (see ``warehouse.retention``)."""
    from warehouse.retention import prune_versions

    return prune_versions(config, latest(config))


def connect_published(config: WarehouseConfig) -> duckdb.DuckDBPyConnection:
    """A locked-down read-only connection to the current version (see ``warehouse.sandbox``)."""
    from warehouse import sandbox

    return sandbox.connect(latest(config))
