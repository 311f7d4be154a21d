"""Required documents: the common ones, then by category and by situation, each with its reason
and due date (000–002 « Pièces à fournir », 003 « Pièces à déposer sur Cyclades »)."""

from dataclasses import dataclass
from datetime import date, datetime

from . import document_types as doc
from .civil_status import partial_date_is_valid
from .dates import paris_date, reached_age
from .document_types import DocumentType
from .facts import (
    FORMER_CATEGORIES,
    Attestation,
    CandidateFacts,
    Category,
    ContinuingSituation,
    RegistrationFacts,
    SessionFacts,
    SpecialtyFacts,
)
from .findings import Finding
from .labels import language_label


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """A document to provide: why (one or more reasons), and by when."""

    code: str
    label: str
    due_at: datetime
    deferred: bool
    reasons: tuple[Finding, ...]


# 002 §III.B.1: R408 comes with the registration file; 003: the Maintenance des systèmes
# attestations are due later (17 January 2025 for session 2025, registration files by
# 20 November 2024).
_ATTESTATIONS: dict[Attestation, tuple[DocumentType, bool]] = {
    Attestation.R408: (doc.R408, False),
    Attestation.ELECTRICAL_RISK: (doc.ELECTRICAL_RISK, True),
    Attestation.FIRST_AID: (doc.FIRST_AID, True),
    Attestation.REFRIGERANT_FLUIDS: (doc.REFRIGERANT_FLUIDS, True),
    Attestation.WORK_AT_HEIGHT: (doc.WORK_AT_HEIGHT, True),
}


class _Checklist:
    """Collects requirements; a document required for several reasons appears once, due at
    the earliest of its dates."""

    def __init__(self, session: SessionFacts) -> None:
        self._session = session
        self._items: dict[str, tuple[DocumentType, datetime, list[Finding]]] = {}

    def require(
        self, document: DocumentType, reason: Finding, *, due_at: datetime | None = None
    ) -> None:
        due = due_at or self._session.documents_due_at
        current = self._items.get(document.code)
        if current is None:
            self._items[document.code] = (document, due, [reason])
        else:
            current[2].append(reason)
            self._items[document.code] = (document, min(current[1], due), current[2])

    def documents(self) -> tuple[RequiredDocument, ...]:
        regular = self._session.documents_due_at
        return tuple(
            RequiredDocument(
                code=document.code,
                label=document.label,
                due_at=due,
                deferred=due > regular,
                reasons=tuple(reasons),
            )
            for document, due, reasons in self._items.values()
        )


def jdc_required(candidate: CandidateFacts, *, on: date, age_limit: int) -> bool:
    """French nationals under ``age_limit`` on the registration date (000–002 « Code du service
    national »). With an unknown day or month, the latest possible birth date is taken: the
    office asks for the certificate rather than miss it."""
    civil_status = candidate.civil_status
    if not civil_status.french_national:
        return False
    birth = civil_status.birth_date
    if birth is None or not partial_date_is_valid(birth):
        return True
    return not reached_age(birth.latest(), age_limit, on)


def _category_documents(
    checklist: _Checklist, candidate: CandidateFacts, session: SessionFacts
) -> None:
    category = candidate.category
    training = candidate.training
    if category is Category.DISTANCE_SCHOOL:
        checklist.require(doc.SCHOOL_CERTIFICATES, doc.WHY_SCHOOL_CERTIFICATES.finding())
        _internships(checklist, candidate, session)
    if category in (Category.DISTANCE_APPRENTICE, Category.DISTANCE_CONTINUING):
        checklist.require(doc.TRAINING_ATTENDANCE, doc.WHY_ATTENDANCE.finding())
    if category in (Category.DISTANCE_APPRENTICE, Category.FORMER_APPRENTICE):
        checklist.require(doc.APPRENTICESHIP_CONTRACT, doc.WHY_APPRENTICESHIP.finding())
    if category is Category.DISTANCE_APPRENTICE:
        checklist.require(doc.EMPLOYER_ATTESTATION, doc.WHY_EMPLOYER.finding())
    if category in (Category.DISTANCE_CONTINUING, Category.FORMER_CONTINUING):
        situation = training.continuing_situation
        if situation is ContinuingSituation.PROFESSIONALISATION_CONTRACT:
            reason = doc.WHY_PROFESSIONALISATION.finding()
            checklist.require(doc.PROFESSIONALISATION_CONTRACT, reason)
            checklist.require(doc.PROFESSIONALISATION_WORK_CERTIFICATE, reason)
        elif situation is ContinuingSituation.FURTHER_TRAINING:
            checklist.require(doc.EMPLOYMENT_CONTRACT, doc.WHY_EMPLOYMENT_CONTRACT.finding())
            if category is Category.DISTANCE_CONTINUING:
                checklist.require(doc.INTERNSHIP_OR_WORK, doc.WHY_FURTHER_TRAINING.finding())
        elif situation is not None and category is Category.DISTANCE_CONTINUING:
            _internships(checklist, candidate, session)
    if category is Category.PROFESSIONAL_EXPERIENCE:
        reason = doc.WHY_EXPERIENCE.finding(years=session.settings.experience_years)
        if candidate.self_employed:
            checklist.require(doc.SELF_EMPLOYED_REGISTRATION, doc.WHY_SELF_EMPLOYED.finding())
        else:
            checklist.require(doc.WORK_CERTIFICATES, reason)


def _internships(checklist: _Checklist, candidate: CandidateFacts, session: SessionFacts) -> None:
    if candidate.training.internship_completed is False:
        # 000–002 FAQ: a distance learner who has not done the internship yet gives the
        # agreement now and the attestations as soon as the internship ends.
        checklist.require(doc.INTERNSHIP_AGREEMENT, doc.WHY_AGREEMENT.finding())
        due = session.internship_attestations_deadline
        reason = doc.WHY_INTERNSHIPS_LATER.finding(due_at=due)
        checklist.require(doc.INTERNSHIP_ATTESTATIONS, reason, due_at=due)
    else:
        checklist.require(doc.INTERNSHIP_ATTESTATIONS, doc.WHY_INTERNSHIPS.finding())


def _specialty_documents(
    checklist: _Checklist, specialty: SpecialtyFacts, option_code: str | None, session: SessionFacts
) -> None:
    option = specialty.option(option_code)
    attestations = specialty.attestations | (option.attestations if option else frozenset())
    name = specialty.title if option is None else f"{specialty.title} ({option.label})"
    for attestation, (document, late) in _ATTESTATIONS.items():
        if attestation not in attestations:
            continue
        if late:
            due = session.late_documents_deadline
            reason = doc.WHY_SPECIALTY_ATTESTATION.finding(specialty=name, due_at=due)
            checklist.require(document, reason, due_at=due)
        else:
            checklist.require(document, doc.WHY_R408.finding(specialty=name))


def required_documents(
    *,
    candidate: CandidateFacts,
    registration: RegistrationFacts,
    specialty: SpecialtyFacts,
    session: SessionFacts,
    now: datetime,
    presented_units: frozenset[str],
    benefit_units: frozenset[str],
    exemption_units: frozenset[str],
) -> tuple[RequiredDocument, ...]:
    """Every document this candidate must provide, with its reasons and due date.

    ``presented_units``, ``benefit_units`` and ``exemption_units`` are the units presented this
    session, kept by bénéfice and exempted, as ``units_to_present`` and the bénéfice and
    dispense rules decided them.
    """
    settings = session.settings
    checklist = _Checklist(session)
    if settings.signed_confirmation_required:
        checklist.require(doc.CONFIRMATION, doc.WHY_CONFIRMATION.finding())
    checklist.require(doc.IDENTITY, doc.WHY_IDENTITY.finding())
    registered_on = paris_date(registration.submitted_at or now)
    if jdc_required(candidate, on=registered_on, age_limit=settings.jdc_age_limit):
        checklist.require(doc.JDC, doc.WHY_JDC.finding(age_limit=settings.jdc_age_limit))
    if candidate.category in FORMER_CATEGORIES or candidate.last_attempt is not None:
        checklist.require(doc.TRANSCRIPT, doc.WHY_FORMER_TRANSCRIPT.finding())
        internship_units = sorted(
            unit.code
            for unit in specialty.compulsory_units(registration.option_code)
            if unit.requires_internship and unit.code in presented_units
        )
        if internship_units:
            reason = doc.WHY_FORMER_INTERNSHIP.finding(units=", ".join(internship_units))
            checklist.require(doc.INTERNSHIP_OR_WORK, reason)
    _category_documents(checklist, candidate, session)
    if candidate.training.positioning_decision:
        checklist.require(doc.POSITIONING_DECISION, doc.WHY_POSITIONING.finding())
    if benefit_units:
        reason = doc.WHY_BENEFIT_TRANSCRIPT.finding(units=", ".join(sorted(benefit_units)))
        checklist.require(doc.TRANSCRIPT, reason)
    if exemption_units:
        reason = doc.WHY_EXEMPTION.finding(units=", ".join(sorted(exemption_units)))
        checklist.require(doc.EXEMPTION_PROOF, reason)
    _specialty_documents(checklist, specialty, registration.option_code, session)
    engagement = any(
        unit.engagement and unit.code in registration.optional_units
        for unit in specialty.optional_units(registration.option_code)
    )
    if engagement:
        checklist.require(doc.ENGAGEMENT_FORM, doc.WHY_ENGAGEMENT.finding())
    language = registration.compulsory_language
    if (
        specialty.compulsory_languages
        and language is not None
        and language not in settings.languages_without_proof
    ):
        reason = doc.WHY_LANGUAGE.finding(language=language_label(language))
        checklist.require(doc.LANGUAGE_PROOF, reason)
    return checklist.documents()
