"""What every upload is, whatever app takes it (supporting documents, message attachments, and
later the professional dossiers): its type recognised from its content, its antivirus state, and
the reading of an upload within the size limit."""

import secrets
from datetime import datetime
from typing import Protocol

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inscriptions.core.files.refusals import DocumentRefused


class ScanStatus(models.TextChoices):
    PENDING = "pending", _("Analyse en attente")
    CLEAN = "clean", _("Aucun virus détecté")
    INFECTED = "infected", _("Virus détecté : fichier mis en quarantaine")
    FAILED = "failed", _("Analyse impossible pour l'instant")
    NOT_SCANNED = "not_scanned", _("Non analysé : aucun antivirus n'est configuré")


class FileType(models.TextChoices):
    """What the content is, recognised from its first bytes (never from the name)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


EXTENSIONS = {FileType.PDF: "pdf", FileType.JPEG: "jpg", FileType.PNG: "png"}


class IncomingFile(Protocol):
    """What an upload gives: Django's ``UploadedFile`` or any file with a name and a size."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def read(self, size: int = ..., /) -> bytes: ...


def read_upload(upload: IncomingFile) -> bytes:
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise DocumentRefused("too_large", size=upload.size, max=limit)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise DocumentRefused("too_large", size=max(len(data), upload.size or 0), max=limit)
    return data


def stored_name(prefix: str, extension: str, now: datetime) -> str:
    """Where a file is stored: never the client's name, which could point elsewhere, collide,
    or say too much."""
    return f"{prefix}/{now:%Y}/{secrets.token_hex(16)}.{extension}"
