from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inscriptions.catalog.csv_files import ReferenceFileError, academy_of_option
from inscriptions.catalog.establishments_import import import_directory


class Command(BaseCommand):
    help = (
        "Importe les établissements d'une académie depuis le fichier de l'annuaire de "
        "l'éducation (données ouvertes, CSV séparé par des points-virgules)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Le fichier CSV de l'annuaire.")
        parser.add_argument(
            "--academie",
            required=True,
            help="Code de l'académie (par exemple 16 pour Toulouse).",
        )

    def handle(self, *args: Any, file: Path, academie: str, **options: Any) -> None:
        academy = academy_of_option(academie)
        try:
            report = import_directory(path=file, academy=academy)
        except ReferenceFileError as error:
            raise CommandError(f"Fichier refusé, rien n'a été importé. {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        if not report.changed:
            self.stdout.write("Aucune modification : les établissements étaient à jour.")
        self.stdout.write(self.style.SUCCESS(f"Établissements de l'académie de {academy.name}."))
