"""What the office sends: decisions, document decisions, messages, bulk actions; these only parse,
the services decide and refuse."""

from typing import Any

from rest_framework import serializers

from inscriptions.review.models import DocumentRefusalReason, NonComplianceReason

from .common import MAX_BULK, MOVES


class DecisionRequestSerializer(serializers.Serializer[dict[str, Any]]):
    action = serializers.ChoiceField(choices=list(MOVES))
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        default="",
        help_text="compliant : message au candidat (facultatif) ; non_compliant : explication au "
        "candidat ; reopen : motif de la réouverture.",
    )
    reason_code = serializers.ChoiceField(
        choices=NonComplianceReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="non_compliant : le motif.",
    )
    documents = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        default=list,
        max_length=50,
        help_text="request_completion : les codes des pièces à fournir (voir docs/rules.md).",
    )
    corrections = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        default="",
        help_text="request_completion : ce que le candidat doit corriger.",
    )
    message = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        default="",
        help_text="request_completion : message au candidat.",
    )
    due_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="request_completion : réponse attendue avant (au moins un jour, au plus "
        "quatre mois).",
    )


class DocumentDecisionRequestSerializer(serializers.Serializer[dict[str, Any]]):
    decision = serializers.ChoiceField(choices=["accept", "refuse"])
    reason_code = serializers.ChoiceField(
        choices=DocumentRefusalReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="refuse : le motif du refus.",
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        default="",
        help_text="refuse : le commentaire que lit le candidat à côté de la pièce.",
    )


class MessageRequestSerializer(serializers.Serializer[dict[str, Any]]):
    body = serializers.CharField(max_length=5000)
    attachments = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text="PDF, JPEG ou PNG, 3 fichiers au plus (champ répété).",
    )


class BulkRequestSerializer(serializers.Serializer[dict[str, Any]]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=MAX_BULK,
        help_text="Les identifiants (id) des dossiers.",
    )


class BulkResultSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField()
    result = serializers.ChoiceField(
        choices=["compliant", "non_compliant", "refused", "not_found"],
        help_text="not_found : dossier inconnu ou hors du périmètre du compte.",
    )
    reference = serializers.CharField(allow_null=True)
    state = serializers.CharField(allow_null=True)
    detail = serializers.CharField(allow_blank=True, help_text="Pourquoi, pour un refus.")


class BulkResponseSerializer(serializers.Serializer[dict[str, Any]]):
    results = BulkResultSerializer(many=True, help_text="Un par identifiant, dans l'ordre reçu.")
