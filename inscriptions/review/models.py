"""The exam office's work on a dossier: completion requests, the message thread, the candidate's
notifications. Decisions themselves live on the dossier (its state) and in the audit log."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inscriptions.registration.models import Registration


class NonComplianceReason(models.TextChoices):
    """Why a dossier is declared non conforme: told to the candidate with the office's comment."""

    MISSING_DOCUMENTS = "missing_documents", _("Pièces justificatives manquantes ou non valables")
    NOT_ELIGIBLE = "not_eligible", _("Conditions d'inscription non remplies")
    WRONG_ACADEMY = "wrong_academy", _("Le candidat ne relève pas de cette académie")
    DUPLICATE = "duplicate", _("Inscription en double")
    DEADLINE_PASSED = "deadline_passed", _("Délai de réponse à la demande du bureau expiré")
    OTHER = "other", _("Autre motif")


class DocumentRefusalReason(models.TextChoices):
    """Why the office refuses a supporting document."""

    ILLEGIBLE = "illegible", _("Illisible ou incomplète")
    WRONG_DOCUMENT = "wrong_document", _("Ce n'est pas la pièce demandée")
    EXPIRED = "expired", _("Pièce périmée ou hors de sa période de validité")
    NAME_MISMATCH = "name_mismatch", _("La pièce n'est pas au nom du candidat")
    UNSIGNED = "unsigned", _("Signature ou cachet manquant")
    OTHER = "other", _("Autre motif")


class CompletionStatus(models.TextChoices):
    OPEN = "open", _("En attente de la réponse du candidat")
    ANSWERED = "answered", _("Répondue")
    EXPIRED = "expired", _("Délai expiré")


class CompletionRequest(models.Model):
    """« À compléter »: what the office asks for and by when (002 §II ④)."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="completion_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandée par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("demandée le"))
    due_at = models.DateTimeField(_("réponse attendue avant"))
    version = models.PositiveIntegerField(_("version du dossier"), null=True)
    documents = models.JSONField(_("pièces demandées"), default=list, blank=True)
    corrections = models.TextField(_("corrections demandées"), blank=True)
    message = models.TextField(_("message au candidat"), blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=CompletionStatus.choices, default=CompletionStatus.OPEN
    )
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    answer = models.TextField(_("réponse du candidat"), blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("demande de compléments")
        verbose_name_plural = _("demandes de compléments")
        ordering = ["registration", "-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(status="open"),
                name="one_open_completion_request",
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="completion_status_due")]

    def __str__(self) -> str:
        return f"{self.registration} — {self.get_status_display()}"


class StateChange(models.Model):
    """One move of a dossier from one state to another: who, when, why, on which version.
    Written once by the services, never changed (the audit log holds the same, with the rest)."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="state_changes",
    )
    move = models.CharField(_("changement"), max_length=30)
    from_state = models.CharField(_("état précédent"), max_length=20)
    to_state = models.CharField(_("nouvel état"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("le"))
    version = models.PositiveIntegerField(_("version du dossier"), null=True)
    reason_code = models.CharField(_("motif codé"), max_length=30, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("changement d'état")
        verbose_name_plural = _("changements d'état")
        ordering = ["registration", "-at", "-pk"]
        indexes = [models.Index(fields=["registration", "at"], name="state_change_dossier")]

    def __str__(self) -> str:
        return f"{self.registration}: {self.from_state} → {self.to_state}"


class OfficeExport(models.Model):
    """A large export of the queue's list, built by a task rather than inside a request: its
    progress, then its file, kept ``EXPORT_KEEP_HOURS`` for the one who asked for it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En préparation")
        DONE = "done", _("Prêt")
        FAILED = "failed", _("Échec")

    class Kind(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("format"), max_length=4, choices=Kind.choices)
    query = models.JSONField(_("filtres"), default=dict, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("lignes à écrire"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("lignes écrites"), default=0)
    file = models.FileField(_("fichier"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("demandé le"))
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fini le"), null=True, blank=True)
    expires_at = models.DateTimeField(_("effacé le"), null=True, blank=True)
    error = models.CharField(_("erreur"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("export de la liste")
        verbose_name_plural = _("exports de la liste")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def query_string(self) -> str:
        return urlencode(self.query)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.rows_done * 100 // self.rows_total)
