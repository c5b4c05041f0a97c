"""The single writer: holds the lock, owns the writer database, loads vintages and records runs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict
from datetime import UTC
from importlib import resources

import duckdb
import pandas as pd

from warehouse.config import WarehouseConfig
from warehouse.countries import reference_frame
from warehouse.lock import WriterLock
from warehouse.records import Batch, IndicatorEntry, Run, SourceEntry, utcnow
from warehouse.tables import TABLES, create_sql, migrate_sql, view_sql

log = logging.getLogger(__name__)

#: What identifies a row of the core tables not declared in ``warehouse.tables`` within a vintage (a new
#: vintage without it has removed the value).
CORE_KEYS = {"observations": ("indicator_id", "country_iso3", "freq", "period"), "country_meta": ("iso3",)}

SCHEMA_SQL = resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
DERIVED_SQL = resources.files("warehouse").joinpath("derived.sql").read_text(encoding="utf-8")


class Writer:
    """Context manager: the writer lock plus a read-write connection to the writer database."""

    def __init__(self, config: WarehouseConfig, purpose: str, wait: float = 0.0):
        self.config = config
        self._lock = WriterLock(config.lock_file, purpose, wait)
        self.con: duckdb.DuckDBPyConnection

    def __enter__(self) -> Writer:
        self._lock.__enter__()
        try:
            self.config.home.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.config.writer_db))
            self._apply_schema()
        except BaseException:
            self._lock.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.con.close()
        finally:
            self._lock.__exit__()

    def _apply_schema(self) -> None:
        """Core tables and public views; tables declared in ``warehouse.tables`` gain new columns in place."""
        self.con.execute(SCHEMA_SQL)
        for table in TABLES.values():
            self.con.execute(create_sql(table))
            existing = {name for (name,) in self.con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'core' AND table_name = ?",
                [table.name]).fetchall()}
            for statement in migrate_sql(table, existing):
                self.con.execute(statement)
            self.con.execute(view_sql(table))
        self.con.execute(DERIVED_SQL)

    # Catalogue ---------------------------------------------------------------------------------

    def sync_catalog(self, sources: list[SourceEntry], indicators: list[IndicatorEntry]) -> None:
        """Rewrite the sources, indicators and countries catalogues (from the sources' declarations)."""
        frames = {"sources": pd.DataFrame([asdict(entry) for entry in sources]),
                  "indicators": pd.DataFrame([asdict(entry) for entry in indicators]),
                  "countries": reference_frame()}
        with self.transaction():
            for table, frame in frames.items():
                self.con.execute(f"DELETE FROM core.{table}")
                if not frame.empty:
                    self.con.register("catalog_frame", frame)
                    columns = ", ".join(frame.columns)
                    self.con.execute(f"INSERT INTO core.{table} ({columns}) SELECT {columns} FROM catalog_frame")
                    self.con.unregister("catalog_frame")

    # Loading -----------------------------------------------------------------------------------

    def current_payload(self, source_id: str, dataset: str) -> tuple[int, str, str | None] | None:
        """(payload_id, sha256, parser version) of the dataset's latest loaded payload, if any."""
        row = self.con.execute(
            "SELECT payload_id, sha256, parsed_by FROM core.current_payloads WHERE source_id = ? AND dataset = ?",
            [source_id, dataset]).fetchall()
        return (row[0][0], row[0][1], row[0][2]) if row else None

    def _vintage(self, batch: Batch) -> str:
        base = batch.release or batch.payload.fetched_at.strftime("%Y-%m-%d")
        taken = {v for (v,) in self.con.execute(
            "SELECT vintage FROM raw.payloads WHERE source_id = ? AND dataset = ?",
            [batch.payload.source_id, batch.payload.dataset]).fetchall()}
        vintage, n = base, 1
        while vintage in taken:
            n += 1
            vintage = f"{base}#{n}"
        return vintage

    def _insert_payload(self, batch: Batch, run_id: int) -> int:
        p = batch.payload
        (payload_id,) = self.con.execute("SELECT nextval('raw.payload_ids')").fetchone()
        self.con.execute(
            "INSERT INTO raw.payloads (payload_id, source_id, dataset, file_name, sha256, bytes, url, fetched_at, "
            "loaded_at, release, vintage, stored_path, run_id, parsed_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [payload_id, p.source_id, p.dataset, p.file_name, batch.sha256, len(p.content), p.url,
             p.fetched_at.astimezone(UTC).replace(tzinfo=None), utcnow(), batch.release, self._vintage(batch),
             str(batch.stored_path), run_id, batch.parsed_by or None])
        return payload_id

    def _insert_frames(self, batch: Batch, payload_id: int, previous_id: int | None, run: Run) -> None:
        """Insert the batch's rows, counting in ``run`` the rows added, those new or different from the
        previous vintage, and the previous vintage's rows whose key is gone."""
        for table, frame in batch.frames.items():
            columns = ", ".join(frame.columns)
            key = ", ".join(CORE_KEYS[table] if table in CORE_KEYS else TABLES[table].key)
            self.con.register("batch_frame", frame)
            changed, removed = len(frame.drop_duplicates()), 0  # a first vintage: every row is new
            if previous_id is not None:
                (changed,) = self.con.execute(
                    f"SELECT count(*) FROM (SELECT {columns} FROM batch_frame EXCEPT "
                    f"SELECT {columns} FROM core.{table} WHERE payload_id = ?)", [previous_id]).fetchone()
                (removed,) = self.con.execute(
                    f"SELECT count(*) FROM (SELECT {key} FROM core.{table} WHERE payload_id = ? EXCEPT "
                    f"SELECT {key} FROM batch_frame)", [previous_id]).fetchone()
            self.con.execute(f"INSERT INTO core.{table} (payload_id, {columns}) "
                             f"SELECT ? AS payload_id, {columns} FROM batch_frame", [payload_id])
            self.con.unregister("batch_frame")
            run.rows_added += len(frame)
            run.rows_changed += changed
            run.rows_removed += removed
        for unmapped in batch.unmapped:
            self.con.execute("INSERT INTO core.unmapped_codes VALUES (?, ?, ?, ?, ?, ?)",
                             [payload_id, unmapped["file_name"], unmapped["field"], unmapped["code"],
                              unmapped["rows"], unmapped["action"]])
        for reason, rows in batch.dropped.items():
            self.con.execute("INSERT INTO core.dropped_rows VALUES (?, ?, ?, ?)",
                             [payload_id, batch.payload.file_name, reason, rows])
            run.rows_dropped += rows

    def load(self, batches: list[Batch], run: Run) -> None:
        """Load every batch of one source and record its run, all in one transaction."""
        with self.transaction():
            run_id = self._next_run_id()
            for batch in batches:
                previous = self.current_payload(batch.payload.source_id, batch.payload.dataset)
                payload_id = self._insert_payload(batch, run_id)
                self._insert_frames(batch, payload_id, previous[0] if previous else None, run)
            run.payloads_new = len(batches)
            run.status = "ok"
            self._insert_run(run_id, run)

    def record_run(self, run: Run) -> None:
        """Record a run that loaded nothing (unchanged or failed)."""
        with self.transaction():
            self._insert_run(self._next_run_id(), run)

    def _next_run_id(self) -> int:
        return self.con.execute("SELECT nextval('core.run_ids')").fetchone()[0]

    def _insert_run(self, run_id: int, run: Run) -> None:
        run.finished = utcnow()
        self.con.execute(
            "INSERT INTO core.runs (run_id, source_id, started, finished, status, rows_added, rows_changed, "
            "payloads_new, origin, message, rows_removed, rows_dropped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, run.source_id, run.started, run.finished, run.status, run.rows_added, run.rows_changed,
             run.payloads_new, run.origin, run.message or None, run.rows_removed, run.rows_dropped])

    def transaction(self) -> AbstractContextManager[None]:
        """BEGIN ... COMMIT on the writer database, or ROLLBACK when the block raises."""
        return transaction(self.con)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
