"""A dossier's message thread between the candidate and the exam office.

Attachments pass the checks of the supporting documents (type from the content, PDF without
script or encryption, images hiding nothing, size) and, when a scanner is configured, clamd
before anything is stored: a message is short-lived enough to wait for the verdict.
"""

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions.abilities import dossier_abilities
from inscriptions.accounts.models import User
from inscriptions.core.files import antivirus, validation
from inscriptions.core.files.kinds import (
    EXTENSIONS,
    FileType,
    IncomingFile,
    ScanStatus,
    read_upload,
    stored_name,
)
from inscriptions.core.files.refusals import DocumentRefused
from inscriptions.core.models import audit
from inscriptions.core.refusals import ServiceRefused

from . import services
from .models import Message, MessageAttachment

MAX_BODY = 5000
MAX_ATTACHMENTS = 3
ATTACHMENT_PREFIX = "messages"


class MessageRefused(ServiceRefused):
    """A message not sent, and why: the field it belongs to and what to do."""


def _checked(upload: IncomingFile) -> tuple[str, bytes, str]:
    """(display name, bytes, type) of an attachment, or a refusal the author can act on."""
    try:
        name = validation.display_name(upload.name or "")
        data = read_upload(upload)
        content_type = validation.check_content(data)
    except validation.FileRejected as rejected:
        refusal = DocumentRefused(rejected.code, **rejected.params)
        raise MessageRefused(f"{upload.name} : {refusal.message}", field="attachments") from None
    except DocumentRefused as refusal:
        raise MessageRefused(f"{upload.name} : {refusal.message}", field="attachments") from None
    scanner = antivirus.configured_scanner()
    if scanner is not None:
        try:
            verdict = scanner.scan(data)
        except antivirus.ScannerUnavailable:
            raise MessageRefused(
                _("L'antivirus ne répond pas pour l'instant : envoyez la pièce jointe plus tard."),
                field="attachments",
            ) from None
        if verdict.infected:
            raise MessageRefused(
                _("%(name)s : l'antivirus a détecté un virus, le fichier est refusé.")
                % {"name": upload.name},
                field="attachments",
            )
    return name, data, content_type


def message_send(
    *,
    registration: Any,
    author: User,
    body: str,
    attachments: Sequence[IncomingFile] = (),
    now: datetime,
) -> Message:
    abilities = dossier_abilities(author, registration)
    if not abilities.message:
        raise MessageRefused(_("Ce dossier n'existe pas."))
    body = body.strip()
    if not body:
        raise MessageRefused(_("Écrivez votre message."), field="body")
    if len(body) > MAX_BODY:
        raise MessageRefused(
            _("Le message dépasse %(max)s caractères.") % {"max": MAX_BODY}, field="body"
        )
    if len(attachments) > MAX_ATTACHMENTS:
        raise MessageRefused(
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
                    stored_name(ATTACHMENT_PREFIX, extension, now),
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
                services.notify_candidate(
                    registration=registration,
                    kind="message",
                    title=_("Nouveau message du bureau des examens"),
                    body=body,
                    now=now,
                )
            else:
                services.notify_office(
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


def thread(registration: Any) -> list[Message]:
    return list(
        registration.messages.select_related("author").prefetch_related("attachments").all()
    )


def thread_read(*, registration: Any, reader: User, now: datetime) -> int:
    """The other side's messages are marked read when the reader opens the thread."""
    from_office = not dossier_abilities(reader, registration).office
    return Message.objects.filter(
        registration=registration, from_office=from_office, read_at__isnull=True
    ).update(read_at=now)
