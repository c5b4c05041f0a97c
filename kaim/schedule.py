"""`kaim schedule`: the dedicated writer process that keeps the data fresh.

APScheduler 3.11 (BlockingScheduler, UTC) with one cron job per collector (its declared schedule, or
the override in settings), coalescing, one instance per job and a misfire grace time. Jobs live in a
persistent SQLite job store, so runs that fell due while the process was down run once on restart.
Each job runs the pipeline (``kaim.pipeline``) for its source: it takes the writer lock for its own
duration (a manual `kaim collect` waits its turn or is refused), loads, refreshes forecasts and
publishes. A second `kaim schedule` is refused. Never run inside web workers.
"""

from __future__ import annotations

import logging
import pickle
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from collectors.registry import registry
from kaim.pipeline import collect
from kaim.settings import Settings, SettingsError, load_settings
from warehouse.lock import LockHeldError, WriterLock

log = logging.getLogger(__name__)

JOB = "kaim.schedule:run_job"  # by reference: the job store pickles jobs
LOCK_WAIT_SECONDS = 1800  # a job waits this long for a manual `kaim collect` to finish


def job_store_path(settings: Settings) -> Path:
    return settings.home / "jobs.sqlite"


def run_job(source_id: str) -> None:
    """One scheduled collection of ``source_id`` (live, or from the configured mirror)."""
    settings = load_settings()
    mirror = Path(settings.mirror) if settings.mirror else None
    try:
        result = collect(settings, [registry()[source_id]], mirror=mirror, wait=LOCK_WAIT_SECONDS)
    except LockHeldError as exc:  # another writer is busy: this source's next run will catch up
        log.warning("schedule.job.skipped source=%s reason=%s", source_id, exc)
        return
    run = result.runs[0]
    log.info("schedule.job.done source=%s status=%s rows=%d published=%s", source_id, run.status, run.rows_added,
             result.published)


def stored_jobs(path: Path) -> dict[str, tuple[datetime | None, str]]:
    """(next run time, trigger) of each job already in the store: what a restart must keep."""
    if not path.exists():
        return {}
    with sqlite3.connect(path) as con:
        try:
            rows = con.execute("SELECT id, next_run_time, job_state FROM apscheduler_jobs").fetchall()
        except sqlite3.OperationalError:  # an empty store without its table yet
            return {}
    found = {}
    for job_id, next_run, state in rows:
        when = datetime.fromtimestamp(next_run, UTC) if next_run is not None else None
        found[job_id] = (when, str(pickle.loads(state)["trigger"]))
    return found


def build(settings: Settings) -> BlockingScheduler:
    """A scheduler with one job per collector; jobs known to the store keep their next run time."""
    path = job_store_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    before = stored_jobs(path)
    scheduler = BlockingScheduler(
        timezone="UTC",
        jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{path}")},
        executors={"default": ThreadPoolExecutor(max_workers=1)},  # one writer: jobs run one after another
        job_defaults={"coalesce": True, "max_instances": 1,
                      "misfire_grace_time": int(settings.misfire_grace_hours * 3600)},
    )
    overrides = dict(settings.schedules)
    unknown = sorted(set(overrides) - set(registry()))
    if unknown:
        raise SettingsError(f"setting schedules names unknown source(s): {', '.join(unknown)}")
    for collector in registry().values():
        if collector.mirror_only and not settings.mirror:
            log.info("schedule.skip source=%s reason=mirror-only", collector.id)
            continue
        trigger = CronTrigger.from_crontab(overrides.get(collector.id, collector.schedule), timezone="UTC")
        kept = before.get(collector.id)
        extra = {"next_run_time": kept[0]} if kept and kept[1] == str(trigger) and kept[0] else {}
        scheduler.add_job(JOB, trigger, args=[collector.id], id=collector.id, name=f"collect {collector.id}",
                          replace_existing=True, **extra)
    scheduler.add_listener(_on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    return scheduler


def _on_event(event: JobExecutionEvent) -> None:
    if event.code == EVENT_JOB_MISSED:
        log.warning("schedule.job.missed source=%s due=%s", event.job_id, event.scheduled_run_time)
    else:
        log.error("schedule.job.error source=%s error=%r", event.job_id, event.exception)


def run(settings: Settings) -> None:
    """Run the scheduler in the foreground until stopped; refuse if another scheduler runs."""
    with WriterLock(settings.home / "scheduler.lock", "kaim schedule"):
        scheduler = build(settings)
        jobs = scheduler.get_jobs()
        log.info("schedule.start jobs=%d store=%s", len(jobs), job_store_path(settings))
        scheduler.start()
