"""The académie's records of earlier sessions, imported from a CSV file, one line per unit of a
candidate's record (the candidate's columns repeated on each of their lines):

``numero_candidat;session;nom;prenoms;date_naissance;code_specialite;forme;unite;note;obtenue_le;
absent;renonce``

- ``session``: the exam year; ``code_specialite``: the specialty's BCN code; ``forme``: ``globale``
  or ``progressive``; dates as ``JJ/MM/AAAA``; ``note`` from 0 to 20 (a comma or a point), empty
  when ``absent`` is ``oui``; ``renonce``: ``oui`` for a bénéfice the candidate renounced.

What a returning candidate's number and birth date pre-fill comes from these records (seed 004
« Attention », 000). The file is read and checked whole first: a malformed one is refused with
its line and nothing changes. Importing it again replaces each record's units by the file's.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from inscriptions.catalog.csv_files import ImportReport, ReferenceFileError
from inscriptions.catalog.models import Academy, Specialty

from .models import PriorGrade, PriorRecord

COLUMNS = [
    "numero_candidat",
    "session",
    "nom",
    "prenoms",
    "date_naissance",
    "code_specialite",
    "forme",
    "unite",
    "note",
    "obtenue_le",
    "absent",
    "renonce",
]
FORMS = {"globale": "global", "progressive": "progressive"}
YES_NO = {"oui": True, "non": False, "": False}


def _date(path: Path, line: int, value: str, column: str) -> date:
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise ReferenceFileError(path, line, f"date « {value} » invalide ({column})") from None


def _flag(path: Path, line: int, value: str, column: str) -> bool:
    if value.lower() not in YES_NO:
        raise ReferenceFileError(path, line, f"« {value} » : oui ou non attendu ({column})")
    return YES_NO[value.lower()]


def _grade(path: Path, line: int, value: str, absent: bool) -> Decimal | None:
    if absent:
        if value:
            raise ReferenceFileError(path, line, "une note est donnée à un candidat absent")
        return None
    try:
        grade = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise ReferenceFileError(path, line, f"note « {value} » invalide") from None
    if not Decimal(0) <= grade <= Decimal(20):
        raise ReferenceFileError(path, line, f"note « {value} » hors de 0 à 20")
    return grade


def _identity(last_name: str, first_names: str, birth: date) -> dict[str, str]:
    """The wizard's identity answers that the record fills in."""
    names = first_names.split()
    return {
        "last_name": last_name,
        **{f"first_name_{i}": name for i, name in enumerate(names[:3], start=1)},
        "birth_day": f"{birth:%d}",
        "birth_month": f"{birth:%m}",
        "birth_year": f"{birth:%Y}",
    }


def read_prior_records(path: Path) -> dict[tuple[int, str], dict[str, Any]]:
    if not path.exists():
        raise ReferenceFileError(path, 0, "fichier introuvable")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReferenceFileError(path, 0, "le fichier n'est pas encodé en UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [name.strip().lower() for name in next(reader, [])]
    if header != COLUMNS:
        raise ReferenceFileError(path, 1, f"en-tête inattendu, attendu : {';'.join(COLUMNS)}")
    specialties = {s.bcn_code: s for s in Specialty.objects.all()}
    records: dict[tuple[int, str], dict[str, Any]] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            raise ReferenceFileError(path, line, f"{len(cells)} colonnes au lieu de {len(COLUMNS)}")
        row = dict(zip(COLUMNS, (cell.strip() for cell in cells), strict=True))
        for column in ("numero_candidat", "session", "nom", "date_naissance", "unite"):
            if not row[column]:
                raise ReferenceFileError(path, line, f"la colonne « {column} » est vide")
        if not row["session"].isdigit():
            raise ReferenceFileError(path, line, f"session « {row['session']} » invalide")
        specialty = specialties.get(row["code_specialite"])
        if specialty is None:
            raise ReferenceFileError(
                path, line, f"spécialité « {row['code_specialite']} » inconnue"
            )
        form = FORMS.get(row["forme"].lower())
        if form is None:
            raise ReferenceFileError(
                path, line, f"forme « {row['forme']} » : globale ou progressive"
            )
        birth = _date(path, line, row["date_naissance"], "date_naissance")
        absent = _flag(path, line, row["absent"], "absent")
        key = (int(row["session"]), row["numero_candidat"].upper())
        fields = {
            "birth_date": birth,
            "specialty": specialty,
            "form": form,
            "civil_status": _identity(row["nom"], row["prenoms"], birth),
        }
        record = records.setdefault(key, {"fields": fields, "grades": {}, "line": line})
        if record["fields"] != fields:
            raise ReferenceFileError(
                path, line, f"le candidat {key[1]} ({key[0]}) diffère de sa ligne {record['line']}"
            )
        unit = row["unite"].upper()
        if unit in record["grades"]:
            raise ReferenceFileError(path, line, f"unité « {unit} » en double pour {key[1]}")
        record["grades"][unit] = {
            "grade": _grade(path, line, row["note"], absent),
            "obtained_on": _date(path, line, row["obtenue_le"], "obtenue_le"),
            "absent": absent,
            "renounced": _flag(path, line, row["renonce"], "renonce"),
        }
    return records


@transaction.atomic
def import_prior_records(*, path: Path, academy: Academy) -> ImportReport:
    records = read_prior_records(path)
    report = ImportReport()
    for (exam_year, number), data in records.items():
        record, created = PriorRecord.objects.get_or_create(
            academy=academy,
            exam_year=exam_year,
            candidate_number=number,
            defaults=data["fields"],
        )
        grades = sorted(data["grades"].items())
        kept = sorted(
            (
                g.unit_code,
                {f: getattr(g, f) for f in ("grade", "obtained_on", "absent", "renounced")},
            )
            for g in record.grades.all()
        )
        same = all(getattr(record, name) == value for name, value in data["fields"].items())
        if created:
            report.count(report.created, "candidats des sessions précédentes")
        elif same and kept == grades:
            report.count(report.unchanged, "candidats des sessions précédentes")
            continue
        else:
            for name, value in data["fields"].items():
                setattr(record, name, value)
            record.save()
            report.count(report.updated, "candidats des sessions précédentes")
        record.grades.all().delete()
        PriorGrade.objects.bulk_create(
            PriorGrade(record=record, unit_code=unit, **values) for unit, values in grades
        )
    return report
