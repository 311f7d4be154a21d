"""The exam office's dossiers as the API shows them, and what the office sends.

Output serializers read plain dictionaries and model rows prepared by the views; the input ones
only parse (the services decide and refuse)."""

from .common import (
    MAX_BULK,
    MOVES,
    CandidateRefSerializer,
    OfficeFindingSerializer,
    OfficeRefusalSerializer,
    SessionRefSerializer,
    SpecialtyRefSerializer,
    category_label,
    person,
)
from .dossier import (
    AbilitiesSerializer,
    ChangeSerializer,
    ComparisonSerializer,
    CompletionRequestSerializer,
    ExplainedFindingSerializer,
    ExplanationsSerializer,
    HistoryEntrySerializer,
    LatestVersionSerializer,
    OfficeDocumentSerializer,
    OfficeDossierSerializer,
    RequestedDocumentSerializer,
    StateChangeSerializer,
    SummaryRowSerializer,
    SummaryUnitSerializer,
    UnitPositionSerializer,
    VersionRefSerializer,
)
from .messages import AttachmentSerializer, MessageSerializer
from .queue import QueueDossierSerializer, QueuePageSerializer, StateCountsSerializer
from .requests import (
    BulkRequestSerializer,
    BulkResponseSerializer,
    BulkResultSerializer,
    DecisionRequestSerializer,
    DocumentDecisionRequestSerializer,
    MessageRequestSerializer,
)

__all__ = [
    "MAX_BULK",
    "MOVES",
    "AbilitiesSerializer",
    "AttachmentSerializer",
    "BulkRequestSerializer",
    "BulkResponseSerializer",
    "BulkResultSerializer",
    "CandidateRefSerializer",
    "ChangeSerializer",
    "ComparisonSerializer",
    "CompletionRequestSerializer",
    "DecisionRequestSerializer",
    "DocumentDecisionRequestSerializer",
    "ExplainedFindingSerializer",
    "ExplanationsSerializer",
    "HistoryEntrySerializer",
    "LatestVersionSerializer",
    "MessageRequestSerializer",
    "MessageSerializer",
    "OfficeDocumentSerializer",
    "OfficeDossierSerializer",
    "OfficeFindingSerializer",
    "OfficeRefusalSerializer",
    "QueueDossierSerializer",
    "QueuePageSerializer",
    "RequestedDocumentSerializer",
    "SessionRefSerializer",
    "SpecialtyRefSerializer",
    "StateChangeSerializer",
    "StateCountsSerializer",
    "SummaryRowSerializer",
    "SummaryUnitSerializer",
    "UnitPositionSerializer",
    "VersionRefSerializer",
    "category_label",
    "person",
]
