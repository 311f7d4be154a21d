from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("dossiers/<int:pk>/", views.dossier_documents, name="dossier"),
    path("dossiers/<int:pk>/pieces/<slug:code>/", views.upload, name="upload"),
    path(
        "dossiers/<int:pk>/formulaire-engagement-etudiant.pdf",
        views.engagement_form,
        name="engagement_form",
    ),
    path(
        "dossiers/<int:pk>/confirmation-a-signer.pdf",
        views.confirmation_to_sign,
        name="confirmation_to_sign",
    ),
    path("fichiers/<int:file_pk>/", views.download, name="download"),
]
