"""The one scheduler of the periodic jobs (``core.scheduler``): the lease that lets one of the
schedulers started run the jobs, each scheduled time run once, every run recorded and audited,
missed runs caught up after a restart, and two real schedulers started at once, one of them
killed."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.test import override_settings

from inscriptions.core import scheduler
from inscriptions.core.models import AuditEntry, JobRun, SchedulerLease

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
# A Monday, 10:02:30 in Paris.
MONDAY = datetime(2026, 3, 2, 9, 2, 30, tzinfo=UTC)

calls: list[datetime] = []


def _probe(*, now: datetime) -> dict[str, int]:
    calls.append(now)
    return {"done": 1}


def _failing(*, now: datetime) -> dict[str, int]:
    raise RuntimeError("disque plein")


EVERY_FIVE = scheduler.Job("test.five", "Toutes les cinq minutes", {"minute": "*/5"}, _probe, {})
DAILY = scheduler.Job("test.daily", "Chaque nuit", {"hour": "2", "minute": "0"}, _probe, {})
FAILING = scheduler.Job("test.failing", "Échoue", {"minute": "*/5"}, _failing, {})


@pytest.fixture(autouse=True)
def _no_calls():
    calls.clear()


def test_every_app_declares_its_jobs():
    names = set(scheduler.jobs())
    assert {
        "audit.seal",
        "review.completion_deadlines",
        "review.closing_reminders",
        "review.documents_reminders",
        "review.completion_reminders",
    } <= names


def test_one_holder_of_the_lease_at_a_time_and_taken_over_once_expired():
    assert scheduler.take_lease("a", now=MONDAY, seconds=30)
    assert not scheduler.take_lease("b", now=MONDAY + timedelta(seconds=10), seconds=30)
    # The holder renews it before it expires.
    assert scheduler.take_lease("a", now=MONDAY + timedelta(seconds=20), seconds=30)
    assert not scheduler.take_lease("b", now=MONDAY + timedelta(seconds=49), seconds=30)
    assert scheduler.holds_lease("a", now=MONDAY + timedelta(seconds=49))
    # Not renewed: another takes it, and the former holder no longer holds it.
    assert scheduler.take_lease("b", now=MONDAY + timedelta(seconds=50), seconds=30)
    assert not scheduler.holds_lease("a", now=MONDAY + timedelta(seconds=51))
    assert SchedulerLease.objects.get().holder == "b"
    scheduler.release_lease("b")
    assert scheduler.take_lease("a", now=MONDAY + timedelta(seconds=52), seconds=30)


def test_a_scheduled_time_runs_once_recorded_and_audited():
    due = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    run = scheduler.run_job(EVERY_FIVE, scheduled_for=due, runner="a")
    again = scheduler.run_job(EVERY_FIVE, scheduled_for=due, runner="b")

    assert again is None
    assert len(calls) == 1
    run = JobRun.objects.get()
    assert (run.status, run.results, run.runner) == (JobRun.Status.DONE, {"done": 1}, "a")
    assert run.finished_at >= run.started_at
    entry = AuditEntry.objects.get(action="scheduler.run")
    assert entry.object_id == str(run.pk)
    assert entry.data["job"] == "test.five"
    assert entry.data["status"] == "done"


def test_a_failing_job_is_recorded_as_failed_and_the_scheduler_goes_on():
    run = scheduler.run_job(FAILING, scheduled_for=MONDAY, runner="a")

    assert run is not None
    assert run.status == JobRun.Status.FAILED
    assert run.error == "RuntimeError: disque plein"
    assert AuditEntry.objects.get(action="scheduler.run").data["status"] == "failed"


def test_the_last_time_due_is_found_for_frequent_and_daily_jobs():
    assert scheduler.last_fire_time(EVERY_FIVE, MONDAY) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    # 02:00 in Paris is 01:00 UTC in winter.
    assert scheduler.last_fire_time(DAILY, MONDAY) == datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    assert scheduler.last_fire_time(DAILY, datetime(2026, 3, 2, 0, 59, tzinfo=UTC)) == datetime(
        2026, 3, 1, 1, 0, tzinfo=UTC
    )


def test_a_setting_replaces_a_jobs_times(settings):
    settings.SCHEDULER_SCHEDULES = {"test.daily": {"hour": "*", "minute": "30"}}

    assert scheduler.last_fire_time(DAILY, MONDAY) == datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def test_missed_runs_are_caught_up_once_after_a_restart():
    # Last run: Monday 02:00. The scheduler was down until Wednesday 09:00.
    scheduler.run_job(DAILY, scheduled_for=datetime(2026, 3, 2, 1, 0, tzinfo=UTC), runner="a")
    wednesday = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)
    assert scheduler.missed_run(DAILY, MONDAY + timedelta(hours=1)) is None

    missed = scheduler.missed_run(DAILY, wednesday)

    # Tuesday's and Wednesday's runs were missed: one run, for the latest.
    assert missed == datetime(2026, 3, 4, 1, 0, tzinfo=UTC)
    scheduler.run_job(DAILY, scheduled_for=missed, runner="b", caught_up=True)
    assert scheduler.missed_run(DAILY, wednesday) is None
    assert JobRun.objects.filter(caught_up=True).count() == 1


def test_a_job_never_run_is_due_at_once():
    assert scheduler.missed_run(EVERY_FIVE, MONDAY) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_taking_the_lease_catches_up_and_only_the_holder_runs(time_machine, monkeypatch):
    time_machine.move_to(MONDAY, tick=False)
    monkeypatch.setattr(scheduler, "jobs", lambda: {"test.five": EVERY_FIVE})
    standby = scheduler.Scheduler(runner="standby")
    leader = scheduler.Scheduler(runner="leader")

    leader.keep_lease()
    standby.keep_lease()

    assert (leader.leading, standby.leading) == (True, False)
    # The leader queued the missed run at once; the standby queued nothing.
    assert [job.id for job in leader.apscheduler.get_jobs()] == ["test.five:catch-up"]
    assert standby.apscheduler.get_jobs() == []
    standby.run("test.five")
    leader.run("test.five", scheduled_for=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), caught_up=True)
    time_machine.move_to(MONDAY + timedelta(minutes=3), tick=False)
    leader.keep_lease()
    leader.run("test.five")
    assert list(JobRun.objects.values_list("runner", "scheduled_for", "caught_up")) == [
        ("leader", datetime(2026, 3, 2, 9, 5, tzinfo=UTC), False),
        ("leader", datetime(2026, 3, 2, 9, 0, tzinfo=UTC), True),
    ]
    # The leader stops renewing: past the lease, the standby takes over.
    time_machine.move_to(MONDAY + timedelta(minutes=10), tick=False)
    standby.keep_lease()
    assert standby.leading
    leader.run("test.five")
    assert JobRun.objects.filter(runner="leader").count() == 2
    assert leader.leading is False


def test_a_database_out_of_reach_means_waiting_not_exiting(monkeypatch):
    from django.db import OperationalError

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(scheduler, "take_lease", unreachable)
    waiting = scheduler.Scheduler(runner="a")
    waiting.leading = True

    waiting.keep_lease()

    assert waiting.leading is False


@override_settings(SCHEDULER_LEASE_SECONDS=30)
def test_the_service_state_says_when_no_scheduler_runs(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    scheduler.take_lease("a", now=MONDAY)
    assert scheduler.lease_state(now=MONDAY).holder == "a"
    assert scheduler.lease_state(now=MONDAY + timedelta(seconds=31)) is None


# --- Two real schedulers.


def _environment(tmp_path: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TASK_", "DATABASE_", "REDIS_", "SCHEDULER_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="inscriptions.settings",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # The audit seal every second, a lease of three.
        SCHEDULER_SCHEDULES='{"audit.seal": {"second": "*"}}',
        SCHEDULER_LEASE_SECONDS="3",
    )
    return environment


def _runs(tmp_path: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        return database.execute(
            "SELECT scheduled_for, runner, caught_up FROM core_jobrun WHERE job = 'audit.seal' "
            "ORDER BY scheduled_for"
        ).fetchall()


def _wait_for(condition, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("not reached in time")


def test_two_schedulers_started_one_runs_each_time_once_and_the_other_takes_over(tmp_path):
    environment = _environment(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    first = start()
    try:
        _wait_for(lambda: len(_runs(tmp_path)) >= 2, seconds=30)
        second = start()
        try:
            time.sleep(4)
            both_running = _runs(tmp_path)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed_at = len(both_running)
            _wait_for(lambda: len(_runs(tmp_path)) >= killed_at + 4, seconds=30)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=15)
    finally:
        if first.poll() is None:
            first.kill()

    runs = _runs(tmp_path)
    runners = [runner for _, runner, _ in runs]
    # While both ran, one ran the job; after the kill, the other did, catching up what it missed.
    assert len({runner for _, runner, _ in both_running}) == 1
    assert runners[-1] != runners[0]
    assert runners == sorted(runners, key=runners.index)
    assert len(set(runners)) == 2
    taken_over = runners.index(runners[-1])
    # No second ran twice; the seconds missed while no one held the lease were caught up by one
    # run at most (the latest of them, unless the job's own time came first).
    times = [datetime.fromisoformat(at) for at, _, _ in runs]
    assert len(times) == len(set(times))
    assert sum(caught for _, _, caught in runs[taken_over:]) <= 1
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        (held,) = database.execute("SELECT count(*) FROM core_schedulerlease").fetchone()
    # Stopped with SIGTERM, the second released the lease.
    assert held == 0
