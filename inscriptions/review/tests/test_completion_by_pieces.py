"""A request answered by the pieces (002_d2d52601aecd35af.txt §II ④: the pieces asked for are to be
supplied by the deadline, « à défaut, votre inscription sera refusée »): once every piece the
request asks for is uploaded in time, the request is answered and the dossier goes back to
awaiting review; the deadline job never makes such a dossier non conforme."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.documents import services as document_services
from inscriptions.documents.tests import samples
from inscriptions.registration.models import State
from inscriptions.review import services
from inscriptions.review.models import CompletionStatus

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _request(dossier, staff, documents, corrections=""):
    return services.dossier_request_completion(
        registration=dossier,
        actor=staff,
        documents=documents,
        corrections=corrections,
        message="Pièces illisibles.",
        due_at=NOW + timedelta(days=10),
        now=NOW,
    )


def _upload(dossier, code, *, at):
    return document_services.document_upload(
        registration=dossier,
        code=code,
        upload=SimpleUploadedFile(f"{code}.pdf", samples.pdf()),
        actor=dossier.candidate,
        now=at,
    )


def test_the_last_piece_uploaded_answers_the_request(dossier, staff, frozen):
    request = _request(dossier, staff, ["identity", "transcript"])

    _upload(dossier, "identity", at=NOW + timedelta(hours=1))
    dossier.refresh_from_db()
    assert dossier.state == State.TO_COMPLETE
    mail.outbox.clear()
    _upload(dossier, "transcript", at=NOW + timedelta(hours=2))

    dossier.refresh_from_db()
    request.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.completion_due_at is None
    assert request.status == CompletionStatus.ANSWERED
    assert request.answered_at == NOW + timedelta(hours=2)
    change = dossier.state_changes.first()
    assert (change.move, change.actor_id) == ("answer_completion", dossier.candidate_id)
    subjects = [m.subject for m in mail.outbox]
    assert "Votre réponse a été transmise au bureau des examens" in subjects
    assert any(staff.email in m.to and "Réponse du candidat" in m.subject for m in mail.outbox)
    notice = dossier.notifications.filter(kind="answered").get()
    assert "Toutes les pièces demandées" in notice.body
    assert "Vous pouvez encore écrire" in notice.body


def test_pieces_alone_do_not_answer_corrections_still_to_make(dossier, staff, frozen):
    request = _request(dossier, staff, ["identity"], corrections="Votre adresse est incomplète.")

    _upload(dossier, "identity", at=NOW + timedelta(hours=1))

    request.refresh_from_db()
    assert request.status == CompletionStatus.OPEN
    assert dossier.__class__.objects.get(pk=dossier.pk).state == State.TO_COMPLETE


def test_the_deadline_job_answers_instead_of_refusing_when_the_pieces_came_in_time(
    dossier, staff, time_machine, monkeypatch
):
    time_machine.move_to(NOW, tick=False)
    request = _request(dossier, staff, ["identity"])
    # The answer at the upload did not happen (its signal lost, say): the job still sees the
    # piece arrived before the deadline.
    from inscriptions.documents import signals

    receivers = signals.document_uploaded.receivers
    monkeypatch.setattr(signals.document_uploaded, "receivers", [])
    _upload(dossier, "identity", at=request.due_at - timedelta(minutes=5))
    monkeypatch.setattr(signals.document_uploaded, "receivers", receivers)
    assert request.__class__.objects.get(pk=request.pk).status == CompletionStatus.OPEN

    time_machine.move_to(request.due_at + timedelta(minutes=1), tick=False)
    swept = services.deadlines_sweep(now=request.due_at + timedelta(minutes=1))

    assert swept["expired"] == 0
    dossier.refresh_from_db()
    request.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert request.status == CompletionStatus.ANSWERED


def test_the_deadline_job_still_refuses_when_a_piece_is_missing(dossier, staff, time_machine):
    time_machine.move_to(NOW, tick=False)
    request = _request(dossier, staff, ["identity", "transcript"])
    _upload(dossier, "identity", at=NOW + timedelta(hours=1))

    time_machine.move_to(request.due_at, tick=False)
    assert services.deadlines_sweep(now=request.due_at)["expired"] == 1

    dossier.refresh_from_db()
    assert dossier.state == State.NON_COMPLIANT


def test_after_each_upload_the_candidate_reads_what_remains_with_the_deadline(
    client, dossier, staff, frozen
):
    _request(dossier, staff, ["identity", "transcript"])
    client.force_login(dossier.candidate)
    url = f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/pieces/identity/"

    page = client.post(
        url, {"file": SimpleUploadedFile("identity.pdf", samples.pdf())}, follow=True
    ).content.decode()

    assert "Le bureau des examens attend encore" in page
    assert "avant le 3 décembre 2026" in page

    url = url.replace("identity", "transcript")
    page = client.post(
        url, {"file": SimpleUploadedFile("releve.pdf", samples.pdf())}, follow=True
    ).content.decode()

    assert "votre dossier est de nouveau en attente de traitement" in page
