"""The référentiel: académies, BTS specialties and their units, office contacts, exam sessions.

The shipped reference data (``catalog/reference/``) is a starting point an académie
administrator edits in the admin; nothing here is hard-coded in the rules."""

from .academies import Academy, AcademyKind, Department, OfficeContact
from .base import CatalogueQuerySet
from .sessions import ExamSession, ExamSessionQuerySet, default_languages_without_proof
from .specialties import DataStatus, Language, Specialty, Unit, UnitKind

__all__ = [
    "Academy",
    "AcademyKind",
    "CatalogueQuerySet",
    "DataStatus",
    "Department",
    "ExamSession",
    "ExamSessionQuerySet",
    "Language",
    "OfficeContact",
    "Specialty",
    "Unit",
    "UnitKind",
    "default_languages_without_proof",
]
