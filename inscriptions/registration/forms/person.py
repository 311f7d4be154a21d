"""The wizard's screens about the candidate: the start (session, returning candidate), the
identity, the situation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inscriptions import rules as r
from inscriptions.catalog.models import Specialty
from inscriptions.core.findings import finding_source, finding_text
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

from .base import YES_NO, CatalogueChoiceField, StepForm, _radio


class StartForm(StepForm):
    returning = _radio(
        _("Avez-vous déjà été candidat au BTS dans cette académie ?"),
        [
            ("no", _("Non, c'est ma première inscription dans cette académie")),
            ("yes", _("Oui, j'ai un numéro de candidat d'une session précédente")),
        ],
    )
    candidate_number = forms.CharField(
        label=_("Numéro de candidat"),
        help_text=_("Il figure sur votre dernier relevé de notes."),
        required=False,
        max_length=20,
    )
    birth_date = forms.DateField(
        label=_("Date de naissance"),
        help_text=_("Format attendu : JJ/MM/AAAA"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("returning") == "yes":
            if not data.get("candidate_number"):
                self.add_error("candidate_number", _("Indiquez votre numéro de candidat."))
            if not data.get("birth_date"):
                self.add_error("birth_date", _("Indiquez votre date de naissance."))
        return data


class IdentityForm(StepForm):
    FIELD_PATHS = {
        "last_name": "civil_status.last_name",
        "first_name_1": "civil_status.first_names",
        "birth_year": "civil_status.birth_date",
        "birth_department": "civil_status.birth_department",
        "birth_arrondissement": "civil_status.birth_arrondissement",
        "birth_country": "civil_status.birth_country",
        "abroad": "address.abroad",
        "street": "address.street",
        "postal_code": "address.postal_code",
        "locality": "address.locality",
        "department": "address.department",
        "email": "contact.email",
        "phone": "contact.phone",
    }

    last_name = forms.CharField(label=_("Nom de naissance"), max_length=100, required=False)
    usage_name = forms.CharField(label=_("Nom d'usage"), max_length=100, required=False)
    first_name_1 = forms.CharField(label=_("Premier prénom"), max_length=60, required=False)
    first_name_2 = forms.CharField(
        label=_("Deuxième prénom"),
        max_length=60,
        required=False,
        help_text=_("Saisissez deux prénoms si possible."),
    )
    first_name_3 = forms.CharField(label=_("Troisième prénom"), max_length=60, required=False)
    birth_day = forms.CharField(
        label=_("Jour de naissance"),
        max_length=2,
        required=False,
        help_text=_("00 si le jour est inconnu."),
    )
    birth_month = forms.CharField(
        label=_("Mois de naissance"),
        max_length=2,
        required=False,
        help_text=_("00 si le mois est inconnu."),
    )
    birth_year = forms.CharField(label=_("Année de naissance"), max_length=4, required=False)
    french_national = _radio(_("Êtes-vous de nationalité française ?"), YES_NO, required=False)
    born_abroad = _radio(_("Êtes-vous né(e) à l'étranger ?"), YES_NO, required=False)
    birth_department = forms.CharField(
        label=_("Département de naissance"),
        max_length=3,
        required=False,
        help_text=_("Par exemple 31, 2A ou 971 ; laissez vide si vous êtes né(e) à l'étranger."),
    )
    birth_municipality = forms.CharField(
        label=_("Commune de naissance"), max_length=100, required=False
    )
    birth_arrondissement = forms.CharField(
        label=_("Arrondissement de naissance"),
        max_length=2,
        required=False,
        help_text=_("Seulement pour Paris (75), Lyon (69) et Marseille (13)."),
    )
    birth_country = forms.CharField(
        label=_("Pays de naissance"),
        max_length=60,
        required=False,
        help_text=_("Seulement si vous êtes né(e) à l'étranger."),
    )
    abroad = _radio(_("Résidez-vous à l'étranger ?"), YES_NO, required=False)
    street = forms.CharField(
        label=_("Adresse"),
        max_length=200,
        required=False,
        help_text=_("Numéro, voie, bâtiment, appartement."),
    )
    place = forms.CharField(
        label=_("Complément d'adresse"),
        max_length=200,
        required=False,
        help_text=_("À l'étranger : le code postal du pays de résidence."),
    )
    postal_code = forms.CharField(
        label=_("Code postal"),
        max_length=10,
        required=False,
        help_text=_("5 chiffres ; 99999 si vous résidez à l'étranger."),
    )
    locality = forms.CharField(
        label=_("Commune"),
        max_length=100,
        required=False,
        help_text=_("À l'étranger : le pays de résidence."),
    )
    department = forms.CharField(label=_("Département de résidence"), max_length=3, required=False)
    email = forms.CharField(label=_("Adresse électronique"), max_length=254, required=False)
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A returning candidate's family name comes from the académie's record and is locked
        # (004 « État civil »): shown read-only, with the way to have it corrected.
        self.locked = self.context.get("locked_last_name")
        if self.locked:
            field = self.fields["last_name"]
            field.widget.attrs["readonly"] = True
            field.help_text = self["last_name"].help_text = _(
                "Repris du dossier de l'académie (session %(year)s), non modifiable. S'il est "
                "inexact, écrivez au bureau des examens%(reach)s avec une pièce d'identité."
            ) % {
                "year": self.locked["exam_year"],
                "reach": f" ({self.locked['reach']})" if self.locked["reach"] else "",
            }
            if not self.is_bound:
                self.initial["last_name"] = self.locked["last_name"]

    def clean_last_name(self) -> str:
        value = str(self.cleaned_data.get("last_name") or "")
        if not self.locked:
            return value
        refused = r.locked_last_name_decision(
            last_name=value,
            recorded=self.locked["last_name"],
            exam_year=self.locked["exam_year"],
            reach=self.locked["reach"],
        ).errors
        if refused:
            raise forms.ValidationError(
                [
                    _("%(text)s (source : %(source)s)")
                    % {"text": finding_text(f), "source": finding_source(f)}
                    for f in refused
                ],
                code="locked",
            )
        return value


class SituationForm(StepForm):
    FIELD_PATHS = {
        "category": "category",
        "training_year": "training.year",
        "continuing_situation": "training.continuing_situation",
        "internship_completed": "training.internship_completed",
        "experience_months": "professional_experience_months",
        "self_employed": "self_employed",
        "previous_specialty": "last_attempt",
        "disability_declared": "disability_declared",
    }

    category = _radio(_("Catégorie de candidat"), labels.choices(rf.Category), required=False)
    training_year = forms.TypedChoiceField(
        label=_("Année de formation"),
        choices=[("", "—"), ("1", _("Première année")), ("2", _("Deuxième année"))],
        required=False,
        help_text=_("Pour les candidats en formation à distance ou en formation continue."),
    )
    positioning_decision = _radio(
        _("Avez-vous une décision de positionnement ?"), YES_NO, required=False
    )
    continuing_situation = forms.ChoiceField(
        label=_("Situation en formation continue"),
        choices=[("", "—"), *labels.choices(rf.ContinuingSituation)],
        required=False,
    )
    internship_completed = _radio(_("Avez-vous effectué vos stages ?"), YES_NO, required=False)
    experience_months = forms.IntegerField(
        label=_("Expérience professionnelle dans le domaine (en mois)"),
        min_value=0,
        max_value=600,
        required=False,
    )
    self_employed = _radio(
        _("Exercez-vous comme travailleur indépendant ?"),
        YES_NO,
        required=False,
        help_text=_(
            "Expérience professionnelle : l'immatriculation au registre du commerce et des "
            "sociétés (RCS) ou au répertoire des métiers depuis au moins trois ans remplace alors "
            "les certificats de travail."
        ),
    )
    previous_specialty = CatalogueChoiceField(
        label=_("Spécialité présentée lors de votre dernière session"),
        queryset=Specialty.objects.filter(is_active=True),
        cache_key="active specialties",
        required=False,
    )
    previous_year = forms.IntegerField(
        label=_("Année de cette session"), min_value=1990, max_value=2100, required=False
    )
    previous_form = forms.ChoiceField(
        label=_("Forme de passage lors de cette session"),
        choices=[("", "—"), *labels.choices(rf.ExamForm)],
        required=False,
    )
    disability_declared = forms.BooleanField(
        label=_("Je suis en situation de handicap et je demande un aménagement d'épreuves"),
        required=False,
    )
