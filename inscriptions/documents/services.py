"""What changes a dossier's documents: upload (or replace), the antivirus result, the office's
decisions. Each runs in one transaction, writes an audit entry, and refuses with
``DocumentRefused``. A refused upload leaves nothing behind, neither row nor stored file."""

import hashlib
import logging
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions.accounts.models import User
from inscriptions.core.files import antivirus, validation
from inscriptions.core.files.kinds import IncomingFile, read_upload, stored_name
from inscriptions.core.files.refusals import DocumentRefused
from inscriptions.core.models import audit
from inscriptions.registration.models import Registration

from . import selectors, signals, tasks
from .counts import refresh_document_counts
from .models import EXTENSIONS, DocumentStatus, FileType, ScanStatus, SupportingDocument
from .models import UploadedFile as StoredFile
from .permissions import in_office_scope

logger = logging.getLogger(__name__)

UPLOAD_PREFIX = "justificatifs"


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


def document_upload(
    *, registration: Registration, code: str, upload: IncomingFile, actor: User, now: datetime
) -> StoredFile:
    """Upload a file for one document, or replace the one there (the earlier one is kept)."""
    _check_open(registration, code, now=now)
    try:
        name = validation.display_name(upload.name or "")
        data = read_upload(upload)
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
                stored_name(UPLOAD_PREFIX, extension, now), ContentFile(data)
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
            if code == selectors.SIGNED_CONFIRMATION:
                # The version the candidate signed; where the session says so, the registration
                # is locked from now on (003 « Rappels importants »).
                registration.signed_confirmation_version = registration.version
                registration.save(update_fields=["signed_confirmation_version"])
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
                transaction.on_commit(lambda: _enqueue_scan(uploaded.pk), robust=True)
            transaction.on_commit(
                lambda: refresh_document_counts(registration.pk, now=now), robust=True
            )
            transaction.on_commit(lambda: _uploaded(registration.pk, now), robust=True)
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return uploaded


def _uploaded(registration_id: int, now: datetime) -> None:
    signals.document_uploaded.send(
        sender=SupportingDocument, registration_id=registration_id, now=now
    )


def _enqueue_scan(file_id: int) -> None:
    tasks.scan_uploaded_file.enqueue(file_id)


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
    transaction.on_commit(
        lambda: refresh_document_counts(document.registration_id, now=now), robust=True
    )
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
    if document.code == selectors.SIGNED_CONFIRMATION:
        # A refused signature is no signature: the registration is no longer locked by it.
        Registration.objects.filter(pk=document.registration_id).update(
            signed_confirmation_version=None
        )
    return _review(
        document=document,
        actor=actor,
        status=DocumentStatus.REFUSED,
        reason=reason,
        reason_code=reason_code,
        now=now,
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
def signature_to_give_again(*, registration_id: int, now: datetime) -> bool:
    """A new version validated after the candidate returned the signed confirmation of an
    earlier one, where the session requires it: the signature is asked again, for the version
    in force, and both the candidate and the office see it (002 §II ❸). Safe to run again."""
    registration = Registration.objects.select_related("session").get(pk=registration_id)
    signed = registration.signed_confirmation_version
    if (
        not registration.session.signed_confirmation_required
        or signed is None
        or registration.version is None
        or signed >= registration.version
    ):
        return False
    document = (
        SupportingDocument.objects.select_for_update()
        .filter(registration=registration, code=selectors.SIGNED_CONFIRMATION)
        .first()
    )
    if document is None:
        return False
    document.status, document.status_changed_at = DocumentStatus.REQUESTED_AGAIN, now
    document.office_reason = _(
        "Vous avez validé une nouvelle version (%(reference)s) après avoir déposé la "
        "confirmation signée de la version %(signed)s : téléchargez la confirmation de la "
        "nouvelle version, signez-la et déposez-la."
    ) % {"reference": registration.reference, "signed": f"{registration.number}-{signed}"}
    document.office_reason_code = ""
    document.save(
        update_fields=["status", "status_changed_at", "office_reason", "office_reason_code"]
    )
    Registration.objects.filter(pk=registration.pk).update(signed_confirmation_version=None)
    audit(
        actor=None,
        action="document.signature_to_give_again",
        obj=document,
        signed_version=signed,
        version=registration.version,
    )
    transaction.on_commit(lambda: refresh_document_counts(registration.pk, now=now), robust=True)
    return True


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
