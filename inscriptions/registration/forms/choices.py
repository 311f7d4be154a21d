"""The wizard's screens about the exam chosen: establishment, specialty, form of examination,
consents."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from inscriptions.catalog.models import Specialty
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

from ..models import Establishment
from .base import YES_NO, CatalogueChoiceField, StepForm, _radio


class EstablishmentForm(StepForm):
    establishment = forms.ModelChoiceField(
        label=_("Établissement de rattachement"),
        queryset=Establishment.objects.none(),
        help_text=_(
            "Candidats individuels : choisissez l'établissement fictif de votre situation."
        ),
        error_messages={"required": _("Choisissez un établissement.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Establishment], self.fields["establishment"])
        field.queryset = Establishment.objects.filter(
            academy=self.context["session"].academy, is_active=True
        )


class SpecialtyForm(StepForm):
    FIELD_PATHS = {"specialty": "specialty_code"}

    specialty = CatalogueChoiceField(
        label=_("Spécialité et option"),
        queryset=Specialty.objects.filter(is_active=True).order_by("name", "option"),
        cache_key="active specialties by name",
        error_messages={"required": _("Choisissez la spécialité de BTS que vous présentez.")},
    )


class FormForm(StepForm):
    FIELD_PATHS = {"form": "form"}

    form = _radio(_("Forme de passage de l'examen"), labels.choices(rf.ExamForm), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = self.context.get("allowed_forms")
        if allowed is not None:
            field = cast(forms.ChoiceField, self.fields["form"])
            field.choices = [c for c in labels.choices(rf.ExamForm) if c[0] in allowed]


class ConsentsForm(StepForm):
    FIELD_PATHS = {
        "publish_results_press": "consents.publish_results_press",
        "share_with_local_authorities": "consents.share_with_local_authorities",
    }

    publish_results_press = _radio(
        _(
            "J'accepte la publication de mes résultats par la presse et sur les sites internet "
            "de sociétés privées"
        ),
        YES_NO,
        required=False,
    )
    share_with_local_authorities = _radio(
        _(
            "J'accepte la communication de mes résultats, de mon nom et de mon adresse aux "
            "collectivités territoriales, en vue d'une éventuelle récompense"
        ),
        YES_NO,
        required=False,
    )
