"""Uploading through « Mes justificatifs »: what is accepted, kept and replaced, and every kind
of file that is refused with its message, leaving nothing behind."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.files.refusals import DocumentRefused
from inscriptions.core.models import AuditEntry
from inscriptions.documents import services
from inscriptions.documents.models import (
    DocumentStatus,
    ScanStatus,
    SupportingDocument,
    UploadedFile,
)
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import stored_files
from inscriptions.notifications.models import Notification

pytestmark = pytest.mark.django_db


def page_url(dossier):
    return f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/"


def upload_url(dossier, code="identity"):
    return f"{page_url(dossier)}pieces/{code}/"


def post(client, dossier, data, name="piece.pdf", code="identity", content_type="application/pdf"):
    return client.post(
        upload_url(dossier, code), {"file": SimpleUploadedFile(name, data, content_type)}
    )


class RawUpload:
    def __init__(self, name, data):
        self.name, self.size, self._data = name, len(data), data

    def read(self, size=-1):
        return self._data if size < 0 else self._data[:size]


def assert_nothing_stored(storage):
    __tracebackhide__ = True
    assert UploadedFile.objects.count() == 0
    assert SupportingDocument.objects.count() == 0
    assert stored_files(storage) == []


def test_upload_is_stored_under_a_random_name_and_listed(candidate_client, dossier, storage):
    data = samples.pdf()

    response = post(candidate_client, dossier, data, name="Carte d'identité.pdf")

    assert response.status_code == 302
    assert response["Location"] == f"{page_url(dossier)}#piece-identity"
    uploaded = UploadedFile.objects.get()
    assert uploaded.original_name == "Carte d'identité.pdf"
    assert uploaded.content_type == "application/pdf"
    assert uploaded.size == len(data)
    assert uploaded.uploaded_by == dossier.candidate
    assert uploaded.file.name.startswith("justificatifs/2026/")
    assert "identit" not in uploaded.file.name
    assert stored_files(storage) == [uploaded.file.name]
    assert (storage / uploaded.file.name).read_bytes() == data
    page = candidate_client.get(response["Location"]).content.decode()
    assert "Carte d&#x27;identité.pdf" in page
    assert "fichier déposé" in page
    assert AuditEntry.objects.filter(action="document.upload").count() == 1


def test_without_a_scanner_the_page_says_files_are_not_scanned(candidate_client, dossier):
    post(candidate_client, dossier, samples.png(), name="cni.png", content_type="image/png")

    uploaded = UploadedFile.objects.get()
    assert uploaded.scan_status == ScanStatus.NOT_SCANNED
    assert uploaded.document.status == DocumentStatus.UPLOADED
    page = candidate_client.get(page_url(dossier)).content.decode()
    assert "Aucun antivirus n&#x27;est configuré sur ce service" in page
    assert "Fichier non analysé" in page
    assert "Aucun virus détecté" not in page


def test_replacing_keeps_the_earlier_file(candidate_client, dossier, storage):
    post(candidate_client, dossier, samples.pdf("recto"), name="recto.pdf")
    post(candidate_client, dossier, samples.jpeg(), name="photo.jpg", content_type="image/jpeg")

    document = SupportingDocument.objects.get()
    first, second = document.files.order_by("uploaded_at", "pk")
    assert (first.original_name, second.original_name) == ("recto.pdf", "photo.jpg")
    assert first.file.name != second.file.name
    assert len(stored_files(storage)) == 2
    assert AuditEntry.objects.filter(action="document.replace").count() == 1
    page = candidate_client.get(page_url(dossier)).content.decode()
    assert page.index("photo.jpg") < page.index("recto.pdf")
    assert "remplacé" in page


def refused(response, message, *, field=True):
    __tracebackhide__ = True
    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="error-summary"' in content
    assert message in content, content[content.find('id="error-summary"') :][:2000]
    # The message is beside the file field, which says it is invalid (RGAA 11.10).
    assert ('aria-invalid="true"' in content) is field


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        pytest.param(
            b"MZ\x90\x00" + b"\x00" * 500,
            "piece.pdf",
            "n&#x27;est ni un PDF, ni une image JPEG ou PNG",
            id="executable-renamed-pdf",
        ),
        pytest.param(
            b"<html><body><script>alert(1)</script></body></html>",
            "photo.png",
            "n&#x27;est ni un PDF, ni une image JPEG ou PNG",
            id="html-renamed-png",
        ),
        pytest.param(
            samples.png_with_appended_pdf(),
            "scan.png",
            "en plus de l&#x27;image, un autre document ou du code",
            id="polyglot-png-pdf",
        ),
        pytest.param(
            samples.png_with_html_chunk(),
            "scan.png",
            "en plus de l&#x27;image, un autre document ou du code",
            id="polyglot-png-html",
        ),
        pytest.param(
            samples.pdf_with_javascript(),
            "cerfa.pdf",
            "Ce PDF contient du JavaScript",
            id="pdf-javascript",
        ),
        pytest.param(
            samples.encrypted_pdf(),
            "releve.pdf",
            "Ce PDF est protégé par un mot de passe",
            id="pdf-encrypted",
        ),
        pytest.param(
            samples.broken_pdf(), "releve.pdf", "Ce PDF est illisible", id="pdf-unreadable"
        ),
        pytest.param(b"", "vide.pdf", "Le fichier est vide", id="empty"),
    ],
)
def test_refused_files_leave_nothing_behind(
    candidate_client, dossier, storage, data, name, message
):
    response = post(candidate_client, dossier, data, name=name)

    refused(response, message)
    assert_nothing_stored(storage)


def test_oversized_file_is_refused_before_it_is_read(
    candidate_client, dossier, storage, settings, monkeypatch
):
    data = samples.pdf() + b"%" + b"x" * 20_000 + b"\n"
    settings.DOCUMENT_MAX_BYTES = 10_000
    # The upload handler skips the file while the body is parsed: the service never sees it.
    monkeypatch.setattr(services, "document_upload", None)

    response = post(candidate_client, dossier, data)

    refused(response, "la taille maximale est de 9,8")
    assert_nothing_stored(storage)


def test_oversized_file_is_refused_by_the_service_too(dossier, storage, settings, frozen):
    settings.DOCUMENT_MAX_BYTES = 1_000

    with pytest.raises(DocumentRefused) as refusal:
        services.document_upload(
            registration=dossier,
            code="identity",
            upload=RawUpload("gros.pdf", samples.pdf() + b"%" + b"x" * 2_000 + b"\n"),
            actor=dossier.candidate,
            now=frozen,
        )

    assert refusal.value.code == "too_large"
    assert "la taille maximale est de 1000" in refusal.value.message
    assert_nothing_stored(storage)


def test_upload_over_the_dossier_quota_is_refused(candidate_client, dossier, storage, settings):
    data = samples.pdf()
    settings.DOCUMENT_QUOTA_BYTES = len(data) + len(data) // 2
    assert post(candidate_client, dossier, data).status_code == 302

    response = post(candidate_client, dossier, data, code="jdc_certificate")

    refused(response, "au-delà de la limite de")
    assert UploadedFile.objects.count() == 1
    assert len(stored_files(storage)) == 1
    assert not SupportingDocument.objects.filter(code="jdc_certificate").exists()


def test_path_traversal_name_is_refused_by_the_service(dossier, storage, frozen):
    # As a file reaches the service from elsewhere than Django's parser (which would already
    # have kept only the last segment).
    upload = RawUpload("../../etc/passwd.pdf", samples.pdf())

    with pytest.raises(DocumentRefused) as refusal:
        services.document_upload(
            registration=dossier,
            code="identity",
            upload=upload,
            actor=dossier.candidate,
            now=frozen,
        )

    assert refusal.value.code == "file_name_invalid"
    assert "Le nom de ce fichier n&#x27;est pas valide" not in refusal.value.message
    assert refusal.value.message.startswith("Le nom de ce fichier n'est pas valide")
    assert_nothing_stored(storage)


@pytest.mark.parametrize("name", ["../../../etc/passwd.pdf", "..\\..\\boot\\passwd.pdf"])
def test_path_in_a_posted_name_never_reaches_the_storage(candidate_client, dossier, storage, name):
    # Django's multipart parser keeps only the last segment; the stored name is random anyway.
    response = post(candidate_client, dossier, samples.pdf(), name=name)

    assert response.status_code == 302
    uploaded = UploadedFile.objects.get()
    assert uploaded.original_name == "passwd.pdf"
    assert stored_files(storage) == [uploaded.file.name]
    assert uploaded.file.name.startswith("justificatifs/")
    assert "passwd" not in uploaded.file.name and ".." not in uploaded.file.name


def test_drive_relative_name_is_refused(candidate_client, dossier, storage):
    response = post(candidate_client, dossier, samples.pdf(), name="C:passwd.pdf")

    refused(response, "Le nom de ce fichier n&#x27;est pas valide")
    assert_nothing_stored(storage)


def test_no_file_chosen(candidate_client, dossier, storage):
    response = candidate_client.post(upload_url(dossier), {})

    refused(response, "Choisissez le fichier à déposer.")
    assert_nothing_stored(storage)


def test_upload_after_the_deadline_is_refused_with_the_date(
    candidate_client, dossier, storage, session, time_machine
):
    time_machine.move_to(session.documents_due_at, tick=False)
    candidate_client.force_login(dossier.candidate)  # the earlier session has expired

    response = post(candidate_client, dossier, samples.pdf())

    due = timezone.localtime(session.documents_due_at)
    refused(
        response,
        "La date limite de dépôt de la pièce « Photocopie d&#x27;une pièce d&#x27;identité » "
        f"était le {due.day} janvier 2027 {due:%H:%M}",
        field=False,  # past the deadline the page offers no file field any more
    )
    assert_nothing_stored(storage)


def test_upload_at_the_last_second_is_accepted(candidate_client, dossier, session, time_machine):
    time_machine.move_to(session.documents_due_at - timedelta(seconds=1), tick=False)
    candidate_client.force_login(dossier.candidate)

    assert post(candidate_client, dossier, samples.pdf()).status_code == 302


def test_after_the_deadline_the_page_offers_no_upload(
    candidate_client, dossier, session, time_machine
):
    time_machine.move_to(session.documents_due_at + timedelta(days=1), tick=False)
    candidate_client.force_login(dossier.candidate)

    page = candidate_client.get(page_url(dossier)).content.decode()

    assert 'name="file"' not in page
    assert "La date limite de dépôt de la pièce" in page


def test_another_candidate_cannot_upload_to_my_dossier(client, dossier, storage):
    client.force_login(UserFactory(email="autre@example.fr"))

    response = post(client, dossier, samples.pdf())

    assert response.status_code == 404
    assert_nothing_stored(storage)


def test_another_candidate_gets_404_on_my_page(client, dossier):
    client.force_login(UserFactory(email="autre@example.fr"))
    assert client.get(page_url(dossier)).status_code == 404


def test_a_code_the_dossier_does_not_require_is_refused(candidate_client, dossier, storage):
    response = post(candidate_client, dossier, samples.pdf(), code="r408_attestation")

    assert response.status_code == 422
    assert "Cette pièce n&#x27;est pas demandée pour votre dossier." in response.content.decode()
    assert_nothing_stored(storage)


def test_upload_without_csrf_token_is_refused(dossier, storage):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(dossier.candidate)

    response = post(client, dossier, samples.pdf())

    assert response.status_code == 403
    assert_nothing_stored(storage)


# Transactional: the scan is queued on commit and, with the default inline backend, has run by
# the time the upload's response is written, as in production.
@pytest.mark.django_db(transaction=True)
def test_eicar_is_quarantined_and_the_candidate_told(candidate_client, dossier, storage, scanner):
    response = post(candidate_client, dossier, samples.pdf_with_eicar(), name="virus.pdf")

    assert response.status_code == 302
    uploaded = UploadedFile.objects.get()
    assert uploaded.scan_status == ScanStatus.INFECTED
    assert uploaded.scan_result == "Eicar-Test-Body.UNOFFICIAL"
    assert uploaded.document.status == DocumentStatus.INFECTED
    # Out of the documents' area; nothing left under justificatifs/.
    assert stored_files(storage) == [uploaded.file.name]
    assert uploaded.file.name.startswith("quarantaine/")
    page = candidate_client.get(response["Location"]).content.decode()
    assert "l&#x27;antivirus a détecté un virus dans ce fichier" in page
    assert "Refusée par l&#x27;antivirus" in page
    assert f"/fichiers/{uploaded.pk}/" not in page
    download = candidate_client.get(f"/espace-candidat/justificatifs/fichiers/{uploaded.pk}/")
    assert download.status_code == 404
    (message,) = [email for email in mail.outbox if "antivirus" in email.subject]
    assert message.to == ["lea.martin@example.fr"]
    assert "virus.pdf" in message.body and "refusé" in message.body
    notice = Notification.objects.get(kind="document_infected", registration=dossier)  # the space
    assert notice.link == f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/"
    assert notice.link in message.body


@pytest.mark.django_db(transaction=True)
def test_a_clean_file_is_downloadable_once_scanned(candidate_client, dossier, scanner):
    response = post(candidate_client, dossier, samples.pdf())

    uploaded = UploadedFile.objects.get()
    assert (uploaded.scan_status, uploaded.document.status) == (
        ScanStatus.CLEAN,
        DocumentStatus.UPLOADED,
    )
    page = candidate_client.get(response["Location"]).content.decode()
    assert "l&#x27;antivirus n&#x27;y a détecté aucun virus" in page
    download = candidate_client.get(f"/espace-candidat/justificatifs/fichiers/{uploaded.pk}/")
    assert download.status_code == 200


def test_until_scanned_a_file_shows_being_scanned_and_nobody_downloads_it(
    candidate_client, dossier, scanner
):
    # Without running the commit callbacks, the scan task has not run yet.
    post(candidate_client, dossier, samples.pdf())

    uploaded = UploadedFile.objects.get()
    assert uploaded.scan_status == ScanStatus.PENDING
    page = candidate_client.get(page_url(dossier)).content.decode()
    assert "Analyse antivirus en cours" in page
    assert f"/fichiers/{uploaded.pk}/" not in page
    response = candidate_client.get(f"/espace-candidat/justificatifs/fichiers/{uploaded.pk}/")
    assert response.status_code == 404


def test_when_clamd_is_down_the_file_waits_unavailable(
    candidate_client, dossier, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.CLAMD_SOCKET = str(tmp_path / "absent.sock")
    with django_capture_on_commit_callbacks(execute=True):
        post(candidate_client, dossier, samples.pdf())

    uploaded = UploadedFile.objects.get()
    assert uploaded.scan_status == ScanStatus.FAILED
    assert not uploaded.downloadable
    assert uploaded.document.status == DocumentStatus.SCANNING
