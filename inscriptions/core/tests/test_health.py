"""/healthz: what a load balancer or a monitoring probe reads."""

import pytest
from django.db import OperationalError, connection, connections

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_database_and_tasks_answer(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["tasks"]["backend"] == settings.TASK_BACKEND
    assert body["tasks"]["ok"] is True
    # A probe must never read a cached answer.
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def refused(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "cursor", refused)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"]["ok"] is False
    assert body["database"]["error"] == "OperationalError"
