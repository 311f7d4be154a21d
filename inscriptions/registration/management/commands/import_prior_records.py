from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inscriptions.catalog.csv_files import ReferenceFileError, academy_of_option
from inscriptions.registration.prior_records_import import COLUMNS, import_prior_records


class Command(BaseCommand):
    help = (
        "Importe les candidats des sessions précédentes d'une académie (une ligne par unité, "
        f"séparateur « ; ») : {';'.join(COLUMNS)}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Le fichier CSV.")
        parser.add_argument("--academie", required=True, help="Code de l'académie (16 : Toulouse).")

    def handle(self, *args: Any, file: Path, academie: str, **options: Any) -> None:
        academy = academy_of_option(academie)
        try:
            report = import_prior_records(path=file, academy=academy)
        except ReferenceFileError as error:
            raise CommandError(f"Fichier refusé, rien n'a été importé. {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Sessions précédentes de l'académie de {academy.name}.")
        )
