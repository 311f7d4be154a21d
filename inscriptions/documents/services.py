"""What changes a dossier's documents: upload (or replace), the antivirus result, the office's
decisions. Each runs in one transaction, writes an audit entry, and refuses with
``DocumentRefused``. A refused upload leaves nothing behind, neither row nor stored file."""

import hashlib
import logging
import secrets
from datetime import datetime
from typing import Protocol

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from inscriptions.accounts.models import User
from inscriptions.core.models import audit
from inscriptions.registration.models import Registration

from . import antivirus, selectors, validation
from .models import EXTENSIONS, DocumentStatus, FileType, ScanStatus, SupportingDocument
from .models import UploadedFile as StoredFile
from .permissions import in_office_scope
from .refusals import DocumentRefused

logger = logging.getLogger(__name__)

UPLOAD_PREFIX = "justificatifs"
QUARANTINE_PREFIX = "quarantaine"


class IncomingFile(Protocol):
    """What an upload gives: Django's ``UploadedFile`` or any file with a name and a size."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def read(self, size: int = ..., /) -> bytes: ...


def _random_name(prefix: str, extension: str, now: datetime) -> str:
    # Never the client's name: it could point elsewhere, collide, or say too much.
    return f"{prefix}/{now:%Y}/{secrets.token_hex(16)}.{extension}"


def _check_open(
    registration: Registration, code: str, *, now: datetime, lock: bool = False
) -> SupportingDocument | None:
    """Refuses when this document cannot receive a file now; returns its row if it has one
    (locked inside the upload's transaction, so an office decision cannot cross it)."""
    rows = SupportingDocument.objects.filter(registration=registration, code=code)
    document = (rows.select_for_update() if lock else rows).first()
    required = {
        required.code: required for required in selectors.required_documents(registration, now=now)
    }.get(code)
    refusal, message = selectors.upload_refusal(registration, required, document, now=now)
    if refusal:
        raise DocumentRefused(refusal, text=message)
    return document


def _read(upload: IncomingFile) -> bytes:
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise DocumentRefused("too_large", size=upload.size, max=limit)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise DocumentRefused("too_large", size=max(len(data), upload.size or 0), max=limit)
    return data


def document_upload(
    *, registration: Registration, code: str, upload: IncomingFile, actor: User, now: datetime
) -> StoredFile:
    """Upload a file for one document, or replace the one there (the earlier one is kept)."""
    _check_open(registration, code, now=now)
    try:
        name = validation.display_name(upload.name or "")
        data = _read(upload)
        content_type = validation.check_content(data)
    except validation.FileRejected as rejected:
        logger.info("document upload refused: %s", rejected.code)
        raise DocumentRefused(rejected.code, **rejected.params) from rejected
    scanner = antivirus.configured_scanner()
    stored = ""
    try:
        with transaction.atomic():
            registration = Registration.objects.select_for_update(of=("self",)).get(
                pk=registration.pk
            )
            document = _check_open(registration, code, now=now, lock=True)
            total = selectors.used_bytes(registration) + len(data)
            if total > settings.DOCUMENT_QUOTA_BYTES:
                raise DocumentRefused(
                    "quota_exceeded", total=total, quota=settings.DOCUMENT_QUOTA_BYTES
                )
            if document is None:
                document = SupportingDocument.objects.create(registration=registration, code=code)
            replaced = document.files.exists()
            extension = EXTENSIONS[FileType(content_type)]
            stored = default_storage.save(
                _random_name(UPLOAD_PREFIX, extension, now), ContentFile(data)
            )
            uploaded = StoredFile.objects.create(
                document=document,
                file=stored,
                original_name=name,
                size=len(data),
                content_type=content_type,
                sha256=hashlib.sha256(data).hexdigest(),
                scan_status=ScanStatus.PENDING if scanner else ScanStatus.NOT_SCANNED,
                uploaded_at=now,
                uploaded_by=actor,
            )
            document.status = DocumentStatus.SCANNING if scanner else DocumentStatus.UPLOADED
            document.status_changed_at = now
            document.save(update_fields=["status", "status_changed_at"])
            audit(
                actor=actor,
                action="document.replace" if replaced else "document.upload",
                obj=document,
                file=uploaded.pk,
                size=uploaded.size,
                content_type=content_type,
                sha256=uploaded.sha256,
            )
            if scanner:
                transaction.on_commit(lambda: _enqueue_scan(uploaded.pk))
            transaction.on_commit(lambda: refresh_document_counts(registration.pk, now=now))
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return uploaded


def _enqueue_scan(file_id: int) -> None:
    from .tasks import scan_uploaded_file

    scan_uploaded_file.enqueue(file_id)


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
            transaction.on_commit(lambda: _tell_infected(uploaded.pk))
        transaction.on_commit(lambda: refresh_document_counts(document.registration_id, now=now))
    return uploaded


def _quarantine(uploaded: StoredFile, data: bytes, *, now: datetime) -> None:
    """Out of the documents' area, under a name nobody serves; kept for the office to examine."""
    old = uploaded.file.name or ""
    uploaded.file.name = default_storage.save(
        _random_name(QUARANTINE_PREFIX, "bin", now), ContentFile(data)
    )
    transaction.on_commit(lambda: default_storage.delete(old))


def _tell_infected(file_id: int) -> None:
    uploaded = StoredFile.objects.select_related(
        "document__registration__candidate", "document__registration__session__academy"
    ).get(pk=file_id)
    document = uploaded.document
    registration = document.registration
    # The candidate's language is not known outside a request: French, the service's language.
    with translation.override("fr"):
        context = {
            "registration": registration,
            "label": selectors.label_of(document.code),
            "file_name": uploaded.original_name,
            "page_url": settings.SITE_URL + reverse("documents:dossier", args=[registration.pk]),
        }
        send_mail(
            subject=translation.gettext("Fichier refusé par l'antivirus — dossier %(ref)s")
            % {"ref": registration.reference},
            message=render_to_string("documents/email/infected.txt", context),
            from_email=None,
            recipient_list=[registration.candidate.email],
        )


def _review(
    *,
    document: SupportingDocument,
    actor: User,
    status: str,
    reason: str,
    now: datetime,
    reason_code: str = "",
    extra_fields: tuple[str, ...] = (),
) -> SupportingDocument:
    if not in_office_scope(actor, document.registration):
        raise DocumentRefused("not_in_scope")
    current = document.files.order_by("-uploaded_at", "-pk").first()
    document.status, document.office_reason, document.status_changed_at = status, reason, now
    document.office_reason_code, document.reviewed_file = reason_code, current
    document.save(
        update_fields=[
            "status",
            "office_reason",
            "office_reason_code",
            "reviewed_file",
            "status_changed_at",
            *extra_fields,
        ]
    )
    audit(
        actor=actor,
        action=f"document.{status}",
        obj=document,
        reason=reason,
        reason_code=reason_code,
        file=current.pk if current else None,
    )
    transaction.on_commit(lambda: refresh_document_counts(document.registration_id, now=now))
    return document


@transaction.atomic
def document_accept(
    *, document: SupportingDocument, actor: User, now: datetime
) -> SupportingDocument:
    document = SupportingDocument.objects.select_for_update().get(pk=document.pk)
    current = document.files.order_by("-uploaded_at", "-pk").first()
    if current is None or not current.downloadable:
        raise DocumentRefused("nothing_to_review")
    return _review(
        document=document, actor=actor, status=DocumentStatus.ACCEPTED, reason="", now=now
    )


@transaction.atomic
def document_refuse(
    *,
    document: SupportingDocument,
    actor: User,
    reason: str,
    now: datetime,
    reason_code: str = "other",
) -> SupportingDocument:
    """Refused with the office's reason code and comment, shown to the candidate; they may
    upload another file until the document's due date."""
    if not reason.strip():
        raise DocumentRefused("reason_required")
    document = SupportingDocument.objects.select_for_update().get(pk=document.pk)
    return _review(
        document=document,
        actor=actor,
        status=DocumentStatus.REFUSED,
        reason=reason,
        reason_code=reason_code,
        now=now,
    )


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


@transaction.atomic
def document_request(
    *,
    registration: Registration,
    code: str,
    actor: User,
    reason: str,
    due_at: datetime,
    now: datetime,
) -> SupportingDocument:
    """The office asks for a document (again, or one the rules did not list), with its reason
    and its own deadline, until which the candidate may upload it (002 §II ④)."""
    if not reason.strip():
        raise DocumentRefused("reason_required")
    document, _created = SupportingDocument.objects.select_for_update().get_or_create(
        registration=registration, code=code
    )
    document.requested_until = due_at
    return _review(
        document=document,
        actor=actor,
        status=DocumentStatus.REQUESTED_AGAIN,
        reason=reason,
        now=now,
        extra_fields=("requested_until",),
    )


@transaction.atomic
def document_viewed(*, uploaded: StoredFile, actor: User, how: str) -> None:
    """A staff view of a candidate's file (download or preview) goes to the audit log; the
    owner's own downloads do not."""
    registration = uploaded.document.registration
    if registration.candidate_id == actor.pk:
        return
    audit(
        actor=actor,
        action="document.view",
        obj=uploaded,
        dossier=registration,
        code=uploaded.document.code,
        file=uploaded.pk,
        how=how,
    )
