"""The office's decisions on a dossier: conforme, non conforme (with its reason), reopened, the
same for a selection, and each document accepted or refused. Each tells the candidate."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.accounts.models import User
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents import services as document_services
from inscriptions.documents.models import SupportingDocument
from inscriptions.notifications import services as notify
from inscriptions.registration.models import Registration, State

from .models import DocumentRefusalReason, NonComplianceReason
from .workflow import (
    ReviewRefused,
    apply_move,
    locked_dossier,
    require_office_scope,
    state_label,
    when_text,
)


@transaction.atomic
def dossier_declare_compliant(
    *, registration: Registration, actor: User, now: datetime, comment: str = ""
) -> Registration:
    registration = locked_dossier(registration)
    require_office_scope(actor, registration)
    allowed = r.transition_decision(
        move=r.Move.DECLARE_COMPLIANT,
        source=r.DossierState(registration.state),
        actor=r.Actor.OFFICE,
    )
    if allowed.errors:
        raise ReviewRefused(findings=allowed.errors)
    pending = document_selectors.pieces_not_accepted(registration, now=now)
    if pending:
        raise ReviewRefused(
            _(
                "Le dossier ne peut pas être déclaré conforme tant que chaque pièce requise n'est "
                "pas acceptée : %(pieces)s."
            )
            % {"pieces": "; ".join(f"{label} ({state.lower()})" for label, state in pending)},
            field="documents",
        )
    apply_move(
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
    registration = locked_dossier(registration)
    require_office_scope(actor, registration)
    apply_move(
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


@transaction.atomic
def dossier_reopen(
    *, registration: Registration, actor: User, reason: str, now: datetime
) -> Registration:
    registration = locked_dossier(registration)
    require_office_scope(actor, registration)
    previous = registration.state
    apply_move(
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
        % {"state": state_label(previous), "why": reason.strip()},
        now=now,
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


def bulk_declare_non_compliant_missing(
    *, registration_ids: Iterable[int], actor: User, now: datetime
) -> tuple[list[Registration], list[tuple[Registration, str]]]:
    """At the documents deadline (002 §II ❸: uploads close, the registration is cancelled when
    pieces are missing), the dossiers still incomplete declared non conforme, each candidate told
    which pieces were missing. A dossier whose deadline has not passed, or that misses nothing,
    is listed with why and left as it is."""
    done, refused = [], []
    dossiers = Registration.objects.filter(pk__in=list(registration_ids)).select_related(
        "session__academy", "specialty"
    )
    for registration in dossiers.order_by("number"):
        due = registration.session.documents_due_at
        if now < due:
            refused.append(
                (
                    registration,
                    _("La date limite de dépôt des pièces (%(due)s) n'est pas passée.")
                    % {"due": when_text(due)},
                )
            )
            continue
        missing = [
            label for label, _state in document_selectors.pieces_not_accepted(registration, now=now)
        ]
        if not missing:
            refused.append((registration, _("Aucune pièce requise ne manque à ce dossier.")))
            continue
        comment = _("À la date limite de dépôt des pièces (%(due)s), il manquait : %(pieces)s.") % {
            "due": when_text(due),
            "pieces": "; ".join(missing),
        }
        try:
            done.append(
                dossier_declare_non_compliant(
                    registration=registration,
                    actor=actor,
                    reason_code=NonComplianceReason.MISSING_DOCUMENTS,
                    comment=comment,
                    now=now,
                )
            )
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
    require_office_scope(actor, registration)
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
