from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("sessions/<int:session_id>/inscription/", views.start, name="start"),
    path("dossiers/<int:pk>/reprendre/", views.resume, name="resume"),
    path("dossiers/<int:pk>/etapes/<slug:name>/", views.step_view, name="step"),
    path("dossiers/<int:pk>/recapitulatif/", views.recap, name="recap"),
    path("dossiers/<int:pk>/abandon/", views.abandon, name="abandon"),
    path("dossiers/<int:pk>/versions/<int:version>/", views.done, name="done"),
    path(
        "dossiers/<int:pk>/versions/<int:version>/confirmation.pdf",
        views.confirmation_pdf,
        name="confirmation_pdf",
    ),
    path("verification/<str:token>/", views.verify, name="verify"),
]
