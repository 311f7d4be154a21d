"""The candidate space: dashboard, wizard screens, recap and validation, confirmations."""

from typing import Any, cast

from django.contrib import messages
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from inscriptions import rules as r
from inscriptions.accounts.decorators import candidate_required
from inscriptions.accounts.models import User
from inscriptions.catalog.models import ExamSession
from inscriptions.core.findings import explained, finding_source, finding_text

from . import confirmation, selectors, services, steps, summary
from .models import Registration, RegistrationVersion


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _own_registration(request: HttpRequest, pk: int) -> Registration:
    return selectors.own_registration_or_404(request, pk, "session__academy", "specialty")


def _error_items(form: Any) -> list[dict[str, str]]:
    items = [{"anchor": "", "message": str(error)} for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        # A radio group or a list of boxes is reached through its first choice.
        field_id = form[name].auto_id
        if isinstance(form[name].field.widget, (RadioSelect, CheckboxSelectMultiple)):
            field_id = f"{field_id}_0"
        items += [{"anchor": f"#{field_id}", "message": str(error)} for error in errors]
    return items


def _attach_findings(form: Any, found: tuple[r.Finding, ...], context: dict[str, Any]) -> None:
    """Each blocking finding beside its field, or at the top of the form when it has none."""
    unit_index = {unit.code: i for i, unit in enumerate(context.get("units", ()))}
    for finding in found:
        if finding.severity is not r.Severity.ERROR:
            continue
        name = form.field_for_path(finding.field or "")
        unit = finding.params.get("unit")
        if isinstance(unit, str) and unit in unit_index:
            name = f"u{unit_index[unit]}_choice"
        form.add_error(name if name in form.fields else None, finding_text(finding))


def _progress(registration: Registration, current: str) -> dict[str, Any]:
    # Counted with the screens the specialty will open, so the total does not jump mid-way.
    applicable = steps.counted_steps(registration)
    names = [step.name for step in applicable]
    index = names.index(current) + 1 if current in names else len(names) + 1
    following = applicable[index] if index < len(applicable) else None
    return {
        "index": index,
        "total": len(applicable) + 1,
        "next_title": following.title if following else _("Récapitulatif"),
    }


@candidate_required
@require_http_methods(["POST"])
def start(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(ExamSession, pk=session_id)
    try:
        registration, created = services.registration_begin(
            candidate=_user(request), session=session, now=timezone.now()
        )
    except services.RegistrationRefused as refused:
        for finding in refused.findings:
            messages.error(request, finding_text(finding))
        return redirect("candidates:dashboard")
    if not created:
        # One registration per session (000–002 FAQ): the candidate is told, and led to the
        # dossier they already have, rather than silently into it.
        for finding in services.existing_registration_findings(registration):
            messages.error(
                request,
                _("%(text)s (source : %(source)s)")
                % {"text": finding_text(finding), "source": finding_source(finding)},
            )
        return redirect("candidates:detail", pk=registration.pk)
    return redirect(_resume_url(registration))


def _resume_url(registration: Registration) -> str:
    names = [step.name for step in steps.applicable_steps(registration)]
    step = registration.current_step if registration.current_step in names else names[0]
    if registration.current_step == "recapitulatif":
        return reverse("registration:recap", args=[registration.pk])
    return reverse("registration:step", args=[registration.pk, step])


@candidate_required
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(_resume_url(_own_registration(request, pk)))


@never_cache
@candidate_required
def step_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    registration = _own_registration(request, pk)
    step = steps.STEP_BY_NAME.get(name)
    if step is None or step not in steps.applicable_steps(registration):
        raise Http404
    if not selectors.is_editable(registration, now=timezone.now()):
        return redirect("candidates:detail", pk=registration.pk)
    now = timezone.now()
    context = steps.form_context(registration, step, now=now)
    previous, following = steps.neighbours(registration, name)
    if request.method == "POST":
        action = request.POST.get("action", "next")
        if action == "abandon":
            return redirect("registration:abandon", pk=registration.pk)
        form = step.form_class(request.POST, context=context)
        if form.is_valid():
            if step.name == "specialite":
                # The specialty opens the screens that depend on it (form, acquis, units).
                registration.specialty = form.cleaned_data["specialty"]
                previous, following = steps.neighbours(registration, name)
            target = following.name if following else "recapitulatif"
            registration = services.registration_save_step(
                registration=registration,
                step=steps.ANSWER_KEYS[name],
                values=_prefill(registration, step, form),
                next_step=target if action == "next" else name,
                now=now,
            )
            if action == "back" and previous:
                return redirect("registration:step", pk=registration.pk, name=previous.name)
            found = steps.findings_for(registration, step, now=now)
            if action == "next" and not any(f.severity is r.Severity.ERROR for f in found):
                if following:
                    return redirect("registration:step", pk=registration.pk, name=following.name)
                return redirect("registration:recap", pk=registration.pk)
            _attach_findings(form, found, context)
        elif action == "back" and previous:
            return redirect("registration:step", pk=registration.pk, name=previous.name)
    else:
        form = step.form_class(initial=steps.initial(registration, step, context), context=context)
    return render(
        request,
        "registration/step.html",
        {
            # RGAA 8.6: the title says at once that the screen came back with errors.
            "page_title": (
                _("Erreur : %(title)s") % {"title": step.title}
                if form.is_bound and form.errors
                else step.title
            ),
            "registration": registration,
            "step": step,
            "form": form,
            "errors": _error_items(form) if form.is_bound else [],
            "previous": previous,
            "progress": _progress(registration, name),
        },
        status=422 if form.is_bound and form.errors else 200,
    )


def _prefill(registration: Registration, step: steps.Step, form: Any) -> dict[str, Any]:
    values: dict[str, Any] = form.answers()
    if step.name == "debut" and values.get("returning") == "yes":
        services.registration_prefill_from_record(
            registration=registration,
            candidate_number=values.get("candidate_number", ""),
            birth_date=form.cleaned_data.get("birth_date"),
        )
    return values


@never_cache
@candidate_required
def recap(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own_registration(request, pk)
    now = timezone.now()
    if not selectors.is_editable(registration, now=now):
        return redirect("candidates:detail", pk=registration.pk)
    if registration.specialty_id is None:
        return redirect(_resume_url(registration))
    refused: tuple[r.Finding, ...] = ()
    if request.method == "POST":
        try:
            version = services.registration_validate(
                registration=registration, actor=_user(request), now=now
            )
        except services.RegistrationRefused as error:
            refused = error.findings
        else:
            return redirect("registration:done", pk=registration.pk, version=version.version)
    decision = selectors.decision_for(registration, now=now)
    errors = refused or decision.errors
    return render(
        request,
        "registration/recap.html",
        {
            "page_title": _("Récapitulatif"),
            "registration": registration,
            "rows": summary.rows(registration.answers, registration),
            "units": summary.unit_lines(decision),
            "documents": summary.document_lines(decision),
            "errors": [
                {
                    "message": finding_text(f),
                    "source": finding_source(f),
                    "url": selectors.step_url_for(registration, f),
                }
                for f in errors
            ],
            # What the rules say of the answers, as the office's page shows it: warnings, then
            # what is good to know, each with its source.
            "explanations": explained(
                (
                    *selectors.specialty_change_findings(registration),
                    *decision.warnings,
                    *decision.infos,
                )
            ),
            "progress": {
                "index": len(steps.applicable_steps(registration)) + 1,
                "total": len(steps.applicable_steps(registration)) + 1,
            },
        },
        status=422 if refused else 200,
    )


@candidate_required
def done(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    registration = _own_registration(request, pk)
    validated = get_object_or_404(RegistrationVersion, registration=registration, version=version)
    return render(
        request,
        "registration/done.html",
        {
            "page_title": _("Inscription validée"),
            "registration": registration,
            "version": validated,
        },
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def abandon(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own_registration(request, pk)
    if request.method == "POST":
        remaining = services.registration_abandon(registration=registration, actor=_user(request))
        if remaining is None:
            messages.info(request, _("Votre inscription en cours a été abandonnée."))
        else:
            messages.info(request, _("Votre modification a été abandonnée."))
        return redirect("candidates:dashboard")
    return render(
        request,
        "registration/abandon.html",
        {"page_title": _("Abandonner"), "registration": registration},
    )


@never_cache
@candidate_required
def confirmation_pdf(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    registration = _own_registration(request, pk)
    validated = get_object_or_404(RegistrationVersion, registration=registration, version=version)
    data = confirmation.store_confirmation(validated)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{confirmation.confirmation_file_name(validated)}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public: is this confirmation authentic, and is it the current version?"""
    version = get_object_or_404(
        RegistrationVersion.objects.select_related("registration__session__academy"),
        verification_token=token,
    )
    registration = version.registration
    return render(
        request,
        "registration/verify.html",
        {
            "page_title": _("Vérification d'une confirmation d'inscription"),
            "version": version,
            "registration": registration,
            "current": registration.version == version.version,
            "initials": selectors.initials(version),
        },
    )
