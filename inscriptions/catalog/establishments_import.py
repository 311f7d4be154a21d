"""Establishments into the catalogue: the fictitious ones shipped with the reference data
(``reference/establishments.csv``, read by ``import_reference``) and the real ones of the
national directory of establishments (« Annuaire de l'éducation », open data), read by
``manage.py import_establishments``.

Every file is read and checked whole before anything is written: a malformed one is refused with
its line and the database is left as it was. An import adds what is new and updates what
changed; it never reopens an establishment an administrator closed, nor deletes one.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from .csv_files import (
    DEPARTMENT_RE,
    ImportReport,
    ReferenceFileError,
    apply_changes,
    choice_of,
    read_rows,
    require_cells,
)
from .models import Academy, Establishment, EstablishmentKind, EstablishmentSector

FICTITIOUS_COLUMNS = ["academie_code", "code", "name", "kind", "categories", "departement", "notes"]
CATEGORIES = {
    "former_school",
    "former_apprentice",
    "former_continuing",
    "distance_school",
    "distance_apprentice",
    "distance_continuing",
    "professional_experience",
}
UAI_RE = re.compile(r"^\d{7}[A-Z]$")

# The directory's own header names (its CSV export, with labels or field names), each in the
# spelling the file uses; matched without case, accents or punctuation.
DIRECTORY_COLUMNS = {
    "code": ("Identifiant_de_l_etablissement", "identifiant_de_l_etablissement", "UAI"),
    "name": ("Nom_etablissement", "nom_etablissement", "Appellation officielle"),
    "sector": ("Statut_public_prive", "statut_public_prive", "Secteur"),
    "city": ("Nom_commune", "nom_commune", "Commune"),
    "department": ("Code_departement", "Code_département", "code_departement"),
    "academy": ("Code_academie", "Code_académie", "code_academie"),
}
OPTIONAL_DIRECTORY_COLUMNS = {"academy"}
DIRECTORY_SECTORS = {"public": EstablishmentSector.PUBLIC, "prive": EstablishmentSector.PRIVATE}


def read_fictitious(path: Path, academy_codes: set[str]) -> list[dict[str, Any]]:
    rows, seen = [], set()
    kinds = {EstablishmentKind.FICTITIOUS.value, EstablishmentKind.DISTANCE.value}
    for line, row in read_rows(path, FICTITIOUS_COLUMNS):
        require_cells(path, line, row, "academie_code", "code", "name", "kind")
        if row["academie_code"] not in academy_codes:
            raise ReferenceFileError(path, line, f"académie « {row['academie_code']} » inconnue")
        key = (row["academie_code"], row["code"])
        if key in seen:
            raise ReferenceFileError(path, line, f"établissement « {row['code']} » en double")
        seen.add(key)
        if len(row["code"]) > 10:
            raise ReferenceFileError(path, line, f"code « {row['code']} » de plus de 10 caractères")
        categories = [value for value in row["categories"].split(";") if value]
        for category in categories:
            choice_of(path, line, category, CATEGORIES, "categories")
        department = row["departement"]
        if department and not DEPARTMENT_RE.match(department):
            raise ReferenceFileError(path, line, f"département « {department} » invalide")
        rows.append(
            {
                "academy": row["academie_code"],
                "code": row["code"],
                "fields": {
                    "name": row["name"],
                    "kind": choice_of(path, line, row["kind"], kinds, "kind"),
                    "categories": categories,
                    "department": department,
                },
            }
        )
    return rows


def save_establishments(
    report: ImportReport, rows: Iterable[dict[str, Any]], academies: dict[str, Academy]
) -> None:
    """Create or update each row by (académie, code); ``is_active`` is the administrator's."""
    existing = {
        (establishment.academy_id, establishment.code): establishment
        for establishment in Establishment.objects.filter(academy__in=academies.values())
    }
    for row in rows:
        academy = academies[row["academy"]]
        establishment = existing.get((academy.pk, row["code"]))
        if establishment is None:
            Establishment.objects.create(academy=academy, code=row["code"], **row["fields"])
            report.count(report.created, "établissements")
            continue
        if apply_changes(establishment, row["fields"]):
            report.count(report.updated, "établissements")
        else:
            report.count(report.unchanged, "établissements")


# --- The national directory.


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _department(value: str) -> str:
    """« 031 » or « 31 » → « 31 », « 02A » → « 2A », « 971 » stays."""
    code = value.upper()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
    return code.zfill(2) if code.isdigit() else code


def directory_layout(path: Path, header: list[str]) -> dict[str, int]:
    """Where each column is in the directory file: its own header, recognised."""
    found = {_key(name): position for position, name in enumerate(header)}
    positions = {}
    for column, names in DIRECTORY_COLUMNS.items():
        position = next((found[_key(name)] for name in names if _key(name) in found), None)
        if position is None:
            if column in OPTIONAL_DIRECTORY_COLUMNS:
                continue
            raise ReferenceFileError(
                path, 1, f"colonne « {names[0]} » absente de l'en-tête ({', '.join(header)})"
            )
        positions[column] = position
    return positions


def _directory_reader(path: Path) -> Any:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReferenceFileError(path, 0, "le fichier n'est pas encodé en UTF-8") from None
    first = text.split("\n", 1)[0]
    # The directory's export separates with « ; »; a file saved again may use commas.
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def read_directory(path: Path, academy: Academy) -> list[dict[str, Any]]:
    """The directory's establishments of ``academy`` (by the académie column, else by the
    académie's départements), each with its UAI, name, commune, département and sector."""
    if not path.exists():
        raise ReferenceFileError(path, 0, "fichier introuvable")
    reader = _directory_reader(path)
    header = next(reader, None)
    if not header:
        raise ReferenceFileError(path, 1, "fichier vide")
    layout = directory_layout(path, header)
    departments = set(academy.departments.values_list("code", flat=True))
    rows, seen = [], set()
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise ReferenceFileError(path, line, f"{len(cells)} colonnes au lieu de {len(header)}")
        value = {column: cells[position].strip() for column, position in layout.items()}
        for column in ("code", "name", "department"):
            if not value[column]:
                raise ReferenceFileError(path, line, f"la colonne « {column} » est vide")
        code = value["code"].upper()
        if not UAI_RE.match(code):
            raise ReferenceFileError(path, line, f"UAI « {value['code']} » invalide")
        department = (
            value["department"].lstrip("0").zfill(2)
            if value["department"].isdigit()
            else value["department"]
        )
        if value.get("academy"):
            mine = value["academy"].zfill(2) == academy.code
        else:
            mine = department in departments
        if not mine:
            continue
        if code in seen:
            raise ReferenceFileError(path, line, f"UAI « {code} » en double")
        seen.add(code)
        sector = DIRECTORY_SECTORS.get(_key(value.get("sector", "")), "")
        rows.append(
            {
                "academy": academy.code,
                "code": code,
                "fields": {
                    "name": value["name"][:200],
                    "kind": EstablishmentKind.TRAINING.value,
                    "sector": sector,
                    "city": value.get("city", "")[:100],
                    "department": department,
                },
            }
        )
    return rows


@transaction.atomic
def import_directory(*, path: Path, academy: Academy) -> ImportReport:
    rows = read_directory(path, academy)
    report = ImportReport()
    save_establishments(report, rows, {academy.code: academy})
    return report
