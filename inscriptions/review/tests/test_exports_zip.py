"""The ZIP of the ticked dossiers' documents, read back byte by byte: the current file of each
document, the audit log once per dossier, the note on what it leaves out, the user's scope, the
selection's limits and the folders' plain ASCII names."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.core.models import AuditEntry
from inscriptions.documents import services as document_services
from inscriptions.documents.models import ScanStatus, UploadedFile
from inscriptions.documents.tests import samples
from inscriptions.review import archive

from .conftest import NOW
from .export_files import *  # noqa: F403

pytestmark = pytest.mark.django_db


# The documents of a selection, as a ZIP file.


def _upload(registration, code, data, name):
    return document_services.document_upload(
        registration=registration,
        code=code,
        upload=SimpleUploadedFile(name, data),
        actor=registration.candidate,
        now=NOW,
    )


def _zip(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert (
        response["Content-Disposition"] == 'attachment; filename="pieces-dossiers-2026-11-23.zip"'
    )
    archive_file = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive_file.testzip() is None
    return archive_file


def test_zip_holds_the_current_file_of_each_document(office, dossier, durand, frozen):
    _upload(dossier, "identity", samples.pdf("première copie"), "carte.pdf")
    replacement = samples.pdf("copie lisible")
    _upload(dossier, "identity", replacement, "carte-2.pdf")
    photo = samples.png()
    _upload(dossier, "jdc_certificate", photo, "jdc.png")
    _upload(durand, "identity", samples.jpeg(), "id.jpg")

    archive_file = _zip(
        office.post("/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(durand.pk)]})
    )

    martin = f"{dossier.reference}_MARTIN"
    assert archive_file.namelist() == [
        f"{martin}/identity.pdf",
        f"{martin}/jdc_certificate.png",
        f"{durand.reference}_DURAND/identity.jpg",
    ]
    assert archive_file.read(f"{martin}/identity.pdf") == replacement
    assert archive_file.read(f"{martin}/jdc_certificate.png") == photo
    assert archive_file.read(f"{durand.reference}_DURAND/identity.jpg") == samples.jpeg()


def test_zip_is_audited_once_per_dossier(office, staff, dossier, durand, frozen):
    identity = _upload(dossier, "identity", samples.pdf(), "carte.pdf")
    jdc = _upload(dossier, "jdc_certificate", samples.png(), "jdc.png")

    b"".join(
        office.post(
            "/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(durand.pk)]}
        ).streaming_content
    )

    entries = list(AuditEntry.objects.filter(action="documents.download"))
    assert [(e.actor_id, e.registration_id, e.data) for e in entries] == [
        (
            staff.pk,
            dossier.pk,
            {"codes": ["identity", "jdc_certificate"], "files": [identity.pk, jdc.pk]},
        )
    ]
    history = office.get(f"/bureau/dossiers/{dossier.pk}/").content.decode()
    assert "Pièces téléchargées par le bureau (archive ZIP)" in history


def test_zip_lists_what_it_leaves_out(office, dossier, durand, frozen):
    scanning = _upload(dossier, "identity", samples.pdf(), "carte.pdf")
    UploadedFile.objects.filter(pk=scanning.pk).update(scan_status=ScanStatus.PENDING)
    lost = _upload(dossier, "jdc_certificate", samples.png(), "jdc.png")
    lost.file.storage.delete(lost.file.name)

    archive_file = _zip(
        office.post("/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(durand.pk)]})
    )

    assert archive_file.namelist() == [archive.NOTE_NAME]
    note = archive_file.read(archive.NOTE_NAME).decode()
    martin = f"{dossier.reference}_MARTIN"
    assert f"{martin}/identity (Photocopie d'une pièce d'identité) : Analyse en attente" in note
    assert f"{martin}/jdc_certificate" in note and "Fichier introuvable sur le stockage" in note
    assert f"{durand.reference}_DURAND : Aucune pièce déposée" in note


def test_zip_keeps_to_the_scope(client, staff, dossier, sio_dossier, frozen):
    _upload(dossier, "identity", samples.pdf(), "carte.pdf")
    _upload(sio_dossier, "identity", samples.pdf("autre"), "carte.pdf")
    verified_login(client, staff)

    archive_file = _zip(
        client.post("/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(sio_dossier.pk)]})
    )
    assert archive_file.namelist() == [f"{dossier.reference}_MARTIN/identity.pdf"]
    assert client.post("/bureau/pieces.zip", {"dossiers": [str(sio_dossier.pk)]}).status_code == 404
    assert not AuditEntry.objects.filter(
        action="documents.download", registration_id=sio_dossier.pk
    ).exists()


def test_zip_without_selection_or_past_the_limit_goes_back_to_the_queue(office, dossier, frozen):
    nothing = office.post("/bureau/pieces.zip", {"query": "state=submitted"}, follow=True)
    assert nothing.redirect_chain == [("/bureau/?state=submitted", 302)]
    assert "Cochez au moins un dossier." in nothing.content.decode()

    too_many = [str(pk) for pk in range(1, archive.MAX_DOSSIERS + 2)]
    refused = office.post("/bureau/pieces.zip", {"dossiers": too_many}, follow=True)
    assert "Cochez au plus 200 dossiers" in refused.content.decode()
    assert not AuditEntry.objects.filter(action="documents.download").exists()


def test_folder_names_are_plain_ascii():
    class Dossier:
        reference = "175-2"
        last_name = "D'Hénault-Lévêque"

    assert archive.folder_name(Dossier()) == "175-2_D-HENAULT-LEVEQUE"
