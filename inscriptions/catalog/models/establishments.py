"""Establishments a candidate is attached to: the académie's « fictitious » ones for individual
candidates (by département, distance learning, professional experience), shipped with the
reference data, and the real ones of the national directory (UAI), imported from its open-data
file (seed 004 « Choix de l'établissement »)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .academies import Academy


class EstablishmentKind(models.TextChoices):
    FICTITIOUS = "fictitious", _("Établissement fictif (candidat individuel)")
    DISTANCE = "distance", _("Établissement d'enseignement à distance")
    TRAINING = "training", _("Établissement de formation")


class EstablishmentSector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Privé")


class Establishment(models.Model):
    """Where a candidate is attached. Individual candidates pick a "fictitious" establishment
    for their situation or area (seed 004, « Établissement »)."""

    academy = models.ForeignKey(
        Academy, verbose_name=_("académie"), on_delete=models.CASCADE, related_name="establishments"
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        help_text=_("UAI du répertoire national, ou code de l'établissement fictif."),
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=EstablishmentKind.choices)
    sector = models.CharField(
        _("secteur"), max_length=10, choices=EstablishmentSector.choices, blank=True
    )
    city = models.CharField(_("commune"), max_length=100, blank=True)
    department = models.CharField(_("département"), max_length=3, blank=True)
    categories = models.JSONField(
        _("catégories de candidats"),
        default=list,
        blank=True,
        help_text=_("Catégories qui peuvent le choisir ; vide : toutes."),
    )
    is_active = models.BooleanField(
        _("proposé"),
        default=True,
        help_text=_("Décochez pour fermer l'établissement : il n'est plus proposé aux candidats."),
    )

    class Meta:
        # The table kept its name when the model moved here from the registration app.
        db_table = "registration_establishment"
        verbose_name = _("établissement")
        verbose_name_plural = _("établissements")
        ordering = ["academy", "name"]
        constraints = [
            models.UniqueConstraint(fields=["academy", "code"], name="establishment_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.city else self.name
