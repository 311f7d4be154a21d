"""The office's service page: whether a scheduler runs the periodic jobs, when each last ran,
how it ended and when it runs next. An académie's administrators only; each read audited. And
/healthz reports the scheduler without taking a web server out of service for it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.core import scheduler
from inscriptions.core.models import AuditEntry, JobRun

pytestmark = pytest.mark.django_db

URL = "/bureau/etat-du-service/"


def test_the_page_says_no_scheduler_runs_and_which_jobs_never_ran(academy_admin):
    client = verified_login(Client(), academy_admin)

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Aucun planificateur ne fonctionne" in page
    assert "Demandes de compléments échues" in page
    assert page.count("Jamais exécutée") == len(scheduler.jobs())
    assert AuditEntry.objects.filter(action="service.state_read", actor=academy_admin).exists()


def test_the_page_shows_each_jobs_last_run_and_a_failure(academy_admin):
    now = timezone.now()
    scheduler.take_lease("web-1:4242:abc", now=now)
    jobs = scheduler.jobs()
    scheduler.run_job(
        jobs["review.completion_deadlines"],
        scheduled_for=scheduler.last_fire_time(jobs["review.completion_deadlines"], now),
        runner="web-1:4242:abc",
    )
    failing = scheduler.Job(
        "audit.seal", "x", {"minute": "*/5"}, lambda *, now: 1 / 0, jobs["audit.seal"].counts
    )
    scheduler.run_job(failing, scheduled_for=now, runner="web-1:4242:abc")
    client = verified_login(Client(), academy_admin)

    page = client.get(URL).content.decode()

    assert "Le planificateur web-1:4242:abc exécute les tâches périodiques" in page
    assert "0 dossiers rendus non conformes" in page
    assert "Échec de la dernière exécution" in page
    assert "ZeroDivisionError: division by zero" in page
    assert "Aucun planificateur ne fonctionne" not in page


def test_a_run_left_running_too_long_is_shown_interrupted(academy_admin, settings):
    now = timezone.now()
    JobRun.objects.create(
        job="audit.seal",
        scheduled_for=now - timedelta(hours=2),
        started_at=now - timedelta(hours=2),
        status=JobRun.Status.RUNNING,
        runner="gone",
    )
    (state,) = [s for s in scheduler.job_states(now=now) if s.job.name == "audit.seal"]

    assert state.state == "interrupted"
    assert state.label == "Interrompue en cours d'exécution"


def test_only_an_academys_administrators_see_it(staff, candidate):
    assert verified_login(Client(), staff).get(URL).status_code == 404
    client = Client()
    client.force_login(candidate)
    assert client.get(URL).status_code == 404
    assert Client().get(URL).status_code == 302


def test_the_queue_links_to_it_for_administrators_only(academy_admin, staff):
    assert URL in verified_login(Client(), academy_admin).get("/bureau/").content.decode()
    assert URL not in verified_login(Client(), staff).get("/bureau/").content.decode()


def test_healthz_reports_the_scheduler_without_failing_for_it(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["scheduler"]["running"] is False
    assert body["scheduler"]["ok"] is False

    # Every job but the backup, which a test's transaction refuses (core/tests/test_backup.py).
    scheduler.run_due_now(
        runner="probe", names=[n for n in scheduler.jobs() if n != "operations.backup"]
    )
    scheduler.take_lease("probe", now=timezone.now())
    body = client.get("/healthz").json()
    assert body["scheduler"] == {"ok": True, "running": True, "jobs": {}}
