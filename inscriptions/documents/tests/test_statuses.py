"""Statuses over a document's life: the office accepts, refuses or asks again with its own
deadline; the list follows each new version of the dossier; later due dates."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.accounts.models import Role
from inscriptions.catalog.models import Academy, Specialty
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.files.refusals import DocumentRefused
from inscriptions.core.models import AuditEntry
from inscriptions.documents import scanning, selectors, services
from inscriptions.documents.models import DocumentStatus, ScanStatus, SupportingDocument
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import validate
from inscriptions.registration import services as registration_services
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import fill, screens

pytestmark = pytest.mark.django_db


def upload(dossier, code="identity", *, now=NOW, data=None, name="piece.pdf"):
    return services.document_upload(
        registration=dossier,
        code=code,
        upload=SimpleUploadedFile(name, data or samples.pdf(), "application/pdf"),
        actor=dossier.candidate,
        now=now,
    )


@pytest.fixture
def office(mco):
    user = UserFactory(
        role=Role.OFFICE_STAFF, academy=Academy.objects.get(code="16"), is_staff=True
    )
    user.specialties.add(mco)
    return user


def page(client, dossier):
    return client.get(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/").content.decode()


def test_accepted_document_can_no_longer_be_replaced(dossier, office, candidate_client):
    document = upload(dossier).document

    services.document_accept(document=document, actor=office, now=NOW)

    with pytest.raises(DocumentRefused) as refused:
        upload(dossier)
    assert refused.value.code == "already_accepted"
    content = page(candidate_client, dossier)
    assert "Acceptée" in content
    assert "elle ne peut plus être remplacée" in content
    assert AuditEntry.objects.filter(action="document.accepted", actor=office).exists()


def test_refused_document_shows_the_reason_and_takes_a_new_file(dossier, office, candidate_client):
    document = upload(dossier).document

    services.document_refuse(
        document=document, actor=office, reason="Pièce illisible : le verso manque.", now=NOW
    )

    content = page(candidate_client, dossier)
    assert "Refusée" in content
    assert "Pièce illisible : le verso manque." in content
    assert upload(dossier, name="recto-verso.pdf").document.status == DocumentStatus.UPLOADED


def test_refusing_needs_a_reason(dossier, office):
    document = upload(dossier).document
    with pytest.raises(DocumentRefused) as refused:
        services.document_refuse(document=document, actor=office, reason="  ", now=NOW)
    assert refused.value.code == "reason_required"


def test_nothing_to_accept_while_the_file_is_being_scanned(dossier, office, settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "not-yet.sock")
    document = upload(dossier).document
    with pytest.raises(DocumentRefused) as refused:
        services.document_accept(document=document, actor=office, now=NOW)
    assert refused.value.code == "nothing_to_review"


def test_staff_of_another_specialty_cannot_decide(dossier, mco):
    outsider = UserFactory(
        role=Role.OFFICE_STAFF, academy=Academy.objects.get(code="16"), is_staff=True
    )
    outsider.specialties.add(Specialty.objects.exclude(pk=mco.pk).first())
    document = upload(dossier).document

    with pytest.raises(DocumentRefused) as refused:
        services.document_accept(document=document, actor=outsider, now=NOW)

    assert refused.value.code == "not_in_scope"
    document.refresh_from_db()
    assert document.status == DocumentStatus.UPLOADED


def test_office_request_opens_the_upload_until_its_own_deadline(
    dossier, office, session, candidate_client, time_machine
):
    after_due = session.documents_due_at + timedelta(days=10)
    request_until = session.documents_due_at + timedelta(days=20)
    with pytest.raises(DocumentRefused) as refused:
        upload(dossier, now=after_due)
    assert refused.value.code == "overdue"

    services.document_request(
        registration=dossier,
        code="identity",
        actor=office,
        reason="Joignez une pièce d'identité en cours de validité.",
        due_at=request_until,
        now=after_due,
    )
    time_machine.move_to(after_due, tick=False)
    candidate_client.force_login(dossier.candidate)
    content = page(candidate_client, dossier)
    assert "Demandée à nouveau" in content
    assert "Joignez une pièce d&#x27;identité en cours de validité." in content

    assert upload(dossier, now=after_due).document.status == DocumentStatus.UPLOADED
    with pytest.raises(DocumentRefused) as late:
        upload(dossier, now=request_until)
    assert late.value.code == "overdue"
    # The date told is the office's, the later one.
    assert f"{request_until.astimezone().day} janvier 2027" in late.value.message


def test_office_may_ask_for_a_document_the_rules_did_not_list(dossier, office, candidate_client):
    services.document_request(
        registration=dossier,
        code="positioning_decision",
        actor=office,
        reason="Votre dossier mentionne une décision de positionnement.",
        due_at=NOW + timedelta(days=60),
        now=NOW,
    )

    lines = {line.code: line for line in selectors.document_lines(dossier, now=NOW)}
    assert lines["positioning_decision"].required
    assert lines["positioning_decision"].can_upload
    assert upload(dossier, "positioning_decision").document.code == "positioning_decision"


def test_a_later_due_date_keeps_its_document_open(dossier, session, mco):
    # 003: the Maintenance des systèmes attestations are due later than the other pieces.
    Specialty.objects.filter(pk=mco.pk).update(requires_electrical_risk=True)
    session.late_documents_due_at = session.documents_due_at + timedelta(days=30)
    session.save()
    after_due = session.documents_due_at + timedelta(days=1)

    with pytest.raises(DocumentRefused):
        upload(dossier, "identity", now=after_due)
    uploaded = upload(dossier, "electrical_risk_attestation", now=after_due)

    assert uploaded.document.status == DocumentStatus.UPLOADED
    line = next(
        line
        for line in selectors.document_lines(dossier, now=NOW)
        if line.code == "electrical_risk_attestation"
    )
    assert line.deferred
    assert line.due_at == session.late_documents_due_at


def modify(dossier, specialty, **overrides):
    establishment = dossier.session.academy.establishments.get(code="0319999A")
    pages = screens(specialty_pk=specialty.pk, establishment_pk=establishment.pk, **overrides)
    registration = fill(dossier, [page for page in pages if page[0] != "debut"], now=NOW)
    registration_services.registration_validate(
        registration=registration, actor=dossier.candidate, now=NOW
    )
    dossier.refresh_from_db()
    return dossier


def test_the_list_follows_each_new_version(candidate, session, mco, frozen, candidate_client):
    german = {"compulsory_language": "de", "compulsory_language_followed": "yes"}
    dossier = validate(candidate, session, mco, epreuves=german)
    assert "language_training_proof" in {
        line.code for line in selectors.document_lines(dossier, now=NOW)
    }
    upload(dossier, "language_training_proof", name="attestation-allemand.pdf")

    # Version 1: English instead, and a positioning decision declared.
    situation = dict(screens(specialty_pk=mco.pk, establishment_pk=0)[2][1])
    modify(
        dossier,
        mco,
        epreuves={"compulsory_language": "en", "compulsory_language_followed": "yes"},
        situation={**situation, "positioning_decision": "yes"},
    )

    lines = {line.code: line for line in selectors.document_lines(dossier, now=NOW)}
    assert lines["positioning_decision"].required
    former = lines["language_training_proof"]
    assert not former.required
    assert [file.original_name for file in former.files] == ["attestation-allemand.pdf"]
    assert former.upload_refusal == "Cette pièce n'est pas demandée pour votre dossier."
    content = page(candidate_client, dossier)
    assert "Pièces qui ne sont plus demandées" in content
    assert content.index("Pièces qui ne sont plus demandées") < content.index(
        "attestation-allemand.pdf"
    )
    assert "Plus demandée" in content


def test_a_modification_in_progress_changes_nothing_until_validated(dossier, mco):
    establishment = dossier.session.academy.establishments.get(code="0319999A")
    pages = screens(
        specialty_pk=mco.pk,
        establishment_pk=establishment.pk,
        epreuves={"compulsory_language": "de", "compulsory_language_followed": "yes"},
    )
    fill(dossier, [pages[-1]], now=NOW)

    codes = {line.code for line in selectors.document_lines(dossier, now=NOW)}
    assert "language_training_proof" not in codes


def test_a_late_verdict_on_a_replaced_file_does_not_change_the_document(
    dossier, scanner, django_capture_on_commit_callbacks
):
    first = upload(dossier, data=samples.pdf_with_eicar(), name="ancien.pdf")
    second = upload(dossier, name="nouveau.pdf")

    scanning.uploaded_file_scan(file_id=second.pk, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        scanning.uploaded_file_scan(file_id=first.pk, now=NOW)

    first.refresh_from_db()
    document = SupportingDocument.objects.get()
    assert first.scan_status == ScanStatus.INFECTED
    assert document.status == DocumentStatus.UPLOADED


def test_a_draft_has_no_documents_yet(candidate, session, frozen, candidate_client):
    draft = registration_services.registration_start(candidate=candidate, session=session, now=NOW)

    content = page(candidate_client, draft)

    assert "Votre inscription n'est pas encore validée" in content
    with pytest.raises(DocumentRefused) as refused:
        upload(draft)
    assert refused.value.code == "not_validated"


def test_a_withdrawn_dossier_takes_no_file(dossier):
    type(dossier).objects.filter(pk=dossier.pk).update(state="withdrawn")
    dossier.refresh_from_db()
    with pytest.raises(DocumentRefused) as refused:
        upload(dossier)
    assert refused.value.code == "withdrawn"
