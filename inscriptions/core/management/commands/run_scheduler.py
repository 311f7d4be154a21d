import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inscriptions.core import scheduler


class Command(BaseCommand):
    help = (
        "Le planificateur des tâches périodiques (échéances, rappels, scellement du journal…) : "
        "lancé par « make run » à côté du serveur, et en production comme un processus à part. "
        "Lancé plusieurs fois, un seul exécute les tâches ; un autre prend le relais s'il "
        "s'arrête. Avec --once : exécute une fois ce qui est dû ou manqué, puis s'arrête."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Exécuter une fois les tâches dues ou manquées, puis s'arrêter.",
        )
        parser.add_argument(
            "--job",
            action="append",
            dest="jobs",
            metavar="NOM",
            help="Avec --once : seulement cette tâche (répétable).",
        )
        parser.add_argument(
            "--list", action="store_true", help="Lister les tâches et leurs heures."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = scheduler.jobs()
        unknown = sorted(set(options["jobs"] or ()) - set(jobs))
        if unknown:
            raise CommandError(
                f"Tâche inconnue : {', '.join(unknown)}. Tâches : {', '.join(jobs)}."
            )
        if options["list"]:
            for name, job in jobs.items():
                self.stdout.write(f"{name}\t{job.trigger()}\t{job.title}")
            return
        if options["once"]:
            runs = scheduler.run_due_now(runner=scheduler.runner_name(), names=options["jobs"])
            for run in runs:
                self.stdout.write(
                    f"{run.job} : {run.get_status_display()} {run.results or run.error}"
                )
            if not runs:
                self.stdout.write("Rien n'était dû.")
            if any(run.status == run.Status.FAILED for run in runs):
                raise CommandError("Une tâche a échoué.")
            return
        running = scheduler.Scheduler()

        def stop(signum: int, frame: Any) -> None:
            running.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Planificateur {running.runner} : {len(running.jobs)} tâches.")
        self.stdout.flush()
        running.start()
