from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from inscriptions.core import audit_chain


class Command(BaseCommand):
    help = (
        "Scelle les entrées du journal d'audit dans la chaîne d'empreintes et signe l'empreinte "
        "de chaque journée terminée (la tâche périodique audit.seal le fait toutes les cinq "
        "minutes)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sealed = audit_chain.seal_pending(now=timezone.now())
        self.stdout.write(f"Entrées scellées : {sealed}")
