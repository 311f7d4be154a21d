"""Work that survives faults, on the ground floor: a notification's email sent once however many
times its task runs, and sent by the sweep when its task was lost; orphan files deleted once a
day old; the API's errors answered in JSON with the request's id."""

import os
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory
from django.utils import timezone

from inscriptions.core import files_sweep, views
from inscriptions.core.scheduler import jobs
from inscriptions.notifications import tasks as notification_tasks
from inscriptions.notifications.models import Notification
from inscriptions.privacy.tests.conftest import *  # noqa: F403
from inscriptions.registration.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def _notification(dossier, at):
    return Notification.objects.create(
        user=dossier.candidate, registration=dossier, kind="test", title="Un titre", created_at=at
    )


def test_a_notification_is_emailed_once_and_a_lost_one_by_the_sweep(dossier, time_machine):
    mail.outbox.clear()
    lost = _notification(dossier, NOW)

    notification_tasks.send_notification_email.call(lost.pk)
    notification_tasks.send_notification_email.call(lost.pk)
    assert len(mail.outbox) == 1

    never_sent = _notification(dossier, NOW)
    sweep = jobs()["notifications.unsent_emails"]
    assert sweep.function(now=NOW + timedelta(minutes=1)) == {"queued": 0}
    time_machine.move_to(NOW + timedelta(minutes=3), tick=False)
    assert sweep.function(now=NOW + timedelta(minutes=3)) == {"queued": 1}
    assert len(mail.outbox) == 2
    never_sent.refresh_from_db()
    assert never_sent.emailed_at is not None


def test_orphan_files_go_once_a_day_old(storage, dossier):
    from inscriptions.privacy.tests.helpers import furnish

    furnish(dossier)
    referenced = files_sweep.referenced_files()
    assert referenced and all(default_storage.exists(name) for name in referenced)
    old = default_storage.save("pieces/oubliee.pdf", ContentFile(b"%PDF-1.4 orphan"))
    young = default_storage.save("pieces/en-cours.pdf", ContentFile(b"%PDF-1.4 being saved"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    for name in referenced:
        os.utime(default_storage.path(name), (two_days_ago, two_days_ago))

    deleted = files_sweep.delete_orphans(now=timezone.now())

    assert deleted == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(young)
    assert all(default_storage.exists(name) for name in referenced)


def test_the_api_answers_its_errors_in_json(client):
    missing = client.get("/api/v1/ce-chemin-n-existe-pas/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Ressource introuvable."}

    failed = views.server_error(RequestFactory().get("/api/v1/registrations/"))
    assert failed.status_code == 500
    assert failed["Content-Type"] == "application/json"
    assert "Erreur inattendue" in failed.content.decode()

    page = views.server_error(RequestFactory().get("/espace-candidat/"))
    assert page["Content-Type"].startswith("text/html")


def test_a_task_left_running_by_a_dead_worker_is_queued_again(settings, time_machine):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASK_BACKEND = "database"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    time_machine.move_to(NOW, tick=False)
    queued = notification_tasks.send_office_email.enqueue([], "Sujet", "Texte")
    DBTaskResult.objects.filter(pk=queued.id).update(
        status=TaskResultStatus.RUNNING, started_at=NOW
    )
    job = jobs()["operations.stalled_tasks"]

    assert job.function(now=NOW + timedelta(minutes=29)) == {"requeued": 0}
    assert job.function(now=NOW + timedelta(minutes=31)) == {"requeued": 1}
    assert DBTaskResult.objects.get(pk=queued.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().filter(pk=queued.id).exists()
