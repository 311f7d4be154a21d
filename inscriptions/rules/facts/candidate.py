"""Facts of the candidate and of the registration they are filling in, as the rules read them:
civil status, address, training, earlier attempts, diplomas, bénéfices and exemptions claimed,
consents."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .kinds import Category, ContinuingSituation, DiplomaKind, ExamForm, ExemptionBasis


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
    # Registered at the RCS or the répertoire des métiers rather than employed (000–002 table).
    self_employed: bool = False
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
