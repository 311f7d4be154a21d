"""The product's periodic jobs and the one scheduler that runs them (APScheduler).

Each app declares its jobs in its ``jobs.py`` with ``@periodic``; ``manage.py run_scheduler``
(started by ``make run`` beside the server, and in production as a process of its own) runs
them at their times. Started several times, on one machine or many, exactly one scheduler is
active: the one holding the lease (a row in the database, renewed while it lives, taken over
once expired); each scheduled time is moreover claimed by a unique row before the job starts, so
it runs once even if two schedulers believed they held the lease. Every run is recorded
(``JobRun``: status, results, error) and written to the audit log; the office's service page
reads them. A run missed while no scheduler was running (a restart, a failover) is run once as
soon as a scheduler takes the lease.
"""

import logging
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from .models import JobRun, SchedulerLease, audit

logger = logging.getLogger("inscriptions.scheduler")

LEASE = "scheduler"
StrOrPromise = str | Promise


@dataclass(frozen=True)
class Job:
    name: str
    title: StrOrPromise
    # CronTrigger's fields (``{"minute": "*/5"}``), in the service's time zone; a setting
    # (SCHEDULER_SCHEDULES) may replace them.
    schedule: dict[str, str]
    function: Callable[..., dict[str, int]]
    # What each count of the results means, for the service page.
    counts: Mapping[str, StrOrPromise]

    def trigger(self) -> CronTrigger:
        fields = settings.SCHEDULER_SCHEDULES.get(self.name, self.schedule)
        return CronTrigger(timezone=settings.TIME_ZONE, **fields)


_JOBS: dict[str, Job] = {}


def periodic(
    name: str, *, title: StrOrPromise, counts: Mapping[str, StrOrPromise], **schedule: str
) -> Callable[..., Any]:
    """Declare a periodic job: a function of ``now`` returning what it did as counts."""

    def register(function: Callable[..., dict[str, int]]) -> Callable[..., dict[str, int]]:
        _JOBS[name] = Job(
            name=name, title=title, schedule=schedule, function=function, counts=counts
        )
        return function

    return register


def jobs() -> dict[str, Job]:
    """Every app's jobs (their ``jobs.py`` modules), by name."""
    autodiscover_modules("jobs")
    return dict(sorted(_JOBS.items()))


# --- When: the trigger's times.


def last_fire_time(job: Job, now: datetime) -> datetime | None:
    """The latest time at or before ``now`` the job was due (None if never in the past 32
    days). Searched in widening windows, so a job due every few seconds and a job due daily are
    both found in a few steps."""
    trigger = job.trigger()
    for window in (timedelta(minutes=1), timedelta(hours=1), timedelta(days=1), timedelta(days=32)):
        found: datetime | None = None
        fire: datetime | None = trigger.get_next_fire_time(None, now - window)
        while fire is not None and fire <= now:
            found = fire
            fire = trigger.get_next_fire_time(fire, fire)
        if found is not None:
            return found
    return None


def missed_run(job: Job, now: datetime) -> datetime | None:
    """The time to catch up when the job was due since its last recorded run (or has never run):
    the latest such time (missed runs are run once, not once each)."""
    last = JobRun.objects.filter(job=job.name).order_by("-scheduled_for").first()
    due = last_fire_time(job, now)
    if due is None or (last is not None and last.scheduled_for >= due):
        return None
    return due


# --- Who: the lease.


def take_lease(holder: str, *, now: datetime, seconds: int | None = None) -> bool:
    """Take or renew the lease; True when ``holder`` holds it until ``now + seconds``. One
    statement each way, so two schedulers asking at once cannot both get it."""
    expires = now + timedelta(seconds=seconds or settings.SCHEDULER_LEASE_SECONDS)
    renewed = (
        SchedulerLease.objects.filter(name=LEASE)
        .filter(Q(holder=holder) | Q(expires_at__lte=now))
        .update(holder=holder, expires_at=expires, acquired_at=now)
    )
    if renewed:
        return True
    try:
        with transaction.atomic():
            SchedulerLease.objects.create(
                name=LEASE, holder=holder, acquired_at=now, expires_at=expires
            )
    except IntegrityError:
        return False
    return True


def holds_lease(holder: str, *, now: datetime) -> bool:
    return SchedulerLease.objects.filter(name=LEASE, holder=holder, expires_at__gt=now).exists()


def release_lease(holder: str) -> None:
    SchedulerLease.objects.filter(name=LEASE, holder=holder).delete()


# --- What: one run.


def run_job(
    job: Job, *, scheduled_for: datetime, runner: str, caught_up: bool = False
) -> JobRun | None:
    """Claim the scheduled time, run the job, record and audit how it ended. None when another
    scheduler claimed that time first. A failing job is recorded as failed (its error's kind and
    message), never raised: the scheduler goes on."""
    started = timezone.now()
    try:
        with transaction.atomic():
            run = JobRun.objects.create(
                job=job.name,
                scheduled_for=scheduled_for,
                started_at=started,
                status=JobRun.Status.RUNNING,
                caught_up=caught_up,
                runner=runner,
            )
    except IntegrityError:
        return None
    try:
        results = job.function(now=started)
    except Exception as error:
        logger.exception("Periodic job %s failed", job.name)
        run.status, run.error = JobRun.Status.FAILED, f"{type(error).__name__}: {error}"[:300]
    else:
        run.status, run.results = JobRun.Status.DONE, results
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "results", "finished_at"])
    audit(
        actor=None,
        action="scheduler.run",
        obj=run,
        job=job.name,
        status=run.status,
        results=run.results,
        error=run.error,
        caught_up=caught_up,
    )
    return run


def run_due_now(*, runner: str, names: list[str] | None = None) -> list[JobRun]:
    """Run at once, each once, every job (or those named) that is due or missed: what
    ``run_scheduler --once`` does, from a command line or a test."""
    now = timezone.now()
    done = []
    for name, job in jobs().items():
        if names and name not in names:
            continue
        scheduled_for = missed_run(job, now)
        if scheduled_for is not None:
            run = run_job(job, scheduled_for=scheduled_for, runner=runner, caught_up=True)
            if run is not None:
                done.append(run)
    return done


# --- The scheduler itself.


def _recycle_connections() -> None:
    """Between runs, drop a connection the database closed or that outlived its age (a process
    that lives for days is not cleaned after as a request is); never inside a transaction."""
    if not connection.in_atomic_block:
        close_old_connections()


def runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Scheduler:
    """APScheduler's blocking scheduler with the jobs, the lease kept every third of its length,
    and the missed runs caught up each time the lease is taken."""

    def __init__(self, *, runner: str | None = None) -> None:
        self.runner = runner or runner_name()
        self.leading = False
        self.jobs = jobs()
        self.apscheduler = BlockingScheduler(
            timezone=settings.TIME_ZONE,
            executors={"default": ThreadPoolExecutor(max_workers=4)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )

    def start(self) -> None:
        for name, job in self.jobs.items():
            self.apscheduler.add_job(self.run, job.trigger(), args=[name], id=name, name=name)
        self.apscheduler.add_job(
            self.keep_lease,
            "interval",
            seconds=max(1, settings.SCHEDULER_LEASE_SECONDS // 3),
            id="lease",
            next_run_time=timezone.now(),
        )
        logger.info("Scheduler %s started with %d jobs", self.runner, len(self.jobs))
        self.apscheduler.start()

    def stop(self) -> None:
        if self.apscheduler.running:
            self.apscheduler.shutdown(wait=False)
        try:
            release_lease(self.runner)
        except DatabaseError:
            logger.warning("Scheduler %s could not release its lease", self.runner)
        finally:
            _recycle_connections()

    def keep_lease(self) -> None:
        """Renew (or take) the lease; a database out of reach means not leading, until it is
        back: the scheduler waits, it does not exit."""
        _recycle_connections()
        try:
            leading = take_lease(self.runner, now=timezone.now())
        except DatabaseError as error:
            logger.warning("Scheduler %s cannot reach the database: %s", self.runner, error)
            leading = False
        if leading and not self.leading:
            logger.info("Scheduler %s now runs the jobs", self.runner)
            self.catch_up()
        self.leading = leading
        _recycle_connections()

    def catch_up(self) -> None:
        now = timezone.now()
        for name, job in self.jobs.items():
            missed = missed_run(job, now)
            if missed is not None:
                self.apscheduler.add_job(
                    self.run,
                    args=[name],
                    kwargs={"scheduled_for": missed, "caught_up": True},
                    id=f"{name}:catch-up",
                    replace_existing=True,
                )

    def run(self, name: str, *, scheduled_for: datetime | None = None, caught_up: bool = False):  # type: ignore[no-untyped-def]
        if not self.leading:
            return
        _recycle_connections()
        try:
            now = timezone.now()
            if not holds_lease(self.runner, now=now):
                self.leading = False
                return
            job = self.jobs[name]
            when = scheduled_for or last_fire_time(job, now)
            if when is not None:
                run_job(job, scheduled_for=when, runner=self.runner, caught_up=caught_up)
        except DatabaseError as error:
            logger.warning("Periodic job %s not run: %s", name, error)
        finally:
            _recycle_connections()


# --- What the service page and /healthz say.


@dataclass(frozen=True)
class JobState:
    job: Job
    last: JobRun | None
    last_done: JobRun | None
    next_at: datetime | None
    # ok, failed (the last run), interrupted (marked running too long), late (due and not run:
    # no scheduler running), never (not run yet).
    state: str

    @property
    def label(self) -> StrOrPromise:
        return STATE_LABELS[self.state]

    @property
    def results(self) -> list[tuple[StrOrPromise, int]]:
        """The last run's counts, each with what it means."""
        if self.last is None:
            return []
        return [(self.job.counts.get(key, key), value) for key, value in self.last.results.items()]


STATE_LABELS: dict[str, StrOrPromise] = {
    "ok": _("En ordre"),
    "failed": _("Échec de la dernière exécution"),
    "interrupted": _("Interrompue en cours d'exécution"),
    "late": _("En retard : aucun planificateur ne l'exécute"),
    "never": _("Jamais exécutée"),
}


def lease_state(*, now: datetime) -> SchedulerLease | None:
    """The lease of the scheduler running the jobs, None when none is."""
    return SchedulerLease.objects.filter(name=LEASE, expires_at__gt=now).first()


def job_states(*, now: datetime) -> list[JobState]:
    timeout = timedelta(minutes=settings.SCHEDULER_RUN_TIMEOUT_MINUTES)
    # A due run not started within two leases and a minute means no scheduler is running it.
    grace = timedelta(seconds=2 * settings.SCHEDULER_LEASE_SECONDS + 60)
    states = []
    for job in jobs().values():
        runs = JobRun.objects.filter(job=job.name).order_by("-scheduled_for")
        last = runs.first()
        last_done = last if last and last.status == JobRun.Status.DONE else None
        if last is not None and last_done is None:
            last_done = runs.filter(status=JobRun.Status.DONE).first()
        missed = missed_run(job, now - grace)
        if last is not None and last.status == JobRun.Status.RUNNING:
            state = "interrupted" if last.started_at < now - timeout else "ok"
        elif last is not None and last.status == JobRun.Status.FAILED:
            state = "failed"
        elif missed is not None:
            state = "late" if last is not None else "never"
        else:
            state = "ok"
        next_at = job.trigger().get_next_fire_time(None, now)
        states.append(JobState(job, last, last_done, next_at, state))
    return states
