"""Deadlines, run by the task queue at each request's deadline and by the periodic sweep: an
unanswered request makes the dossier non conforme (002 §II ④ « A défaut, votre inscription sera
refusée »), and the reminder two days before closing."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.core.findings import finding_text
from inscriptions.core.models import audit
from inscriptions.notifications import services as notify
from inscriptions.registration.models import Registration, State

from .answers import answered, pieces_answer
from .models import CompletionRequest, CompletionStatus, NonComplianceReason
from .workflow import apply_move, locked_dossier, when_text

# « Deux jours avant la clôture »: the reminder to candidates whose draft is not validated.
REMINDER_BEFORE_CLOSING = timedelta(days=2)


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
                % {"year": registration.session.exam_year, "closes": when_text(closes_at)},
                now=now,
            )
            audit(actor=None, action="dossier.closing_reminder", obj=registration)
        sent += 1
    return sent


def deadlines_sweep(*, now: datetime) -> dict[str, int]:
    """The periodic work: deadlines, reminders, and the audit log's entries sealed into its
    chain (``core.audit_chain``)."""
    from inscriptions.core import audit_chain

    return {
        "expired": expire_overdue_completions(now=now),
        "reminded": closing_reminders(now=now),
        "sealed": audit_chain.seal_pending(now=now),
    }
