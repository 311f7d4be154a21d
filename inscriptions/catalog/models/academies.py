"""Académies, their départements and their exam offices' contacts."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import CatalogueQuerySet
from .specialties import Specialty


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
