"""The state of what the service depends on, for /healthz: each dependency answers, or says
what failed. The database, the task queue, the cache and the storage make the status (503 when
one fails: a web server that cannot reach them cannot serve); the antivirus and the scheduler are
reported without it (uploads wait for the scan, the jobs for a scheduler)."""

from typing import Any

from django.conf import settings
from django.db import connection


def database_state() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"ok": False, "vendor": connection.vendor, "error": type(error).__name__}
    return {"ok": True, "vendor": connection.vendor}


def task_queue_state() -> dict[str, Any]:
    backend = settings.TASK_BACKEND
    state: dict[str, Any] = {"backend": backend}
    try:
        if backend == "database":
            from django_tasks_db.models import DBTaskResult

            state["waiting"] = DBTaskResult.objects.filter(status="READY").count()
        elif backend == "redis":
            import django_rq

            queue = django_rq.get_queue("default")
            queue.connection.ping()
            state["waiting"] = queue.count
    except Exception as error:
        state.update(ok=False, error=type(error).__name__)
        return state
    state["ok"] = True
    return state


def scheduler_state() -> dict[str, Any]:
    """Whether a scheduler holds the lease, and the jobs whose last run failed, was interrupted
    or is late. Reported, not counted in the status: a web server stays in service when the
    scheduler is down (the service page says it to the office)."""
    from django.utils import timezone

    from . import scheduler

    now = timezone.now()
    try:
        lease = scheduler.lease_state(now=now)
        states = scheduler.job_states(now=now)
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    troubled = {
        state.job.name: state.state
        for state in states
        if state.state in {"failed", "interrupted", "late"}
    }
    return {
        "ok": lease is not None and not troubled,
        "running": lease is not None,
        "jobs": troubled,
    }


def cache_state() -> dict[str, Any]:
    from django.core.cache import cache

    try:
        cache.set("healthz-probe", "1", 10)
        ok = cache.get("healthz-probe") == "1"
    except Exception as error:
        return {"ok": False, "backend": _backend(), "error": type(error).__name__}
    return {"ok": ok, "backend": _backend()}


def _backend() -> str:
    return str(settings.CACHES["default"]["BACKEND"]).rsplit(".", 1)[-1]


def storage_state() -> dict[str, Any]:
    from django.core.files.storage import default_storage

    try:
        default_storage.exists("healthz-probe")
    except Exception as error:
        return {"ok": False, "backend": _storage_name(), "error": type(error).__name__}
    return {"ok": True, "backend": _storage_name()}


def _storage_name() -> str:
    """The storage's own class (FileSystemStorage, S3Storage), not its lazy wrapper's."""
    from django.core.files.storage import storages

    return type(storages["default"]).__name__


def antivirus_state() -> dict[str, Any]:
    from .files import antivirus

    scanner = antivirus.configured_scanner()
    if scanner is None:
        return {"ok": True, "configured": False}
    try:
        answers = scanner.ping()
    except Exception as error:
        return {"ok": False, "configured": True, "error": type(error).__name__}
    return {"ok": answers, "configured": True}
