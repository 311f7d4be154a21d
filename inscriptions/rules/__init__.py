"""The registration rules of the BTS exam: pure, typed, explained and cited.

Plain Python with no Django and no project app (an import-linter contract keeps it so). Rules
take frozen facts (:mod:`.facts`) and return decisions whose findings carry a stable code, a
French message template, its parameters and its source. The single entry point for a complete
candidate is :func:`evaluate_registration`; each topic module also exposes its own rules.
"""

from .academy import Academy, AcademyDecision, AcademyTable, academy_of_residence
from .benefits import benefit_is_valid, benefit_valid_until, benefits_decision
from .category import category_decision
from .civil_status import (
    address_decision,
    civil_status_decision,
    contact_decision,
    locked_last_name_decision,
    postal_code_decision,
)
from .consents import consents_decision
from .deadlines import (
    accommodation_decision,
    document_upload_decision,
    modification_decision,
    office_request_decision,
    registration_window_decision,
    signed_confirmation_lock_decision,
)
from .document_types import DocumentType, document_types
from .documents import RequiredDocument, required_documents
from .dossier_states import Actor, DossierState, Move, moves_from, transition_decision
from .evaluate import RegistrationDecision, evaluate_registration
from .exemptions import exemptions_decision
from .facts import (
    Action,
    Address,
    Attestation,
    BenefitClaim,
    CandidateFacts,
    Category,
    CivilStatus,
    Consents,
    Contact,
    ContinuingSituation,
    DiplomaKind,
    ExamForm,
    ExemptionBasis,
    ExemptionClaim,
    ExistingRegistration,
    HeldDiploma,
    OptionFacts,
    PartialDate,
    PriorAttempt,
    RegistrationFacts,
    SessionFacts,
    SessionSettings,
    SpecialtyFacts,
    Training,
    UnitFacts,
    UnitKind,
)
from .findings import Decision, Finding, Rule, Severity, catalogue
from .form import allowed_forms, exam_form_decision
from .languages import languages_decision
from .registration import (
    existing_registration_decision,
    single_registration_decision,
    specialty_change_decision,
)
from .sources import Source
from .units import UnitPosition, UnitPositionKind, option_decision, units_to_present

__all__ = [
    "Academy",
    "AcademyDecision",
    "AcademyTable",
    "Action",
    "Actor",
    "Address",
    "Attestation",
    "BenefitClaim",
    "CandidateFacts",
    "Category",
    "CivilStatus",
    "Consents",
    "Contact",
    "ContinuingSituation",
    "Decision",
    "DiplomaKind",
    "DocumentType",
    "DossierState",
    "ExamForm",
    "ExemptionBasis",
    "ExemptionClaim",
    "ExistingRegistration",
    "Finding",
    "HeldDiploma",
    "Move",
    "OptionFacts",
    "PartialDate",
    "PriorAttempt",
    "RegistrationDecision",
    "RegistrationFacts",
    "RequiredDocument",
    "Rule",
    "SessionFacts",
    "SessionSettings",
    "Severity",
    "Source",
    "SpecialtyFacts",
    "Training",
    "UnitFacts",
    "UnitKind",
    "UnitPosition",
    "UnitPositionKind",
    "academy_of_residence",
    "accommodation_decision",
    "address_decision",
    "allowed_forms",
    "benefit_is_valid",
    "benefit_valid_until",
    "benefits_decision",
    "catalogue",
    "category_decision",
    "civil_status_decision",
    "consents_decision",
    "contact_decision",
    "document_types",
    "document_upload_decision",
    "evaluate_registration",
    "exam_form_decision",
    "exemptions_decision",
    "existing_registration_decision",
    "languages_decision",
    "locked_last_name_decision",
    "modification_decision",
    "moves_from",
    "office_request_decision",
    "option_decision",
    "postal_code_decision",
    "registration_window_decision",
    "required_documents",
    "signed_confirmation_lock_decision",
    "single_registration_decision",
    "specialty_change_decision",
    "transition_decision",
    "units_to_present",
]
