"""The candidate's dossier as the API shows it.

A step's fields are read from the wizard's own form, built with the same context as the page, so
an API client builds its screens from what the candidate space asks, never from a copy of it.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import forms
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from inscriptions import rules as r
from inscriptions.catalog.models import ExamSession
from inscriptions.core.findings import finding_source, finding_text
from inscriptions.registration import confirmation, selectors, steps
from inscriptions.registration import forms as registration_forms
from inscriptions.registration.models import Registration, RegistrationVersion

# Some names the API shows (errors, fields, label, required…) are also attributes of DRF's classes:
# DRF takes declared fields off the class, so only mypy sees a clash ("type: ignore[assignment]").
FIELD_TYPES = ["string", "integer", "decimal", "date", "boolean", "choice", "multiple_choice"]


# --- Findings of the rules


class FindingSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="Code stable de la règle.")
    step = serializers.CharField(
        allow_null=True, help_text="Étape de l'assistant où corriger la réponse, ou null."
    )
    field = serializers.CharField(
        allow_null=True, help_text="Champ de cette étape concerné, ou null (toute l'étape)."
    )
    path = serializers.CharField(
        allow_null=True, help_text="Donnée examinée par la règle (par ex. civil_status.last_name)."
    )
    message = serializers.CharField(help_text="Message dans la langue de l'interface.")
    source = serializers.CharField(  # type: ignore[assignment]
        help_text="Texte d'où vient la règle, en toutes lettres (notice et section)."
    )


class FindingsSerializer(serializers.Serializer[dict[str, Any]]):
    errors = FindingSerializer(  # type: ignore[assignment]
        many=True, help_text="Constats bloquants."
    )
    warnings = FindingSerializer(many=True, help_text="Avertissements, non bloquants.")


class StepResultSerializer(FindingsSerializer):
    next_step = serializers.CharField(
        allow_null=True, help_text="Étape suivante, ou null quand vient le récapitulatif."
    )


class RefusalSerializer(serializers.Serializer[dict[str, Any]]):
    detail = serializers.CharField()
    errors = FindingSerializer(  # type: ignore[assignment]
        many=True, help_text="Les constats qui motivent le refus."
    )


class FindingDescriber:
    """Each finding with the step and the form field where the candidate can correct it, as the
    wizard's pages place it."""

    def __init__(self, registration: Registration | None, *, now: datetime) -> None:
        self.registration = registration
        self.now = now
        self.applicable = steps.applicable_steps(registration) if registration else []
        self._contexts: dict[str, dict[str, Any]] = {}

    def context(self, step: steps.Step) -> dict[str, Any]:
        if self.registration is None:
            return {}
        if step.name not in self._contexts:
            self._contexts[step.name] = steps.form_context(self.registration, step, now=self.now)
        return self._contexts[step.name]

    def step_for(self, finding: r.Finding) -> steps.Step | None:
        root = (finding.field or "").split(".")[0]
        for step in self.applicable:
            if any(path.split(".")[0] == root for path in step.paths):
                return step
        return None

    def field_for(
        self, finding: r.Finding, step: steps.Step, form: forms.Form | None = None
    ) -> str | None:
        name = step.form_class.field_for_path(finding.field or "")
        unit = finding.params.get("unit")
        if isinstance(unit, str) and step.form_class is registration_forms.AcquisForm:
            codes = [u.code for u in self.context(step).get("units", ())]
            if unit in codes:
                name = f"u{codes.index(unit)}_choice"
        if form is not None and name not in form.fields:
            return None
        return name

    def describe(
        self,
        finding: r.Finding,
        *,
        step: steps.Step | None = None,
        form: forms.Form | None = None,
    ) -> dict[str, Any]:
        step = step or self.step_for(finding)
        return {
            "code": finding.code,
            "step": step.name if step else None,
            "field": self.field_for(finding, step, form) if step else None,
            "path": finding.field,
            "message": finding_text(finding),
            "source": finding_source(finding),
        }

    def split(
        self,
        found: Iterable[r.Finding],
        *,
        step: steps.Step | None = None,
        form: forms.Form | None = None,
    ) -> dict[str, list[dict[str, Any]]]:
        """Errors and warnings apart; informations are left to the pages."""
        found = list(found)
        return {
            "errors": [
                self.describe(f, step=step, form=form)
                for f in found
                if f.severity is r.Severity.ERROR
            ],
            "warnings": [
                self.describe(f, step=step, form=form)
                for f in found
                if f.severity is r.Severity.WARNING
            ],
        }


# --- The steps and their fields


class ChoiceSerializer(serializers.Serializer[dict[str, Any]]):
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class FieldSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField()
    type = serializers.ChoiceField(choices=FIELD_TYPES)
    label = serializers.CharField()  # type: ignore[assignment]
    help_text = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    required = serializers.BooleanField()  # type: ignore[assignment]
    choices = ChoiceSerializer(
        many=True,
        help_text="Valeurs possibles (type choice ou multiple_choice) ; sans valeur vide : "
        "un champ facultatif peut être omis.",
    )
    initial = serializers.JSONField(
        allow_null=True, help_text="Valeur actuelle dans le dossier, ou valeur par défaut."
    )


class StepSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField(help_text="Identifiant de l'étape, dans l'URL de saisie.")
    title = serializers.CharField()
    answers_key = serializers.CharField(help_text="Clé de ses réponses dans « answers ».")
    fields = FieldSerializer(many=True)  # type: ignore[assignment]


def field_type(field: forms.Field) -> str:
    # Subclasses before their parents: DecimalField is an IntegerField, ModelMultipleChoiceField
    # a ModelChoiceField.
    kinds: list[tuple[type[forms.Field], str]] = [
        (forms.BooleanField, "boolean"),
        (forms.DateField, "date"),
        (forms.DecimalField, "decimal"),
        (forms.IntegerField, "integer"),
        (forms.ModelMultipleChoiceField, "multiple_choice"),
        (forms.MultipleChoiceField, "multiple_choice"),
        (forms.ModelChoiceField, "choice"),
        (forms.ChoiceField, "choice"),
    ]
    return next((kind for cls, kind in kinds if isinstance(field, cls)), "string")


def _json(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str, list, dict)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def describe_field(name: str, field: forms.Field, initial: Any) -> dict[str, Any]:
    choices = getattr(field, "choices", None) or []
    return {
        "name": name,
        "type": field_type(field),
        "label": str(field.label or name),
        "help_text": str(field.help_text or ""),
        "required": field.required,
        "choices": [
            {"value": str(value), "label": str(label)}
            for value, label in choices
            if str(value) != ""
        ],
        "initial": _json(initial),
    }


def describe_step(registration: Registration, step: steps.Step, *, now: datetime) -> dict[str, Any]:
    context = steps.form_context(registration, step, now=now)
    form = step.form_class(context=context)
    values = steps.initial(registration, step, context)
    return {
        "name": step.name,
        "title": str(step.title),
        "answers_key": steps.ANSWER_KEYS[step.name],
        "fields": [
            describe_field(name, field, values.get(name, field.initial))
            for name, field in form.fields.items()
        ],
    }


# --- Dossiers and versions


class RegistrationSerializer(serializers.ModelSerializer[Registration]):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    reference = serializers.CharField(
        read_only=True, help_text="Numéro de dossier et dernière version validée, par ex. 175-1."
    )
    specialty: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="bcn_code", read_only=True, help_text="Code BCN de la spécialité choisie."
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "session",
            "state",
            "state_label",
            "reference",
            "number",
            "version",
            "specialty",
            "current_step",
            "created_at",
            "updated_at",
            "first_validated_at",
            "last_validated_at",
        ]
        read_only_fields = fields


class RegistrationDetailSerializer(RegistrationSerializer):
    # With the answers, whether they may still change, and the screens to fill in.
    answers = serializers.JSONField(
        read_only=True, help_text="Réponses enregistrées, par étape (clé « answers_key »)."
    )
    editable = serializers.SerializerMethodField(
        help_text="Le dossier peut-il encore être saisi ou modifié ?"
    )
    steps = serializers.SerializerMethodField(
        help_text="Les étapes qui s'appliquent à ce dossier, dans l'ordre, avec leurs champs."
    )

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "answers", "editable", "steps"]
        read_only_fields = fields

    def get_editable(self, registration: Registration) -> bool:
        return selectors.is_editable(registration, now=self.context["now"])

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, registration: Registration) -> list[dict[str, Any]]:
        now = self.context["now"]
        return [
            describe_step(registration, step, now=now)
            for step in steps.applicable_steps(registration)
        ]


class RegistrationStartSerializer(serializers.Serializer[dict[str, Any]]):
    session = serializers.PrimaryKeyRelatedField(
        queryset=ExamSession.objects.all(), help_text="Session d'examen (voir /api/v1/sessions/)."
    )


class UnitLineSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField()
    title = serializers.CharField()
    position = serializers.CharField(help_text="presented, benefit, exemption, deferred…")
    position_label = serializers.CharField()
    detail = serializers.CharField(allow_blank=True)


class DocumentLineSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    reason = serializers.CharField(allow_blank=True)
    due_at = serializers.DateTimeField()


class RecapSerializer(FindingsSerializer):
    units = UnitLineSerializer(many=True)
    documents = DocumentLineSerializer(many=True)


class VersionSerializer(serializers.ModelSerializer[RegistrationVersion]):
    reference = serializers.CharField(read_only=True)
    confirmation_url = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = RegistrationVersion
        fields = ["version", "reference", "validated_at", "confirmation_url", "verification_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_confirmation_url(self, version: RegistrationVersion) -> str:
        path = reverse(
            "api:registration-confirmation",
            kwargs={"pk": version.registration_id, "number": version.version},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_verification_url(self, version: RegistrationVersion) -> str:
        return confirmation.verification_url(version)
