"""Who may see a supporting document: asked by the pages, the API and the services alike.

The owner, and the exam office of the dossier's académie: staff whose specialties include the
dossier's, and the académie's administrators. Anyone else is told the document does not exist
(404), never that it is forbidden.
"""

from typing import Any

from inscriptions.accounts.models import Role
from inscriptions.registration.models import Registration

from .models import SupportingDocument


def in_office_scope(user: Any, registration: Registration) -> bool:
    """Office staff of the session's académie assigned to the dossier's specialty, or an
    administrator of that académie."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    academy_id = registration.session.academy_id
    if user.academy_id is None or user.academy_id != academy_id:
        return False
    if user.role == Role.ACADEMY_ADMIN:
        return True
    if user.role == Role.OFFICE_STAFF and registration.specialty_id is not None:
        return bool(user.specialties.filter(pk=registration.specialty_id).exists())
    return False


def can_view_document(user: Any, document: SupportingDocument) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    registration = document.registration
    if registration.candidate_id == user.pk:
        return True
    return in_office_scope(user, registration)
