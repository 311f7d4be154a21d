from django.urls import path

from . import report_views, views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("actions-groupees/", views.bulk, name="bulk"),
    path("export.csv", report_views.export_csv, name="export_csv"),
    path("export.xlsx", report_views.export_xlsx, name="export_xlsx"),
    path("exports/", report_views.export_request, name="export_request"),
    path("exports/<int:pk>/", report_views.export_status, name="export_status"),
    path("exports/<int:pk>/etat.json", report_views.export_progress, name="export_progress"),
    path("exports/<int:pk>/fichier/", report_views.export_download, name="export_download"),
    path("pieces.zip", report_views.documents_zip, name="documents_zip"),
    path("statistiques/", report_views.statistics_page, name="statistics"),
    path("etat-du-service/", report_views.service_state, name="service_state"),
    path("dossiers/<int:pk>/", views.dossier, name="dossier"),
    path("dossiers/<int:pk>/decision/", views.decide, name="decide"),
    path("dossiers/<int:pk>/pieces/<slug:code>/", views.document_decide, name="document_decide"),
    path("dossiers/<int:pk>/messages/", views.send_message, name="send_message"),
    path("fichiers/<int:file_pk>/apercu/", views.document_frame, name="document_frame"),
    path("pieces-jointes/<int:pk>/", views.attachment, name="attachment"),
]
