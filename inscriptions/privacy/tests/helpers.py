"""A dossier with something of everything the service keeps: an uploaded piece, a message with
an attachment, and its confirmation PDF."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.documents import services as document_services
from inscriptions.documents.tests import samples
from inscriptions.notifications import messages as dossier_messages
from inscriptions.registration.tests.conftest import NOW


def furnish(dossier: Any) -> None:
    document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("carte d'identité.pdf", samples.pdf("identite")),
        actor=dossier.candidate,
        now=NOW,
    )
    dossier_messages.message_send(
        registration=dossier,
        author=dossier.candidate,
        body="Voici mon attestation.",
        attachments=[SimpleUploadedFile("attestation.pdf", samples.pdf("attestation"))],
        now=NOW,
    )
