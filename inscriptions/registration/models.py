"""The dossier: a candidate's registration in one session, its validated versions.

While in draft, the wizard's answers live in ``Registration.answers`` (saved at each step, so a
candidate can stop and resume from any device). Each validation freezes those answers, with the
rules' decision, into an immutable ``RegistrationVersion``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inscriptions.catalog.models import (
    Academy,
    ExamSession,
    Specialty,
)


class State(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("En attente de traitement")
    TO_COMPLETE = "to_complete", _("À compléter")
    COMPLIANT = "compliant", _("Conforme")
    NON_COMPLIANT = "non_compliant", _("Non conforme")
    WITHDRAWN = "withdrawn", _("Désisté")


class Registration(models.Model):
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    session = models.ForeignKey(
        ExamSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    specialty = models.ForeignKey(
        Specialty,
        verbose_name=_("spécialité"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    state = models.CharField(
        _("état"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    number = models.PositiveIntegerField(_("numéro de dossier"), null=True, blank=True)
    version = models.PositiveIntegerField(_("dernière version validée"), null=True, blank=True)
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    current_step = models.CharField(_("étape en cours"), max_length=40, blank=True)
    candidate_number = models.CharField(_("numéro de candidat"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    first_validated_at = models.DateTimeField(_("première validation"), null=True, blank=True)
    last_validated_at = models.DateTimeField(_("dernière validation"), null=True, blank=True)
    # What the office's queue filters, sorts and searches on, copied from the latest validated
    # version and the documents by the services that change them: the queue reads one table,
    # with indexes, however many dossiers there are.
    last_name = models.CharField(_("nom"), max_length=100, blank=True)
    first_name = models.CharField(_("prénom"), max_length=100, blank=True)
    search_name = models.CharField(
        _("nom pour la recherche"),
        max_length=200,
        blank=True,
        help_text=_("Nom puis prénom, en minuscules et sans accents."),
    )
    category = models.CharField(_("catégorie"), max_length=30, blank=True)
    exam_form = models.CharField(_("forme"), max_length=20, blank=True)
    accommodation_requested = models.BooleanField(_("aménagement demandé"), default=False)
    documents_missing = models.PositiveSmallIntegerField(_("pièces manquantes"), default=0)
    documents_refused = models.PositiveSmallIntegerField(_("pièces refusées"), default=0)
    completion_due_at = models.DateTimeField(_("réponse attendue avant"), null=True, blank=True)
    # The version whose signed confirmation the candidate returned (set by the documents app):
    # where the session says so, the registration is then locked (003 « Rappels importants »).
    signed_confirmation_version = models.PositiveIntegerField(
        _("version de la confirmation signée déposée"), null=True, blank=True
    )
    state_changed_at = models.DateTimeField(_("état changé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier d'inscription")
        verbose_name_plural = _("dossiers d'inscription")
        ordering = ["session", "number"]
        constraints = [
            # One registration per candidate and session (000–002 FAQ); a withdrawn one no
            # longer counts.
            models.UniqueConstraint(
                fields=["candidate", "session"],
                condition=~Q(state="withdrawn"),
                name="one_registration_per_candidate_and_session",
            ),
            models.UniqueConstraint(
                fields=["session", "number"],
                condition=Q(number__isnull=False),
                name="dossier_number_unique_in_session",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "state"], name="registration_session_state"),
            models.Index(
                fields=["session", "specialty", "state"], name="registration_queue_specialty"
            ),
            # Prefix search on the name (LIKE 'martin%'), PostgreSQL needing the pattern class.
            models.Index(
                fields=["search_name"],
                name="registration_search_name",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["candidate_number"], name="registration_candidate_number"),
            # « Échéance proche / dépassée »: read from the index alone, number and id included
            # for the queue's order and its page (``review/pagination.py``).
            models.Index(
                fields=["session", "state", "completion_due_at"],
                include=["number", "id"],
                name="registration_due",
            ),
            # The queue's other orders and filters, each readable from an index at scale.
            models.Index(
                fields=["session", "search_name", "number"], name="registration_name_order"
            ),
            models.Index(fields=["session", "last_validated_at"], name="registration_validated"),
            # The filters' counts and pages, for an administrator (session and state) and for
            # staff (their specialties too), read from the index alone (number, id included).
            models.Index(
                fields=["session", "category", "state", "specialty"],
                include=["number", "id"],
                name="registration_category",
            ),
            models.Index(
                fields=["session", "state", "specialty"],
                include=["number", "id"],
                name="registration_missing",
                condition=Q(documents_missing__gt=0),
            ),
            models.Index(
                fields=["session", "state", "specialty"],
                include=["number", "id"],
                name="registration_refused",
                condition=Q(documents_refused__gt=0),
            ),
            models.Index(
                fields=["session", "state", "specialty"],
                include=["number", "id"],
                name="registration_accommodation",
                condition=Q(accommodation_requested=True),
            ),
        ]

    def __str__(self) -> str:
        return self.reference or _("Brouillon n° %(pk)s") % {"pk": self.pk}

    @property
    def reference(self) -> str:
        """ "175-1": the dossier number and the version validated last (seed 004)."""
        if self.number is None or self.version is None:
            return ""
        return f"{self.number}-{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.state == State.DRAFT


class SessionCounter(models.Model):
    """The last dossier number given in a session: locked while a number is allocated, so the
    numbers are unique and without gaps."""

    session = models.OneToOneField(
        ExamSession, on_delete=models.CASCADE, primary_key=True, related_name="counter"
    )
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("compteur de dossiers")
        verbose_name_plural = _("compteurs de dossiers")

    def __str__(self) -> str:
        return f"{self.session}: {self.last_number}"


def new_verification_token() -> str:
    return secrets.token_urlsafe(24)


class RegistrationVersion(models.Model):
    """What was validated, frozen: never changed after it is written."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    version = models.PositiveIntegerField(_("version"))
    answers = models.JSONField(_("réponses validées"))
    summary = models.JSONField(_("récapitulatif"))
    validated_at = models.DateTimeField(_("validée le"))
    verification_token = models.CharField(
        _("jeton de vérification"), max_length=64, unique=True, default=new_verification_token
    )
    confirmation = models.FileField(
        _("confirmation d'inscription"), upload_to="confirmations/%Y/", blank=True
    )
    # The confirmation email: claimed before sending, marked once sent (core/queueing.py).
    confirmation_email_started_at = models.DateTimeField(
        _("envoi de la confirmation commencé le"), null=True, blank=True
    )
    confirmation_emailed_at = models.DateTimeField(
        _("confirmation envoyée le"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("version validée")
        verbose_name_plural = _("versions validées")
        ordering = ["registration", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "version"], name="registration_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration.number}-{self.version}"

    @property
    def reference(self) -> str:
        return f"{self.registration.number}-{self.version}"


class PriorRecord(models.Model):
    """A candidate of an earlier session of the académie, from its results: what a returning
    candidate's number and birth date pre-fill (seed 004 « Attention », 000)."""

    academy = models.ForeignKey(Academy, on_delete=models.CASCADE, related_name="prior_records")
    exam_year = models.PositiveSmallIntegerField(_("session"))
    candidate_number = models.CharField(_("numéro de candidat"), max_length=20)
    birth_date = models.DateField(_("date de naissance"))
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("forme"), max_length=20)
    civil_status = models.JSONField(_("état civil"), default=dict)
    address = models.JSONField(_("adresse"), default=dict)

    class Meta:
        verbose_name = _("candidat d'une session précédente")
        verbose_name_plural = _("candidats des sessions précédentes")
        constraints = [
            models.UniqueConstraint(
                fields=["academy", "exam_year", "candidate_number"], name="prior_record_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exam_year} — {self.candidate_number}"


class PriorGrade(models.Model):
    """A unit of an earlier session: its grade and date, or the candidate's absence; a bénéfice
    the candidate renounced is final and is never offered again (000–003)."""

    record = models.ForeignKey(PriorRecord, on_delete=models.CASCADE, related_name="grades")
    unit_code = models.CharField(_("unité"), max_length=10)
    grade = models.DecimalField(_("note"), max_digits=4, decimal_places=2, null=True, blank=True)
    obtained_on = models.DateField(_("obtenue le"))
    absent = models.BooleanField(_("absent"), default=False)
    renounced = models.BooleanField(_("bénéfice renoncé"), default=False)

    class Meta:
        verbose_name = _("note obtenue")
        verbose_name_plural = _("notes obtenues")

    def __str__(self) -> str:
        return f"{self.unit_code}: {'absent' if self.absent else self.grade}"
