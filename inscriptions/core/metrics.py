"""What an operator's Prometheus scrapes at /metrics: django-prometheus's figures (requests by
view and status, latencies, database and cache calls) and the service's own, read at each
scrape: the task queue's depth and failed tasks, whether a scheduler runs, and each periodic
job's last outcome and last success. Only for a request bearing ``METRICS_TOKEN``."""

import hmac
import os
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric

from . import health


class ServiceCollector:
    """Read from the database at each scrape (a few indexed counts)."""

    def collect(self) -> Iterator[Metric]:
        from . import scheduler

        tasks = health.task_queue_state()
        waiting = GaugeMetricFamily(
            "inscriptions_tasks_waiting", "Tasks queued and not started (database or Redis queue)."
        )
        waiting.add_metric([], float(tasks.get("waiting", 0)))
        yield waiting
        failed = GaugeMetricFamily("inscriptions_tasks_failed", "Tasks that ended in failure.")
        failed.add_metric([], float(_failed_tasks()))
        yield failed
        now = timezone.now()
        running = GaugeMetricFamily(
            "inscriptions_scheduler_running", "1 when a scheduler holds the lease."
        )
        running.add_metric([], 1.0 if scheduler.lease_state(now=now) else 0.0)
        yield running
        state = GaugeMetricFamily(
            "inscriptions_job_in_trouble",
            "1 when the job's last run failed, was interrupted, or is late.",
            labels=["job"],
        )
        success = GaugeMetricFamily(
            "inscriptions_job_last_success_timestamp_seconds",
            "When the job last succeeded (Unix time; absent when never).",
            labels=["job"],
        )
        for job in scheduler.job_states(now=now):
            troubled = job.state in {"failed", "interrupted", "late"}
            state.add_metric([job.job.name], 1.0 if troubled else 0.0)
            if job.last_done and job.last_done.finished_at:
                success.add_metric([job.job.name], job.last_done.finished_at.timestamp())
        yield state
        yield success


def _failed_tasks() -> int:
    if settings.TASK_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult

        return int(DBTaskResult.objects.filter(status="FAILED").count())
    if settings.TASK_BACKEND == "redis":
        import django_rq

        return int(django_rq.get_queue("default").failed_job_registry.count)
    return 0


def _allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def _base_registry() -> Any:
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return registry
    return REGISTRY


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        raise Http404
    own = CollectorRegistry()
    own.register(ServiceCollector())
    body = generate_latest(_base_registry()) + generate_latest(own)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
