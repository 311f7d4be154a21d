"""What the exam office does to a dossier, and the candidate's answer to it.

Every move follows the state table of ``inscriptions.rules.dossier_states`` and is refused
otherwise; each runs in one transaction with the dossier's row locked, writes a ``StateChange``
and an audit entry, and notifies the candidate (space + email). Refusals raise ``ReviewRefused``
carrying the rules' findings or a message.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.accounts.models import User
from inscriptions.core.findings import finding_text
from inscriptions.core.models import audit
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents import services as document_services
from inscriptions.documents.models import DocumentStatus, SupportingDocument
from inscriptions.registration.models import Registration, State

from . import notify
from .abilities import dossier_abilities, in_office_scope
from .models import (
    CompletionRequest,
    CompletionStatus,
    DocumentRefusalReason,
    NonComplianceReason,
    Notification,
    StateChange,
)

logger = logging.getLogger(__name__)

# An office deadline is at least one day away and within a term: the candidate must have time
# to answer, and a dossier cannot wait for ever.
MIN_DELAY = timedelta(days=1)
MAX_DELAY = timedelta(days=120)
# « Deux jours avant la clôture »: the reminder to candidates whose draft is not validated.
REMINDER_BEFORE_CLOSING = timedelta(days=2)


class ReviewRefused(Exception):
    def __init__(self, message: str = "", *, findings: tuple[r.Finding, ...] = (), field: str = ""):
        self.findings = findings
        self.field = field
        self.message = message or "; ".join(finding_text(f) for f in findings)
        super().__init__(self.message)


def _when(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _locked(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("session__academy", "specialty")
        .get(pk=registration.pk)
    )


def _office_or_404(actor: User, registration: Registration) -> None:
    if not in_office_scope(actor, registration):
        # The pages answer 404 before getting here; a service asked directly refuses the same.
        raise ReviewRefused(_("Ce dossier n'existe pas."))


def _move(
    *,
    registration: Registration,
    move: r.Move,
    actor_kind: r.Actor,
    actor: User | None,
    now: datetime,
    reason: str = "",
    reason_code: str = "",
    **data: Any,
) -> StateChange:
    """Check the move against the state table, apply it, record it (the caller holds the lock)."""
    source = r.DossierState(registration.state)
    decision = r.transition_decision(
        move=move, source=source, actor=actor_kind, reason=reason or reason_code
    )
    if decision.errors:
        raise ReviewRefused(findings=decision.errors, field=decision.errors[0].field or "")
    target = r.dossier_states.target_of(move, source)
    registration.state = target.value
    registration.state_changed_at = now
    fields = ["state", "state_changed_at", "updated_at"]
    if target is not r.DossierState.TO_COMPLETE:
        registration.completion_due_at = None
        fields.append("completion_due_at")
    registration.save(update_fields=fields)
    change = StateChange.objects.create(
        registration=registration,
        move=move.value,
        from_state=source.value,
        to_state=target.value,
        actor=actor,
        at=now,
        version=registration.version,
        reason_code=reason_code,
        comment=reason,
    )
    audit(
        actor=actor,
        action=f"dossier.{move.value}",
        obj=registration,
        from_state=source.value,
        to_state=target.value,
        reason_code=reason_code,
        comment=reason,
        **data,
    )
    return change


def _state_label(state: str) -> str:
    return str(State(state).label)


@transaction.atomic
def dossier_declare_compliant(
    *, registration: Registration, actor: User, now: datetime, comment: str = ""
) -> Registration:
    registration = _locked(registration)
    _office_or_404(actor, registration)
    _move(
        registration=registration,
        move=r.Move.DECLARE_COMPLIANT,
        actor_kind=r.Actor.OFFICE,
        actor=actor,
        now=now,
        reason=comment,
    )
    notify.notify_candidate(
        registration=registration,
        kind="compliant",
        title=_("Votre dossier d'inscription est conforme"),
        body=comment
        or _("Le bureau des examens a vérifié votre dossier : votre inscription est acceptée."),
        now=now,
    )
    return registration


@transaction.atomic
def dossier_declare_non_compliant(
    *, registration: Registration, actor: User, reason_code: str, comment: str, now: datetime
) -> Registration:
    if reason_code not in NonComplianceReason.values:
        raise ReviewRefused(_("Choisissez le motif de la décision."), field="reason_code")
    if not comment.strip():
        raise ReviewRefused(_("Expliquez la décision au candidat."), field="comment")
    registration = _locked(registration)
    _office_or_404(actor, registration)
    _move(
        registration=registration,
        move=r.Move.DECLARE_NON_COMPLIANT,
        actor_kind=r.Actor.OFFICE,
        actor=actor,
        now=now,
        reason=comment,
        reason_code=reason_code,
    )
    notify.notify_candidate(
        registration=registration,
        kind="non_compliant",
        title=_("Votre dossier d'inscription n'est pas conforme"),
        body=f"{NonComplianceReason(reason_code).label}. {comment}",
        now=now,
    )
    return registration


def _check_due_at(due_at: datetime | None, now: datetime) -> datetime:
    if due_at is None:
        raise ReviewRefused(_("Indiquez la date limite de réponse."), field="due_at")
    if due_at < now + MIN_DELAY:
        raise ReviewRefused(
            _("La date limite doit laisser au moins un jour au candidat pour répondre."),
            field="due_at",
        )
    if due_at > now + MAX_DELAY:
        raise ReviewRefused(
            _("La date limite ne peut pas dépasser quatre mois à partir d'aujourd'hui."),
            field="due_at",
        )
    return due_at


def known_document_codes() -> dict[str, str]:
    return {document_type.code: document_type.label for document_type in r.document_types()}


@transaction.atomic
def dossier_request_completion(
    *,
    registration: Registration,
    actor: User,
    documents: Iterable[str],
    corrections: str,
    message: str,
    due_at: datetime | None,
    now: datetime,
) -> CompletionRequest:
    """« À compléter »: the documents and corrections asked for, and the deadline (002 §II ④).
    Each document asked for is open to upload until that deadline, even past its own."""
    codes = list(dict.fromkeys(documents))
    unknown = [code for code in codes if code not in known_document_codes()]
    if unknown:
        raise ReviewRefused(_("Pièce inconnue : %(codes)s.") % {"codes": ", ".join(unknown)})
    if not codes and not corrections.strip():
        raise ReviewRefused(
            _("Indiquez au moins une pièce ou une correction à demander."), field="documents"
        )
    due_at = _check_due_at(due_at, now)
    registration = _locked(registration)
    _office_or_404(actor, registration)
    summary = "; ".join([*(document_selectors.label_of(code) for code in codes), corrections])
    _move(
        registration=registration,
        move=r.Move.REQUEST_COMPLETION,
        actor_kind=r.Actor.OFFICE,
        actor=actor,
        now=now,
        reason=summary.strip("; "),
        documents=codes,
        corrections=corrections,
        due_at=due_at.isoformat(),
    )
    registration.completion_due_at = due_at
    registration.save(update_fields=["completion_due_at"])
    request = CompletionRequest.objects.create(
        registration=registration,
        requested_by=actor,
        requested_at=now,
        due_at=due_at,
        version=registration.version,
        documents=codes,
        corrections=corrections.strip(),
        message=message.strip(),
    )
    for code in codes:
        document_services.document_request(
            registration=registration,
            code=code,
            actor=actor,
            reason=message.strip() or _("Demandée par le bureau des examens."),
            due_at=due_at,
            now=now,
        )
    lines = [_("Le bureau des examens vous demande de compléter votre dossier.")]
    lines += [f"- {document_selectors.label_of(code)}" for code in codes]
    if corrections.strip():
        lines.append(_("Corrections demandées : %(text)s") % {"text": corrections.strip()})
    if message.strip():
        lines.append(message.strip())
    lines.append(
        _(
            "Répondez avant le %(due)s depuis votre espace candidat ; à défaut, votre inscription "
            "sera refusée."
        )
        % {"due": _when(due_at)}
    )
    notify.notify_candidate(
        registration=registration,
        kind="to_complete",
        title=_("Votre dossier d'inscription est à compléter"),
        body="\n".join(lines),
        now=now,
    )
    transaction.on_commit(lambda: _schedule_expiry(request.pk, due_at))
    return request


def _schedule_expiry(request_id: int, due_at: datetime) -> None:
    """At the deadline where the queue can wait (the database backend); the periodic sweep
    (``manage.py review_deadlines``) catches it otherwise."""
    from .tasks import expire_completion_request

    if expire_completion_request.get_backend().supports_defer:
        expire_completion_request.using(run_after=due_at).enqueue(request_id)


def open_request(registration: Registration) -> CompletionRequest | None:
    return registration.completion_requests.filter(status=CompletionStatus.OPEN).first()


def answer_gaps(request: CompletionRequest) -> list[str]:
    """What the candidate still has to do before answering: each document asked for needs a
    file uploaded since the request (an infected one does not count)."""
    rows = {
        document.code: document
        for document in SupportingDocument.objects.filter(
            registration_id=request.registration_id, code__in=request.documents
        )
    }
    gaps = []
    for code in request.documents:
        document = rows.get(code)
        fresh = (
            document is not None
            and document.status in {DocumentStatus.UPLOADED, DocumentStatus.SCANNING}
            and document.files.filter(uploaded_at__gte=request.requested_at).exists()
        )
        if not fresh:
            gaps.append(document_selectors.label_of(code))
    return gaps


@transaction.atomic
def completion_answer(
    *, registration: Registration, actor: User, answer: str, now: datetime
) -> CompletionRequest:
    """The candidate answers: the dossier returns to awaiting review."""
    registration = _locked(registration)
    if not dossier_abilities(actor, registration).own:
        raise ReviewRefused(_("Ce dossier n'existe pas."))
    request = open_request(registration)
    if request is None:
        raise ReviewRefused(_("Aucune demande du bureau des examens n'attend de réponse."))
    expired = r.office_request_decision(now=now, due_at=request.due_at)
    if expired.errors:
        raise ReviewRefused(findings=expired.errors)
    gaps = answer_gaps(request)
    if gaps:
        raise ReviewRefused(
            _("Déposez d'abord : %(documents)s.") % {"documents": ", ".join(gaps)},
            field="documents",
        )
    if request.corrections and not answer.strip() and registration.version == request.version:
        raise ReviewRefused(
            _(
                "Corrigez votre dossier (puis validez-le) ou expliquez dans votre réponse ce que "
                "vous avez fait."
            ),
            field="answer",
        )
    _move(
        registration=registration,
        move=r.Move.ANSWER_COMPLETION,
        actor_kind=r.Actor.CANDIDATE,
        actor=actor,
        now=now,
        reason=answer.strip(),
        request=request.pk,
    )
    request.status, request.answered_at, request.closed_at = CompletionStatus.ANSWERED, now, now
    request.answer = answer.strip()
    request.save(update_fields=["status", "answered_at", "closed_at", "answer"])
    notify.notify_candidate(
        registration=registration,
        kind="answered",
        title=_("Votre réponse a été transmise au bureau des examens"),
        body=_("Votre dossier est de nouveau en attente de traitement."),
        now=now,
    )
    notify.notify_office(
        registration=registration,
        subject=_("Réponse du candidat — dossier %(ref)s") % {"ref": registration.reference},
        text=answer.strip() or _("Le candidat a complété son dossier."),
    )
    return request


def completion_expire(*, request_id: int, now: datetime) -> bool:
    """At its deadline, an unanswered request makes the dossier non conforme and the candidate
    is told. Does nothing before the deadline or once answered (safe to run twice)."""
    with transaction.atomic():
        request = CompletionRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.status != CompletionStatus.OPEN:
            return False
        if not r.office_request_decision(now=now, due_at=request.due_at).errors:
            return False
        registration = _locked(request.registration)
        (finding,) = r.office_request_decision(now=now, due_at=request.due_at).errors
        _move(
            registration=registration,
            move=r.Move.EXPIRE_COMPLETION,
            actor_kind=r.Actor.SYSTEM,
            actor=None,
            now=now,
            reason=finding_text(finding),
            reason_code=NonComplianceReason.DEADLINE_PASSED,
            request=request.pk,
        )
        request.status, request.closed_at = CompletionStatus.EXPIRED, now
        request.save(update_fields=["status", "closed_at"])
        notify.notify_candidate(
            registration=registration,
            kind="expired",
            title=_("Votre dossier d'inscription n'est pas conforme"),
            body=finding_text(finding),
            now=now,
        )
    return True


@transaction.atomic
def dossier_reopen(
    *, registration: Registration, actor: User, reason: str, now: datetime
) -> Registration:
    registration = _locked(registration)
    _office_or_404(actor, registration)
    previous = registration.state
    _move(
        registration=registration,
        move=r.Move.REOPEN,
        actor_kind=r.Actor.OFFICE,
        actor=actor,
        now=now,
        reason=reason.strip(),
    )
    notify.notify_candidate(
        registration=registration,
        kind="reopened",
        title=_("Votre dossier d'inscription est réexaminé"),
        body=_("Le bureau des examens réexamine votre dossier, qui était « %(state)s » : %(why)s")
        % {"state": _state_label(previous), "why": reason.strip()},
        now=now,
    )
    return registration


@transaction.atomic
def dossier_withdraw(*, registration: Registration, actor: User, now: datetime) -> Registration:
    """« Je ne souhaite plus présenter les épreuves » (001 FAQ)."""
    registration = _locked(registration)
    if not dossier_abilities(actor, registration).own:
        raise ReviewRefused(_("Ce dossier n'existe pas."))
    _move(
        registration=registration,
        move=r.Move.WITHDRAW,
        actor_kind=r.Actor.CANDIDATE,
        actor=actor,
        now=now,
    )
    CompletionRequest.objects.filter(
        registration=registration, status=CompletionStatus.OPEN
    ).update(status=CompletionStatus.ANSWERED, closed_at=now)
    # Every move is told to the candidate, their own too: the email keeps a trace of it.
    notify.notify_candidate(
        registration=registration,
        kind="withdrawn",
        title=_("Votre désistement est enregistré"),
        body=_(
            "Vous avez indiqué ne plus souhaiter présenter les épreuves de la session %(year)s : "
            "votre inscription est annulée et vous ne recevrez pas de convocation."
        )
        % {"year": registration.session.exam_year},
        now=now,
    )
    notify.notify_office(
        registration=registration,
        subject=_("Désistement — dossier %(ref)s") % {"ref": registration.reference},
        text=_("Le candidat ne souhaite plus présenter les épreuves."),
    )
    return registration


def bulk_declare_compliant(
    *, registration_ids: Iterable[int], actor: User, now: datetime
) -> tuple[list[Registration], list[tuple[Registration, str]]]:
    """Each selected dossier on its own: those that may not become conforme are listed with why,
    the others are declared so."""
    done, refused = [], []
    dossiers = Registration.objects.filter(pk__in=list(registration_ids)).select_related(
        "session__academy", "specialty"
    )
    for registration in dossiers.order_by("number"):
        try:
            done.append(dossier_declare_compliant(registration=registration, actor=actor, now=now))
        except ReviewRefused as refusal:
            refused.append((registration, refusal.message))
    return done, refused


# --- Documents, decided one by one from the dossier page.


def document_decide(
    *,
    registration: Registration,
    code: str,
    actor: User,
    accept: bool,
    reason_code: str = "",
    comment: str = "",
    now: datetime,
) -> SupportingDocument:
    """Accept the document's latest file, or refuse it with a reason code and a comment that the
    candidate reads beside the document."""
    _office_or_404(actor, registration)
    if registration.state not in {State.SUBMITTED, State.TO_COMPLETE}:
        raise ReviewRefused(_("Les pièces d'un dossier décidé ne se modifient plus."))
    document = SupportingDocument.objects.filter(registration=registration, code=code).first()
    if document is None:
        raise ReviewRefused(_("Aucun fichier n'a été déposé pour cette pièce."))
    if accept:
        return document_services.document_accept(document=document, actor=actor, now=now)
    if reason_code not in DocumentRefusalReason.values:
        raise ReviewRefused(_("Choisissez le motif du refus."), field="reason_code")
    if not comment.strip():
        raise ReviewRefused(_("Expliquez le refus au candidat."), field="comment")
    text = f"{DocumentRefusalReason(reason_code).label} : {comment.strip()}"
    document = document_services.document_refuse(
        document=document, actor=actor, reason=text, reason_code=reason_code, now=now
    )
    notify.notify_candidate(
        registration=registration,
        kind="document_refused",
        title=_("Pièce refusée : %(label)s") % {"label": document_selectors.label_of(code)},
        body=text,
        now=now,
    )
    return document


# --- Deadlines: the sweep a scheduler runs every few minutes.


def expire_overdue_completions(*, now: datetime) -> int:
    overdue = CompletionRequest.objects.filter(status=CompletionStatus.OPEN, due_at__lte=now)
    return sum(
        completion_expire(request_id=pk, now=now) for pk in overdue.values_list("pk", flat=True)
    )


def closing_reminders(*, now: datetime) -> int:
    """Two days before closing, every candidate whose draft is not validated is reminded once."""
    drafts = (
        Registration.objects.filter(
            state=State.DRAFT,
            number__isnull=True,
            session__registration_closes_at__gt=now,
            session__registration_closes_at__lte=now + REMINDER_BEFORE_CLOSING,
        )
        .exclude(notifications__kind="closing_reminder")
        .select_related("session__academy")
    )
    sent = 0
    for registration in drafts:
        with transaction.atomic():
            closes_at = registration.session.registration_closes_at
            notify.notify_candidate(
                registration=registration,
                kind="closing_reminder",
                title=_("Votre inscription au BTS n'est pas validée"),
                body=_(
                    "Votre inscription à la session %(year)s n'est pas encore validée. Les "
                    "inscriptions ferment le %(closes)s : validez-la avant, sans quoi elle ne "
                    "sera pas enregistrée."
                )
                % {"year": registration.session.exam_year, "closes": _when(closes_at)},
                now=now,
            )
            audit(actor=None, action="dossier.closing_reminder", obj=registration)
        sent += 1
    return sent


def deadlines_sweep(*, now: datetime) -> dict[str, int]:
    return {
        "expired": expire_overdue_completions(now=now),
        "reminded": closing_reminders(now=now),
    }


def notifications_read(*, user: User, registration: Registration, now: datetime) -> int:
    return Notification.objects.filter(
        user=user, registration=registration, read_at__isnull=True
    ).update(read_at=now)
