"""The candidate space, under ``/espace-candidat/``: the dashboard, each dossier's page and what
it posts (answers to the office's requests, messages, withdrawal). The wizard's pages
(``registration:``) and the documents' (``documents:``) are under the same address."""

from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dossiers/<int:pk>/", views.detail, name="detail"),
    path("dossiers/<int:pk>/reponse/", views.answer, name="completion_answer"),
    path("dossiers/<int:pk>/messages/", views.send_message, name="message_send"),
    path("dossiers/<int:pk>/desistement/", views.withdraw, name="withdraw"),
]
