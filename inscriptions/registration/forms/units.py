"""The wizard's screens about units: earlier results (bénéfices, exemptions) and the units taken."""

from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from inscriptions.rules import facts as rf
from inscriptions.rules import labels

from .base import (
    YES_NO,
    RuledChoiceField,
    RuledMultipleChoiceField,
    StepForm,
    _json,
    _parsed,
    _radio,
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

    presented_units = RuledMultipleChoiceField(
        label=_("Unités présentées à cette session (forme progressive)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    optional_units = RuledMultipleChoiceField(
        label=_("Épreuves facultatives : cochez celles auxquelles vous vous inscrivez"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    compulsory_language = RuledChoiceField(label=_("Langue vivante obligatoire"), required=False)
    compulsory_language_followed = _radio(
        _("Avez-vous suivi l'enseignement de cette langue ?"), YES_NO, required=False
    )
    optional_language = RuledChoiceField(
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
