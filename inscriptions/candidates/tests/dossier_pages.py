"""What the tests of the candidate's dossier pages share: the document's label, a page's address
and its content, the office's completion request, the dossier's state read again."""

import html
from datetime import timedelta

from inscriptions.review import services

from .conftest import NOW

IDENTITY = "Photocopie d'une pièce d'identité"


def _url(dossier, suffix=""):
    return f"/espace-candidat/dossiers/{dossier.pk}/{suffix}"


def _page(client, dossier):
    response = client.get(_url(dossier))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _request(dossier, staff, **overrides):
    values = {
        "registration": dossier,
        "actor": staff,
        "documents": ["identity"],
        "corrections": "",
        "message": "La copie envoyée est illisible.",
        "due_at": NOW + timedelta(days=10),
        "now": NOW,
    }
    values.update(overrides)
    return services.dossier_request_completion(**values)


def _state(dossier):
    dossier.refresh_from_db()
    return dossier.state
