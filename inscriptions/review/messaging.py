"""A dossier's message thread between the candidate and the exam office.

Attachments pass the checks of the supporting documents (type from the content, PDF without
script or encryption, images hiding nothing, size) and, when a scanner is configured, clamd
before anything is stored: a message is short-lived enough to wait for the verdict.
"""

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions.accounts.models import User
from inscriptions.core.models import audit
from inscriptions.documents import antivirus, validation
from inscriptions.documents.models import EXTENSIONS, FileType, ScanStatus
from inscriptions.documents.refusals import DocumentRefused
from inscriptions.documents.services import IncomingFile
from inscriptions.registration.models import Registration

from . import notify
from .abilities import dossier_abilities
from .models import Message, MessageAttachment
from .services import ReviewRefused

MAX_BODY = 5000
MAX_ATTACHMENTS = 3
ATTACHMENT_PREFIX = "messages"


def _checked(upload: IncomingFile) -> tuple[str, bytes, str]:
    """(display name, bytes, type) of an attachment, or a refusal the author can act on."""
    limit = settings.DOCUMENT_MAX_BYTES
    try:
        name = validation.display_name(upload.name or "")
        if upload.size is not None and upload.size > limit:
            raise DocumentRefused("too_large", size=upload.size, max=limit)
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise DocumentRefused("too_large", size=len(data), max=limit)
        content_type = validation.check_content(data)
    except validation.FileRejected as rejected:
        refusal = DocumentRefused(rejected.code, **rejected.params)
        raise ReviewRefused(f"{upload.name} : {refusal.message}", field="attachments") from None
    except DocumentRefused as refusal:
        raise ReviewRefused(f"{upload.name} : {refusal.message}", field="attachments") from None
    scanner = antivirus.configured_scanner()
    if scanner is not None:
        try:
            verdict = scanner.scan(data)
        except antivirus.ScannerUnavailable:
            raise ReviewRefused(
                _("L'antivirus ne répond pas pour l'instant : envoyez la pièce jointe plus tard."),
                field="attachments",
            ) from None
        if verdict.infected:
            raise ReviewRefused(
                _("%(name)s : l'antivirus a détecté un virus, le fichier est refusé.")
                % {"name": upload.name},
                field="attachments",
            )
    return name, data, content_type


def message_send(
    *,
    registration: Registration,
    author: User,
    body: str,
    attachments: Sequence[IncomingFile] = (),
    now: datetime,
) -> Message:
    abilities = dossier_abilities(author, registration)
    if not abilities.message:
        raise ReviewRefused(_("Ce dossier n'existe pas."))
    body = body.strip()
    if not body:
        raise ReviewRefused(_("Écrivez votre message."), field="body")
    if len(body) > MAX_BODY:
        raise ReviewRefused(
            _("Le message dépasse %(max)s caractères.") % {"max": MAX_BODY}, field="body"
        )
    if len(attachments) > MAX_ATTACHMENTS:
        raise ReviewRefused(
            _("Joignez au plus %(max)s fichiers.") % {"max": MAX_ATTACHMENTS},
            field="attachments",
        )
    checked = [_checked(upload) for upload in attachments]
    scanned = antivirus.configured_scanner() is not None
    stored: list[str] = []
    try:
        with transaction.atomic():
            message = Message.objects.create(
                registration=registration,
                author=author,
                from_office=abilities.office,
                body=body,
                sent_at=now,
            )
            for name, data, content_type in checked:
                extension = EXTENSIONS[FileType(content_type)]
                path = default_storage.save(
                    f"{ATTACHMENT_PREFIX}/{now:%Y}/{secrets.token_hex(16)}.{extension}",
                    ContentFile(data),
                )
                stored.append(path)
                MessageAttachment.objects.create(
                    message=message,
                    file=path,
                    original_name=name,
                    size=len(data),
                    content_type=content_type,
                    sha256=hashlib.sha256(data).hexdigest(),
                    scan_status=ScanStatus.CLEAN if scanned else ScanStatus.NOT_SCANNED,
                )
            audit(
                actor=author,
                action="message.send",
                obj=message,
                dossier=registration,
                from_office=message.from_office,
                attachments=len(checked),
            )
            if message.from_office:
                notify.notify_candidate(
                    registration=registration,
                    kind="message",
                    title=_("Nouveau message du bureau des examens"),
                    body=body,
                    now=now,
                )
            else:
                notify.notify_office(
                    registration=registration,
                    subject=_("Message du candidat — dossier %(ref)s")
                    % {"ref": registration.reference},
                    text=body,
                )
    except BaseException:
        for path in stored:
            default_storage.delete(path)
        raise
    return message


def thread(registration: Registration) -> list[Message]:
    return list(
        registration.messages.select_related("author").prefetch_related("attachments").all()
    )


def thread_read(*, registration: Registration, reader: User, now: datetime) -> int:
    """The other side's messages are marked read when the reader opens the thread."""
    from_office = not dossier_abilities(reader, registration).office
    return Message.objects.filter(
        registration=registration, from_office=from_office, read_at__isnull=True
    ).update(read_at=now)
