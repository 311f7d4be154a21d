"""Exam sessions: an académie's registration window, its dates and the settings the notices differ
on."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .academies import Academy


def default_languages_without_proof() -> list[str]:
    return ["en", "es"]


class ExamSessionQuerySet(models.QuerySet["ExamSession"]):
    def open_at(self, moment: datetime) -> "ExamSessionQuerySet":
        return self.filter(registration_opens_at__lte=moment, registration_closes_at__gt=moment)

    def upcoming_at(self, moment: datetime) -> "ExamSessionQuerySet":
        return self.filter(registration_opens_at__gt=moment)


class ExamSession(models.Model):
    """One exam year in one académie, with its dates (Europe/Paris) and its settings.

    Each setting makes a regulation that a later text changed configurable; its default is the
    value of the notices (cited on the field).
    """

    academy = models.ForeignKey(
        Academy, verbose_name=_("académie"), on_delete=models.PROTECT, related_name="sessions"
    )
    exam_year = models.PositiveSmallIntegerField(
        _("année de l'examen"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    registration_opens_at = models.DateTimeField(_("ouverture des inscriptions"))
    registration_closes_at = models.DateTimeField(_("clôture des inscriptions"))
    modification_closes_at = models.DateTimeField(
        _("fin des modifications"),
        null=True,
        blank=True,
        help_text=_("Par défaut, la clôture des inscriptions (seed 000, FAQ)."),
    )
    documents_due_at = models.DateTimeField(_("date limite des justificatifs"))
    late_documents_due_at = models.DateTimeField(
        _("date limite des justificatifs tardifs"),
        null=True,
        blank=True,
        help_text=_("Attestations fournies plus tard (maintenance des systèmes, stages)."),
    )
    internship_attestations_due_at = models.DateTimeField(
        _("date limite des attestations de stage"),
        null=True,
        blank=True,
        help_text=_("Stages pas encore effectués à l'inscription (seed 002, FAQ)."),
    )
    processing_due_at = models.DateTimeField(_("fin du traitement par le bureau"))
    convocations_published_at = models.DateTimeField(_("publication des convocations"))
    first_written_exam_at = models.DateTimeField(_("première épreuve écrite"))

    # Settings, defaults from the notices.
    experience_years_required = models.PositiveSmallIntegerField(
        _("années d'expérience professionnelle exigées"),
        default=3,
        help_text=_("Notice 2022 (seed 002, FAQ) : 3 ans ; une année depuis la session 2023."),
    )
    max_optional_units = models.PositiveSmallIntegerField(
        _("épreuves facultatives en plus de l'engagement étudiant"),
        default=1,
        help_text=_("Une au plus depuis le décret 2024-788 (article D643-13)."),
    )
    signed_confirmation_required = models.BooleanField(
        _("confirmation signée à téléverser"),
        default=True,
        help_text=_("La confirmation d'inscription signée est téléversée (seed 002 ❸)."),
    )
    jdc_age_limit = models.PositiveSmallIntegerField(
        _("âge limite pour le certificat JDC"),
        default=26,
        help_text=_("Français de moins de 26 ans (seeds 001 et 002)."),
    )
    locked_after_signed_confirmation = models.BooleanField(
        _("inscription figée au dépôt de la confirmation signée"),
        default=False,
        help_text=_(
            "Une fois la confirmation signée déposée, l'inscription ne se modifie plus (notice de "
            "l'académie de Nancy-Metz, session 2025, « Rappels importants »)."
        ),
    )
    convocation_min_notice_days = models.PositiveSmallIntegerField(
        _("délai minimal des convocations (jours)"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Entre la publication des convocations et la première épreuve écrite : 3 à 4 semaines "
            "(notice de l'académie de Toulouse, session 2022), au moins 15 jours (notice de "
            "l'académie de Nancy-Metz, session 2025)."
        ),
    )
    accommodation_portal_url = models.URLField(
        _("portail des demandes d'aménagement"),
        blank=True,
        help_text=_(
            "Où la demande d'aménagement d'épreuves est déposée quand l'académie a son portail "
            "(Incluscol : notice de l'académie de Nancy-Metz, session 2025) ; vide : auprès du "
            "médecin désigné, comme le dit la notice de l'académie de Toulouse."
        ),
    )
    accommodation_requests_open_at = models.DateTimeField(
        _("ouverture des demandes d'aménagement"), null=True, blank=True
    )
    accommodation_requests_close_at = models.DateTimeField(
        _("clôture des demandes d'aménagement"), null=True, blank=True
    )
    benefit_validity_years = models.PositiveSmallIntegerField(
        _("durée de validité des bénéfices (années)"),
        default=5,
        help_text=_("Cinq ans de date à date (seed 003, article D643-15)."),
    )
    benefit_min_grade = models.DecimalField(
        _("note minimale d'un bénéfice en forme globale"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(20))],
        help_text=_("10 sur 20 (seed 003, article D643-15)."),
    )
    languages_without_proof = models.JSONField(
        _("langues sans justificatif de formation"),
        default=default_languages_without_proof,
        blank=True,
        help_text=_(
            "Codes des langues qui n'exigent pas de justificatif : en, es (seed 002 §III.B.1)."
        ),
    )

    objects = ExamSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session d'examen")
        verbose_name_plural = _("sessions d'examen")
        ordering = ["-exam_year", "academy__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["academy", "exam_year"], name="session_unique_per_year"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="session_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return _("Session %(year)s — %(academy)s") % {
            "year": self.exam_year,
            "academy": self.academy.name,
        }

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("La clôture doit suivre l'ouverture.")
        if opens and self.documents_due_at and self.documents_due_at < opens:
            errors["documents_due_at"] = _(
                "La date limite des justificatifs ne peut précéder l'ouverture."
            )
        if (
            self.late_documents_due_at
            and self.documents_due_at
            and self.late_documents_due_at < self.documents_due_at
        ):
            errors["late_documents_due_at"] = _(
                "Les justificatifs tardifs ne peuvent être dus avant les autres."
            )
        if opens and self.modification_closes_at and self.modification_closes_at < opens:
            errors["modification_closes_at"] = _(
                "Les modifications se terminent après l'ouverture."
            )
        if closes and self.processing_due_at and self.processing_due_at < closes:
            errors["processing_due_at"] = _("Le traitement se termine après la clôture.")
        if (
            self.convocations_published_at
            and self.first_written_exam_at
            and self.convocations_published_at > self.first_written_exam_at
        ):
            errors["convocations_published_at"] = _(
                "Les convocations sont publiées avant la première épreuve."
            )
        notice = timedelta(days=self.convocation_min_notice_days or 0)
        if (
            self.convocations_published_at
            and self.first_written_exam_at
            and self.convocations_published_at <= self.first_written_exam_at
            and self.convocations_published_at > self.first_written_exam_at - notice
        ):
            errors["convocations_published_at"] = _(
                "Les convocations sont publiées au moins %(days)s jours avant la première épreuve "
                "écrite (délai minimal de la session)."
            ) % {"days": self.convocation_min_notice_days}
        portal_opens, portal_closes = (
            self.accommodation_requests_open_at,
            self.accommodation_requests_close_at,
        )
        if portal_opens and portal_closes and portal_closes <= portal_opens:
            errors["accommodation_requests_close_at"] = _(
                "La clôture des demandes d'aménagement doit suivre leur ouverture."
            )
        if (portal_opens or portal_closes) and not self.accommodation_portal_url:
            errors["accommodation_portal_url"] = _(
                "Indiquez le portail où les demandes d'aménagement sont déposées à ces dates."
            )
        if errors:
            raise ValidationError(errors)
