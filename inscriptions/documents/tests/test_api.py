"""« Mes justificatifs » through the API: listing, uploading with the same refusals, downloads
for the owner and the office in scope only."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.authtoken.models import Token

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_api_token
from inscriptions.catalog.models import Academy
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.documents.models import SupportingDocument, UploadedFile
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import stored_files

pytestmark = pytest.mark.django_db


def api_client(user):
    token = Token.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def office_client(user):
    return Client(HTTP_AUTHORIZATION=f"Token {verified_api_token(user)}")


@pytest.fixture
def api(candidate):
    return api_client(candidate)


def documents_url(dossier):
    return f"/api/v1/registrations/{dossier.pk}/documents/"


def upload(api, dossier, data, name="piece.pdf", code="identity"):
    return api.post(
        f"{documents_url(dossier)}{code}/files/",
        {"file": SimpleUploadedFile(name, data, "application/octet-stream")},
    )


def test_list_gives_each_document_its_reasons_due_date_and_status(api, dossier):
    response = api.get(documents_url(dossier))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["reference"] == "1-0"
    assert body["antivirus"] is False
    assert body["max_bytes"] == 10 * 1024 * 1024
    documents = {document["code"]: document for document in body["documents"]}
    assert set(documents) == {"confirmation_signed", "identity", "jdc_certificate", "transcript"}
    identity = documents["identity"]
    assert identity["status"] == "missing"
    assert identity["reasons"] == ["Pièce commune à tous les candidats."]
    assert identity["can_upload"] is True
    assert identity["due_at"].startswith("2027-01-04")
    assert body["forms"] == {
        "confirmation_signed": f"/api/v1/registrations/{dossier.pk}/document-forms/confirmation/"
    }


def test_upload_then_replace(api, dossier, storage):
    first = upload(api, dossier, samples.pdf(), name="recto.pdf")
    second = upload(api, dossier, samples.png(), name="scan.png")

    assert (first.status_code, second.status_code) == (201, 201)
    document = second.json()
    assert document["status"] == "uploaded"
    assert [file["original_name"] for file in document["files"]] == ["scan.png", "recto.pdf"]
    assert document["files"][0]["content_type"] == "image/png"
    assert document["files"][0]["scan_status"] == "not_scanned"
    assert len(stored_files(storage)) == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"MZ\x90\x00" + b"\x00" * 100, "type_not_allowed", id="wrong-type"),
        pytest.param(samples.png_with_appended_pdf(), "hidden_content", id="polyglot"),
        pytest.param(samples.pdf_with_javascript(), "pdf_active_content", id="javascript"),
    ],
)
def test_refusals_leave_nothing_behind(api, dossier, storage, data, code):
    response = upload(api, dossier, data)

    assert response.status_code == 422
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert UploadedFile.objects.count() == SupportingDocument.objects.count() == 0
    assert stored_files(storage) == []


def test_oversized_upload_is_refused(api, dossier, storage, settings):
    settings.DOCUMENT_MAX_BYTES = 2_000

    response = upload(api, dossier, samples.pdf() + b"%" + b"x" * 5_000 + b"\n")

    assert response.status_code == 422
    assert response.json()["code"] == "too_large"
    assert stored_files(storage) == []


def test_upload_after_the_deadline_is_refused_with_the_date(
    candidate, dossier, session, storage, time_machine
):
    time_machine.move_to(session.documents_due_at + timedelta(minutes=1), tick=False)

    response = upload(api_client(candidate), dossier, samples.pdf())

    assert response.status_code == 422
    assert response.json()["code"] == "overdue"
    assert "était le 4 janvier 2027" in response.json()["detail"]
    assert stored_files(storage) == []


def test_another_candidates_dossier_is_404(dossier, storage):
    other = api_client(UserFactory(role=Role.CANDIDATE))

    assert other.get(documents_url(dossier)).status_code == 404
    assert upload(other, dossier, samples.pdf()).status_code == 404
    assert stored_files(storage) == []


def test_without_credentials_401(dossier):
    assert Client().get(documents_url(dossier)).status_code == 401


def test_download_for_the_owner_and_the_office_in_scope_only(api, dossier, mco):
    file_url = upload(api, dossier, samples.pdf()).json()["files"][0]["download_url"]
    toulouse = Academy.objects.get(code="16")
    office = UserFactory(role=Role.OFFICE_STAFF, academy=toulouse, is_staff=True)
    office.specialties.add(mco)
    elsewhere = UserFactory(
        role=Role.OFFICE_STAFF, academy=Academy.objects.get(code="02"), is_staff=True
    )
    elsewhere.specialties.add(mco)

    response = api.get(file_url, HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.pdf()
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert office_client(office).get(file_url).status_code == 200
    assert office_client(elsewhere).get(file_url).status_code == 404
    assert api_client(UserFactory(role=Role.CANDIDATE)).get(file_url).status_code == 404


def test_forms(api, dossier):
    confirmation = api.get(
        f"/api/v1/registrations/{dossier.pk}/document-forms/confirmation/",
        HTTP_ACCEPT="application/pdf",
    )
    engagement = api.get(f"/api/v1/registrations/{dossier.pk}/document-forms/engagement-etudiant/")

    assert confirmation.status_code == 200
    assert confirmation.content.startswith(b"%PDF")
    assert engagement.status_code == 404
