"""« À compléter »: the office asks for documents and corrections by a deadline (002 §II ④),
and what the candidate still has to do before answering."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.accounts.models import User
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents import services as document_services
from inscriptions.notifications import services as notify
from inscriptions.registration.models import Registration

from . import tasks
from .models import CompletionRequest
from .workflow import ReviewRefused, apply_move, locked_dossier, require_office_scope, when_text

# An office deadline is at least one day away and within a term: the candidate must have time
# to answer, and a dossier cannot wait for ever.
MIN_DELAY = timedelta(days=1)
MAX_DELAY = timedelta(days=120)


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
    registration = locked_dossier(registration)
    require_office_scope(actor, registration)
    summary = "; ".join([*(document_selectors.label_of(code) for code in codes), corrections])
    apply_move(
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
        % {"due": when_text(due_at)}
    )
    notify.notify_candidate(
        registration=registration,
        kind="to_complete",
        title=_("Votre dossier d'inscription est à compléter"),
        body="\n".join(lines),
        now=now,
    )
    transaction.on_commit(lambda: _schedule_expiry(request.pk, due_at), robust=True)
    return request


def _schedule_expiry(request_id: int, due_at: datetime) -> None:
    """At the deadline where the queue can wait (the database backend); the periodic sweep
    (``review.completion_deadlines``, core.scheduler) catches it otherwise."""
    task = tasks.expire_completion_request
    if task.get_backend().supports_defer:
        task.using(run_after=due_at).enqueue(request_id)
