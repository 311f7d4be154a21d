from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inscriptions.core import backup


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde (le dossier écrit par « manage.py backup ») dans la base et le "
        "stockage configurés, qui doivent être vides, puis vérifie les lignes de chaque table, "
        "l'empreinte de chaque fichier et la chaîne du journal d'audit."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            found = backup.restore(options["folder"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if not found.intact:
            problems = [
                *(
                    f"{table} : {want} lignes attendues, {got} trouvées"
                    for table, (want, got) in found.rows.items()
                ),
                *(f"fichier {name} absent ou différent" for name in found.files),
                *([f"journal d'audit : {found.audit}"] if found.audit else []),
            ]
            raise CommandError("Restauration incomplète : " + " ; ".join(problems) + ".")
        self.stdout.write(
            "Restauration vérifiée : lignes, fichiers et chaîne du journal d'audit identiques "
            "à la sauvegarde."
        )
