"""The candidate's dossier page and what it posts, in the candidate space's namespace
(``registration:``), under ``/espace-candidat/``: included by ``inscriptions.registration.urls``
without a namespace of its own."""

from django.urls import path

from . import candidate_views

urlpatterns = [
    path("dossiers/<int:pk>/", candidate_views.detail, name="detail"),
    path("dossiers/<int:pk>/reponse/", candidate_views.answer, name="completion_answer"),
    path("dossiers/<int:pk>/messages/", candidate_views.send_message, name="message_send"),
    path("dossiers/<int:pk>/desistement/", candidate_views.withdraw, name="withdraw"),
]
