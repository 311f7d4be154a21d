from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    """The candidate space: the dashboard, each dossier's page, the answers to the office's
    requests, the withdrawal and the messages. The wizard (``registration``) and the documents
    (``documents``) have their own pages in it."""

    name = "inscriptions.candidates"
    label = "candidates"
    verbose_name = _("Espace candidat")
