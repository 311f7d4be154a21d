"""One entry point: every rule for a complete candidate, and the documents they must provide."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .academy import Academy, AcademyTable, academy_of_residence
from .benefits import benefits_decision
from .category import category_decision
from .civil_status import address_decision, civil_status_decision, contact_decision
from .consents import consents_decision
from .dates import paris_date, require_aware
from .deadlines import (
    accommodation_decision,
    modification_decision,
    registration_window_decision,
)
from .documents import RequiredDocument, required_documents
from .exemptions import exemptions_decision
from .facts import (
    Action,
    CandidateFacts,
    ExamForm,
    ExistingRegistration,
    RegistrationFacts,
    SessionFacts,
    SpecialtyFacts,
)
from .findings import Decision, Finding
from .form import exam_form_decision
from .languages import languages_decision
from .registration import single_registration_decision
from .units import UnitPosition, units_to_present


@dataclass(frozen=True, slots=True)
class RegistrationDecision(Decision):
    """Everything the rules decide about one registration.

    ``findings``: errors (blocking), warnings and infos of every rule; ``academy``: the académie
    of residence; ``allowed_forms``: the forms open to the candidate; ``units``: the position of
    each unit (presented, bénéfice kept with its grade, dispense, deferred, optional inscrit or
    not); ``documents``: the required documents with their reasons and due dates.
    """

    academy: Academy | None = None
    allowed_forms: frozenset[ExamForm] = frozenset()
    units: tuple[UnitPosition, ...] = ()
    documents: tuple[RequiredDocument, ...] = ()


def _deadline_findings(action: Action, now: datetime, session: SessionFacts) -> tuple[Finding, ...]:
    if action is Action.SUBMIT:
        return registration_window_decision(now=now, session=session).findings
    if action is Action.MODIFY:
        return modification_decision(now=now, session=session).findings
    return ()


def evaluate_registration(
    *,
    candidate: CandidateFacts,
    registration: RegistrationFacts,
    specialty: SpecialtyFacts,
    session: SessionFacts,
    academies: AcademyTable,
    now: datetime,
    action: Action = Action.SUBMIT,
    other_registrations: Iterable[ExistingRegistration] = (),
) -> RegistrationDecision:
    """Evaluate every registration rule for one candidate at ``now`` (timezone-aware).

    ``action`` decides the deadline that applies: submitting a new registration (the
    registration window), modifying one (until the modification deadline), or reviewing it (no
    deadline: the office works after closing).
    """
    if registration.specialty_code != specialty.code:
        raise ValueError("registration.specialty_code does not match specialty.code")
    require_aware(now, "now")
    today = paris_date(now)
    settings = session.settings
    option_code = registration.option_code
    findings: list[Finding] = list(_deadline_findings(action, now, session))

    academy = academy_of_residence(
        address=candidate.address, academies=academies, session_academy_code=session.academy_code
    )
    findings += academy.findings
    findings += civil_status_decision(civil_status=candidate.civil_status, today=today).findings
    findings += address_decision(address=candidate.address).findings
    findings += contact_decision(contact=candidate.contact).findings
    findings += category_decision(
        candidate=candidate, specialty_code=specialty.code, settings=settings
    ).findings
    form = exam_form_decision(
        category=candidate.category,
        form=registration.form,
        specialty_code=specialty.code,
        last_attempt=candidate.last_attempt,
        exemptions=registration.exemptions,
    )
    findings += form.findings
    benefits = benefits_decision(
        claims=registration.benefits,
        specialty=specialty,
        option_code=option_code,
        form=registration.form,
        exams_start_on=session.exams_start_on,
        today=today,
        settings=settings,
    )
    findings += benefits.findings
    exemptions = exemptions_decision(
        claims=registration.exemptions,
        specialty=specialty,
        option_code=option_code,
        diplomas=candidate.diplomas,
        exams_start_on=session.exams_start_on,
        settings=settings,
        benefit_units=frozenset(benefits.kept),
    )
    findings += exemptions.findings
    units = units_to_present(
        specialty=specialty,
        option_code=option_code,
        form=registration.form,
        presented_units=registration.presented_units,
        optional_units=registration.optional_units,
        kept_benefits=benefits.kept,
        exemptions=exemptions.granted,
        renounced=benefits.renounced,
        settings=settings,
    )
    findings += units.findings
    findings += languages_decision(
        specialty=specialty,
        option_code=option_code,
        compulsory_language=registration.compulsory_language,
        compulsory_language_followed=registration.compulsory_language_followed,
        optional_language=registration.optional_language,
        optional_units=registration.optional_units,
    ).findings
    findings += consents_decision(consents=registration.consents).findings
    findings += single_registration_decision(other_registrations=other_registrations).findings
    findings += accommodation_decision(
        disability_declared=candidate.disability_declared, session=session
    ).findings

    documents = required_documents(
        candidate=candidate,
        registration=registration,
        specialty=specialty,
        session=session,
        now=now,
        presented_units=frozenset(units.presented),
        benefit_units=frozenset(benefits.kept),
        exemption_units=exemptions.granted,
    )
    return RegistrationDecision(
        findings=tuple(findings),
        academy=academy.academy,
        allowed_forms=form.allowed,
        units=units.positions,
        documents=documents,
    )
