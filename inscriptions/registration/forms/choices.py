"""The wizard's screens about the exam chosen: establishment, specialty, form of examination,
consents."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from inscriptions.catalog.models import Establishment, Specialty
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

from .base import YES_NO, CatalogueChoiceField, StepForm, _radio


class EstablishmentForm(StepForm):
    """Seed 004 « Choix de l'établissement »: individual candidates choose the fictitious
    establishment of their situation or area; a returning candidate also gives their former
    establishment, from the list or by its name and city when it is not listed."""

    establishment = forms.ModelChoiceField(
        label=_("Établissement de rattachement"),
        queryset=Establishment.objects.none(),
        help_text=_(
            "Candidats individuels : choisissez l'établissement fictif de votre situation."
        ),
        error_messages={"required": _("Choisissez un établissement.")},
    )
    former_establishment = forms.ModelChoiceField(
        label=_("Votre ancien établissement"),
        queryset=Establishment.objects.none(),
        required=False,
        help_text=_(
            "Vous avez déjà été candidat : choisissez-le dans la liste, ou, s'il n'y figure pas, "
            "indiquez son nom et sa ville ci-dessous."
        ),
    )
    former_establishment_name = forms.CharField(
        label=_("Nom de l'ancien établissement, s'il n'est pas dans la liste"),
        required=False,
        max_length=200,
    )
    former_establishment_city = forms.CharField(
        label=_("Ville de l'ancien établissement"), required=False, max_length=100
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        academy = self.context["session"].academy
        offered = Establishment.objects.filter(academy=academy, is_active=True)
        category = self.context.get("category")
        if category:
            # An establishment names the categories that may choose it (none: every category).
            offered = offered.filter(
                pk__in=[e.pk for e in offered if not e.categories or category in e.categories]
            )
        field = cast(forms.ModelChoiceField[Establishment], self.fields["establishment"])
        field.queryset = offered
        if self.context.get("returning"):
            former = cast(
                forms.ModelChoiceField[Establishment], self.fields["former_establishment"]
            )
            # A former establishment may have closed since: every one of the académie's.
            former.queryset = Establishment.objects.filter(academy=academy)
        else:
            for name in FORMER_FIELDS:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "former_establishment" not in self.fields:
            return data
        name = data.get("former_establishment_name", "").strip()
        city = data.get("former_establishment_city", "").strip()
        if data.get("former_establishment") or (name and city):
            return data
        if name and not city:
            self.add_error(
                "former_establishment_city", _("Indiquez la ville de cet établissement.")
            )
        elif city and not name:
            self.add_error("former_establishment_name", _("Indiquez le nom de cet établissement."))
        else:
            self.add_error(
                "former_establishment",
                _(
                    "Vous avez déjà été candidat : indiquez votre ancien établissement, choisi "
                    "dans la liste ou par son nom et sa ville (guide d'inscription Inscrinet, "
                    "« Choix de l'établissement »)."
                ),
            )
        return data


FORMER_FIELDS = ("former_establishment", "former_establishment_name", "former_establishment_city")


class SpecialtyForm(StepForm):
    FIELD_PATHS = {"specialty": "specialty_code"}

    # Only the specialties whose exam rules (their units) are entered: a candidate must never
    # discover at the units screen that their specialty cannot be registered for.
    specialty = CatalogueChoiceField(
        label=_("Spécialité et option"),
        queryset=Specialty.objects.filter(is_active=True, units__isnull=False)
        .distinct()
        .order_by("name", "option"),
        cache_key="active specialties with their rules, by name",
        error_messages={"required": _("Choisissez la spécialité de BTS que vous présentez.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        session = self.context.get("session")
        if session is None:
            return
        academy = session.academy
        reach = ", ".join(value for value in (academy.office_email, academy.office_phone) if value)
        # The bound field keeps its own copy of the help text, taken when the form was built.
        self.fields["specialty"].help_text = self["specialty"].help_text = _(
            "Seules les spécialités dont le règlement d'examen est enregistré sont proposées. "
            "La vôtre n'y figure pas ? Contactez le bureau des examens de l'académie de "
            "%(academy)s%(reach)s avant la clôture des inscriptions."
        ) % {"academy": academy.name, "reach": f" ({reach})" if reach else ""}


class ChoicesWithUnavailable(forms.RadioSelect):
    """Radio buttons some of which are shown unavailable (disabled), their reason said in the
    field's help text: a choice the rules forbid is never silently removed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unavailable: set[str] = set()

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.unavailable:
            option["attrs"] = {**option["attrs"], "disabled": True}
        return option


class FormForm(StepForm):
    """Both forms are shown; one the candidate may not choose is disabled, with the rule that
    says why (and, chosen all the same through the API, refused with it)."""

    FIELD_PATHS = {"form": "form"}

    form = forms.ChoiceField(
        label=_("Forme de passage de l'examen"),
        choices=labels.choices(rf.ExamForm),
        widget=ChoicesWithUnavailable,
        required=False,
        # Drawn as DSFR draws a radio group (it names the template after the widget's class).
        template_name="dsfr/form_field_snippets/radioselect_snippet.html",  # type: ignore[call-arg]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each form the candidate may not choose, with the rule's explanation.
        unavailable: dict[str, str] = self.context.get("unavailable_forms", {})
        if not unavailable:
            return
        field = cast(forms.ChoiceField, self.fields["form"])
        field.choices = [
            (value, _("%(label)s — non disponible pour vous") % {"label": label})
            if value in unavailable
            else (value, label)
            for value, label in labels.choices(rf.ExamForm)
        ]
        cast(ChoicesWithUnavailable, field.widget).unavailable = set(unavailable)
        self.fields["form"].help_text = self["form"].help_text = " ".join(unavailable.values())
        offered = [value for value, _label in field.choices if value not in unavailable]
        if len(offered) == 1 and not self.is_bound:
            self.initial.setdefault("form", offered[0])


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
