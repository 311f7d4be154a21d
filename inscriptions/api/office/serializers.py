"""The exam office's dossiers as the API shows them, and what the office sends.

Output serializers read plain dictionaries and model rows prepared by the views; the input ones
only parse (the services decide and refuse).
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from inscriptions import rules as r
from inscriptions.accounts.models import User
from inscriptions.api.documents import DocumentFileSerializer
from inscriptions.registration.models import Registration
from inscriptions.review.models import DocumentRefusalReason, NonComplianceReason
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

# Some names shown here (label, required, errors, source…) are also attributes of DRF's classes:
# DRF takes declared fields off the class, so only mypy sees a clash ("type: ignore[assignment]").

# The API's name for each move of the state table that the office makes.
MOVES = {
    "compliant": r.Move.DECLARE_COMPLIANT,
    "non_compliant": r.Move.DECLARE_NON_COMPLIANT,
    "request_completion": r.Move.REQUEST_COMPLETION,
    "reopen": r.Move.REOPEN,
}
MAX_BULK = 500


def person(user: User | None) -> str | None:
    """How the office's pages name someone: the full name, or the address without one."""
    if user is None:
        return None
    return user.get_full_name() or user.email


def category_label(value: str) -> str:
    try:
        return gettext(labels.label(rf.Category(value)))
    except ValueError:
        return value


# --- Refusals


class OfficeFindingSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="Code stable de la règle (voir docs/rules.md).")
    severity = serializers.CharField(help_text="error, warning ou info.")
    field = serializers.CharField(allow_null=True, help_text="Champ de la requête concerné.")
    message = serializers.CharField(help_text="Message dans la langue de l'interface.")
    source = serializers.CharField(  # type: ignore[assignment]
        help_text="Texte d'où vient la règle (notice et section)."
    )


class OfficeRefusalSerializer(serializers.Serializer[dict[str, Any]]):
    detail = serializers.CharField(help_text="Pourquoi, dans la langue de l'interface.")
    field = serializers.CharField(
        allow_null=True, help_text="Champ de la requête à corriger, ou null."
    )
    errors = OfficeFindingSerializer(  # type: ignore[assignment]
        many=True, help_text="Les constats des règles qui motivent le refus (peut être vide)."
    )


# --- The queue


class SpecialtyRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    bcn_code = serializers.CharField()
    name = serializers.CharField()
    option = serializers.CharField()


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


# --- A dossier


class CandidateRefSerializer(serializers.Serializer[dict[str, Any]]):
    last_name = serializers.CharField()
    first_name = serializers.CharField()
    candidate_number = serializers.CharField(help_text="Vide pour un premier passage.")


class SessionRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    exam_year = serializers.IntegerField()
    academy = serializers.CharField(source="academy.code", help_text="Code de l'académie.")


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


# --- History and messages


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


class AttachmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    size = serializers.IntegerField(help_text="Taille en octets.")
    content_type = serializers.CharField()
    scan_status = serializers.CharField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, attachment: Any) -> str:
        registration_id = attachment.message.registration_id
        return reverse("api:office-attachment", args=[registration_id, attachment.pk])


class MessageSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    from_office = serializers.BooleanField()
    author = serializers.SerializerMethodField()
    body = serializers.CharField()
    sent_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True, help_text="Lu par l'autre partie le.")
    attachments = AttachmentSerializer(many=True)

    def get_author(self, message: Any) -> str | None:
        return person(message.author)


# --- What the office sends


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
        choices=["compliant", "refused", "not_found"],
        help_text="not_found : dossier inconnu ou hors du périmètre du compte.",
    )
    reference = serializers.CharField(allow_null=True)
    state = serializers.CharField(allow_null=True)
    detail = serializers.CharField(allow_blank=True, help_text="Pourquoi, pour un refus.")


class BulkResponseSerializer(serializers.Serializer[dict[str, Any]]):
    results = BulkResultSerializer(many=True, help_text="Un par identifiant, dans l'ordre reçu.")
