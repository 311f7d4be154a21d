from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from inscriptions.review import services


class Command(BaseCommand):
    help = (
        "Échéances du traitement : rend non conformes les dossiers dont le délai de réponse a "
        "expiré, et envoie le rappel deux jours avant la clôture. À lancer toutes les quelques "
        "minutes (cron, minuterie systemd) ; sans effet si rien n'est dû."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Confier le travail à la file de tâches au lieu de le faire tout de suite.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            from inscriptions.review.tasks import process_deadlines

            process_deadlines.enqueue()
            self.stdout.write("Échéances confiées à la file de tâches.")
            return
        done = services.deadlines_sweep(now=timezone.now())
        self.stdout.write(
            f"Demandes expirées : {done['expired']} ; rappels avant clôture : {done['reminded']} ; "
            f"entrées du journal scellées : {done['sealed']}."
        )
