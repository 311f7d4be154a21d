"""The registration wizard as a list of steps (seed 004, screen by screen).

Each step knows its form, whether it applies to this dossier, what its form needs to know (the
units of the chosen specialty…), and which of the rules' findings belong to it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inscriptions import rules as r
from inscriptions.catalog import facts as catalog_facts
from inscriptions.core.findings import finding_source, finding_text
from inscriptions.rules import facts as rf

from . import facts, forms, prefill
from .models import Registration


@dataclass(frozen=True)
class Step:
    name: str
    title: Any
    form_class: type[forms.StepForm]
    # The facts' attribute paths whose findings are shown on this screen.
    paths: tuple[str, ...] = ()
    applies: Callable[[Registration], bool] = field(default=lambda registration: True)


def _has_specialty(registration: Registration) -> bool:
    return registration.specialty_id is not None


def _is_new_draft(registration: Registration) -> bool:
    return registration.number is None


STEPS: tuple[Step, ...] = (
    Step("debut", gettext_lazy("Début de l'inscription"), forms.StartForm, applies=_is_new_draft),
    Step(
        "identite",
        gettext_lazy("État civil et coordonnées"),
        forms.IdentityForm,
        paths=("civil_status", "address", "contact"),
    ),
    Step(
        "situation",
        gettext_lazy("Situation du candidat"),
        forms.SituationForm,
        paths=(
            "category",
            "training",
            "professional_experience_months",
            "last_attempt",
            "disability_declared",
        ),
    ),
    Step("etablissement", gettext_lazy("Établissement"), forms.EstablishmentForm),
    Step(
        "specialite",
        gettext_lazy("Spécialité"),
        forms.SpecialtyForm,
        paths=("specialty_code", "option_code"),
    ),
    Step(
        "forme",
        gettext_lazy("Forme de passage"),
        forms.FormForm,
        paths=("form",),
        applies=_has_specialty,
    ),
    Step(
        "publication",
        gettext_lazy("Publication des résultats"),
        forms.ConsentsForm,
        paths=("consents",),
    ),
    Step(
        "acquis",
        gettext_lazy("Acquis : bénéfices et dispenses"),
        forms.AcquisForm,
        paths=("benefits", "exemptions"),
        applies=_has_specialty,
    ),
    Step(
        "epreuves",
        gettext_lazy("Épreuves et langues"),
        forms.UnitsForm,
        paths=(
            "presented_units",
            "optional_units",
            "compulsory_language",
            "compulsory_language_followed",
            "optional_language",
        ),
        applies=_has_specialty,
    ),
)
STEP_BY_NAME = {step.name: step for step in STEPS}
ANSWER_KEYS = {
    "debut": "start",
    "identite": "identity",
    "situation": "situation",
    "etablissement": "establishment",
    "specialite": "specialty",
    "forme": "form",
    "publication": "consents",
    "acquis": "acquis",
    "epreuves": "units",
}


def applicable_steps(registration: Registration) -> list[Step]:
    return [step for step in STEPS if step.applies(registration)]


def counted_steps(registration: Registration) -> list[Step]:
    """The steps shown in the progress indicator: those that apply, and those that will once
    the specialty is chosen."""
    return [step for step in STEPS if step.applies is _has_specialty or step.applies(registration)]


def neighbours(registration: Registration, name: str) -> tuple[Step | None, Step | None]:
    steps = applicable_steps(registration)
    names = [step.name for step in steps]
    index = names.index(name)
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    return previous, following


def form_context(registration: Registration, step: Step, *, now: datetime) -> dict[str, Any]:
    """What a screen's form needs to know, read from the catalogue and the rules."""
    context: dict[str, Any] = {"session": registration.session}
    if step.name == "identite":
        record = registration.answers.get(prefill.PRIOR_RECORD, {})
        if prefill.recorded_last_name(registration.answers):
            academy = registration.session.academy
            context["locked_last_name"] = {
                "last_name": record["last_name"],
                "exam_year": record.get("exam_year", ""),
                "reach": ", ".join(
                    value for value in (academy.office_email, academy.office_phone) if value
                ),
            }
        return context
    if step.name == "etablissement":
        answers = registration.answers
        context["category"] = answers.get("situation", {}).get("category") or None
        context["returning"] = answers.get("start", {}).get("returning") == "yes"
        return context
    if registration.specialty_id is None or step.name not in {"forme", "acquis", "epreuves"}:
        return context
    dossier = facts.dossier_facts(registration, now=now)
    specialty, registration_facts = dossier.specialty, dossier.registration
    if specialty is None or registration_facts is None:
        return context
    option = registration_facts.option_code
    if step.name == "forme":
        context["unavailable_forms"] = unavailable_forms(dossier, specialty.code)
    elif step.name == "acquis":
        context["units"] = specialty.compulsory_units(option)
    else:
        context["progressive"] = registration_facts.form is rf.ExamForm.PROGRESSIVE
        context["presentable_units"] = [
            (unit.code, f"{unit.code} — {unit.title}")
            for unit in specialty.compulsory_units(option)
        ]
        context["optional_units"] = [
            (unit.code, f"{unit.code} — {unit.title}") for unit in specialty.optional_units(option)
        ]
        context["languages"] = list(specialty.compulsory_languages)
        context["optional_languages"] = list(specialty.optional_languages)
    return context


def unavailable_forms(dossier: facts.DossierFacts, specialty_code: str) -> dict[str, str]:
    """Each form of examination this candidate may not choose, with the rule's explanation and
    its source: what the screen says beside the disabled choice."""
    registration_facts = dossier.registration
    exemptions = registration_facts.exemptions if registration_facts else ()
    reasons = {}
    for form in rf.ExamForm:
        refused = r.exam_form_decision(
            category=dossier.candidate.category,
            form=form,
            specialty_code=specialty_code,
            last_attempt=dossier.candidate.last_attempt,
            exemptions=exemptions,
        ).errors
        if refused:
            reasons[form.value] = " ".join(
                _("%(text)s (source : %(source)s)")
                % {"text": finding_text(f), "source": finding_source(f)}
                for f in refused
            )
    return reasons


def initial(registration: Registration, step: Step, context: dict[str, Any]) -> dict[str, Any]:
    answers = registration.answers.get(ANSWER_KEYS[step.name], {})
    if step.form_class is forms.AcquisForm:
        return forms.AcquisForm.initial_from(answers, context.get("units", ()))
    return dict(answers)


def findings_for(registration: Registration, step: Step, *, now: datetime) -> tuple[r.Finding, ...]:
    """The rules' findings about this screen's answers (errors block, warnings inform)."""
    if not step.paths:
        return ()
    dossier = facts.dossier_facts(registration, now=now)
    if dossier.registration is not None and dossier.specialty is not None:
        decision = r.evaluate_registration(
            candidate=dossier.candidate,
            registration=dossier.registration,
            specialty=dossier.specialty,
            session=dossier.session,
            academies=catalog_facts.academy_table(),
            now=now,
            action=rf.Action.REVIEW,
        )
        found = decision.findings
    else:
        found = _findings_before_specialty(dossier, registration, now=now)
    return tuple(
        finding
        for finding in found
        if finding.field
        and finding.field.split(".")[0] in {p.split(".")[0] for p in step.paths}
        and finding.severity is not r.Severity.INFO
    )


def _findings_before_specialty(
    dossier: facts.DossierFacts, registration: Registration, *, now: datetime
) -> tuple[r.Finding, ...]:
    candidate = dossier.candidate
    found = [
        *r.civil_status_decision(civil_status=candidate.civil_status, today=now.date()).findings,
        *r.address_decision(address=candidate.address).findings,
        *r.contact_decision(contact=candidate.contact).findings,
        *r.academy_of_residence(
            address=candidate.address,
            academies=catalog_facts.academy_table(),
            session_academy_code=registration.session.academy.code,
        ).findings,
        *r.category_decision(
            candidate=candidate, specialty_code=None, settings=dossier.session.settings
        ).findings,
    ]
    return tuple(found)
