"""The dossier as the office's API shows it: its candidate, versions, documents, the rules'
explanations, its history, requests and the office's abilities on it."""

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from inscriptions.api.documents import DocumentFileSerializer
from inscriptions.rules import labels

from .common import (
    CandidateRefSerializer,
    SessionRefSerializer,
    SpecialtyRefSerializer,
    person,
)


class SummaryRowSerializer(serializers.Serializer[dict[str, str]]):
    section = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.CharField(allow_blank=True)


class SummaryUnitSerializer(serializers.Serializer[dict[str, str]]):
    code = serializers.CharField()
    title = serializers.CharField()
    position = serializers.CharField(help_text="presented, benefit, exemption, deferred…")
    position_label = serializers.CharField()
    detail = serializers.CharField(allow_blank=True)


class VersionRefSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    reference = serializers.CharField()
    validated_at = serializers.DateTimeField()


class LatestVersionSerializer(VersionRefSerializer):
    rows = SummaryRowSerializer(many=True, help_text="Les données validées, rubrique par rubrique.")
    units = SummaryUnitSerializer(many=True, help_text="Les épreuves et leur situation.")
    warnings = serializers.ListField(child=serializers.CharField())


class ChangeSerializer(serializers.Serializer[dict[str, str]]):
    section = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    before = serializers.CharField(allow_blank=True)
    after = serializers.CharField(allow_blank=True)


class ComparisonSerializer(serializers.Serializer[dict[str, Any]]):
    before = VersionRefSerializer()
    after = VersionRefSerializer()
    changes = ChangeSerializer(many=True)


class OfficeDocumentSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="Code stable de la pièce (voir docs/rules.md).")
    label = serializers.CharField()  # type: ignore[assignment]
    required = serializers.BooleanField(  # type: ignore[assignment]
        help_text="Faux pour une pièce qu'une modification a retirée de la liste."
    )
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Pourquoi.")
    due_at = serializers.DateTimeField(allow_null=True)
    status = serializers.CharField(
        help_text="missing, scanning, uploaded, infected, accepted, refused ou requested_again."
    )
    status_label = serializers.CharField()
    office_reason = serializers.CharField(allow_blank=True)
    office_reason_code = serializers.CharField(allow_blank=True)
    requested_until = serializers.DateTimeField(allow_null=True)
    status_changed_at = serializers.DateTimeField(allow_null=True)
    reviewed_file = serializers.IntegerField(
        allow_null=True, help_text="Le fichier sur lequel porte la décision du bureau."
    )
    can_decide = serializers.BooleanField(
        help_text="Le dernier fichier peut être accepté ou refusé maintenant."
    )
    files = DocumentFileSerializer(many=True, help_text="Du plus récent au plus ancien.")


class ExplainedFindingSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField()
    severity = serializers.CharField(help_text="error, warning ou info.")
    message = serializers.CharField(source="text")
    source = serializers.CharField()  # type: ignore[assignment]


class UnitPositionSerializer(serializers.Serializer[Any]):
    unit_code = serializers.CharField()
    title = serializers.CharField()
    position = serializers.CharField()
    position_label = serializers.SerializerMethodField()
    grade = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    obtained_on = serializers.DateField(allow_null=True)

    def get_position_label(self, unit: Any) -> str:
        return gettext(labels.label(unit.position))


class ExplanationsSerializer(serializers.Serializer[dict[str, Any]]):
    findings = ExplainedFindingSerializer(
        many=True, help_text="Ce que les règles disent aujourd'hui de la dernière version."
    )
    units = UnitPositionSerializer(many=True)


class StateChangeSerializer(serializers.Serializer[Any]):
    move = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField(help_text="Null : l'échéance automatique.")
    version = serializers.IntegerField(allow_null=True)
    reason_code = serializers.CharField(allow_blank=True)
    comment = serializers.CharField(allow_blank=True)

    def get_actor(self, change: Any) -> str | None:
        return person(change.actor)


class RequestedDocumentSerializer(serializers.Serializer[dict[str, str]]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class CompletionRequestSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="open, answered ou expired.")
    status_label = serializers.CharField(source="get_status_display")
    requested_at = serializers.DateTimeField()
    requested_by = serializers.SerializerMethodField()
    due_at = serializers.DateTimeField()
    version = serializers.IntegerField(allow_null=True)
    documents = serializers.SerializerMethodField()
    corrections = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    answer = serializers.CharField(allow_blank=True)
    closed_at = serializers.DateTimeField(allow_null=True)

    def get_requested_by(self, request: Any) -> str | None:
        return person(request.requested_by)

    @extend_schema_field(RequestedDocumentSerializer(many=True))
    def get_documents(self, request: Any) -> list[dict[str, str]]:
        labels_of = self.context["document_labels"]
        return [{"code": code, "label": labels_of(code)} for code in request.documents]


class AbilitiesSerializer(serializers.Serializer[dict[str, Any]]):
    actions = serializers.ListField(
        child=serializers.CharField(),
        help_text="Les décisions possibles maintenant, parmi les « action » de POST "
        "…/decision/ : compliant, non_compliant, request_completion, reopen.",
    )
    moves = serializers.ListField(
        child=serializers.CharField(), help_text="Les mêmes, nommées comme la table des états."
    )
    review_documents = serializers.BooleanField(help_text="Les pièces peuvent être décidées.")
    message = serializers.BooleanField(help_text="Un message peut être écrit au candidat.")


class OfficeDossierSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    number = serializers.IntegerField()
    version = serializers.IntegerField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    state_changed_at = serializers.DateTimeField(allow_null=True)
    completion_due_at = serializers.DateTimeField(
        allow_null=True, help_text="Réponse attendue avant (dossier à compléter)."
    )
    session = SessionRefSerializer()
    specialty = SpecialtyRefSerializer(allow_null=True)
    candidate = CandidateRefSerializer()
    category = serializers.CharField(allow_blank=True)
    category_label = serializers.CharField(allow_blank=True)
    exam_form = serializers.CharField(allow_blank=True)
    accommodation_requested = serializers.BooleanField()
    first_validated_at = serializers.DateTimeField(allow_null=True)
    last_validated_at = serializers.DateTimeField(allow_null=True)
    latest_version = LatestVersionSerializer(allow_null=True)
    versions = VersionRefSerializer(many=True, help_text="La plus récente d'abord.")
    comparison = ComparisonSerializer(
        allow_null=True, help_text="Ce qui a changé entre les deux dernières versions."
    )
    documents = OfficeDocumentSerializer(many=True)
    explanations = ExplanationsSerializer()
    state_changes = StateChangeSerializer(many=True, help_text="Le plus récent d'abord.")
    completion_requests = CompletionRequestSerializer(
        many=True, help_text="La plus récente d'abord."
    )
    abilities = AbilitiesSerializer()


class HistoryEntrySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    action = serializers.CharField(help_text="Par ex. dossier.declare_compliant, document.upload.")
    action_label = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField(help_text="Null : une action automatique.")
    version = serializers.IntegerField(allow_null=True, help_text="Version du dossier alors.")
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    details = serializers.JSONField(
        source="data", help_text="Les détails de l'action (motif, pièce, états…)."
    )

    def get_action_label(self, entry: Any) -> str:
        return str(self.context["action_labels"].get(entry.action, entry.action))

    def get_actor(self, entry: Any) -> str | None:
        return person(entry.actor)
