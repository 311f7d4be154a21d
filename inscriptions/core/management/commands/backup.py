from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inscriptions.core import backup


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et tous les fichiers stockés dans un nouveau dossier "
        "(sous BACKUP_DIR, ou --destination), avec un manifeste : lignes de chaque table, "
        "empreinte SHA-256 de chaque fichier, tête de la chaîne du journal d'audit."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--destination", type=Path, default=None)
        parser.add_argument(
            "--keep", type=int, default=None, help="Ne garder que les N dernières sauvegardes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        destination = options["destination"] or Path(settings.BACKUP_DIR)
        try:
            folder = backup.backup(destination)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backup.read_manifest(folder)
        if options["keep"] is not None:
            backup.keep_latest(destination, options["keep"])
        self.stdout.write(
            f"Sauvegarde écrite : {folder} ({sum(manifest['rows'].values())} lignes, "
            f"{len(manifest['files'])} fichiers)."
        )
