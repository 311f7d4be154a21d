"""Supporting documents ("Mes justificatifs"): one row per dossier and document code, and every
file ever uploaded for it, kept as history.

Which documents a dossier needs is not stored here: the rules compute it from the dossier's
latest validated version (see ``selectors``). A ``SupportingDocument`` exists once something
happened to a document (an upload, an office request); a required document without one is
simply missing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inscriptions.core.files.kinds import EXTENSIONS, FileType, ScanStatus
from inscriptions.registration.models import Registration

__all__ = [
    "EXTENSIONS",
    "DocumentStatus",
    "FileType",
    "ScanStatus",
    "SupportingDocument",
    "UploadedFile",
]


class DocumentStatus(models.TextChoices):
    MISSING = "missing", _("À déposer")
    SCANNING = "scanning", _("Analyse antivirus en cours")
    UPLOADED = "uploaded", _("Déposée, en attente de vérification")
    INFECTED = "infected", _("Refusée par l'antivirus")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")
    REQUESTED_AGAIN = "requested_again", _("Demandée à nouveau")


class SupportingDocument(models.Model):
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="supporting_documents",
    )
    code = models.CharField(_("pièce"), max_length=60)
    status = models.CharField(
        _("état"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.MISSING
    )
    office_reason = models.TextField(
        _("motif du bureau des examens"),
        blank=True,
        help_text=_("Pourquoi la pièce est refusée ou demandée à nouveau ; montré au candidat."),
    )
    office_reason_code = models.CharField(
        _("motif codé"), max_length=30, blank=True, help_text=_("Motif de refus, parmi une liste.")
    )
    reviewed_file = models.ForeignKey(
        "UploadedFile",
        verbose_name=_("fichier examiné"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_until = models.DateTimeField(
        _("à déposer avant (demande du bureau)"), null=True, blank=True
    )
    status_changed_at = models.DateTimeField(_("état changé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("pièce justificative")
        verbose_name_plural = _("pièces justificatives")
        ordering = ["registration", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "code"], name="supporting_document_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration}: {self.code}"


class UploadedFile(models.Model):
    """One upload, never changed afterwards except for its antivirus result."""

    document = models.ForeignKey(
        SupportingDocument,
        verbose_name=_("pièce"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    # A random name chosen by the service, under justificatifs/ (or quarantaine/ once infected).
    file = models.FileField(_("fichier stocké"), max_length=255)
    original_name = models.CharField(
        _("nom d'origine"), max_length=255, help_text=_("Pour l'affichage seulement.")
    )
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    content_type = models.CharField(_("type détecté"), max_length=40, choices=FileType.choices)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    scan_status = models.CharField(
        _("analyse antivirus"), max_length=20, choices=ScanStatus.choices
    )
    scan_result = models.CharField(_("résultat de l'analyse"), max_length=255, blank=True)
    scanned_at = models.DateTimeField(_("analysé le"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("déposé le"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("fichier déposé")
        verbose_name_plural = _("fichiers déposés")
        ordering = ["document", "-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["scan_status"], name="uploaded_file_scan_status")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def downloadable(self) -> bool:
        """Never before the antivirus said it is clean (or honestly could not look)."""
        return self.scan_status in {ScanStatus.CLEAN, ScanStatus.NOT_SCANNED}

    @property
    def extension(self) -> str:
        return EXTENSIONS[FileType(self.content_type)]

    @property
    def download_name(self) -> str:
        """The original name with the extension of what the content really is."""
        stem = self.original_name.rsplit(".", 1)[0] if "." in self.original_name else ""
        return f"{stem or 'piece'}.{self.extension}"
