from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inscriptions.catalog.csv_files import ReferenceFileError
from inscriptions.catalog.reference_import import (
    REFERENCE_DIR,
    import_reference,
)


class Command(BaseCommand):
    help = (
        "Importe le référentiel (académies, spécialités, unités, langues) depuis des fichiers CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=REFERENCE_DIR,
            help="Dossier des fichiers CSV (par défaut, les données livrées avec le projet).",
        )

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            report = import_reference(directory=directory)
        except ReferenceFileError as error:
            raise CommandError(f"Fichier refusé, rien n'a été importé. {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Référentiel importé."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Aucune modification : le référentiel était à jour.")
            )
