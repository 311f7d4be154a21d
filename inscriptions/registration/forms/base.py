"""What every screen's form of the wizard shares: yes/no answers, the catalogue's choices, the step
form."""

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from inscriptions.catalog import cache as catalogue_cache
from inscriptions.core import form_rendering

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


# What a catalogue code looks like (a language, a unit): anything else is not one.
CODE_RE = re.compile(r"[A-Za-z0-9_.-]{1,20}")
NOT_A_CODE = _("« %(value)s » n'est pas un code valide pour ce champ.")


class RuledChoiceField(forms.ChoiceField):
    """A choice the rules check: any well-formed code is taken, and one the rules do not allow
    for this dossier (a language the specialty does not offer…) is refused by them, with their
    own message and source, beside the field, on the pages and in the API alike: never Django's
    generic « Sélectionnez un choix valide »."""

    default_error_messages = {"invalid_choice": NOT_A_CODE}

    def valid_value(self, value: Any) -> bool:
        return bool(CODE_RE.fullmatch(str(value)))


class RuledMultipleChoiceField(forms.MultipleChoiceField):
    """The same for a list of codes (units)."""

    default_error_messages = {"invalid_choice": NOT_A_CODE}

    def valid_value(self, value: Any) -> bool:
        return bool(CODE_RE.fullmatch(str(value)))


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
