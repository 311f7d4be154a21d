"""The signed confirmation: where the session says so (003_d63d5c5aa126f67f.txt « Rappels
importants »: « il n'est jamais possible de modifier son inscription après le retour de la
confirmation »), returning it makes the registration read-only; elsewhere, a new version
validated after it asks the signature again (002_d2d52601aecd35af.txt §II ❸)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.accounts.models import Role
from inscriptions.api.tests.registration_api import put_step, token_client
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.documents import services
from inscriptions.documents.models import DocumentStatus, SupportingDocument
from inscriptions.documents.tests import samples
from inscriptions.registration import selectors as registration_selectors
from inscriptions.registration import services as registration_services
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import IDENTITY, fill

pytestmark = pytest.mark.django_db


def _sign(dossier):
    return services.document_upload(
        registration=dossier,
        code="confirmation_signed",
        upload=SimpleUploadedFile("confirmation.pdf", samples.pdf("Signée")),
        actor=dossier.candidate,
        now=NOW,
    )


@pytest.fixture
def nancy_lock(session):
    session.locked_after_signed_confirmation = True
    session.save()
    return session


def test_returning_the_signed_confirmation_locks_the_registration_where_the_session_says(
    client, nancy_lock, dossier
):
    assert registration_selectors.is_editable(dossier, now=NOW)

    _sign(dossier)

    dossier.refresh_from_db()
    assert dossier.signed_confirmation_version == 0
    assert not registration_selectors.is_editable(dossier, now=NOW)
    client.force_login(dossier.candidate)
    page = client.get(f"/espace-candidat/dossiers/{dossier.pk}/").content.decode()
    assert 'id="signature-lock"' in page
    assert "votre inscription n&#x27;est plus modifiable" in page
    assert "notice de l&#x27;académie de Nancy-Metz, session 2025" in page
    step = client.get(f"/espace-candidat/dossiers/{dossier.pk}/etapes/identite/")
    assert step.status_code == 302
    with pytest.raises(registration_services.RegistrationRefused) as refused:
        registration_services.registration_validate(
            registration=dossier, actor=dossier.candidate, now=NOW
        )
    assert [f.code for f in refused.value.findings] == [
        "deadlines.locked_after_signed_confirmation"
    ]


def test_the_api_refuses_a_change_once_locked_with_the_rule(nancy_lock, dossier):
    _sign(dossier)

    response = put_step(token_client(dossier.candidate), dossier.pk, "identite", IDENTITY)

    assert response.status_code == 409
    codes = [error["code"] for error in response.json()["errors"]]
    assert codes == ["deadlines.locked_after_signed_confirmation"]


def test_a_refused_signature_unlocks(nancy_lock, dossier, mco):
    staff = UserFactory(
        role=Role.OFFICE_STAFF, academy=dossier.session.academy, email="bruno@example.org"
    )
    staff.specialties.set([mco])
    _sign(dossier)
    document = SupportingDocument.objects.get(registration=dossier, code="confirmation_signed")

    services.document_refuse(document=document, actor=staff, reason="Non signée.", now=NOW)

    dossier.refresh_from_db()
    assert dossier.signed_confirmation_version is None
    assert registration_selectors.is_editable(dossier, now=NOW)


def test_without_the_lock_a_new_version_asks_the_signature_again(
    session, dossier, django_capture_on_commit_callbacks
):
    _sign(dossier)
    fill(dossier, [("identite", {**IDENTITY, "phone": "07 11 22 33 44"})], now=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_validate(
            registration=dossier, actor=dossier.candidate, now=NOW
        )

    document = SupportingDocument.objects.get(registration=dossier, code="confirmation_signed")
    assert document.status == DocumentStatus.REQUESTED_AGAIN
    assert "nouvelle version (1-1)" in document.office_reason
    assert "version 1-0" in document.office_reason
    dossier.refresh_from_db()
    assert dossier.signed_confirmation_version is None
    assert dossier.documents_missing >= 1
    # Run again: nothing more.
    assert not services.signature_to_give_again(registration_id=dossier.pk, now=NOW)
