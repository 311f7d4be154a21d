"""What an operator sees: every response's request id, carried by each log line of the request;
logs as one JSON object a line in production; /healthz per dependency; /metrics for Prometheus,
with the service's own figures, to the bearer of the token only."""

import io
import json
import logging
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from inscriptions.core import scheduler

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def test_every_response_carries_a_request_id_and_a_valid_one_is_kept(client):
    given = uuid.uuid4().hex

    fresh = client.get("/")
    kept = client.get("/", HTTP_X_REQUEST_ID=given)
    forged = client.get("/", HTTP_X_REQUEST_ID="<script>")

    assert re.fullmatch(r"[0-9a-f]{32}", fresh["X-Request-ID"])
    assert kept["X-Request-ID"] == given
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_each_log_line_of_a_request_carries_its_id(client):
    from django_guid.log_filters import CorrelationId

    lines = io.StringIO()
    handler = logging.StreamHandler(lines)
    handler.addFilter(CorrelationId())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"]))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/pas-de-page-ici/")
    finally:
        logger.removeHandler(handler)

    assert response.status_code == 404
    assert f"[{response['X-Request-ID']}] Not Found: /pas-de-page-ici/" in lines.getvalue()


def test_production_logs_are_one_json_object_a_line(tmp_path):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "LOG_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="inscriptions.settings",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        LOG_FORMAT="json",
    )
    code = "import django, logging; django.setup(); logging.getLogger('inscriptions').warning('x')"

    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )

    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["message"] == "x"
    assert line["name"] == "inscriptions"
    assert "time" in line and "request_id" in line


def test_healthz_checks_each_dependency(client):
    body = client.get("/healthz").json()

    assert body["status"] == "ok"
    for dependency in ("database", "tasks", "cache", "storage", "antivirus", "scheduler"):
        assert dependency in body
    assert body["cache"]["ok"] is True
    assert body["storage"]["ok"] is True


def test_healthz_answers_503_when_the_storage_fails(client, monkeypatch):
    def unreachable(name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(default_storage, "exists", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["storage"] == {
        "ok": False,
        "backend": "FileSystemStorage",
        "error": "OSError",
    }


def test_metrics_exist_only_for_the_bearer_of_the_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "un-jeton-de-mesure"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer autre").status_code == 404


def test_metrics_give_requests_and_the_services_own_figures(client, settings):
    settings.METRICS_TOKEN = "un-jeton-de-mesure"
    scheduler.run_due_now(
        runner="probe", names=[n for n in scheduler.jobs() if n != "operations.backup"]
    )
    scheduler.take_lease("probe", now=timezone.now())
    client.get("/")

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer un-jeton-de-mesure")

    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_total_by_view_transport_method_total" in text
    assert "inscriptions_tasks_waiting" in text
    assert "inscriptions_scheduler_running 1.0" in text
    assert 'inscriptions_job_in_trouble{job="audit.seal"} 0.0' in text
    assert 'inscriptions_job_last_success_timestamp_seconds{job="audit.seal"}' in text
    assert "no-store" in response["Cache-Control"]
