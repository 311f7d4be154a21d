"""Deadlines: registration open or closed at the hour, modification until closing, each document
until its due date, an office request until its own deadline (all notices).

A deadline is the first instant at which it is too late: registrations "jusqu'au 13 novembre
2024 à 17h" are closed at 17:00:00 exactly, and open from 9:00:00 the opening day. Every instant
is a timezone-aware datetime (the session's are Europe/Paris); naive ones are refused.
"""

from datetime import datetime

from . import sources as src
from .dates import require_aware
from .documents import RequiredDocument
from .facts import SessionFacts, SessionSettings
from .findings import Decision, Severity, define_rule
from .i18n import gettext_noop as _

NOT_OPEN = define_rule(
    "deadlines.registration_not_open",
    Severity.ERROR,
    _("Les inscriptions ouvriront le %(opens_at)s."),
    src.N003_DATES,
)
CLOSED = define_rule(
    "deadlines.registration_closed",
    Severity.ERROR,
    _(
        "Les inscriptions sont closes depuis le %(closes_at)s : aucune inscription hors délai "
        "n'est acceptée."
    ),
    src.N003_DATES,
)
MODIFICATION_CLOSED = define_rule(
    "deadlines.modification_closed",
    Severity.ERROR,
    _("Votre inscription ne peut plus être modifiée depuis le %(closes_at)s."),
    src.N002_FAQ_MODIFY,
)
DOCUMENT_OVERDUE = define_rule(
    "deadlines.document_overdue",
    Severity.ERROR,
    _("La date limite de dépôt de la pièce « %(document)s » était le %(due_at)s."),
    src.N002_FAQ_VALIDATED,
    field="documents",
)
OFFICE_REQUEST_EXPIRED = define_rule(
    "deadlines.office_request_expired",
    Severity.ERROR,
    _(
        "Le délai fixé par le bureau des examens pour rendre votre dossier conforme a expiré "
        "le %(due_at)s."
    ),
    src.N002_PROCESSING,
)
ACCOMMODATION = define_rule(
    "deadlines.accommodation_request",
    Severity.INFO,
    _(
        "Transmettez votre demande d'aménagement d'épreuves au plus tard à la date limite "
        "d'inscription, le %(closes_at)s."
    ),
    src.N002_OTHER_DOCUMENTS,
    field="disability_declared",
)


LOCKED_AFTER_SIGNATURE = define_rule(
    "deadlines.locked_after_signed_confirmation",
    Severity.ERROR,
    _(
        "Votre confirmation d'inscription signée est déposée : votre inscription n'est plus "
        "modifiable. Pour signaler une erreur, écrivez au bureau des examens depuis votre "
        "dossier."
    ),
    src.N003_RECALLS,
)


def signed_confirmation_lock_decision(
    *, settings: SessionSettings, signed_confirmation_returned: bool
) -> Decision:
    """003 « Rappels importants »: « il n'est jamais possible de modifier son inscription après
    le retour de la confirmation », where the session says so."""
    if settings.locked_after_signed_confirmation and signed_confirmation_returned:
        return Decision.of([LOCKED_AFTER_SIGNATURE.finding()])
    return Decision()


def is_before(now: datetime, deadline: datetime) -> bool:
    """Whether ``now`` is still before ``deadline`` (both aware)."""
    return require_aware(now, "now") < require_aware(deadline, "deadline")


def registration_window_decision(*, now: datetime, session: SessionFacts) -> Decision:
    """Open from ``opens_at`` included to ``closes_at`` excluded."""
    if is_before(now, session.opens_at):
        return Decision(findings=(NOT_OPEN.finding(opens_at=session.opens_at),))
    if not is_before(now, session.closes_at):
        return Decision(findings=(CLOSED.finding(closes_at=session.closes_at),))
    return Decision()


def modification_decision(*, now: datetime, session: SessionFacts) -> Decision:
    """A validated registration may be modified until closing (000 and 002 FAQ)."""
    deadline = session.modification_deadline
    if not is_before(now, deadline):
        return Decision(findings=(MODIFICATION_CLOSED.finding(closes_at=deadline),))
    return Decision()


def office_request_decision(*, now: datetime, due_at: datetime) -> Decision:
    """A dossier "à compléter" is answered before the office's deadline, or refused (002 ④)."""
    if not is_before(now, due_at):
        return Decision(findings=(OFFICE_REQUEST_EXPIRED.finding(due_at=due_at),))
    return Decision()


def document_upload_decision(
    *, now: datetime, document: RequiredDocument, office_request_due_at: datetime | None = None
) -> Decision:
    """A document is accepted until its due date, or until the deadline of an open office
    request asking for it (002 §II ❷ « sauf pièces à déposer ultérieurement », §II ④)."""
    if is_before(now, document.due_at):
        return Decision()
    if office_request_due_at is not None and is_before(now, office_request_due_at):
        return Decision()
    finding = DOCUMENT_OVERDUE.finding(document=document.label, due_at=document.due_at)
    return Decision(findings=(finding,))


def accommodation_decision(*, disability_declared: bool, session: SessionFacts) -> Decision:
    """Candidates declaring a disability send their request by the registration deadline."""
    if not disability_declared:
        return Decision()
    return Decision(findings=(ACCOMMODATION.finding(closes_at=session.closes_at),))
