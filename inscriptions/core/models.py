from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what, when, to which object: written by the services, never changed."""

    at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("type d'objet"), max_length=60)
    object_id = models.CharField(_("objet"), max_length=40)
    data = models.JSONField(_("détails"), default=dict, blank=True)
    # The dossier the entry is about (its own row, a document, a message...) and the version it
    # had then: a plain number, so the entry outlives a deleted draft.
    registration_id = models.PositiveBigIntegerField(_("dossier"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version du dossier"), null=True, blank=True)

    class Meta:
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["registration_id", "at"], name="audit_dossier"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class AuditSeal(models.Model):
    """An audit entry's place in the chain: its digest covers the entry and the previous seal's
    digest, so an entry changed, removed or inserted later breaks every digest after it
    (``core.audit_chain``). Written by the sealing job, never changed."""

    entry = models.OneToOneField(
        AuditEntry, verbose_name=_("entrée"), on_delete=models.PROTECT, related_name="seal"
    )
    digest = models.CharField(_("empreinte"), max_length=64)
    sealed_at = models.DateTimeField(_("scellée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("scellé du journal")
        verbose_name_plural = _("scellés du journal")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.pk} {self.digest[:12]}"


class AuditDigest(models.Model):
    """Each day's last digest of the chain, signed (HMAC with the service's signing key): kept,
    and sent out of the service, it proves the chain up to that day was not rewritten since."""

    day = models.DateField(_("jour"), unique=True)
    last_seal = models.ForeignKey(AuditSeal, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(_("empreinte"), max_length=64)
    signature = models.CharField(_("signature"), max_length=64)

    class Meta:
        verbose_name = _("empreinte quotidienne du journal")
        verbose_name_plural = _("empreintes quotidiennes du journal")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:12]}"


class ConnectionEvent(models.Model):
    """The connection log: sign-ins, failed sign-ins, second-factor attempts, with the client's
    address (never a password nor a code typed). Kept RETENTION_CONNECTION_LOG_MONTHS, then
    deleted by the purge: unlike the audit log, it is not sealed into the chain."""

    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60)
    data = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("connexion")
        verbose_name_plural = _("journal des connexions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class JobRun(models.Model):
    """One run of a periodic job (``core.scheduler``): claimed before it starts, so a scheduled
    time runs once whatever the number of schedulers started (the pair is unique)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    job = models.CharField(_("tâche"), max_length=60)
    scheduled_for = models.DateTimeField(_("prévue le"))
    started_at = models.DateTimeField(_("commencée le"))
    finished_at = models.DateTimeField(_("finie le"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices)
    caught_up = models.BooleanField(_("rattrapage"), default=False)
    results = models.JSONField(_("résultats"), default=dict, blank=True)
    error = models.CharField(_("erreur"), max_length=300, blank=True)
    runner = models.CharField(_("planificateur"), max_length=120)

    class Meta:
        verbose_name = _("exécution d'une tâche périodique")
        verbose_name_plural = _("exécutions des tâches périodiques")
        ordering = ["-scheduled_for", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "scheduled_for"], name="job_run_once"),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.scheduled_for:%Y-%m-%d %H:%M:%S} {self.status}"


class SchedulerLease(models.Model):
    """The scheduler's lease: the one started scheduler that holds it runs the jobs, renewing it
    while it lives; another takes it over once it has expired."""

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(_("planificateur"), max_length=120)
    acquired_at = models.DateTimeField(_("pris le"))
    expires_at = models.DateTimeField(_("expire le"))

    class Meta:
        verbose_name = _("bail du planificateur")
        verbose_name_plural = _("baux du planificateur")

    def __str__(self) -> str:
        return f"{self.name}: {self.holder}"


def _dossier_of(obj: models.Model) -> Any:
    if obj._meta.label_lower == "registration.registration":
        return obj
    for path in ("registration", "document", "message"):
        related = getattr(obj, path, None)
        if isinstance(related, models.Model):
            return _dossier_of(related)
    return None


def audit(
    *, actor: Any, action: str, obj: models.Model, dossier: Any = None, **data: object
) -> AuditEntry:
    """Append an entry (the table refuses updates: see the migration's triggers). The dossier is
    found from the object (a dossier, its document, a file, a message) unless given."""
    dossier = dossier if dossier is not None else _dossier_of(obj)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
        registration_id=getattr(dossier, "pk", None),
        version=getattr(dossier, "version", None),
    )
