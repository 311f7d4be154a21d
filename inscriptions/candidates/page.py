"""What the candidate space shows of the office's work on a dossier: the state and what it means,
the office's reason once decided, the request waiting for an answer with what remains to do, the
history of the states, the message thread and the unread notifications; and, for the dashboard,
the unread notifications of each dossier (002 §II ④: the candidate follows the processing in the
space and is notified there)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inscriptions import rules as r
from inscriptions.abilities import dossier_abilities
from inscriptions.core.findings import explained
from inscriptions.documents import selectors as document_selectors
from inscriptions.notifications import forms as message_forms
from inscriptions.notifications import messages as messaging
from inscriptions.notifications import selectors as notification_selectors
from inscriptions.registration import selectors as registration_selectors
from inscriptions.registration import services as registration_services
from inscriptions.registration.models import Registration, State
from inscriptions.review import dossier_page, services
from inscriptions.review.models import CompletionRequest, NonComplianceReason, StateChange

from .forms import AnswerForm

# What each state means for the candidate, said beside it (PRODUCT.md, dossier states).
STATE_MEANINGS = {
    State.DRAFT: gettext_lazy(
        "Votre inscription n'est pas encore validée : elle ne sera enregistrée qu'une fois "
        "validée, avant la clôture des inscriptions."
    ),
    State.SUBMITTED: gettext_lazy(
        "Votre inscription est enregistrée. Le bureau des examens va vérifier votre dossier et "
        "vos pièces justificatives ; vous serez prévenu de sa décision."
    ),
    State.TO_COMPLETE: gettext_lazy(
        "Le bureau des examens vous demande de compléter votre dossier avant la date limite "
        "indiquée ; sans réponse à temps, votre inscription sera refusée."
    ),
    State.COMPLIANT: gettext_lazy(
        "Le bureau des examens a vérifié votre dossier : votre inscription est acceptée pour "
        "l'examen."
    ),
    State.NON_COMPLIANT: gettext_lazy(
        "Le bureau des examens a refusé votre inscription, pour le motif indiqué ci-dessous."
    ),
    State.WITHDRAWN: gettext_lazy(
        "Vous avez indiqué ne plus souhaiter présenter les épreuves : votre inscription est "
        "annulée."
    ),
}

# How the history names each move, as the candidate reads it.
MOVE_LABELS: dict[str, Any] = {
    r.Move.VALIDATE: gettext_lazy("Inscription validée"),
    r.Move.DECLARE_COMPLIANT: gettext_lazy("Dossier déclaré conforme"),
    r.Move.DECLARE_NON_COMPLIANT: gettext_lazy("Dossier déclaré non conforme"),
    r.Move.REQUEST_COMPLETION: gettext_lazy("Demande de compléments"),
    r.Move.ANSWER_COMPLETION: gettext_lazy("Votre réponse"),
    r.Move.EXPIRE_COMPLETION: gettext_lazy("Délai de réponse expiré"),
    r.Move.REOPEN: gettext_lazy("Dossier réexaminé"),
    r.Move.WITHDRAW: gettext_lazy("Désistement"),
}

DECIDED = {State.COMPLIANT, State.NON_COMPLIANT}
# The dashboard lists a few of each dossier's unread notifications; the count says the rest.


@dataclass(frozen=True)
class RequestedDocument:
    code: str
    label: str
    # A file was uploaded since the request (what ``services.answer_gaps`` checks).
    provided: bool


@dataclass(frozen=True)
class PendingRequest:
    """The office's open request as the candidate has to act on it."""

    request: CompletionRequest
    documents: list[RequestedDocument]
    gaps: list[str]
    # Corrections asked for and no new version validated since: correct, or explain in the answer.
    correction_pending: bool
    expired: bool

    @property
    def ready(self) -> bool:
        return not self.gaps and not self.expired


def pending_request(registration: Registration, *, now: datetime) -> PendingRequest | None:
    request = services.open_request(registration)
    if request is None:
        return None
    gaps = services.answer_gaps(request)
    documents = [
        RequestedDocument(
            code=code,
            label=document_selectors.label_of(code),
            provided=document_selectors.label_of(code) not in gaps,
        )
        for code in request.documents
    ]
    return PendingRequest(
        request=request,
        documents=documents,
        gaps=gaps,
        correction_pending=bool(request.corrections) and registration.version == request.version,
        expired=bool(r.office_request_decision(now=now, due_at=request.due_at).errors),
    )


def decision_reason(registration: Registration, changes: list[StateChange]) -> dict[str, Any]:
    """The office's reason for the decision in force: the move that led to the current state,
    its coded reason and its comment. Empty unless the dossier is decided."""
    if registration.state not in DECIDED:
        return {}
    change = next((c for c in changes if c.to_state == registration.state), None)
    if change is None:
        return {}
    return {"at": change.at, "label": _reason_label(change.reason_code), "comment": change.comment}


def _reason_label(code: str) -> str:
    return str(NonComplianceReason(code).label) if code in NonComplianceReason.values else ""


def _history(registration: Registration, changes: list[StateChange]) -> list[dict[str, Any]]:
    rows = []
    for change in changes:
        if change.actor_id is None:
            by = _("automatique")
        elif change.actor_id == registration.candidate_id:
            by = _("vous")
        else:
            by = _("le bureau des examens")
        move_label = str(MOVE_LABELS.get(change.move, change.move))
        rows.append(
            {
                "at": change.at,
                "move": move_label,
                "state": State(change.to_state).label,
                "by": by,
                "reason": _reason_label(change.reason_code),
                "comment": change.comment,
            }
        )
    return rows


def _error_summary(given: dict[str, Any]) -> list[dict[str, str]]:
    """Each error of the form that came back, linking to its field (RGAA 11.10), or to where the
    form says its other refusals are explained."""
    errors = []
    for form in (value for key, value in given.items() if key.endswith("_form") and value):
        for name, messages in form.errors.items():
            if name in form.fields:
                anchor = f"#{form[name].auto_id}"
            else:
                anchor = getattr(form, "non_field_anchor", "")
            errors += [{"message": str(message), "anchor": anchor} for message in messages]
    return errors


def dossier_page_context(
    request: HttpRequest, registration: Registration, *, now: datetime, **given: Any
) -> dict[str, Any]:
    """Everything the candidate's dossier page shows; ``given`` holds a form that came back
    with errors (``answer_form``, ``message_form``), kept as the candidate filled it in."""
    abilities = dossier_abilities(request.user, registration)
    versions = list(registration.versions.order_by("-version"))
    changes = list(registration.state_changes.all())
    thread = messaging.thread(registration)
    unread = notification_selectors.unread_of_dossier(registration)
    pending = pending_request(registration, now=now) if abilities.answer_completion else None
    errors = _error_summary(given)
    title = _("Mon dossier %(reference)s") % {"reference": registration.reference}
    if not registration.reference:
        title = _("Mon inscription en cours")
    return {
        "page_title": _("Erreur : %(title)s") % {"title": title} if errors else title,
        "heading": title,
        "registration": registration,
        "abilities": abilities,
        "state_meaning": STATE_MEANINGS.get(State(registration.state), ""),
        "decision": decision_reason(registration, changes),
        "pending": pending,
        "correcting": registration.state == State.TO_COMPLETE,
        "history": _history(registration, changes),
        "thread": thread,
        "unread_message_ids": {m.pk for m in thread if m.from_office and m.read_at is None},
        "notifications": unread,
        "versions": versions,
        "comparison": registration_selectors.compare(
            versions, request.GET.get("de"), request.GET.get("a")
        ),
        "editable": registration_selectors.is_editable(registration, now=now),
        # Read-only once the signed confirmation is returned, where the session says so.
        "signature_lock": explained(registration_services.signature_lock(registration)),
        "closes_at": registration_selectors.modification_deadline(registration),
        "answer_form": given.get("answer_form") or AnswerForm(),
        "message_form": given.get("message_form") or message_forms.MessageForm(),
        "errors": errors,
        # What the rules say of the latest version, as the office's page shows it.
        "explanations": dossier_page.explanations(registration, now=now)["findings"]
        if versions
        else [],
        "now": now,
    }
