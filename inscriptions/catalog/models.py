"""The référentiel: académies, BTS specialties and their units, office contacts, exam sessions.

The shipped reference data (``catalog/reference/``) is a starting point an académie
administrator edits in the admin; nothing here is hard-coded in the rules.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import cache


class CatalogueQuerySet(models.QuerySet[Any]):
    """The writes that send no signal (``update``, ``bulk_create``, ``bulk_update``) tell the
    catalogue's copies in memory (``cache.py``) too that the catalogue changed."""

    def update(self, **kwargs: Any) -> int:
        rows = super().update(**kwargs)
        cache.invalidate()
        return rows

    def bulk_create(self, *args: Any, **kwargs: Any) -> Any:
        created = super().bulk_create(*args, **kwargs)
        cache.invalidate()
        return created

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        rows = super().bulk_update(*args, **kwargs)
        cache.invalidate()
        return rows


class AcademyKind(models.TextChoices):
    ACADEMY = "academie", _("Académie")
    VICE_RECTORAT = "vice_rectorat", _("Vice-rectorat")
    EDUCATION_SERVICE = "service_education", _("Service de l'éducation")


class Academy(models.Model):
    code = models.CharField(
        _("code"),
        max_length=3,
        unique=True,
        validators=[
            RegexValidator(r"^\d{2,3}$", _("Le code d'académie comporte 2 ou 3 chiffres."))
        ],
    )
    name = models.CharField(_("nom"), max_length=100, unique=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=AcademyKind.choices, default=AcademyKind.ACADEMY
    )
    notes = models.TextField(_("notes sur la source"), blank=True)
    office_name = models.CharField(_("bureau des examens"), max_length=200, blank=True, default="")
    office_address = models.TextField(_("adresse du bureau des examens"), blank=True)
    office_email = models.EmailField(_("courriel du bureau des examens"), blank=True)
    office_phone = models.CharField(_("téléphone du bureau des examens"), max_length=40, blank=True)
    hosts_residents_abroad = models.BooleanField(
        _("inscrit les candidats résidant à l'étranger"),
        default=False,
        help_text=_("Académie désignée pour les candidats qui résident à l'étranger (seed 004)."),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("académie")
        verbose_name_plural = _("académies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField(
        _("code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^(\d{2}|2A|2B|\d{3})$", _("Code de département invalide."))],
    )
    academy = models.ForeignKey(
        Academy, verbose_name=_("académie"), on_delete=models.CASCADE, related_name="departments"
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Language(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("nom"), max_length=60)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("langue vivante")
        verbose_name_plural = _("langues vivantes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Specialty(models.Model):
    """One BTS specialty, or one option of it: each has its own BCN code."""

    bcn_code = models.CharField(
        _("code BCN"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{8}$", _("Le code BCN comporte 8 chiffres."))],
    )
    name = models.CharField(_("spécialité"), max_length=200)
    option = models.CharField(_("option"), max_length=200, blank=True)
    sigle = models.CharField(_("sigle"), max_length=20, blank=True)
    reference_link = models.URLField(_("lien vers le référentiel"), max_length=500, blank=True)
    notes = models.TextField(_("notes sur la source"), blank=True)
    is_active = models.BooleanField(_("ouverte aux inscriptions"), default=True)
    requires_r408 = models.BooleanField(
        _("attestation R408 exigée"),
        default=False,
        help_text=_("Attestation de formation aux échafaudages (R408) à fournir à l'inscription."),
    )
    # Seed 003, documents table: the Maintenance des systèmes attestations, due later.
    requires_electrical_risk = models.BooleanField(
        _("attestation de prévention des risques d'origine électrique"), default=False
    )
    requires_first_aid = models.BooleanField(
        _("attestation de protection et secours aux personnes"), default=False
    )
    requires_refrigerant_fluids = models.BooleanField(
        _("attestation de manipulation des fluides frigorigènes"), default=False
    )
    requires_work_at_height = models.BooleanField(
        _("attestation de travaux en hauteur"), default=False
    )
    languages = models.ManyToManyField(
        Language,
        verbose_name=_("langues autorisées"),
        blank=True,
        related_name="specialties",
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("spécialité de BTS")
        verbose_name_plural = _("spécialités de BTS")
        ordering = ["name", "option"]

    def __str__(self) -> str:
        return f"{self.name} — {self.option}" if self.option else self.name

    @property
    def requires_maintenance_attestations(self) -> bool:
        return (
            self.requires_electrical_risk
            or self.requires_first_aid
            or self.requires_refrigerant_fluids
            or self.requires_work_at_height
        )


class UnitKind(models.TextChoices):
    # Same values as inscriptions.rules.facts.UnitKind, which the adapter maps to.
    GENERAL = "general", _("Générale")
    PROFESSIONAL = "professional", _("Professionnelle")
    OPTIONAL = "optional", _("Facultative")


class DataStatus(models.TextChoices):
    EXACT = "exact", _("Exacte")
    PARTIAL = "partial", _("Partielle")
    UNCERTAIN = "uncertain", _("Incertaine")
    MISSING = "missing", _("Manquante")
    SUPERSEDED = "superseded", _("Remplacée")


class Unit(models.Model):
    """One unit (épreuve / unité) of a specialty's règlement d'examen."""

    specialty = models.ForeignKey(
        Specialty, verbose_name=_("spécialité"), on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("épreuve parente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_units",
    )
    regulation = models.CharField(_("règlement d'examen"), max_length=200, blank=True)
    exam_code = models.CharField(_("épreuve"), max_length=10)
    code = models.CharField(_("unité"), max_length=10)
    title = models.CharField(_("intitulé"), max_length=300)
    coefficient = models.DecimalField(
        _("coefficient"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    ects = models.PositiveSmallIntegerField(_("crédits ECTS"), null=True, blank=True)
    kind = models.CharField(_("nature"), max_length=20, choices=UnitKind.choices)
    is_language = models.BooleanField(_("épreuve de langue vivante"), default=False)
    is_general_culture = models.BooleanField(
        _("culture générale et expression"),
        default=False,
        help_text=_("Unité commune dont dispense un BTS, un DUT ou un diplôme de niveau 5."),
    )
    is_engagement = models.BooleanField(_("engagement étudiant"), default=False)
    requires_internship = models.BooleanField(_("épreuve adossée aux stages"), default=False)
    carries_from = models.JSONField(
        _("bénéfices repris d'autres unités"),
        default=list,
        blank=True,
        help_text=_("Codes d'unités d'autres spécialités dont la note est conservée ici."),
    )
    form_individual_candidates = models.CharField(
        _("forme pour les candidats individuels"), max_length=100, blank=True
    )
    duration_individual_candidates = models.CharField(
        _("durée pour les candidats individuels"), max_length=100, blank=True
    )
    exempting_diplomas = models.JSONField(
        _("diplômes qui en dispensent"),
        default=list,
        blank=True,
        help_text=_(
            "Codes des diplômes qui dispensent de cette unité, par exemple bts, dut, level5."
        ),
    )
    status = models.CharField(
        _("fiabilité de la donnée"),
        max_length=12,
        choices=DataStatus.choices,
        default=DataStatus.EXACT,
    )
    source_id = models.CharField(_("source"), max_length=40, blank=True)
    notes = models.TextField(_("notes sur la source"), blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("unité")
        verbose_name_plural = _("unités")
        ordering = ["specialty", "regulation", "exam_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["specialty", "regulation", "exam_code"], name="unit_unique_per_regulation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exam_code} — {self.title}"

    @property
    def is_optional(self) -> bool:
        return self.kind == UnitKind.OPTIONAL

    @property
    def needs_review(self) -> bool:
        """Partial, uncertain, missing or superseded data must be checked before it is relied on."""
        return self.status != DataStatus.EXACT


class OfficeContact(models.Model):
    """The exam-office contact shown to the candidates of some specialties (seed 002 §V)."""

    academy = models.ForeignKey(
        Academy, verbose_name=_("académie"), on_delete=models.CASCADE, related_name="contacts"
    )
    label = models.CharField(_("intitulé"), max_length=200)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    specialties = models.ManyToManyField(
        Specialty, verbose_name=_("spécialités"), blank=True, related_name="office_contacts"
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact du bureau des examens")
        verbose_name_plural = _("contacts du bureau des examens")
        ordering = ["academy", "label"]

    def __str__(self) -> str:
        return f"{self.academy} — {self.label}"


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
        errors = {}
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
        if errors:
            raise ValidationError(errors)
