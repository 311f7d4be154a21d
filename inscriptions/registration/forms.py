"""One form per wizard screen. Forms check the shape of what is typed; the rules decide the rest.

``FIELD_PATHS`` maps each form field to the facts' attribute a rule finding names, so the rule's
message is shown beside the right field.
"""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from inscriptions.catalog import cache as catalogue_cache
from inscriptions.catalog.models import Specialty
from inscriptions.core import form_rendering
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

from .models import Establishment

YES_NO = [("yes", _("Oui")), ("no", _("Non"))]


class KeptChoices(BaseChoiceIterator):
    """The choices of a ``CatalogueChoiceField``, read when a form is drawn, not before."""

    def __init__(self, field: "CatalogueChoiceField") -> None:
        self.field = field

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        yield from catalogue_cache.memoized(
            ("choices", field.cache_key),
            lambda: [(str(row.pk), field.label_from_instance(row)) for row in field.queryset or ()],
        )


class CatalogueChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A list of catalogue rows whose choices are kept across requests (``catalog.cache``):
    drawing the list of the 102 specialties read and labelled every row on each page. What is
    chosen is still read from the database, and must be in the queryset."""

    def __init__(self, *args: Any, cache_key: str, **kwargs: Any) -> None:
        self.cache_key = cache_key
        super().__init__(*args, **kwargs)

    def _get_choices(self) -> "KeptChoices":
        return KeptChoices(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)  # type: ignore[union-attr]


def _radio(label: Any, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


class StepForm(DsfrBaseForm):  # type: ignore[misc]
    FIELD_PATHS: dict[str, str] = {}
    default_renderer = form_rendering.RENDERER

    def __init__(self, *args: Any, context: dict[str, Any] | None = None, **kwargs: Any) -> None:
        self.context = context or {}
        super().__init__(*args, **kwargs)

    def answers(self) -> dict[str, Any]:
        """What is kept in the dossier: JSON-friendly values."""
        return {name: _json(value) for name, value in self.cleaned_data.items()}

    @classmethod
    def field_for_path(cls, path: str) -> str | None:
        for name, field_path in cls.FIELD_PATHS.items():
            if field_path == path:
                return name
        return None


def _parsed(parse: Any, value: Any) -> Any:
    try:
        return parse(value) if value else None
    except (ArithmeticError, TypeError, ValueError):
        return None


def _json(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    if value is None:
        return ""
    return value if isinstance(value, (bool, int, str)) else str(value)


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


class SituationForm(StepForm):
    FIELD_PATHS = {
        "category": "category",
        "training_year": "training.year",
        "continuing_situation": "training.continuing_situation",
        "internship_completed": "training.internship_completed",
        "experience_months": "professional_experience_months",
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


ACQUIS_CHOICES = [
    ("none", _("Je présente cette unité")),
    ("benefit", _("Je déclare un bénéfice de note")),
    ("exemption", _("Je demande une dispense")),
]


class AcquisForm(StepForm):
    """Diplomas held and, per unit, a bénéfice de note or a dispense (seed 004 « Acquis »)."""

    FIELD_PATHS = {"diploma_kind": "exemptions"}

    diploma_kind = forms.ChoiceField(
        label=_("Diplôme le plus élevé que vous détenez"),
        choices=[("", _("Aucun diplôme de niveau 5 ou plus")), *labels.choices(rf.DiplomaKind)],
        required=False,
    )
    diploma_level = forms.TypedChoiceField(
        label=_("Niveau de ce diplôme"),
        choices=[("", "—"), ("5", "5 (bac + 2)"), ("6", "6 (bac + 3)"), ("7", "7 (bac + 5)")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    diploma_title = forms.CharField(label=_("Intitulé du diplôme"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit_fields: list[tuple[Any, list[str]]] = []
        for index, unit in enumerate(self.context.get("units", ())):
            prefix = f"u{index}"
            self.fields[f"{prefix}_choice"] = _radio(
                f"{unit.code} — {unit.title}", ACQUIS_CHOICES, required=False, initial="none"
            )
            self.fields[f"{prefix}_grade"] = forms.DecimalField(
                label=_("Note obtenue (sur 20)"),
                min_value=0,
                max_value=20,
                decimal_places=2,
                required=False,
                localize=True,
            )
            self.fields[f"{prefix}_obtained_on"] = forms.DateField(
                label=_("Date d'obtention"),
                help_text=_("Format attendu : JJ/MM/AAAA"),
                required=False,
            )
            self.fields[f"{prefix}_keep"] = _radio(
                _("Conserver cette note ?"),
                [("yes", _("Oui, je la conserve")), ("no", _("Non, j'y renonce (définitif)"))],
                required=False,
                initial="yes",
            )
            self.fields[f"{prefix}_basis"] = forms.ChoiceField(
                label=_("Motif de la dispense"),
                choices=[("", "—"), *labels.choices(rf.ExemptionBasis)],
                required=False,
            )
            names = [
                f"{prefix}_{part}" for part in ("choice", "grade", "obtained_on", "keep", "basis")
            ]
            self.unit_fields.append((unit, names))

    def unit_groups(self) -> list[tuple[Any, list[Any]]]:
        """Per unit, its bound fields, so the page shows one fieldset per unit."""
        return [(unit, [self[name] for name in names]) for unit, names in self.unit_fields]

    def diploma_fields(self) -> list[Any]:
        return [self[name] for name in ("diploma_kind", "diploma_level", "diploma_title")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index, _unit in enumerate(self.context.get("units", ())):
            prefix = f"u{index}"
            if data.get(f"{prefix}_choice") == "benefit":
                if data.get(f"{prefix}_grade") is None:
                    self.add_error(f"{prefix}_grade", _("Indiquez la note obtenue."))
                if data.get(f"{prefix}_obtained_on") is None:
                    self.add_error(f"{prefix}_obtained_on", _("Indiquez la date d'obtention."))
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        units: dict[str, dict[str, Any]] = {}
        for unit, names in self.unit_fields:
            choice = data.get(names[0]) or "none"
            if choice == "none":
                continue
            units[unit.code] = {
                "choice": choice,
                "grade": _json(data.get(names[1])),
                "obtained_on": _json(data.get(names[2])),
                "keep": data.get(names[3]) or "yes",
                "basis": data.get(names[4]) or "",
            }
        return {
            "diploma_kind": data.get("diploma_kind") or "",
            "diploma_level": data.get("diploma_level") or "",
            "diploma_title": data.get("diploma_title") or "",
            "units": units,
        }

    @classmethod
    def initial_from(cls, answers: dict[str, Any], units: Any) -> dict[str, Any]:
        initial = {
            k: answers.get(k, "") for k in ("diploma_kind", "diploma_level", "diploma_title")
        }
        claims = answers.get("units", {})
        for index, unit in enumerate(units):
            claim = claims.get(unit.code)
            if claim:
                for part in ("choice", "keep", "basis"):
                    initial[f"u{index}_{part}"] = claim.get(part, "")
                # Typed values, so the localized widgets show "12,5" and "04/07/2026".
                initial[f"u{index}_grade"] = _parsed(Decimal, claim.get("grade"))
                initial[f"u{index}_obtained_on"] = _parsed(
                    date.fromisoformat, claim.get("obtained_on")
                )
        return initial


class UnitsForm(StepForm):
    FIELD_PATHS = {
        "presented_units": "presented_units",
        "optional_units": "optional_units",
        "compulsory_language": "compulsory_language",
        "compulsory_language_followed": "compulsory_language_followed",
        "optional_language": "optional_language",
    }

    presented_units = forms.MultipleChoiceField(
        label=_("Unités présentées à cette session (forme progressive)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    optional_units = forms.MultipleChoiceField(
        label=_("Épreuves facultatives : cochez celles auxquelles vous vous inscrivez"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    compulsory_language = forms.ChoiceField(label=_("Langue vivante obligatoire"), required=False)
    compulsory_language_followed = _radio(
        _("Avez-vous suivi l'enseignement de cette langue ?"), YES_NO, required=False
    )
    optional_language = forms.ChoiceField(
        label=_("Langue vivante facultative"),
        required=False,
        help_text=_("Différente de la langue obligatoire."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        context = self.context
        self._set_choices("presented_units", context.get("presentable_units", []))
        self._set_choices("optional_units", context.get("optional_units", []))
        languages = [(code, labels.language_label(code)) for code in context.get("languages", [])]
        self._set_choices("compulsory_language", [("", "—"), *languages])
        optional = [
            (code, labels.language_label(code))
            for code in context.get("optional_languages", context.get("languages", []))
        ]
        self._set_choices("optional_language", [("", _("Aucune")), *optional])
        if not context.get("progressive"):
            del self.fields["presented_units"]
        if not context.get("optional_units"):
            del self.fields["optional_units"]

    def _set_choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = cast(forms.ChoiceField, self.fields[name])
        field.choices = choices
