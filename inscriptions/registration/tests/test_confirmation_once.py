"""Work that survives faults (the operations issue, « work that survives faults »): a validation
committed whose confirmation could not be queued is answered normally and its confirmation sent
by the sweep; the task run twice sends one email and keeps one PDF; a sending left half-way by a
dead worker is taken again; with the database queue, the task is written in the validation's own
transaction."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from inscriptions.core.scheduler import jobs
from inscriptions.registration import services, tasks
from inscriptions.registration.models import RegistrationVersion
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import fill, screens

pytestmark = pytest.mark.django_db


class Unqueued:
    """A task whose queue is out of reach (``failure``), or that is lost once queued (None)."""

    def __init__(self, failure):
        self.failure = failure

    def enqueue(self, *args):
        if self.failure:
            raise self.failure("queue unreachable")


def _filled(candidate, session, mco):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    return fill(
        registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW
    )


def test_a_queue_out_of_reach_after_the_commit_is_no_error_and_the_sweep_sends_it(
    candidate, session, mco, frozen, time_machine, monkeypatch, django_capture_on_commit_callbacks
):
    registration = _filled(candidate, session, mco)

    monkeypatch.setattr(services, "_confirmation_task", lambda: Unqueued(ConnectionError))
    with django_capture_on_commit_callbacks(execute=True):
        version = services.registration_validate(
            registration=registration, actor=candidate, now=NOW
        )
    assert RegistrationVersion.objects.filter(pk=version.pk).exists()
    assert mail.outbox == []
    monkeypatch.undo()
    sweep = jobs()["registration.unsent_confirmations"]

    assert sweep.function(now=NOW + timedelta(minutes=1)) == {"queued": 0}
    time_machine.move_to(NOW + timedelta(minutes=3), tick=False)
    assert sweep.function(now=NOW + timedelta(minutes=3)) == {"queued": 1}

    (email,) = mail.outbox
    assert f"dossier {version.reference}" in email.subject
    assert sweep.function(now=NOW + timedelta(minutes=8)) == {"queued": 0}


def test_the_task_run_twice_sends_one_email_and_keeps_one_pdf(
    candidate, session, mco, frozen, django_capture_on_commit_callbacks
):
    registration = _filled(candidate, session, mco)
    with django_capture_on_commit_callbacks(execute=True):
        version = services.registration_validate(
            registration=registration, actor=candidate, now=NOW
        )
    stored = RegistrationVersion.objects.get(pk=version.pk).confirmation.name

    tasks.send_confirmation.call(version.pk)

    assert len(mail.outbox) == 1
    version.refresh_from_db()
    assert version.confirmation.name == stored
    assert version.confirmation_emailed_at is not None


def test_a_sending_left_half_way_is_taken_again_once_stale(
    candidate, session, mco, frozen, time_machine, monkeypatch, django_capture_on_commit_callbacks
):
    registration = _filled(candidate, session, mco)
    monkeypatch.setattr(services, "_confirmation_task", lambda: Unqueued(None))
    with django_capture_on_commit_callbacks(execute=True):
        version = services.registration_validate(
            registration=registration, actor=candidate, now=NOW
        )
    monkeypatch.undo()
    # A worker claimed it, then died before sending.
    RegistrationVersion.objects.filter(pk=version.pk).update(confirmation_email_started_at=NOW)

    tasks.send_confirmation.call(version.pk)
    assert mail.outbox == []
    time_machine.move_to(NOW + tasks.SENDING_STALE + timedelta(seconds=1), tick=False)
    tasks.send_confirmation.call(version.pk)
    assert len(mail.outbox) == 1


def test_a_failed_sending_may_be_tried_again(
    candidate, session, mco, frozen, monkeypatch, django_capture_on_commit_callbacks
):
    from inscriptions.registration import tasks as registration_tasks

    registration = _filled(candidate, session, mco)
    monkeypatch.setattr(services, "_confirmation_task", lambda: Unqueued(None))
    with django_capture_on_commit_callbacks(execute=True):
        version = services.registration_validate(
            registration=registration, actor=candidate, now=NOW
        )
    monkeypatch.undo()

    def refused(*args, **kwargs):
        raise OSError("SMTP refused")

    monkeypatch.setattr(registration_tasks, "email_confirmation", refused)
    with pytest.raises(OSError):
        tasks.send_confirmation.call(version.pk)
    monkeypatch.undo()
    tasks.send_confirmation.call(version.pk)

    assert len(mail.outbox) == 1


def test_with_the_database_queue_the_task_is_written_in_the_validations_transaction(
    candidate, session, mco, frozen, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASK_BACKEND = "database"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    registration = _filled(candidate, session, mco)

    with pytest.raises(RuntimeError), transaction.atomic():
        services.registration_validate(registration=registration, actor=candidate, now=NOW)
        assert DBTaskResult.objects.filter(task_path__endswith="send_confirmation").count() == 1
        raise RuntimeError("the transaction fails after the validation")

    assert not DBTaskResult.objects.filter(task_path__endswith="send_confirmation").exists()
    registration.refresh_from_db()
    services.registration_validate(registration=registration, actor=candidate, now=NOW)
    assert DBTaskResult.objects.filter(task_path__endswith="send_confirmation").count() == 1
    assert timezone.now() == NOW
