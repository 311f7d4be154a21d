"""What the office's API views share: who may call them, how a dossier is found, how a refusal
is told."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from inscriptions import rules as r
from inscriptions.accounts.otp import IsVerifiedOfficeMember, needs_second_factor
from inscriptions.core import evidence
from inscriptions.core.findings import finding_source, finding_text
from inscriptions.core.refusals import ServiceRefused
from inscriptions.registration.models import Registration
from inscriptions.review import selectors
from inscriptions.review.services import ReviewRefused

from . import serializers as s

TAG = "bureau des examens"

# The moves that depend on the dossier's state rather than on what was sent: refused with 409.
CONFLICT_CODES = {"states.transition_forbidden", "states.wrong_actor"}
# The rules name the reason of a move « reason »; the API's requests call it « comment ».
API_FIELDS = {"reason": "comment"}

ACCESS = {
    401: OpenApiResponse(description="Non authentifié : jeton ou session manquant."),
    403: OpenApiResponse(
        description="Compte du bureau des examens dont la session n'a pas donné le code de la "
        "vérification en deux étapes."
    ),
}
NOT_FOUND = OpenApiResponse(
    description="Dossier inconnu, ou hors du périmètre du compte (autre académie, spécialité "
    "non attribuée) ; et pour un compte candidat, toute route du bureau."
)
CONFLICT = OpenApiResponse(
    s.OfficeRefusalSerializer,
    description="L'état du dossier ne le permet pas (par ex. un dossier déjà conforme) : le "
    "constat des règles (states.transition_forbidden) et son message.",
)
INPUT_ERRORS = OpenApiResponse(
    description='Saisie invalide : les messages par champ, {"action": ["…"]}.'
)


class IsOfficeMember(IsVerifiedOfficeMember):
    """Office staff and académie administrators with the second factor. A candidate is told the
    office's routes do not exist (404), as on the office's pages; an office member whose session
    gave only the password is refused (403); without credentials, 401."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.user.is_authenticated and not needs_second_factor(request.user):
            raise NotFound
        return super().has_permission(request, view)


def dossier_or_404(request: Request, pk: int) -> Registration:
    """The dossier when it is in the user's scope (``registration.selectors.dossiers_in_scope``)."""
    registration = selectors.dossier_for_office(request.user, pk)
    if registration is None:
        evidence.access_refused(request, object_type="registration.registration", object_id=pk)
        raise NotFound(_("Dossier inconnu."))
    return registration


def describe_finding(finding: r.Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "field": API_FIELDS.get(finding.field or "", finding.field),
        "message": finding_text(finding),
        "source": finding_source(finding),
    }


def refusal_response(refusal: ServiceRefused, *, conflict: bool = False) -> Response:
    """400 for what was sent; 409 when the dossier's state forbids the move (``conflict``, or a
    finding of the state table)."""
    data = {
        "detail": refusal.message,
        "field": API_FIELDS.get(refusal.field, refusal.field) or None,
        "errors": [describe_finding(finding) for finding in refusal.findings],
    }
    conflict = conflict or any(finding.code in CONFLICT_CODES for finding in refusal.findings)
    code = status.HTTP_409_CONFLICT if conflict else status.HTTP_400_BAD_REQUEST
    return Response(s.OfficeRefusalSerializer(data).data, status=code)


def move_refusal(registration: Registration, move: r.Move) -> ReviewRefused:
    """Why the office may not make ``move`` now, in the words of the state table."""
    decision = r.transition_decision(
        move=move, source=r.DossierState(registration.state), actor=r.Actor.OFFICE
    )
    forbidden = tuple(f for f in decision.errors if f.code in CONFLICT_CODES)
    if not forbidden:
        return ReviewRefused(_("Ce dossier ne peut pas recevoir cette décision dans son état."))
    return ReviewRefused(findings=forbidden)
