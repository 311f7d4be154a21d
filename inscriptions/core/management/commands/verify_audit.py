from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inscriptions.core import audit_chain


class Command(BaseCommand):
    help = (
        "Vérifie la chaîne d'empreintes du journal d'audit et les signatures quotidiennes ; "
        "échoue en nommant le premier scellé dont l'empreinte ne correspond plus."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_chain.verify()
        if not result.intact:
            raise CommandError(
                f"Journal d'audit altéré : scellé n° {result.broken_at} ({result.reason}), "
                f"après {result.seals - 1} scellé(s) intact(s)."
            )
        self.stdout.write(
            f"Journal d'audit intact : {result.seals} entrée(s) scellée(s), "
            f"{result.unsealed} en attente de scellement."
        )
