"""The référentiel: académies, BTS specialties and their units, office contacts, exam sessions.

The shipped reference data (``catalog/reference/``) is a starting point an académie
administrator edits in the admin; nothing here is hard-coded in the rules."""

from .academies import Academy, AcademyKind, Department, OfficeContact
from .base import CatalogueQuerySet
from .establishments import Establishment, EstablishmentKind, EstablishmentSector
from .sessions import ExamSession, ExamSessionQuerySet, default_languages_without_proof
from .specialties import DataStatus, Language, Specialty, Unit, UnitKind

__all__ = [
    "Academy",
    "AcademyKind",
    "CatalogueQuerySet",
    "DataStatus",
    "Department",
    "Establishment",
    "EstablishmentKind",
    "EstablishmentSector",
    "ExamSession",
    "ExamSessionQuerySet",
    "Language",
    "OfficeContact",
    "Specialty",
    "Unit",
    "UnitKind",
    "default_languages_without_proof",
]
