"""The inputs of the rules: frozen facts about a candidate, a registration, a specialty, a session.

One adapter, in the app that owns the dossier, builds these from the models. Enum values are
stable lowercase English codes meant to be stored as ``TextChoices`` values (French labels are in
:mod:`inscriptions.rules.labels`). Attribute names are also the ``field`` names findings point to
(``civil_status.first_names``, ``address.postal_code``, ``form``…), so the wizard can show a
message beside the right field."""

from .candidate import (
    Address,
    BenefitClaim,
    CandidateFacts,
    CivilStatus,
    Consents,
    Contact,
    ExemptionClaim,
    HeldDiploma,
    PartialDate,
    PriorAttempt,
    RegistrationFacts,
    Training,
)
from .catalogue import (
    ROUTE_OF_CATEGORY,
    SETTING_SOURCES,
    ExistingRegistration,
    OptionFacts,
    SessionFacts,
    SessionSettings,
    SpecialtyFacts,
    UnitFacts,
)
from .kinds import (
    DISTANCE_CATEGORIES,
    FORMER_CATEGORIES,
    Action,
    Attestation,
    Category,
    ContinuingSituation,
    DiplomaKind,
    ExamForm,
    ExemptionBasis,
    TrainingRoute,
    UnitKind,
)

__all__ = [
    "DISTANCE_CATEGORIES",
    "FORMER_CATEGORIES",
    "ROUTE_OF_CATEGORY",
    "SETTING_SOURCES",
    "Action",
    "Address",
    "Attestation",
    "BenefitClaim",
    "CandidateFacts",
    "Category",
    "CivilStatus",
    "Consents",
    "Contact",
    "ContinuingSituation",
    "DiplomaKind",
    "ExamForm",
    "ExemptionBasis",
    "ExemptionClaim",
    "ExistingRegistration",
    "HeldDiploma",
    "OptionFacts",
    "PartialDate",
    "PriorAttempt",
    "RegistrationFacts",
    "SessionFacts",
    "SessionSettings",
    "SpecialtyFacts",
    "Training",
    "TrainingRoute",
    "UnitFacts",
    "UnitKind",
]
