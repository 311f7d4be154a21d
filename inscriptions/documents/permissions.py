"""Who may see a supporting document: asked by the pages, the API and the services alike.

The owner, and the exam office of the dossier's académie in scope (see
``inscriptions.abilities``, the one place that decides). Anyone else is told the document
does not exist (404), never that it is forbidden.
"""

from typing import Any

from inscriptions.abilities import dossier_abilities, in_office_scope

from .models import SupportingDocument

__all__ = ["can_view_document", "in_office_scope"]


def can_view_document(user: Any, document: SupportingDocument) -> bool:
    return dossier_abilities(user, document.registration).view
