"""The inputs of the rules: frozen facts about a candidate, a registration, a specialty, a session.

One adapter, in the app that owns the dossier, builds these from the models. Enum values are
stable lowercase English codes meant to be stored as ``TextChoices`` values (French labels are in
:mod:`inscriptions.rules.labels`). Attribute names are also the ``field`` names findings point to
(``civil_status.first_names``, ``address.postal_code``, ``form``…), so the wizard can show a
message beside the right field.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from . import sources as src
from .sources import Source


class Category(StrEnum):
    """Category of candidate (000–002 §I, 003 « Modalités réglementaires »).

    There is no "candidat libre" (000 FAQ): a candidate belongs to one of these. Candidates who
    failed a previous session and no longer train in an establishment register as ex-scolaire,
    ex-apprenti or ex-formation continue (003); distance learning (CNED…) covers the three
    training routes (003 « Précision »).
    """

    FORMER_SCHOOL = "former_school"
    FORMER_APPRENTICE = "former_apprentice"
    FORMER_CONTINUING = "former_continuing"
    DISTANCE_SCHOOL = "distance_school"
    DISTANCE_APPRENTICE = "distance_apprentice"
    DISTANCE_CONTINUING = "distance_continuing"
    PROFESSIONAL_EXPERIENCE = "professional_experience"


class TrainingRoute(StrEnum):
    """The way the BTS was prepared (003 « Modalités réglementaires »)."""

    SCHOOL = "school"
    APPRENTICESHIP = "apprenticeship"
    CONTINUING = "continuing"
    EXPERIENCE = "experience"


ROUTE_OF_CATEGORY: dict[Category, TrainingRoute] = {
    Category.FORMER_SCHOOL: TrainingRoute.SCHOOL,
    Category.DISTANCE_SCHOOL: TrainingRoute.SCHOOL,
    Category.FORMER_APPRENTICE: TrainingRoute.APPRENTICESHIP,
    Category.DISTANCE_APPRENTICE: TrainingRoute.APPRENTICESHIP,
    Category.FORMER_CONTINUING: TrainingRoute.CONTINUING,
    Category.DISTANCE_CONTINUING: TrainingRoute.CONTINUING,
    Category.PROFESSIONAL_EXPERIENCE: TrainingRoute.EXPERIENCE,
}
FORMER_CATEGORIES = frozenset(
    {Category.FORMER_SCHOOL, Category.FORMER_APPRENTICE, Category.FORMER_CONTINUING}
)
DISTANCE_CATEGORIES = frozenset(
    {Category.DISTANCE_SCHOOL, Category.DISTANCE_APPRENTICE, Category.DISTANCE_CONTINUING}
)


class ExamForm(StrEnum):
    """Form of examination (003 « Les différentes formes de passage »)."""

    GLOBAL = "global"
    PROGRESSIVE = "progressive"


class ContinuingSituation(StrEnum):
    """Situation of a formation-continue candidate (002 §IV.B, 003 « Pièces à déposer »)."""

    PROFESSIONALISATION_CONTRACT = "professionalisation_contract"
    FURTHER_TRAINING = "further_training"
    FIRST_TRAINING = "first_training"
    RETRAINING = "retraining"


class UnitKind(StrEnum):
    """Kind of unit in the specialty's règlement d'examen."""

    GENERAL = "general"
    PROFESSIONAL = "professional"
    OPTIONAL = "optional"


class DiplomaKind(StrEnum):
    """Kind of diploma held, for dispenses (003 « Les dispenses d'épreuves »)."""

    BTS = "bts"
    DUT = "dut"
    NATIONAL = "national"
    FOREIGN = "foreign"


class ExemptionBasis(StrEnum):
    """What a requested dispense rests on."""

    DIPLOMA = "diploma"
    VAE = "vae"
    GENERAL_CULTURE_BENEFIT = "general_culture_benefit"


class Attestation(StrEnum):
    """Training attestations the catalogue flags per specialty or option (002 §III.B.1, 003)."""

    R408 = "r408"
    ELECTRICAL_RISK = "electrical_risk"
    FIRST_AID = "first_aid"
    REFRIGERANT_FLUIDS = "refrigerant_fluids"
    WORK_AT_HEIGHT = "work_at_height"


class Action(StrEnum):
    """What the candidate or the office is doing, which decides the deadline that applies."""

    SUBMIT = "submit"
    MODIFY = "modify"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A birth date whose day and month may be unknown: ``0`` means unknown (004 « 00/00 »)."""

    year: int
    month: int = 0
    day: int = 0

    def earliest(self) -> date:
        """First possible day (structure must be valid, see ``civil_status``)."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """Last possible day (structure must be valid, see ``civil_status``)."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


@dataclass(frozen=True, slots=True)
class CivilStatus:
    last_name: str
    first_names: tuple[str, ...]
    birth_date: PartialDate | None
    french_national: bool
    usage_name: str = ""
    born_abroad: bool = False
    birth_department: str | None = None
    birth_municipality: str | None = None
    birth_arrondissement: int | None = None
    birth_country: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """Residence address. Abroad: postal code 99999, the real one in ``place``, country in
    ``locality`` (004 « Lieu de résidence »)."""

    street: str
    postal_code: str
    locality: str
    abroad: bool = False
    department: str | None = None
    place: str = ""


@dataclass(frozen=True, slots=True)
class Contact:
    email: str
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Training:
    """How a distance or formation-continue candidate is trained."""

    year: int | None = None
    positioning_decision: bool = False
    continuing_situation: ContinuingSituation | None = None
    internship_completed: bool | None = None


@dataclass(frozen=True, slots=True)
class PriorAttempt:
    """The candidate's last session presented (and not passed) for a BTS."""

    specialty_code: str
    session_year: int
    form: ExamForm


@dataclass(frozen=True, slots=True)
class HeldDiploma:
    """A diploma the candidate holds; ``level`` is the national framework level (5 = bac+2)."""

    kind: DiplomaKind
    level: int | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    """Who the candidate is: civil status, contact, category, history."""

    civil_status: CivilStatus
    address: Address
    contact: Contact
    category: Category | None
    training: Training = Training()
    professional_experience_months: int | None = None
    last_attempt: PriorAttempt | None = None
    diplomas: tuple[HeldDiploma, ...] = ()
    disability_declared: bool = False


@dataclass(frozen=True, slots=True)
class BenefitClaim:
    """A grade the candidate declares (004 « Saisie des acquis »): kept or renounced."""

    unit_code: str
    grade: Decimal
    obtained_on: date
    specialty_code: str
    keep: bool = True
    renounced_before: bool = False
    unit_level: bool = True
    academy_code: str | None = None


@dataclass(frozen=True, slots=True)
class ExemptionClaim:
    """A dispense the candidate requests for one unit (dispenses are granted on request only)."""

    unit_code: str
    basis: ExemptionBasis
    diploma: HeldDiploma | None = None
    benefit_grade: Decimal | None = None
    benefit_obtained_on: date | None = None


@dataclass(frozen=True, slots=True)
class Consents:
    """Results publication (000 ①, 001, 002, 004): both answers are mandatory."""

    publish_results_press: bool | None = None
    share_with_local_authorities: bool | None = None


@dataclass(frozen=True, slots=True)
class RegistrationFacts:
    """What the candidate asks for in this session."""

    specialty_code: str
    option_code: str | None = None
    form: ExamForm | None = None
    presented_units: frozenset[str] = frozenset()
    optional_units: frozenset[str] = frozenset()
    compulsory_language: str | None = None
    compulsory_language_followed: bool | None = None
    optional_language: str | None = None
    benefits: tuple[BenefitClaim, ...] = ()
    exemptions: tuple[ExemptionClaim, ...] = ()
    consents: Consents = Consents()
    submitted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class UnitFacts:
    """One unit of the specialty's règlement d'examen, as the catalogue describes it."""

    code: str
    title: str
    kind: UnitKind
    option_code: str | None = None
    general_culture: bool = False
    language: bool = False
    engagement: bool = False
    exemptible_with_diploma: bool = False
    requires_internship: bool = False
    carries_from: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class OptionFacts:
    code: str
    label: str
    attestations: frozenset[Attestation] = frozenset()


@dataclass(frozen=True, slots=True)
class SpecialtyFacts:
    """A specialty of the catalogue with its units, options, languages and attestations."""

    code: str
    title: str
    units: tuple[UnitFacts, ...]
    options: tuple[OptionFacts, ...] = ()
    compulsory_languages: tuple[str, ...] = ()
    optional_languages: tuple[str, ...] = ()
    attestations: frozenset[Attestation] = frozenset()

    def option(self, code: str | None) -> OptionFacts | None:
        for option in self.options:
            if option.code == code:
                return option
        return None

    def compulsory_units(self, option_code: str | None) -> tuple[UnitFacts, ...]:
        """General and professional units of the specialty and of the chosen option."""
        return tuple(
            unit
            for unit in self.units
            if unit.kind is not UnitKind.OPTIONAL and unit.option_code in (None, option_code)
        )

    def optional_units(self, option_code: str | None) -> tuple[UnitFacts, ...]:
        return tuple(
            unit
            for unit in self.units
            if unit.kind is UnitKind.OPTIONAL and unit.option_code in (None, option_code)
        )


@dataclass(frozen=True, slots=True)
class SessionSettings:
    """Values a later text changed: the session holds them, the notices give the defaults.

    - ``max_optional_units``: optional units besides engagement étudiant; décret 2024-788
      reduced "une ou deux" to "une unité choisie" (rules.md §2, D643-13).
    - ``experience_years``: years of professional experience required. The most recent notice
      stating a figure (002 §I, as 000 and 001) says three years; 003 (session 2025) states no
      duration; rules.md §10 reports one year since session 2023 from a secondary source only
      [X], so an office that confirms it sets 1.
    - ``signed_confirmation_required``: the confirmation, dated and signed, is uploaded with the
      documents (002 §II ❸ and §IV.A, 003 « Pièces à déposer »).
    - ``jdc_age_limit``: the JDC certificate concerns French nationals under 26 (000–002
      « Dispositions du code du service national »).
    - ``benefit_validity_years``: a grade is kept five years date to date (003 « Les bénéfices
      d'épreuves », rules.md §4 D643-15).
    - ``benefit_min_grade``: in forme globale only grades ≥ 10/20 are kept (003, 000 FAQ).
    - ``languages_without_proof``: a compulsory language other than English and Spanish needs
      a proof of training (002 §III.B.1).
    """

    max_optional_units: int = 1
    experience_years: int = 3
    signed_confirmation_required: bool = True
    jdc_age_limit: int = 26
    benefit_validity_years: int = 5
    benefit_min_grade: Decimal = Decimal(10)
    languages_without_proof: frozenset[str] = frozenset({"en", "es"})


SETTING_SOURCES: dict[str, Source] = {
    "max_optional_units": src.R_OPTIONAL_UNITS,
    "experience_years": src.N002_CONCERNED,
    "signed_confirmation_required": src.N002_UPLOAD,
    "jdc_age_limit": src.N002_NATIONAL_SERVICE,
    "benefit_validity_years": src.N003_BENEFITS,
    "benefit_min_grade": src.N003_BENEFITS,
    "languages_without_proof": src.N002_LANGUAGE,
}


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """One exam session of one académie: its dates (timezone-aware) and settings.

    ``modification_closes_at`` defaults to the closing of registrations (000 and 002 FAQ
    « modifier mon inscription »); 002 §II ❷ shows an académie may set it later. Documents are
    due at ``documents_due_at``; ``late_documents_due_at`` is the later date of 003 for the
    Maintenance des systèmes attestations; ``internship_attestations_due_at`` is the date the
    office fixes for distance learners who have not done their internship yet (000 FAQ).
    """

    academy_code: str
    year: int
    opens_at: datetime
    closes_at: datetime
    documents_due_at: datetime
    exams_start_on: date
    modification_closes_at: datetime | None = None
    late_documents_due_at: datetime | None = None
    internship_attestations_due_at: datetime | None = None
    settings: SessionSettings = SessionSettings()

    @property
    def modification_deadline(self) -> datetime:
        return self.modification_closes_at or self.closes_at

    @property
    def late_documents_deadline(self) -> datetime:
        return self.late_documents_due_at or self.documents_due_at

    @property
    def internship_attestations_deadline(self) -> datetime:
        return self.internship_attestations_due_at or self.late_documents_deadline


@dataclass(frozen=True, slots=True)
class ExistingRegistration:
    """Another registration of the same candidate in the same session (drafts excluded)."""

    dossier_number: str
    specialty_code: str
    option_code: str | None = None
    withdrawn: bool = False
