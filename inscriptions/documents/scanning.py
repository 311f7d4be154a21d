"""The antivirus verdict on an uploaded file, asked by the task queue after each upload (or by
``manage.py scan_documents``): an infected file moves to quarantine and its owner is told."""

import logging
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from inscriptions.core.files import antivirus
from inscriptions.core.files.kinds import stored_name
from inscriptions.core.models import audit
from inscriptions.notifications import services as notify

from . import selectors
from .counts import refresh_document_counts
from .models import DocumentStatus, ScanStatus, SupportingDocument
from .models import UploadedFile as StoredFile

logger = logging.getLogger(__name__)

QUARANTINE_PREFIX = "quarantaine"


def uploaded_file_scan(*, file_id: int, now: datetime) -> StoredFile:
    """Ask clamd about one file; an infected one moves to quarantine and its owner is told.

    The scan itself runs outside the transaction (it may take seconds); when clamd cannot be
    reached the file stays unavailable, marked so, until ``manage.py scan_documents`` retries.
    """
    uploaded = StoredFile.objects.get(pk=file_id)
    scanner = antivirus.configured_scanner()
    if uploaded.scan_status not in {ScanStatus.PENDING, ScanStatus.FAILED} or scanner is None:
        return uploaded
    with uploaded.file.open("rb") as handle:
        data = handle.read()
    try:
        verdict = scanner.scan(data)
    except antivirus.ScannerUnavailable as error:
        logger.warning("antivirus scan of file %s failed: %s", file_id, error)
        with transaction.atomic():
            StoredFile.objects.filter(pk=file_id).update(
                scan_status=ScanStatus.FAILED, scan_result=str(error)[:255], scanned_at=now
            )
            audit(actor=None, action="document.scan_failed", obj=uploaded, error=str(error))
        uploaded.refresh_from_db()
        return uploaded
    with transaction.atomic():
        uploaded = StoredFile.objects.select_for_update().get(pk=file_id)
        document = SupportingDocument.objects.select_for_update().get(pk=uploaded.document_id)
        latest = document.files.order_by("-uploaded_at", "-pk").first()
        uploaded.scanned_at = now
        if verdict.infected:
            _quarantine(uploaded, data, now=now)
            uploaded.scan_status, uploaded.scan_result = ScanStatus.INFECTED, verdict.signature
            new_status = DocumentStatus.INFECTED
        else:
            uploaded.scan_status, uploaded.scan_result = ScanStatus.CLEAN, ""
            new_status = DocumentStatus.UPLOADED
        uploaded.save(update_fields=["file", "scan_status", "scan_result", "scanned_at"])
        # Only the latest file speaks for the document: an older one's late verdict does not.
        if latest is not None and latest.pk == uploaded.pk:
            document.status, document.status_changed_at = new_status, now
            document.save(update_fields=["status", "status_changed_at"])
        audit(
            actor=None,
            action="document.infected" if verdict.infected else "document.scanned_clean",
            obj=document,
            file=uploaded.pk,
            signature=verdict.signature,
        )
        if verdict.infected:
            transaction.on_commit(lambda: _tell_infected(uploaded.pk), robust=True)
        transaction.on_commit(
            lambda: refresh_document_counts(document.registration_id, now=now), robust=True
        )
    return uploaded


def _quarantine(uploaded: StoredFile, data: bytes, *, now: datetime) -> None:
    """Out of the documents' area, under a name nobody serves; kept for the office to examine."""
    old = uploaded.file.name or ""
    uploaded.file.name = default_storage.save(
        stored_name(QUARANTINE_PREFIX, "bin", now), ContentFile(data)
    )
    transaction.on_commit(lambda: default_storage.delete(old), robust=True)


def _tell_infected(file_id: int) -> None:
    """In the candidate's space and by email, through the one way every app notifies."""
    uploaded = StoredFile.objects.select_related(
        "document__registration__candidate", "document__registration__session__academy"
    ).get(pk=file_id)
    document = uploaded.document
    registration = document.registration
    # The candidate's language is not known outside a request: French, the service's language.
    with translation.override("fr"):
        body = render_to_string(
            "documents/infected_notice.txt",
            {"label": selectors.label_of(document.code), "file_name": uploaded.original_name},
        ).strip()
        notify.notify_candidate(
            registration=registration,
            kind="document_infected",
            title=translation.gettext("Fichier refusé par l'antivirus — dossier %(ref)s")
            % {"ref": registration.reference},
            body=body,
            link=reverse("documents:dossier", args=[registration.pk]),
            now=timezone.now(),
        )
