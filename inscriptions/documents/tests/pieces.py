"""A dossier's required pieces uploaded and accepted, for the tests whose subject comes after:
a dossier is declared conforme only once every required piece is accepted."""

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.documents import selectors, services
from inscriptions.documents.models import SupportingDocument
from inscriptions.documents.tests import samples


def accept_required_pieces(
    dossier: Any, staff: Any, *, now: datetime, skip: tuple[str, ...] = ()
) -> list[str]:
    """Upload a PDF for each required piece (but ``skip``) and accept it; the codes done."""
    done = []
    for required in selectors.required_documents(dossier, now=now):
        if required.code in skip:
            continue
        services.document_upload(
            registration=dossier,
            code=required.code,
            upload=SimpleUploadedFile(f"{required.code}.pdf", samples.pdf(required.code)),
            actor=dossier.candidate,
            now=now,
        )
        document = SupportingDocument.objects.get(registration=dossier, code=required.code)
        services.document_accept(document=document, actor=staff, now=now)
        done.append(required.code)
    return done
