"""The dossier's states and who may move it from one to another (002 §II ④, PRODUCT.md).

A dossier is « en attente de traitement » once validated; the office then declares it
« conforme », « non conforme », or asks the candidate to make it conforme by providing what is
missing within a deadline (« à compléter »), after which it is refused. A decided dossier can be
reopened by the office, with a reason. Any move not in this table is refused, with a finding that
says why.
"""

from dataclasses import dataclass
from enum import StrEnum

from . import sources as src
from .findings import Decision, Severity, define_rule
from .i18n import gettext_noop as _


class DossierState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    TO_COMPLETE = "to_complete"
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    WITHDRAWN = "withdrawn"


class Actor(StrEnum):
    """Who asks for the move: the candidate, the exam office, or the deadline job."""

    CANDIDATE = "candidate"
    OFFICE = "office"
    SYSTEM = "system"


class Move(StrEnum):
    VALIDATE = "validate"  # first validation of the wizard
    DECLARE_COMPLIANT = "declare_compliant"
    DECLARE_NON_COMPLIANT = "declare_non_compliant"
    REQUEST_COMPLETION = "request_completion"
    ANSWER_COMPLETION = "answer_completion"
    EXPIRE_COMPLETION = "expire_completion"
    REOPEN = "reopen"
    WITHDRAW = "withdraw"


@dataclass(frozen=True, slots=True)
class Transition:
    move: Move
    source: DossierState
    target: DossierState
    actor: Actor
    needs_reason: bool = False


S = DossierState
TRANSITIONS: tuple[Transition, ...] = (
    Transition(Move.VALIDATE, S.DRAFT, S.SUBMITTED, Actor.CANDIDATE),
    Transition(Move.DECLARE_COMPLIANT, S.SUBMITTED, S.COMPLIANT, Actor.OFFICE),
    Transition(Move.DECLARE_NON_COMPLIANT, S.SUBMITTED, S.NON_COMPLIANT, Actor.OFFICE, True),
    Transition(Move.REQUEST_COMPLETION, S.SUBMITTED, S.TO_COMPLETE, Actor.OFFICE, True),
    Transition(Move.ANSWER_COMPLETION, S.TO_COMPLETE, S.SUBMITTED, Actor.CANDIDATE),
    Transition(Move.EXPIRE_COMPLETION, S.TO_COMPLETE, S.NON_COMPLIANT, Actor.SYSTEM),
    Transition(Move.REOPEN, S.COMPLIANT, S.SUBMITTED, Actor.OFFICE, True),
    Transition(Move.REOPEN, S.NON_COMPLIANT, S.SUBMITTED, Actor.OFFICE, True),
    Transition(Move.WITHDRAW, S.SUBMITTED, S.WITHDRAWN, Actor.CANDIDATE),
    Transition(Move.WITHDRAW, S.TO_COMPLETE, S.WITHDRAWN, Actor.CANDIDATE),
    Transition(Move.WITHDRAW, S.COMPLIANT, S.WITHDRAWN, Actor.CANDIDATE),
    Transition(Move.WITHDRAW, S.NON_COMPLIANT, S.WITHDRAWN, Actor.CANDIDATE),
)

FORBIDDEN = define_rule(
    "states.transition_forbidden",
    Severity.ERROR,
    _("Un dossier « %(state)s » ne peut pas passer à « %(target)s »."),
    src.N002_PROCESSING,
)
WRONG_ACTOR = define_rule(
    "states.wrong_actor",
    Severity.ERROR,
    _("Ce changement d'état revient %(actor)s."),
    src.N002_PROCESSING,
)
REASON_REQUIRED = define_rule(
    "states.reason_required",
    Severity.ERROR,
    _("Indiquez le motif de ce changement d'état."),
    src.N002_PROCESSING,
    field="reason",
)

STATE_LABELS = {
    S.DRAFT: _("Brouillon"),
    S.SUBMITTED: _("En attente de traitement"),
    S.TO_COMPLETE: _("À compléter"),
    S.COMPLIANT: _("Conforme"),
    S.NON_COMPLIANT: _("Non conforme"),
    S.WITHDRAWN: _("Désisté"),
}
# Who a move belongs to, as the refusal says it (« revient au candidat »).
ACTOR_LABELS = {
    Actor.CANDIDATE: _("au candidat"),
    Actor.OFFICE: _("au bureau des examens"),
    Actor.SYSTEM: _("à l'échéance fixée par le bureau des examens"),
}


def transition_for(move: Move, source: DossierState) -> Transition | None:
    for transition in TRANSITIONS:
        if transition.move is move and transition.source is source:
            return transition
    return None


def transition_decision(
    *, move: Move, source: DossierState, actor: Actor, reason: str = ""
) -> Decision:
    """Whether ``actor`` may make ``move`` from ``source``: the table above, and a reason where
    the move needs one (a refusal, a request, a reopening must be explained to the candidate)."""
    transition = transition_for(move, source)
    if transition is None:
        target = next((t.target for t in TRANSITIONS if t.move is move), source)
        finding = FORBIDDEN.finding(state=STATE_LABELS[source], target=STATE_LABELS[target])
        return Decision(findings=(finding,))
    if transition.actor is not actor:
        return Decision(findings=(WRONG_ACTOR.finding(actor=ACTOR_LABELS[transition.actor]),))
    if transition.needs_reason and not reason.strip():
        return Decision(findings=(REASON_REQUIRED.finding(),))
    return Decision()


def target_of(move: Move, source: DossierState) -> DossierState:
    transition = transition_for(move, source)
    if transition is None:
        raise ValueError(f"{move} is not allowed from {source}")
    return transition.target


def moves_from(source: DossierState, actor: Actor) -> tuple[Move, ...]:
    """The moves ``actor`` may make from ``source``, in the table's order (for the buttons)."""
    return tuple(t.move for t in TRANSITIONS if t.source is source and t.actor is actor)
