"""Retention: old published versions and raw payload files are pruned by the configured policy, never
the current one and never a file some process still has open (a reader, a notebook)."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import duckdb

from warehouse import pins
from warehouse.config import WarehouseConfig

log = logging.getLogger(__name__)

#: Versions younger than this are kept beyond ``keep_versions`` (a reader may be about to open one).
GRACE_SECONDS = 3600


def open_files(candidates: list[Path]) -> set[Path]:
    """Those of ``candidates`` that any process on this machine has open (read from /proc)."""
    wanted = {str(p.resolve()): p for p in candidates}
    found: set[Path] = set()
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                target = os.readlink(fd)
                if target in wanted:
                    found.add(wanted[target])
        except OSError:  # the process ended, or is not ours to look at
            continue
    return found


def prune_versions(config: WarehouseConfig, current: Path) -> list[Path]:
    """Delete published versions beyond the newest ``keep_versions`` (plus current), older than the
    grace period, not recently cited (``warehouse.pins``) and open in no process; note each one deleted."""
    versions = sorted(config.published_dir.glob(f"{pins.PREFIX}*{pins.SUFFIX}"), reverse=True)
    old = [v for v in versions if v != current][config.keep_versions:]
    old = [v for v in old if time.time() - v.stat().st_mtime > GRACE_SECONDS]
    cited = set(pins.cited(config, config.cite_days)[:config.keep_cited])
    busy = open_files(old)
    removed = []
    for version in old:
        if pins.stamp_of(version) in cited:
            log.info("retention.keep path=%s reason=cited", version)
            continue
        if version in busy:
            log.info("retention.keep path=%s reason=open", version)
            continue
        version.unlink(missing_ok=True)
        pins.record_pruned(config, version)
        removed.append(version)
    return removed


def prune_raw(con: duckdb.DuckDBPyConnection, config: WarehouseConfig) -> list[Path]:
    """Delete raw payload files beyond the newest ``keep_raw`` per dataset (current vintages always stay).
    The index rows stay in raw.payloads: what was received, when and with which hash remains known."""
    rows = con.execute("""
        SELECT stored_path, row_number() OVER (PARTITION BY source_id, dataset ORDER BY payload_id DESC) AS age
        FROM raw.payloads""").fetchall()
    keep = {path for path, age in rows if age <= config.keep_raw + 1}
    removed = []
    for path, age in rows:
        if age > config.keep_raw + 1 and path not in keep and Path(path).exists():
            Path(path).unlink()
            removed.append(Path(path))
    return removed
