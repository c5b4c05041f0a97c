"""The one pipeline: load sources → refresh forecasts → publish → prune, in the one writer process.

`kaim collect`, `kaim forecast`, `kaim publish` and every scheduled job run it; they differ only in
which steps have work. A new step after loading goes in ``run`` and nowhere else.

- **load**: per source, get its payloads, keep each changed one raw (before parsing), parse and
  validate it (``collectors.runner``), and load it as a new vintage with its run record. A source fails
  alone: its run is recorded as failed with the message, its earlier data stays, the others load.
- **forecast**: refit the series whose data changed (``models.refresh``), store the frames and the
  catch-up table (``warehouse.forecasts``), all in one transaction.
- **publish**: copy the writer database to a new read-only version and point readers at it.
- **prune**: old published versions and raw payload files, by the retention settings.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import requests

from collectors.base import Collector
from collectors.errors import CollectorError
from collectors.http import make_session
from collectors.registry import registry
from collectors.runner import PayloadSource, check, companions, missing_optional, parser_version, payload_source
from kaim.settings import Settings
from warehouse import flags, rawstore, retention
from warehouse import forecasts as stored
from warehouse import publish as publishing
from warehouse.peers import forecast_countries
from warehouse.records import Batch, Run, utcnow
from warehouse.writer import Writer

if TYPE_CHECKING:
    from models.refresh import Refit

log = logging.getLogger(__name__)

Progress = Callable[[str, Run | None], None]
Load = Callable[[Writer], list[Run]]


@dataclass(frozen=True)
class ForecastStep:
    """Which series the forecast step refits: those of ``countries`` (``None``: every country; the default
    set is ``warehouse.peers.forecast_countries()``) and ``indicators`` (``None``: all), changed ones only
    unless ``force``."""

    countries: tuple[str, ...] | None
    indicators: tuple[str, ...] | None = None
    force: bool = False
    jobs: int = 2
    #: Refit only when the load step loaded new data (a collect); else always (`kaim forecast`).
    after_new_data: bool = False


@dataclass
class PipelineResult:
    runs: list[Run]
    published: Path
    refit: Refit | None = None
    forecast_seconds: float = 0.0

    @property
    def failed(self) -> list[Run]:
        return [r for r in self.runs if r.status == "failed"]


def run(settings: Settings, purpose: str, *, load: Load | None = None, forecast: ForecastStep | None = None,
        wait: float = 0.0) -> PipelineResult:
    """Hold the writer lock for ``purpose`` and run each step that has work, then publish and prune."""
    config = settings.warehouse
    with Writer(config, purpose, wait) as writer:
        collectors = list(registry().values())
        writer.sync_catalog([c.source_entry() for c in collectors],
                            [entry for c in collectors for entry in c.indicator_entries()])
        result = PipelineResult(load(writer) if load else [], Path())
        if forecast and (not forecast.after_new_data or any(r.status == "ok" for r in result.runs)):
            started = time.perf_counter()
            result.refit = refresh_forecasts(writer, forecast)
            result.forecast_seconds = time.perf_counter() - started
        result.published = publishing.publish(writer.con, config)  # also when unchanged: the run log is new
        retention.prune_raw(writer.con, config)
    return result


def collect(settings: Settings, collectors: list[Collector], *, mirror: Path | None = None,
            session: requests.Session | None = None, progress: Progress | None = None,
            wait: float = 0.0) -> PipelineResult:
    """Collect ``collectors`` (live, or from ``mirror``), refit what changed (if the settings say so), publish."""
    if mirror is None:
        collectors = [c for c in collectors if not c.mirror_only]
        session = session or make_session(settings.http)
    payloads_of, origin = payload_source(mirror, session)

    def load(writer: Writer) -> list[Run]:
        runs = []
        for collector in collectors:
            if progress:
                progress(collector.id, None)
            runs.append(load_source(writer, collector, payloads_of, origin))
            if progress:
                progress(collector.id, runs[-1])
        return runs

    step = ForecastStep(forecast_countries(), after_new_data=True) if settings.forecast_after_collect else None
    return run(settings, "kaim collect", load=load, forecast=step, wait=wait)


def load_source(writer: Writer, collector: Collector, payloads_of: PayloadSource, origin: str) -> Run:
    """Load one source's changed payloads as new vintages; never raises for a problem of the source itself."""
    record = Run(collector.id, utcnow(), origin)
    try:
        payloads = payloads_of(collector)
        notes = missing_optional(collector, payloads)
        version = parser_version(collector)
        batches = []
        for payload in payloads:
            digest = rawstore.sha256(payload.content)
            others = companions(collector, payload, payloads)
            # a dataset matched with other files is parsed again when one of them changes
            parsed_by = version + "".join(f"+{key}:{rawstore.sha256(content)[:16]}"
                                          for key, (_name, content) in sorted((others or {}).items()))
            current = writer.current_payload(payload.source_id, payload.dataset)
            if current is not None and current[1:] == (digest, parsed_by):
                continue  # the same bytes, parsed by the same parser: nothing new
            stored_path = rawstore.store(writer.config.raw_dir, payload)  # raw first, before parsing
            checked = check(collector, payload, others)
            notes += checked.notes
            batches.append(Batch(payload, digest, stored_path, checked.release, checked.frames, checked.unmapped,
                                 checked.dropped, parsed_by))
        record.message = "; ".join(notes)
        if batches:
            writer.load(batches, record)
        else:
            record.status = "unchanged"
            writer.record_run(record)
    except CollectorError as exc:
        record.status, record.message = "failed", str(exc)
        writer.record_run(record)
    except Exception as exc:  # a bug or an unforeseen format: still this source's failure alone
        log.exception("collect.source.crash source=%s", collector.id)
        record.status, record.message = "failed", f"unexpected {type(exc).__name__}: {exc}"
        writer.record_run(record)
    log.info("collect.source.done source=%s status=%s rows=%d", record.source_id, record.status, record.rows_added)
    return record


def refresh_forecasts(writer: Writer, step: ForecastStep) -> Refit:
    """Refit the series whose input changed and store them, with the catch-up table, in one transaction."""
    from models.analytics import catch_up_rows  # the statistics stack loads only when a refit is due
    from models.refresh import refit, select_series

    history = flags.complete_rows(stored.annual_observations(writer.con))  # part-periods and gaps: never fitted
    observations = select_series(history, step.countries, step.indicators)
    complete = step.countries is None and step.indicators is None
    new = refit(observations, stored.fitted_inputs(writer.con), complete=complete, jobs=step.jobs,
                force=step.force)
    now = pd.Timestamp.now(tz="UTC").tz_localize(None)
    with writer.transaction():
        stored.replace_series(writer.con, new.stale, {"forecasts": new.forecasts, "backtests": new.backtests,
                                                      "forecast_inputs": new.inputs}, now)
        if not new.stale.empty:
            rows, by_year = catch_up_rows(stored.stored_forecasts(writer.con), history,
                                          excluded=stored.non_peers(writer.con))
            stored.replace_catch_up(writer.con, rows, by_year)
    log.info("forecast.refresh series=%d refitted=%d", new.series, new.refitted)
    return new


def forecast(settings: Settings, step: ForecastStep) -> PipelineResult:
    """`kaim forecast`: refit (changed series, or all with ``force``), then publish."""
    return run(settings, "kaim forecast", forecast=step)


def publish(settings: Settings) -> PipelineResult:
    """`kaim publish`: the catalogue from the code's declarations, then a new published version."""
    return run(settings, "kaim publish")
