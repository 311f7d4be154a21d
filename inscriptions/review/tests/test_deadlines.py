"""The scheduled work: an unanswered request at its deadline (002_d2d52601aecd35af.txt §II ④
« A défaut, votre inscription sera refusée »), the reminder two days before closing to every
candidate whose draft is not validated (the notices: « aucune inscription hors délai »), two days
before the documents deadline to every dossier still missing pieces (002 §II ❸: without them
the registration is cancelled), and two days before a request's deadline to its candidate."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from inscriptions.registration import services as registration_services
from inscriptions.registration.models import State
from inscriptions.review import services

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _draft(candidate, session):
    return registration_services.registration_start(candidate=candidate, session=session, now=NOW)


def test_reminder_two_days_before_closing_to_unvalidated_drafts_only(
    session, candidate, other_candidate, dossier, time_machine
):
    # ``dossier`` is validated (``candidate``); ``other_candidate`` has only a draft.
    draft = _draft(other_candidate, session)
    closes = session.registration_closes_at
    mail.outbox.clear()

    assert services.closing_reminders(now=closes - timedelta(days=2, seconds=1)) == 0
    assert services.closing_reminders(now=closes - timedelta(days=2)) == 1

    (email,) = mail.outbox
    assert email.to == [other_candidate.email]
    assert email.subject == "Votre inscription au BTS n'est pas validée"
    assert "ferment le" in email.body
    assert draft.notifications.get().kind == "closing_reminder"
    # Once only, and never after closing.
    assert services.closing_reminders(now=closes - timedelta(hours=3)) == 0
    assert services.closing_reminders(now=closes) == 0
    assert len(mail.outbox) == 1


def test_the_command_runs_the_sweep(dossier, staff, time_machine):
    time_machine.move_to(NOW, tick=False)
    request = services.dossier_request_completion(
        registration=dossier,
        actor=staff,
        documents=[],
        corrections="Adresse incomplète",
        message="",
        due_at=NOW + timedelta(days=5),
        now=NOW,
    )
    time_machine.move_to(request.due_at + timedelta(minutes=1), tick=False)
    out = StringIO()

    call_command("run_scheduler", "--once", "--job", "review.completion_deadlines", stdout=out)

    assert "review.completion_deadlines : Terminé {'expired': 1}" in out.getvalue()
    dossier.refresh_from_db()
    assert dossier.state == State.NON_COMPLIANT


def test_the_deadline_job_is_queued_for_the_deadline_where_the_queue_can_wait(
    dossier, staff, settings, frozen
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    request = services.dossier_request_completion(
        registration=dossier,
        actor=staff,
        documents=[],
        corrections="Adresse",
        message="",
        due_at=NOW + timedelta(days=5),
        now=NOW,
    )

    queued = [
        result
        for result in default_task_backend.results
        if result.task.name == "expire_completion_request"
    ]
    assert [(result.args, result.task.run_after) for result in queued] == [
        ([request.pk], request.due_at)
    ]


def test_reminder_before_the_documents_deadline_names_the_missing_pieces_once(
    dossier, session, candidate
):
    due = session.documents_due_at
    assert dossier.documents_missing > 0
    mail.outbox.clear()

    assert services.documents_reminders(now=due - timedelta(days=2, seconds=1)) == 0
    assert services.documents_reminders(now=due - timedelta(days=2)) == 1
    assert services.documents_reminders(now=due - timedelta(days=1)) == 0
    assert services.documents_reminders(now=due) == 0

    (email,) = mail.outbox
    assert email.to == [candidate.email]
    assert email.subject == "Des pièces de votre dossier d'inscription manquent"
    assert "Photocopie d'une pièce d'identité" in email.body
    assert "votre inscription sera annulée" in email.body
    assert dossier.notifications.filter(kind="documents_reminder").count() == 1


def test_no_documents_reminder_once_every_piece_is_given(dossier, session, staff):
    from inscriptions.documents.tests.pieces import accept_required_pieces

    accept_required_pieces(dossier, staff, now=NOW)
    dossier.refresh_from_db()
    assert dossier.documents_missing == 0

    assert services.documents_reminders(now=session.documents_due_at - timedelta(days=1)) == 0


def test_reminder_before_a_requests_deadline_once_and_only_while_unanswered(
    dossier, staff, candidate
):
    request = services.dossier_request_completion(
        registration=dossier,
        actor=staff,
        documents=[],
        corrections="Adresse incomplète",
        message="",
        due_at=NOW + timedelta(days=5),
        now=NOW,
    )
    mail.outbox.clear()

    assert services.completion_reminders(now=request.due_at - timedelta(days=3)) == 0
    assert services.completion_reminders(now=request.due_at - timedelta(days=2)) == 1
    assert services.completion_reminders(now=request.due_at - timedelta(days=1)) == 0

    (email,) = mail.outbox
    assert email.to == [candidate.email]
    assert email.subject == "Le bureau des examens attend votre réponse"
    assert "votre inscription sera refusée" in email.body
    request.refresh_from_db()
    assert request.reminded_at == request.due_at - timedelta(days=2)
