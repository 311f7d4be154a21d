"""What the office's dossier page shows: the data of the latest version and what changed between
versions, the documents with their files and decisions, the rules' explanations, the decisions
possible now, the request in progress, the message thread and the dossier's history."""

from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inscriptions import rules as r
from inscriptions.abilities import dossier_abilities
from inscriptions.core.findings import explained
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents.models import DocumentStatus
from inscriptions.notifications import forms as message_forms
from inscriptions.notifications import messages as messaging
from inscriptions.registration import selectors as registration_selectors
from inscriptions.registration.models import Registration

from . import forms, selectors, services
from .models import CompletionRequest

# What the history says of each audit action.
ACTION_LABELS = {
    "registration.start": gettext_lazy("Inscription commencée"),
    "registration.validate": gettext_lazy("Inscription validée"),
    "registration.prefill": gettext_lazy("Données reprises d'une session précédente"),
    "registration.modification_abandoned": gettext_lazy("Modification abandonnée"),
    "document.upload": gettext_lazy("Pièce déposée"),
    "document.replace": gettext_lazy("Pièce remplacée"),
    "document.accepted": gettext_lazy("Pièce acceptée"),
    "document.refused": gettext_lazy("Pièce refusée"),
    "document.requested_again": gettext_lazy("Pièce demandée"),
    "document.scanned_clean": gettext_lazy("Analyse antivirus : aucun virus"),
    "document.infected": gettext_lazy("Analyse antivirus : virus détecté"),
    "document.scan_failed": gettext_lazy("Analyse antivirus impossible"),
    "document.view": gettext_lazy("Pièce consultée par le bureau"),
    "documents.download": gettext_lazy("Pièces téléchargées par le bureau (archive ZIP)"),
    "dossier.declare_compliant": gettext_lazy("Déclaré conforme"),
    "dossier.declare_non_compliant": gettext_lazy("Déclaré non conforme"),
    "dossier.request_completion": gettext_lazy("Demande de compléments"),
    "dossier.answer_completion": gettext_lazy("Réponse du candidat"),
    "dossier.expire_completion": gettext_lazy("Délai de réponse expiré"),
    "dossier.reopen": gettext_lazy("Dossier rouvert"),
    "dossier.withdraw": gettext_lazy("Désistement du candidat"),
    "dossier.closing_reminder": gettext_lazy("Rappel avant la clôture envoyé"),
    "message.send": gettext_lazy("Message"),
    "dossier.view": gettext_lazy("Dossier consulté par le bureau"),
}


# The pieces a completion request asks for by default: never received, refused, or infected.
TO_ASK = {DocumentStatus.MISSING, DocumentStatus.REFUSED, DocumentStatus.INFECTED}


def explanations(registration: Registration, *, now: datetime) -> dict[str, Any]:
    """The rules' decision on the latest version, as the office reviews it today: errors (a
    rule the version no longer meets), warnings and information, each with its source."""
    decision = document_selectors.version_decision(registration, now=now)
    if decision is None:
        return {"findings": [], "units": []}
    findings = explained(decision.findings)
    return {"findings": findings, "units": decision.units}


def _document_forms(lines: list[Any], given: dict[str, Any]) -> dict[str, Any]:
    return {
        line.code: given.get(line.code) or forms.DocumentDecisionForm(prefix=line.code)
        for line in lines
        if line.current is not None and line.current.downloadable
    }


def dossier_context(
    request: HttpRequest, registration: Registration, *, now: datetime, **given: Any
) -> dict[str, Any]:
    abilities = dossier_abilities(request.user, registration)
    versions = list(registration.versions.order_by("-version"))
    comparison = registration_selectors.compare(
        versions, request.GET.get("de"), request.GET.get("a")
    )
    lines = document_selectors.document_lines(registration, now=now)
    document_forms = _document_forms(lines, given.get("document_forms", {}))
    for line in lines:
        line.decision_form = document_forms.get(line.code)  # type: ignore[attr-defined]
    required_codes = [line.code for line in lines if line.required]
    default_due = (now + timedelta(days=15)).date()
    errors = _error_summary(given)
    return {
        "page_title": _("Dossier %(ref)s") % {"ref": registration.reference},
        "registration": registration,
        "abilities": abilities,
        "latest": versions[0] if versions else None,
        "versions": versions,
        "comparison": comparison,
        "lines": lines,
        "explanations": explanations(registration, now=now),
        "open_request": services.open_request(registration),
        "requests": list(
            CompletionRequest.objects.filter(registration=registration).select_related(
                "requested_by"
            )
        ),
        "thread": messaging.thread(registration),
        "history": selectors.history(registration),
        "action_labels": ACTION_LABELS,
        "state_changes": list(registration.state_changes.select_related("actor")),
        "can_compliant": abilities.can(r.Move.DECLARE_COMPLIANT),
        "pieces_not_accepted": document_selectors.pieces_not_accepted(registration, now=now),
        "can_non_compliant": abilities.can(r.Move.DECLARE_NON_COMPLIANT),
        "can_request": abilities.can(r.Move.REQUEST_COMPLETION),
        "can_reopen": abilities.can(r.Move.REOPEN),
        "compliant_form": given.get("compliant_form") or forms.CompliantForm(),
        "non_compliant_form": given.get("non_compliant_form") or forms.NonCompliantForm(),
        "completion_form": given.get("completion_form")
        or forms.CompletionForm(
            document_choices=forms.document_choices(required_codes),
            # The dossier's own pieces come first, those missing or refused already ticked.
            initial={
                "due_on": default_due,
                "documents": [
                    line.code for line in lines if line.required and line.status in TO_ASK
                ],
            },
        ),
        "reopen_form": given.get("reopen_form") or forms.ReopenForm(),
        "message_form": given.get("message_form") or message_forms.MessageForm(),
        "errors": errors,
        "now": now,
    }


def _error_summary(given: dict[str, Any]) -> list[dict[str, str]]:
    """The errors of the form that came back, each linking to its field (RGAA 11.10)."""
    errors = []
    candidates = [value for key, value in given.items() if key.endswith("_form")]
    candidates += list(given.get("document_forms", {}).values())
    for form in candidates:
        for name, messages in form.errors.items():
            field_id = form[name].auto_id if name in form.fields else ""
            for message in messages:
                errors.append({"message": message, "anchor": f"#{field_id}" if field_id else ""})
    return errors
