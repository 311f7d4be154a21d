"""What the exam office does to a dossier, and the candidate's answer to it: the services that
pages, the API and tasks call, by topic in the modules below.

Every move follows the state table of ``inscriptions.rules.dossier_states`` and is refused
otherwise; each runs in one transaction with the dossier's row locked, writes a ``StateChange``
and an audit entry, and notifies the candidate (space + email). Refusals raise ``ReviewRefused``
carrying the rules' findings or a message.
"""

from .answers import completion_answer, completion_answer_by_pieces, dossier_withdraw
from .completion import (
    MAX_DELAY,
    MIN_DELAY,
    dossier_request_completion,
    known_document_codes,
)
from .deadlines import (
    REMINDER_BEFORE_CLOSING,
    closing_reminders,
    completion_expire,
    completion_reminders,
    deadlines_sweep,
    documents_reminders,
    expire_overdue_completions,
)
from .decisions import (
    bulk_declare_compliant,
    bulk_declare_non_compliant_missing,
    document_decide,
    dossier_declare_compliant,
    dossier_declare_non_compliant,
    dossier_reopen,
)
from .selectors import answer_gaps, open_request
from .workflow import ReviewRefused

__all__ = [
    "MAX_DELAY",
    "MIN_DELAY",
    "REMINDER_BEFORE_CLOSING",
    "ReviewRefused",
    "answer_gaps",
    "bulk_declare_compliant",
    "bulk_declare_non_compliant_missing",
    "closing_reminders",
    "completion_answer",
    "completion_answer_by_pieces",
    "completion_expire",
    "completion_reminders",
    "deadlines_sweep",
    "document_decide",
    "documents_reminders",
    "dossier_declare_compliant",
    "dossier_declare_non_compliant",
    "dossier_reopen",
    "dossier_request_completion",
    "dossier_withdraw",
    "expire_overdue_completions",
    "known_document_codes",
    "open_request",
]
