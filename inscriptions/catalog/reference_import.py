"""Import of the shipped reference data (académies, their fictitious establishments, specialties,
units, languages) into the catalogue.

The whole set is read and checked before anything is written: a malformed file is refused with
its name and line, and the database is left as it was. A second import changes nothing.
"""

import re
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Model

from . import establishments_import
from .csv_files import (
    DEPARTMENT_RE,
    ImportReport,
    ReferenceFileError,
    apply_changes,
    choice_of,
    decimal_of,
    read_rows,
    require_cells,
)
from .models import (
    Academy,
    AcademyKind,
    DataStatus,
    Department,
    Language,
    Specialty,
    Unit,
    UnitKind,
)

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

ACADEMY_COLUMNS = ["academie_code", "name", "kind", "departements", "notes"]
SPECIALTY_COLUMNS = ["bcn_code", "specialty", "option", "sigle", "reference_link", "notes"]
UNIT_COLUMNS = [
    "bcn_code",
    "specialty",
    "option",
    "reglement_version",
    "epreuve",
    "unit",
    "title",
    "coefficient",
    "ects",
    "kind",
    "form_individual_candidates",
    "duration_individual_candidates",
    "status",
    "source_id",
    "notes",
]
LANGUAGE_COLUMNS = ["code", "name"]


def read_academies(path: Path) -> list[dict[str, Any]]:
    academies, seen_departments, seen_codes = [], set(), set()
    for line, row in read_rows(path, ACADEMY_COLUMNS):
        require_cells(path, line, row, "academie_code", "name", "kind", "departements")
        if not re.fullmatch(r"\d{2,3}", row["academie_code"]):
            raise ReferenceFileError(
                path, line, f"code d'académie « {row['academie_code']} » invalide"
            )
        if row["academie_code"] in seen_codes:
            raise ReferenceFileError(
                path, line, f"code d'académie « {row['academie_code']} » en double"
            )
        seen_codes.add(row["academie_code"])
        kind = choice_of(path, line, row["kind"], set(AcademyKind.values), "kind")
        departments = [code.strip() for code in row["departements"].split(";") if code.strip()]
        for code in departments:
            if not DEPARTMENT_RE.fullmatch(code):
                raise ReferenceFileError(path, line, f"code de département « {code} » invalide")
            if code in seen_departments:
                raise ReferenceFileError(path, line, f"département « {code} » rattaché deux fois")
            seen_departments.add(code)
        academies.append(
            {
                "code": row["academie_code"],
                "fields": {"name": row["name"], "kind": kind, "notes": row["notes"]},
                "departments": departments,
            }
        )
    return academies


def read_specialties(path: Path) -> list[dict[str, Any]]:
    specialties, seen = [], set()
    for line, row in read_rows(path, SPECIALTY_COLUMNS):
        require_cells(path, line, row, "bcn_code", "specialty")
        if not re.fullmatch(r"\d{8}", row["bcn_code"]):
            raise ReferenceFileError(
                path, line, f"code BCN « {row['bcn_code']} » invalide (8 chiffres)"
            )
        if row["bcn_code"] in seen:
            raise ReferenceFileError(path, line, f"code BCN « {row['bcn_code']} » en double")
        seen.add(row["bcn_code"])
        notes = row["notes"]
        specialties.append(
            {
                "bcn_code": row["bcn_code"],
                "fields": {
                    "name": row["specialty"],
                    "option": row["option"],
                    "sigle": row["sigle"],
                    "reference_link": row["reference_link"],
                    "notes": notes,
                    # The seed notices list the specialties that require the R408 attestation;
                    # the shipped file says so in its notes (reference/rules.md §11).
                    "requires_r408": "R408" in notes,
                    **_maintenance_attestations(row["specialty"], row["option"]),
                },
            }
        )
    return specialties


def _maintenance_attestations(name: str, option: str) -> dict[str, bool]:
    """Seed 003, documents table: the attestations of Maintenance des systèmes, per option.

    Electrical risk and first aid for options A to D, refrigerant fluids for B, work at height
    for C and D; all due at the later date.
    """
    maintenance = name == "maintenance des systèmes"
    letter = option[:1]
    return {
        "requires_electrical_risk": maintenance,
        "requires_first_aid": maintenance,
        "requires_refrigerant_fluids": maintenance and letter == "B",
        "requires_work_at_height": maintenance and letter in {"C", "D"},
    }


def read_units(path: Path, known_bcn_codes: set[str]) -> list[dict[str, Any]]:
    units, seen = [], set()
    # The shipped file writes the kinds in French.
    kinds = {
        "generale": UnitKind.GENERAL,
        "professionnelle": UnitKind.PROFESSIONAL,
        "facultative": UnitKind.OPTIONAL,
    }
    for line, row in read_rows(path, UNIT_COLUMNS):
        require_cells(path, line, row, "bcn_code", "epreuve", "unit", "title", "kind", "status")
        if row["bcn_code"] not in known_bcn_codes:
            raise ReferenceFileError(path, line, f"spécialité « {row['bcn_code']} » inconnue")
        key = (row["bcn_code"], row["reglement_version"], row["epreuve"])
        if key in seen:
            raise ReferenceFileError(path, line, f"épreuve « {row['epreuve']} » en double")
        seen.add(key)
        kind = kinds[choice_of(path, line, row["kind"], set(kinds), "kind")]
        ects = decimal_of(path, line, row["ects"], "ects")
        units.append(
            {
                "bcn_code": row["bcn_code"],
                "regulation": row["reglement_version"],
                "exam_code": row["epreuve"],
                "fields": {
                    "code": row["unit"],
                    "title": row["title"],
                    "coefficient": decimal_of(path, line, row["coefficient"], "coefficient"),
                    "ects": int(ects) if ects is not None else None,
                    "kind": kind,
                    "is_language": "langue" in row["title"].lower(),
                    "is_general_culture": row["title"].lower().startswith("culture générale"),
                    "form_individual_candidates": row["form_individual_candidates"],
                    "duration_individual_candidates": row["duration_individual_candidates"],
                    "status": choice_of(
                        path, line, row["status"], set(DataStatus.values), "status"
                    ),
                    "source_id": row["source_id"],
                    "notes": row["notes"],
                },
            }
        )
    return units


def read_languages(path: Path) -> list[dict[str, str]]:
    languages = []
    for line, row in read_rows(path, LANGUAGE_COLUMNS):
        require_cells(path, line, row, "code", "name")
        languages.append(row)
    return languages


def _upsert(
    report: ImportReport,
    label: str,
    model: type[Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
) -> Any:
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model._default_manager.create(**lookup, **values)
        report.count(report.created, label)
        return instance
    if apply_changes(instance, values):
        report.count(report.updated, label)
    else:
        report.count(report.unchanged, label)
    return instance


@transaction.atomic
def import_reference(*, directory: Path = REFERENCE_DIR) -> ImportReport:
    academies = read_academies(directory / "academies.csv")
    fictitious = establishments_import.read_fictitious(
        directory / "establishments.csv", {data["code"] for data in academies}
    )
    specialties = read_specialties(directory / "bts_specialties.csv")
    units = read_units(directory / "bts_units.csv", {s["bcn_code"] for s in specialties})
    languages = read_languages(directory / "languages.csv")

    report = ImportReport()
    for data in academies:
        academy = _upsert(report, "académies", Academy, {"code": data["code"]}, data["fields"])
        for code in data["departments"]:
            _upsert(report, "départements", Department, {"code": code}, {"academy": academy})

    establishments_import.save_establishments(
        report, fictitious, {a.code: a for a in Academy.objects.all()}
    )

    for data in languages:
        _upsert(report, "langues", Language, {"code": data["code"]}, {"name": data["name"]})
    all_languages = {language["code"] for language in languages}

    by_bcn = {}
    for data in specialties:
        specialty = _upsert(
            report, "spécialités", Specialty, {"bcn_code": data["bcn_code"]}, data["fields"]
        )
        by_bcn[data["bcn_code"]] = specialty

    english_only = set()
    for data in units:
        specialty = by_bcn[data["bcn_code"]]
        _upsert(
            report,
            "unités",
            Unit,
            {
                "specialty": specialty,
                "regulation": data["regulation"],
                "exam_code": data["exam_code"],
            },
            data["fields"],
        )
        # A règlement whose language unit is "langue anglaise" imposes English (SIO E2).
        if "langue anglaise" in data["fields"]["title"].lower():
            english_only.add(data["bcn_code"])

    # Allowed languages are set once; after that they are the administrator's to edit.
    language_objects = list(Language.objects.filter(code__in=all_languages))
    for bcn_code, specialty in by_bcn.items():
        if not specialty.languages.exists():
            wanted = {"en"} if bcn_code in english_only else all_languages
            specialty.languages.set([lang for lang in language_objects if lang.code in wanted])
            report.count(report.updated, "langues des spécialités")
    return report
