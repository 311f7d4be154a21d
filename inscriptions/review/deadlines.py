"""Deadlines, run by the task queue at each request's deadline and by the periodic sweep: an
unanswered request makes the dossier non conforme (002 §II ④ « A défaut, votre inscription sera
refusée »), and the reminder two days before closing."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.core.findings import finding_text
from inscriptions.core.models import audit
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents.models import DocumentStatus
from inscriptions.notifications import services as notify
from inscriptions.registration.models import Registration, State

from .answers import answered, pieces_answer
from .models import CompletionRequest, CompletionStatus, NonComplianceReason
from .workflow import apply_move, locked_dossier, when_text

# « Deux jours avant la clôture »: the reminder to candidates whose draft is not validated; the
# same notice before the documents deadline to those whose pieces are missing, and before an
# office request's deadline to those who have not answered it.
REMINDER_BEFORE_CLOSING = timedelta(days=2)
REMINDER_BEFORE_DOCUMENTS = timedelta(days=2)
REMINDER_BEFORE_COMPLETION = timedelta(days=2)


def completion_expire(*, request_id: int, now: datetime) -> bool:
    """At its deadline, an unanswered request makes the dossier non conforme and the candidate
    is told. Does nothing before the deadline or once answered (safe to run twice)."""
    with transaction.atomic():
        request = CompletionRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.status != CompletionStatus.OPEN:
            return False
        if not r.office_request_decision(now=now, due_at=request.due_at).errors:
            return False
        registration = locked_dossier(request.registration)
        if pieces_answer(request, registration):
            # Every piece arrived in time (the answer at the upload did not happen, or failed):
            # the request is answered, never the dossier made non conforme (002 §II ④).
            answered(registration, request, answer="", now=now)
            return False
        (finding,) = r.office_request_decision(now=now, due_at=request.due_at).errors
        apply_move(
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


def expire_overdue_completions(*, now: datetime) -> int:
    overdue = CompletionRequest.objects.filter(status=CompletionStatus.OPEN, due_at__lte=now)
    return sum(
        completion_expire(request_id=pk, now=now) for pk in overdue.values_list("pk", flat=True)
    )


def _remind(registration: Registration, *, kind: str, title: str, body: str, now: datetime) -> None:
    """The reminder in the candidate space and by email, and in the audit log (the caller holds
    the transaction)."""
    notify.notify_candidate(registration=registration, kind=kind, title=title, body=body, now=now)
    audit(actor=None, action=f"dossier.{kind}", obj=registration)


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
            _remind(
                registration,
                kind="closing_reminder",
                title=_("Votre inscription au BTS n'est pas validée"),
                body=_(
                    "Votre inscription à la session %(year)s n'est pas encore validée. Les "
                    "inscriptions ferment le %(closes)s : validez-la avant, sans quoi elle ne "
                    "sera pas enregistrée."
                )
                % {"year": registration.session.exam_year, "closes": when_text(closes_at)},
                now=now,
            )
        sent += 1
    return sent


def documents_reminders(*, now: datetime) -> int:
    """Two days before the session's documents deadline, every validated dossier with required
    pieces still missing is reminded once, the pieces named (002 §II ❸: without them the
    registration is cancelled)."""
    dossiers = (
        Registration.objects.filter(
            state__in=[State.SUBMITTED, State.TO_COMPLETE],
            documents_missing__gt=0,
            session__documents_due_at__gt=now,
            session__documents_due_at__lte=now + REMINDER_BEFORE_DOCUMENTS,
        )
        .exclude(notifications__kind="documents_reminder")
        .select_related("session__academy")
    )
    sent = 0
    for registration in dossiers:
        missing = [
            label
            for label, status in document_selectors.pieces_not_accepted(registration, now=now)
            if status == str(DocumentStatus.MISSING.label)
        ]
        if not missing:
            continue
        with transaction.atomic():
            _remind(
                registration,
                kind="documents_reminder",
                title=_("Des pièces de votre dossier d'inscription manquent"),
                body=_(
                    "Ces pièces de votre dossier n'ont pas été déposées : %(pieces)s. Déposez-les "
                    "avant le %(due)s ; passé cette date, sans elles, votre inscription sera "
                    "annulée."
                )
                % {
                    "pieces": " ; ".join(missing),
                    "due": when_text(registration.session.documents_due_at),
                },
                now=now,
            )
        sent += 1
    return sent


def completion_reminders(*, now: datetime) -> int:
    """Two days before an office request's deadline, the candidate who has not answered it is
    reminded once (002 §II ④ « A défaut, votre inscription sera refusée »)."""
    requests = (
        CompletionRequest.objects.filter(
            status=CompletionStatus.OPEN,
            reminded_at__isnull=True,
            due_at__gt=now,
            due_at__lte=now + REMINDER_BEFORE_COMPLETION,
        )
        .select_related("registration__session__academy")
        .order_by("pk")
    )
    sent = 0
    for request in requests:
        with transaction.atomic():
            locked = (
                CompletionRequest.objects.select_for_update()
                .filter(pk=request.pk, reminded_at__isnull=True, status=CompletionStatus.OPEN)
                .first()
            )
            if locked is None:
                continue
            _remind(
                request.registration,
                kind="completion_reminder",
                title=_("Le bureau des examens attend votre réponse"),
                body=_(
                    "Le bureau des examens vous a demandé de compléter votre dossier. Répondez "
                    "avant le %(due)s : à défaut, votre inscription sera refusée."
                )
                % {"due": when_text(request.due_at)},
                now=now,
            )
            locked.reminded_at = now
            locked.save(update_fields=["reminded_at"])
        sent += 1
    return sent


def deadlines_sweep(*, now: datetime) -> dict[str, int]:
    """Every deadline and reminder at once, and the audit log's entries sealed into its chain
    (``core.audit_chain``): what the scheduler's jobs (``review/jobs.py``) do each at its time."""
    from inscriptions.core import audit_chain

    return {
        "expired": expire_overdue_completions(now=now),
        "reminded": closing_reminders(now=now),
        "documents_reminded": documents_reminders(now=now),
        "completion_reminded": completion_reminders(now=now),
        "sealed": audit_chain.seal_pending(now=now),
    }
