"""Collection: fetch or read a mirror -> keep raw -> parse -> validate -> load, one source at a time.

A source fails alone: its run is recorded as failed with the message, its earlier data stays,
and the other sources still load. After the loads, a new warehouse version is published.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from collectors.base import Collector, Payload
from collectors.errors import CollectorError
from collectors.fetch import fetch_live, read_mirror, write_mirror
from collectors.http import make_session
from collectors.validate import validate
from kaim.settings import Settings
from warehouse import publish, rawstore, retention
from warehouse.writer import Batch, Run, Writer, utcnow

log = logging.getLogger(__name__)

Progress = Callable[[str, Run | None], None]


@dataclass
class CollectResult:
    runs: list[Run]
    published: Path

    @property
    def failed(self) -> list[Run]:
        return [r for r in self.runs if r.status == "failed"]


def _changed(writer: Writer, payloads: list[Payload]) -> list[tuple[Payload, str]]:
    """Payloads whose content differs from the dataset's loaded payload, with their hashes."""
    changed = []
    for payload in payloads:
        digest = rawstore.sha256(payload.content)
        current = writer.current_payload(payload.source_id, payload.dataset)
        if current is None or current[1] != digest:
            changed.append((payload, digest))
    return changed


def run_source(writer: Writer, collector: Collector, payloads_of: Callable[[Collector], list[Payload]],
               origin: str) -> Run:
    """Collect one source into the writer; never raises for a problem of the source itself."""
    run = Run(collector.id, utcnow(), origin)
    try:
        payloads = payloads_of(collector)
        notes = [f"optional dataset {d.key} not available" for d in collector.datasets
                 if d.key not in {p.dataset for p in payloads}]
        changed = _changed(writer, payloads)
        if not changed:
            run.status, run.message = "unchanged", "; ".join(notes)
            writer.record_run(run)
            return run
        batches = []
        for payload, digest in changed:
            stored = rawstore.store(writer.settings.raw_dir, payload)  # raw first, before parsing
            parsed = collector.parse(payload.file_name, payload.content)
            checked = validate(collector, payload.file_name, parsed)
            notes += [f"{payload.file_name}: {note}" for note in checked.notes]
            if checked.unmapped:
                codes = ", ".join(sorted({str(u["code"]) for u in checked.unmapped}))
                notes.append(f"{payload.file_name}: unmapped country codes listed in unmapped_codes: {codes}")
            batches.append(Batch(payload, digest, stored, parsed.release, checked.frames, checked.unmapped))
        run.message = "; ".join(notes)
        writer.load(batches, run)
    except CollectorError as exc:
        run.status, run.message = "failed", str(exc)
        writer.record_run(run)
    except Exception as exc:  # a bug or an unforeseen format: still this source's failure alone
        log.exception("collect.source.crash source=%s", collector.id)
        run.status, run.message = "failed", f"unexpected {type(exc).__name__}: {exc}"
        writer.record_run(run)
    log.info("collect.source.done source=%s status=%s rows=%d", run.source_id, run.status, run.rows_added)
    return run


def collect(settings: Settings, collectors: list[Collector], all_collectors: list[Collector], *,
            mirror: Path | None = None, session: requests.Session | None = None,
            progress: Progress | None = None, wait: float = 0.0) -> CollectResult:
    """Collect ``collectors`` (live, or from ``mirror``), then publish a new warehouse version."""
    if mirror is not None:
        origin = str(mirror.resolve())

        def payloads_of(c: Collector) -> list[Payload]:
            return read_mirror(c, mirror)
    else:
        origin = "live"
        live = session or make_session(settings)

        def payloads_of(c: Collector) -> list[Payload]:
            return fetch_live(c, live)

    runs = []
    if mirror is None:
        collectors = [c for c in collectors if not c.mirror_only]
    with Writer(settings, "kaim collect", wait) as writer:
        writer.sync_catalog(all_collectors)
        for collector in collectors:
            if progress:
                progress(collector.id, None)
            run = run_source(writer, collector, payloads_of, origin)
            runs.append(run)
            if progress:
                progress(collector.id, run)
        if settings.forecast_after_collect and any(r.status == "ok" for r in runs):
            from models.refresh import refresh  # the statistics stack loads only when needed

            refresh(writer.con)  # refits only the series whose data changed
        published = publish.publish(writer.con, settings)  # also when unchanged: the run log is new
        retention.prune_raw(writer.con, settings)
    return CollectResult(runs, published)


def pull_mirror(settings: Settings, collectors: list[Collector], mirror: Path, *,
                session: requests.Session | None = None,
                progress: Callable[[str, str | None], None] | None = None) -> dict[str, str]:
    """Fetch every collector live and write its payloads in the mirror layout; returns errors by id."""
    live = session or make_session(settings)
    errors = {}
    for collector in [c for c in collectors if not c.mirror_only]:
        if progress:
            progress(collector.id, None)
        try:
            written = write_mirror(collector, fetch_live(collector, live), mirror)
            outcome = f"{len(written)} file(s)"
        except CollectorError as exc:
            errors[collector.id] = outcome = str(exc)
        if progress:
            progress(collector.id, outcome)
    return errors
