"""What a given user may do with a given dossier: the one place that decides it.

Pages, templates, the API and the services all ask ``dossier_abilities``; the office's lists
filter on ``dossier_scope`` (through ``registration.selectors.dossiers_in_scope``), which selects
exactly the dossiers of the office for which ``view`` is true. Whoever may not see a dossier is
told it does not exist (404), never that it is forbidden.

On the ground floor: it imports no app above accounts and the catalogue, so every app may ask it.
A dossier is read through its fields (state, number, candidate, session, specialty), its states
are the rules' own.

Scope: a candidate sees their own dossiers; office staff the dossiers of their académie in the
specialties assigned to them; an académie's administrator every dossier of the académie.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from inscriptions import rules as r
from inscriptions.accounts.models import Role
from inscriptions.catalog.models import ExamSession


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _specialty_ids(user: Any) -> set[int]:
    # Cached on the user object for the request: a page asks once, whatever it shows.
    cached = getattr(user, "_office_specialty_ids", None)
    if cached is None:
        cached = set(user.specialties.values_list("pk", flat=True))
        user._office_specialty_ids = cached
    return cached


def in_office_scope(user: Any, registration: Any) -> bool:
    """Office staff of the session's académie assigned to the dossier's specialty, or an
    administrator of that académie."""
    if not _active(user) or user.academy_id is None:
        return False
    if user.academy_id != registration.session.academy_id:
        return False
    if user.role == Role.ACADEMY_ADMIN:
        return True
    if user.role == Role.OFFICE_STAFF and registration.specialty_id is not None:
        return registration.specialty_id in _specialty_ids(user)
    return False


def dossier_scope(user: Any) -> Q | None:
    """The filter on validated dossiers that selects those an office member may see; None for
    anyone else (nothing to see)."""
    if not _active(user) or user.academy_id is None:
        return None
    # The académie's sessions and the staff's specialties as plain lists: the queue's queries
    # then read the dossier table alone, on its (session, ...) indexes.
    sessions = list(
        ExamSession.objects.filter(academy_id=user.academy_id).values_list("pk", flat=True)
    )
    if user.role == Role.ACADEMY_ADMIN:
        return Q(session_id__in=sessions)
    if user.role == Role.OFFICE_STAFF:
        return Q(session_id__in=sessions, specialty_id__in=sorted(_specialty_ids(user)))
    return None


def is_office_member(user: Any) -> bool:
    return _active(user) and user.role in {Role.OFFICE_STAFF, Role.ACADEMY_ADMIN}


@dataclass(frozen=True)
class DossierAbilities:
    view: bool = False
    # The candidate's own: follow, answer a request, write, withdraw.
    own: bool = False
    answer_completion: bool = False
    withdraw: bool = False
    # The office's: documents, decisions, messages.
    office: bool = False
    review_documents: bool = False
    moves: tuple[r.Move, ...] = field(default_factory=tuple)
    message: bool = False

    def can(self, move: r.Move) -> bool:
        return move in self.moves

    @property
    def decide(self) -> bool:
        return bool(self.moves)


NONE = DossierAbilities()
_REVIEWABLE = {r.DossierState.SUBMITTED, r.DossierState.TO_COMPLETE}


def dossier_abilities(user: Any, registration: Any) -> DossierAbilities:
    if not _active(user) or (
        registration.state == r.DossierState.DRAFT and registration.number is None
    ):
        if _active(user) and registration.candidate_id == user.pk:
            return DossierAbilities(view=True, own=True)
        return NONE
    state = r.DossierState(registration.state)
    if registration.candidate_id == user.pk:
        moves = r.moves_from(state, r.Actor.CANDIDATE)
        return DossierAbilities(
            view=True,
            own=True,
            answer_completion=r.Move.ANSWER_COMPLETION in moves,
            withdraw=r.Move.WITHDRAW in moves,
            message=state != r.DossierState.WITHDRAWN,
        )
    if in_office_scope(user, registration):
        return DossierAbilities(
            view=True,
            office=True,
            review_documents=registration.state in _REVIEWABLE,
            moves=r.moves_from(state, r.Actor.OFFICE),
            message=True,
        )
    return NONE
