from django.urls import path

from . import dossier, messages, queue

urlpatterns = [
    path("dossiers/", queue.QueueView.as_view(), name="office-dossiers"),
    path(
        "dossiers/bulk-compliant/",
        queue.BulkCompliantView.as_view(),
        name="office-bulk-compliant",
    ),
    path(
        "dossiers/bulk-non-compliant-missing/",
        queue.BulkNonCompliantMissingView.as_view(),
        name="office-bulk-non-compliant-missing",
    ),
    path("dossiers/<int:pk>/", dossier.DossierView.as_view(), name="office-dossier"),
    path("dossiers/<int:pk>/decision/", dossier.DecisionView.as_view(), name="office-decision"),
    path(
        "dossiers/<int:pk>/documents/<slug:code>/decision/",
        dossier.DocumentDecisionView.as_view(),
        name="office-document-decision",
    ),
    path("dossiers/<int:pk>/history/", dossier.HistoryView.as_view(), name="office-history"),
    path("dossiers/<int:pk>/messages/", messages.MessagesView.as_view(), name="office-messages"),
    path(
        "dossiers/<int:pk>/messages/attachments/<int:attachment_id>/",
        messages.AttachmentView.as_view(),
        name="office-attachment",
    ),
]
