"""The document counts the dossier table carries for the office's queue filters."""

from datetime import datetime

from inscriptions.registration.models import Registration

from . import selectors
from .models import DocumentStatus

# What the office's queue counts: a required document still to provide, or refused.
_MISSING = {DocumentStatus.MISSING, DocumentStatus.INFECTED, DocumentStatus.REQUESTED_AGAIN}


def refresh_document_counts(registration_id: int, *, now: datetime) -> None:
    """Copy onto the dossier how many required documents are missing and refused, for the
    office's queue filters (run after each change of a document or a version)."""
    registration = Registration.objects.select_related("session").get(pk=registration_id)
    lines = [line for line in selectors.document_lines(registration, now=now) if line.required]
    Registration.objects.filter(pk=registration_id).update(
        documents_missing=sum(1 for line in lines if line.status in _MISSING),
        documents_refused=sum(1 for line in lines if line.status == DocumentStatus.REFUSED),
    )
