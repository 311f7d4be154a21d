"""The candidate's moves on their dossier: the answer to the office's request, and the
withdrawal. Each tells the candidate and the office in charge."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.abilities import dossier_abilities
from inscriptions.accounts.models import User
from inscriptions.notifications import services as notify
from inscriptions.registration.models import Registration

from .models import CompletionRequest, CompletionStatus
from .selectors import answer_gaps, open_request
from .workflow import ReviewRefused, apply_move, locked_dossier


@transaction.atomic
def completion_answer(
    *, registration: Registration, actor: User, answer: str, now: datetime
) -> CompletionRequest:
    """The candidate answers: the dossier returns to awaiting review."""
    registration = locked_dossier(registration)
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
    return answered(registration, request, answer=answer.strip(), now=now)


def pieces_answer(request: CompletionRequest, registration: Registration) -> bool:
    """The request is answered by what the candidate did: every piece asked for uploaded since
    the request (before its deadline), and the corrections asked for made in a new version."""
    if answer_gaps(request):
        return False
    return not (request.corrections and registration.version == request.version)


def completion_answer_by_pieces(*, registration_id: int, now: datetime) -> bool:
    """After an upload or a validation: once the pieces answer the office's open request before
    its deadline, it is answered and the dossier goes back to awaiting review; the candidate may
    still write to the office. Nothing happens otherwise (safe to run again)."""
    with transaction.atomic():
        registration = Registration.objects.filter(pk=registration_id).first()
        if registration is None:
            return False
        registration = locked_dossier(registration)
        request = open_request(registration)
        if request is None or r.office_request_decision(now=now, due_at=request.due_at).errors:
            return False
        if not pieces_answer(request, registration):
            return False
        answered(registration, request, answer="", now=now)
    return True


def answered(
    registration: Registration, request: CompletionRequest, *, answer: str, now: datetime
) -> CompletionRequest:
    """The request closed as answered, the dossier back to awaiting review, both told."""
    apply_move(
        registration=registration,
        move=r.Move.ANSWER_COMPLETION,
        actor_kind=r.Actor.CANDIDATE,
        actor=registration.candidate,
        now=now,
        reason=answer,
        request=request.pk,
        **({} if answer else {"by": "pieces"}),
    )
    request.status, request.answered_at, request.closed_at = CompletionStatus.ANSWERED, now, now
    request.answer = answer
    request.save(update_fields=["status", "answered_at", "closed_at", "answer"])
    body = _("Votre dossier est de nouveau en attente de traitement.")
    if not answer:
        body = _(
            "Toutes les pièces demandées par le bureau des examens sont déposées : votre dossier "
            "est de nouveau en attente de traitement. Vous pouvez encore écrire au bureau des "
            "examens depuis votre dossier."
        )
    notify.notify_candidate(
        registration=registration,
        kind="answered",
        title=_("Votre réponse a été transmise au bureau des examens"),
        body=body,
        now=now,
    )
    notify.notify_office(
        registration=registration,
        subject=_("Réponse du candidat — dossier %(ref)s") % {"ref": registration.reference},
        text=answer or _("Le candidat a déposé toutes les pièces demandées."),
    )
    return request


@transaction.atomic
def dossier_withdraw(*, registration: Registration, actor: User, now: datetime) -> Registration:
    """« Je ne souhaite plus présenter les épreuves » (001 FAQ)."""
    registration = locked_dossier(registration)
    if not dossier_abilities(actor, registration).own:
        raise ReviewRefused(_("Ce dossier n'existe pas."))
    apply_move(
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
