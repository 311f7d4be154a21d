"""Facts of the catalogue and the session that the rules read: units, options, specialties, the
session's dates and settings, and the candidate's other registrations."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .. import sources as src
from ..sources import Source
from .kinds import Attestation, Category, TrainingRoute, UnitKind

ROUTE_OF_CATEGORY: dict[Category, TrainingRoute] = {
    Category.FORMER_SCHOOL: TrainingRoute.SCHOOL,
    Category.DISTANCE_SCHOOL: TrainingRoute.SCHOOL,
    Category.FORMER_APPRENTICE: TrainingRoute.APPRENTICESHIP,
    Category.DISTANCE_APPRENTICE: TrainingRoute.APPRENTICESHIP,
    Category.FORMER_CONTINUING: TrainingRoute.CONTINUING,
    Category.DISTANCE_CONTINUING: TrainingRoute.CONTINUING,
    Category.PROFESSIONAL_EXPERIENCE: TrainingRoute.EXPERIENCE,
}


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
    - ``locked_after_signed_confirmation``: once the signed confirmation is returned, the
      registration is never modified again (003 « Rappels importants »).
    """

    max_optional_units: int = 1
    experience_years: int = 3
    signed_confirmation_required: bool = True
    jdc_age_limit: int = 26
    benefit_validity_years: int = 5
    benefit_min_grade: Decimal = Decimal(10)
    languages_without_proof: frozenset[str] = frozenset({"en", "es"})
    locked_after_signed_confirmation: bool = False


SETTING_SOURCES: dict[str, Source] = {
    "max_optional_units": src.R_OPTIONAL_UNITS,
    "experience_years": src.N002_CONCERNED,
    "signed_confirmation_required": src.N002_UPLOAD,
    "jdc_age_limit": src.N002_NATIONAL_SERVICE,
    "benefit_validity_years": src.N003_BENEFITS,
    "benefit_min_grade": src.N003_BENEFITS,
    "languages_without_proof": src.N002_LANGUAGE,
    "locked_after_signed_confirmation": src.N003_RECALLS,
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
