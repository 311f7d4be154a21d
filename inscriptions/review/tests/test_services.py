"""The office's decisions on a dossier, as services: each allowed move done and recorded, each
forbidden one refused, the candidate told (002_d2d52601aecd35af.txt §II ④)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction

from inscriptions.core.models import AuditEntry
from inscriptions.documents import services as document_services
from inscriptions.documents.models import DocumentStatus, SupportingDocument
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.registration.models import State
from inscriptions.review import services
from inscriptions.review.models import CompletionRequest, CompletionStatus, StateChange
from inscriptions.review.services import ReviewRefused

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _state(dossier):
    dossier.refresh_from_db()
    return dossier.state


def test_declared_compliant_is_recorded_audited_and_notified(dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW)
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)

    assert _state(dossier) == State.COMPLIANT
    change = StateChange.objects.get(registration=dossier)
    assert (change.from_state, change.to_state, change.actor) == ("submitted", "compliant", staff)
    assert change.version == 0
    entry = AuditEntry.objects.filter(action="dossier.declare_compliant").get()
    assert (entry.registration_id, entry.version, entry.actor) == (dossier.pk, 0, staff)
    notification = dossier.candidate.notifications.get()
    assert notification.title == "Votre dossier d'inscription est conforme"
    assert mail.outbox[-1].subject == "Votre dossier d'inscription est conforme"
    assert mail.outbox[-1].to == [dossier.candidate.email]


def test_non_compliant_needs_a_reason_code_and_a_comment(dossier, staff, frozen):
    with pytest.raises(ReviewRefused) as refused:
        services.dossier_declare_non_compliant(
            registration=dossier, actor=staff, reason_code="", comment="x", now=NOW
        )
    assert refused.value.field == "reason_code"
    with pytest.raises(ReviewRefused) as refused:
        services.dossier_declare_non_compliant(
            registration=dossier, actor=staff, reason_code="not_eligible", comment=" ", now=NOW
        )
    assert refused.value.field == "comment"
    assert _state(dossier) == State.SUBMITTED

    services.dossier_declare_non_compliant(
        registration=dossier,
        actor=staff,
        reason_code="not_eligible",
        comment="Diplôme requis absent.",
        now=NOW,
    )
    assert _state(dossier) == State.NON_COMPLIANT
    change = dossier.state_changes.get()
    assert (change.reason_code, change.comment) == ("not_eligible", "Diplôme requis absent.")
    assert "Diplôme requis absent." in mail.outbox[-1].body


def test_out_of_scope_staff_is_refused_as_if_the_dossier_did_not_exist(
    dossier, other_staff, foreign_admin, frozen
):
    for actor in (other_staff, foreign_admin, dossier.candidate):
        with pytest.raises(ReviewRefused, match="n'existe pas"):
            services.dossier_declare_compliant(registration=dossier, actor=actor, now=NOW)
    assert _state(dossier) == State.SUBMITTED
    assert not StateChange.objects.exists()


def test_a_decided_dossier_cannot_be_decided_again_but_can_be_reopened(
    dossier, academy_admin, frozen
):
    accept_required_pieces(dossier, academy_admin, now=NOW)
    services.dossier_declare_compliant(registration=dossier, actor=academy_admin, now=NOW)
    with pytest.raises(ReviewRefused) as refused:
        services.dossier_declare_non_compliant(
            registration=dossier, actor=academy_admin, reason_code="other", comment="x", now=NOW
        )
    assert refused.value.findings[0].code == "states.transition_forbidden"
    with pytest.raises(ReviewRefused) as refused:
        services.dossier_reopen(registration=dossier, actor=academy_admin, reason="", now=NOW)
    assert refused.value.findings[0].code == "states.reason_required"

    services.dossier_reopen(
        registration=dossier, actor=academy_admin, reason="Pièce d'identité à revoir", now=NOW
    )

    assert _state(dossier) == State.SUBMITTED
    assert [c.move for c in dossier.state_changes.order_by("at", "pk")] == [
        "declare_compliant",
        "reopen",
    ]
    assert "Pièce d'identité à revoir" in dossier.candidate.notifications.first().body


def _request(dossier, staff, **overrides):
    values = {
        "registration": dossier,
        "actor": staff,
        "documents": ["identity"],
        "corrections": "",
        "message": "La pièce d'identité est illisible.",
        "due_at": NOW + timedelta(days=10),
        "now": NOW,
    }
    values.update(overrides)
    return services.dossier_request_completion(**values)


def test_completion_request_opens_the_documents_asked_for_until_its_deadline(
    dossier, staff, frozen
):
    request = _request(dossier, staff)

    dossier.refresh_from_db()
    assert dossier.state == State.TO_COMPLETE
    assert dossier.completion_due_at == NOW + timedelta(days=10)
    document = SupportingDocument.objects.get(registration=dossier, code="identity")
    assert document.status == DocumentStatus.REQUESTED_AGAIN
    assert document.requested_until == request.due_at
    email = mail.outbox[-1]
    assert email.subject == "Votre dossier d'inscription est à compléter"
    assert "Pièce d'identité" in email.body or "identité" in email.body
    assert "sera refusée" in email.body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"documents": [], "corrections": ""}, "documents"),
        ({"due_at": None}, "due_at"),
        ({"due_at": NOW + timedelta(hours=2)}, "due_at"),
        ({"due_at": NOW + timedelta(days=200)}, "due_at"),
    ],
)
def test_completion_request_refused_without_content_or_with_a_bad_deadline(
    dossier, staff, frozen, overrides, field
):
    with pytest.raises(ReviewRefused) as refused:
        _request(dossier, staff, **overrides)

    assert refused.value.field == field
    assert _state(dossier) == State.SUBMITTED
    assert not CompletionRequest.objects.exists()


def test_unknown_document_code_is_refused(dossier, staff, frozen):
    with pytest.raises(ReviewRefused, match="inconnue"):
        _request(dossier, staff, documents=["passport_of_the_moon"])


def test_candidate_answers_after_uploading_what_was_asked(dossier, staff, frozen):
    # Corrections asked for too: the pieces alone do not answer, the candidate explains.
    _request(dossier, staff, corrections="Précisez votre établissement.")
    with pytest.raises(ReviewRefused, match="Déposez d'abord"):
        services.completion_answer(
            registration=dossier, actor=dossier.candidate, answer="", now=NOW + timedelta(hours=1)
        )

    document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("identite.pdf", samples.pdf()),
        actor=dossier.candidate,
        now=NOW + timedelta(hours=2),
    )
    services.completion_answer(
        registration=dossier,
        actor=dossier.candidate,
        answer="Voici une copie lisible.",
        now=NOW + timedelta(hours=3),
    )

    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.completion_due_at is None
    request = dossier.completion_requests.get()
    assert request.status == CompletionStatus.ANSWERED
    assert request.answer == "Voici une copie lisible."
    # The office in charge is told by email.
    assert any(staff.email in message.to for message in mail.outbox)


def test_another_candidate_cannot_answer(dossier, staff, other_candidate, frozen):
    _request(dossier, staff, documents=[], corrections="Adresse incomplète")
    with pytest.raises(ReviewRefused, match="n'existe pas"):
        services.completion_answer(registration=dossier, actor=other_candidate, answer="x", now=NOW)


def test_corrections_need_a_new_version_or_an_explanation(dossier, staff, frozen):
    _request(dossier, staff, documents=[], corrections="Adresse incomplète")
    with pytest.raises(ReviewRefused) as refused:
        services.completion_answer(
            registration=dossier, actor=dossier.candidate, answer="", now=NOW
        )
    assert refused.value.field == "answer"

    services.completion_answer(
        registration=dossier, actor=dossier.candidate, answer="Adresse complétée", now=NOW
    )
    assert _state(dossier) == State.SUBMITTED


def test_deadline_job_makes_an_unanswered_dossier_non_compliant(dossier, staff, time_machine):
    time_machine.move_to(NOW, tick=False)
    request = _request(dossier, staff)
    mail.outbox.clear()

    # The day before, nothing happens.
    assert services.deadlines_sweep(now=request.due_at - timedelta(seconds=1))["expired"] == 0
    assert _state(dossier) == State.TO_COMPLETE

    time_machine.move_to(request.due_at, tick=False)
    swept = services.deadlines_sweep(now=request.due_at)
    assert (swept["expired"], swept["reminded"]) == (1, 0)

    dossier.refresh_from_db()
    assert dossier.state == State.NON_COMPLIANT
    request.refresh_from_db()
    assert request.status == CompletionStatus.EXPIRED
    change = dossier.state_changes.first()
    assert (change.move, change.actor, change.reason_code) == (
        "expire_completion",
        None,
        "deadline_passed",
    )
    assert mail.outbox[-1].subject == "Votre dossier d'inscription n'est pas conforme"
    assert "a expiré" in mail.outbox[-1].body
    # Run again: nothing more.
    assert services.deadlines_sweep(now=request.due_at + timedelta(hours=1))["expired"] == 0


def test_an_answer_after_the_deadline_is_refused(dossier, staff, frozen):
    request = _request(dossier, staff, documents=[], corrections="Adresse")
    with pytest.raises(ReviewRefused, match="expiré"):
        services.completion_answer(
            registration=dossier, actor=dossier.candidate, answer="x", now=request.due_at
        )


def test_the_audit_log_refuses_changes(dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW)
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)
    entry = AuditEntry.objects.filter(registration_id=dossier.pk).first()

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")


def test_bulk_compliant_reports_those_it_could_not_decide(dossier, staff, frozen):
    _request(dossier, staff, documents=[], corrections="Adresse")

    done, refused = services.bulk_declare_compliant(
        registration_ids=[dossier.pk], actor=staff, now=NOW
    )

    assert done == []
    assert [(registration.pk, "Conforme" in why) for registration, why in refused] == [
        (dossier.pk, True)
    ]
