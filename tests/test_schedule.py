"""`kaim schedule`: one job per collector on its cron, a persistent job store whose missed runs run
once after a restart, and one scheduler at a time."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import duckdb
import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, EVENT_SCHEDULER_STARTED

from collectors.registry import registry
from kaim import schedule as scheduler
from kaim.cli import main
from kaim.settings import SettingsError, load_settings
from warehouse import publish
from warehouse.lock import WriterLock


def test_one_job_per_live_collector_with_overrides(settings, monkeypatch):
    monkeypatch.setenv("KAIM_SCHEDULES", "worldbank=15 3 * * *")
    built = scheduler.build(load_settings())
    jobs = {job.id: job for job in built.get_jobs()}
    live = {c.id for c in registry().values() if not c.mirror_only}
    assert set(jobs) == live
    assert str(jobs["worldbank"].trigger) == "cron[month='*', day='*', day_of_week='*', hour='3', minute='15']"
    assert str(jobs["oecd_msti"].trigger) == "cron[month='*', day='*', day_of_week='2', hour='5', minute='0']"


def test_mirror_setting_schedules_mirror_only_sources_too(settings, monkeypatch, mirror):
    monkeypatch.setenv("KAIM_MIRROR", str(mirror))
    assert {job.id for job in scheduler.build(load_settings()).get_jobs()} == set(registry())


def test_unknown_source_in_overrides_is_refused(settings, monkeypatch):
    monkeypatch.setenv("KAIM_SCHEDULES", "nope=0 1 * * *")
    with pytest.raises(SettingsError, match="unknown source"):
        scheduler.build(load_settings())


#: Bounds a hang only: every wait below ends on an event the scheduler dispatches.
HANG = 120


def _start(built, paused: bool = False):
    thread = threading.Thread(target=built.start, kwargs={"paused": paused}, daemon=True)
    thread.start()
    return thread


def _stop(built, thread) -> None:
    built.shutdown()  # waits for a running job
    thread.join(HANG)
    assert not thread.is_alive()


def test_missed_run_runs_once_after_restart(settings, monkeypatch, mirror):
    monkeypatch.setenv("KAIM_MIRROR", str(mirror))
    monkeypatch.setenv("KAIM_SCHEDULES", "oecd_msti=0 * * * *")  # hourly: three hours down is three missed runs
    current = load_settings()
    first = scheduler.build(current)
    started = threading.Event()
    first.add_listener(lambda event: started.set(), EVENT_SCHEDULER_STARTED)  # dispatched once jobs are stored
    thread = _start(first, paused=True)  # stores its jobs, runs none
    assert started.wait(HANG)
    _stop(first, thread)
    store = scheduler.job_store_path(current)
    due = (datetime.now(UTC) - timedelta(hours=3)).timestamp()  # "down" over three scheduled runs of one job
    with sqlite3.connect(store) as con:
        con.execute("UPDATE apscheduler_jobs SET next_run_time = ? WHERE id = 'oecd_msti'", [due])
    assert scheduler.stored_jobs(store)["oecd_msti"][0].timestamp() == pytest.approx(due)

    second = scheduler.build(current)
    outcomes, ran = [], threading.Event()

    def on_job(event) -> None:  # a job's events come once all its (coalesced) run times have run
        outcomes.append((event.job_id, event.code))
        ran.set()

    second.add_listener(on_job, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    thread = _start(second)
    assert ran.wait(HANG), "the missed job never ran"
    _stop(second, thread)
    assert outcomes == [("oecd_msti", EVENT_JOB_EXECUTED)]
    with duckdb.connect(str(publish.latest(current.warehouse)), read_only=True) as con:
        runs = con.execute("SELECT source_id, status FROM collector_runs").fetchall()
    assert runs == [("oecd_msti", "ok")]  # exactly one run, of the job that was due
    next_run = scheduler.stored_jobs(store)["oecd_msti"][0]
    assert next_run > datetime.now(UTC)  # rescheduled to its next cron time


def test_second_scheduler_is_refused(settings, capsys):
    with WriterLock(settings.home / "scheduler.lock", "kaim schedule"):
        assert main(["schedule"]) == 2
    err = capsys.readouterr().err
    assert "another kaim writer is running" in err and "kaim schedule refused" in err
