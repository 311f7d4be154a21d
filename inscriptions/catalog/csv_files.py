"""What every import of the catalogue's CSV files shares: the refusal of a malformed file with
its line, the report of what was added, changed and left, and the checks of a row's cells."""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db.models import Model

from .models import Academy

DEPARTMENT_RE = re.compile(r"^(\d{2}|2A|2B|\d{3})$")


class ReferenceFileError(Exception):
    """A reference file is malformed; nothing was imported."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path.name}, ligne {line} : {message}")


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1

    def lines(self) -> list[str]:
        """What was added, changed and left, one line per kind of row."""
        return [
            *(f"{label} : {count} créé(s)" for label, count in sorted(self.created.items())),
            *(f"{label} : {count} mis à jour" for label, count in sorted(self.updated.items())),
            *(f"{label} : {count} inchangé(s)" for label, count in sorted(self.unchanged.items())),
        ]

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))


def read_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise ReferenceFileError(path, 0, "fichier introuvable")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != columns:
            raise ReferenceFileError(path, 1, f"en-tête inattendu {header!r}, attendu {columns!r}")
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise ReferenceFileError(
                    path, line, f"{len(row)} colonnes au lieu de {len(columns)}"
                )
            yield line, {name: value.strip() for name, value in zip(columns, row, strict=True)}


def require_cells(path: Path, line: int, row: dict[str, str], *names: str) -> None:
    for name in names:
        if not row[name]:
            raise ReferenceFileError(path, line, f"la colonne « {name} » est vide")


def choice_of(path: Path, line: int, value: str, allowed: set[str], column: str) -> str:
    if value not in allowed:
        raise ReferenceFileError(
            path,
            line,
            f"valeur « {value} » inconnue pour « {column} » ({', '.join(sorted(allowed))})",
        )
    return value


def decimal_of(path: Path, line: int, value: str, column: str) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ReferenceFileError(
            path, line, f"« {value} » n'est pas un nombre ({column})"
        ) from None
    if number < 0:
        raise ReferenceFileError(path, line, f"« {value} » est négatif ({column})")
    return number


def apply_changes(instance: Model, values: dict[str, Any]) -> list[str]:
    """Set and save the fields whose value differs; the names of those changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=changed)
    return changed


def academy_of_option(code: str) -> Academy:
    """The académie a command's ``--academie`` names, or the command's refusal."""
    academy: Academy | None = Academy.objects.filter(code=code.zfill(2)).first()
    if academy is None:
        raise CommandError(
            f"Académie « {code} » inconnue : importez d'abord le référentiel "
            "(manage.py import_reference)."
        )
    return academy
