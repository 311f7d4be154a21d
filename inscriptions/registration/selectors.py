"""Reading dossiers for the candidate space."""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from inscriptions import rules as r
from inscriptions.abilities import dossier_scope
from inscriptions.catalog import facts as catalog_facts
from inscriptions.catalog.models import Specialty

from . import facts, steps, summary
from .models import Registration, RegistrationVersion, State
from .services import signature_lock, validation_action


def dossiers_in_scope(user: Any) -> QuerySet[Registration]:
    """The validated dossiers an office member may see (none for anyone else): exactly those
    for which ``abilities.dossier_abilities(user, dossier).office`` is true."""
    # Validated dossiers only; "number is not null" also lets the database walk the partial
    # unique index (session, number) in order, so a screen of the queue reads 50 rows, not all.
    dossiers = Registration.objects.exclude(state=State.DRAFT).filter(number__isnull=False)
    scope = dossier_scope(user)
    return dossiers.none() if scope is None else dossiers.filter(scope)


def registrations_of(user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(candidate=user)
        .select_related("session__academy", "specialty")
        .order_by("-session__exam_year")
    )


def modification_deadline(registration: Registration) -> datetime:
    return catalog_facts.session_facts(registration.session).modification_deadline


def is_editable(registration: Registration, *, now: datetime) -> bool:
    """A draft while registration is open; a validated dossier until modifications close
    (000 FAQ), or while the office waits for corrections; never once withdrawn or decided, nor
    once the signed confirmation is returned where the session locks it (003)."""
    if signature_lock(registration):
        return False
    if registration.state == State.TO_COMPLETE and registration.completion_due_at:
        # Corrections asked by the office, until the deadline it gave (002 §II ④).
        return not r.office_request_decision(now=now, due_at=registration.completion_due_at).errors
    if registration.state not in {State.DRAFT, State.SUBMITTED}:
        return False
    session = catalog_facts.session_facts(registration.session)
    if registration.number is None:
        return not r.registration_window_decision(now=now, session=session).errors
    return not r.modification_decision(now=now, session=session).errors


def decision_for(registration: Registration, *, now: datetime) -> r.RegistrationDecision:
    return facts.evaluate(registration, now=now, action=validation_action(registration))


def specialty_change_findings(registration: Registration) -> tuple[r.Finding, ...]:
    """A modification in progress that names another specialty or option than the version in
    force: said on the recap, before validation."""
    last = registration.versions.order_by("-version").only("summary").first()
    if last is None or registration.specialty is None:
        return ()
    if last.summary.get("specialty_id") == registration.specialty_id:
        return ()
    before = last.summary.get("specialty_label") or str(
        Specialty.objects.filter(pk=last.summary.get("specialty_id")).first() or ""
    )
    return r.specialty_change_decision(before=before, after=str(registration.specialty)).findings


def step_url_for(registration: Registration, finding: r.Finding) -> str:
    """The screen where the candidate can correct what a finding is about."""
    root = (finding.field or "").split(".")[0]
    for step in steps.applicable_steps(registration):
        if any(path.split(".")[0] == root for path in step.paths):
            return reverse("registration:step", args=[registration.pk, step.name])
    return ""


def compare(
    versions: list[RegistrationVersion], first: str | None, second: str | None
) -> dict[str, Any] | None:
    """What changed between two versions (by default, the last two)."""
    by_number = {str(version.version): version for version in versions}
    if first in by_number and second in by_number:
        before, after = by_number[first], by_number[second]
    elif len(versions) >= 2:
        after, before = versions[0], versions[1]
    else:
        return None
    return {
        "before": before,
        "after": after,
        "changes": summary.differences(_lines(before), _lines(after)),
    }


def _lines(version: RegistrationVersion) -> list[list[str]]:
    units = [
        [
            "Épreuves",
            f"{unit['code']} — {unit['title']}",
            f"{unit['position_label']} {unit['detail']}".strip(),
        ]
        for unit in version.summary.get("units", [])
    ]
    return [*version.summary.get("rows", []), *units]


def initials(version: RegistrationVersion) -> str:
    """Enough to recognise the document on the public check, nothing more (no full name)."""
    identity = version.answers.get("identity", {})
    last, first = identity.get("last_name", ""), identity.get("first_name_1", "")
    return f"{first[:1]}. {last[:1]}.".strip() if last or first else ""


def own_registration_or_404(request: Any, pk: int, *related: str) -> Registration:
    """The candidate's own dossier; anybody else's is a 404, never a 403 (ASVS 4.2.1), and the
    refused access goes to the audit log."""
    from django.http import Http404

    from inscriptions.core import evidence

    registration = (
        Registration.objects.select_related(*related)
        .filter(pk=pk, candidate_id=request.user.pk)
        .first()
    )
    if registration is None:
        if Registration.objects.filter(pk=pk).exists():
            evidence.access_refused(request, object_type="registration.registration", object_id=pk)
        raise Http404
    return registration
