"""Specialties, their units (with each row's source and status) and the languages."""

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import CatalogueQuerySet


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
