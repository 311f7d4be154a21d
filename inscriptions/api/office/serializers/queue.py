"""The office's queue as the API shows it: a page of dossiers and the counts per state."""

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from inscriptions.registration.models import Registration

from .common import SpecialtyRefSerializer, category_label


class QueueDossierSerializer(serializers.ModelSerializer[Registration]):
    reference = serializers.CharField(help_text="Numéro et version, par ex. 175-1.")
    state_label = serializers.CharField(source="get_state_display")
    specialty = SpecialtyRefSerializer(allow_null=True)
    category_label = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="Le dossier dans l'API.")

    class Meta:
        model = Registration
        fields = [
            "id",
            "reference",
            "number",
            "version",
            "state",
            "state_label",
            "session",
            "specialty",
            "last_name",
            "first_name",
            "candidate_number",
            "category",
            "category_label",
            "exam_form",
            "accommodation_requested",
            "documents_missing",
            "documents_refused",
            "completion_due_at",
            "first_validated_at",
            "last_validated_at",
            "state_changed_at",
            "url",
        ]
        read_only_fields = fields

    def get_category_label(self, registration: Registration) -> str:
        return category_label(registration.category)

    def get_url(self, registration: Registration) -> str:
        return reverse("api:office-dossier", args=[registration.pk])


class StateCountsSerializer(serializers.Serializer[dict[str, int]]):
    submitted = serializers.IntegerField()
    to_complete = serializers.IntegerField()
    compliant = serializers.IntegerField()
    non_compliant = serializers.IntegerField()
    withdrawn = serializers.IntegerField()


class QueuePageSerializer(serializers.Serializer[dict[str, Any]]):
    count = serializers.IntegerField(help_text="Dossiers sélectionnés par tous les filtres.")
    count_capped = serializers.BooleanField(
        help_text="Vrai quand un état dépasse 2 000 dossiers : « count » est alors un minimum."
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    counts = StateCountsSerializer(
        help_text="Dossiers de chaque état que sélectionnent les autres filtres (tous sauf "
        "« state »), comme les onglets de la page ; 2 001 veut dire « plus de 2 000 »."
    )
    results = QueueDossierSerializer(many=True)
