"""The dossier's moves, as every review service makes them: checked against the state table of
``inscriptions.rules.dossier_states`` (any other move is refused), applied with the dossier's row
locked, recorded as a ``StateChange`` and an audit entry. Refusals raise ``ReviewRefused``
carrying the rules' findings or a message."""

from datetime import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.abilities import in_office_scope
from inscriptions.accounts.models import User
from inscriptions.core.models import audit
from inscriptions.core.refusals import ServiceRefused
from inscriptions.registration.models import Registration, State

from .models import StateChange


class ReviewRefused(ServiceRefused):
    """A decision, request or answer refused, and why (the rules' findings, the field)."""


def when_text(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def locked_dossier(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("session__academy", "specialty")
        .get(pk=registration.pk)
    )


def require_office_scope(actor: User, registration: Registration) -> None:
    if not in_office_scope(actor, registration):
        # The pages answer 404 before getting here; a service asked directly refuses the same.
        raise ReviewRefused(_("Ce dossier n'existe pas."))


def apply_move(
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


def state_label(state: str) -> str:
    return str(State(state).label)
