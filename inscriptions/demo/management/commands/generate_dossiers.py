import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inscriptions.catalog.models import ExamSession
from inscriptions.demo.data import TOULOUSE_CODE
from inscriptions.demo.synthetic import generate


class Command(BaseCommand):
    help = (
        "Ajoute N candidats et leurs dossiers synthétiques à la session ouverte de Toulouse "
        "(données de démonstration chargées d'abord), pour les mesures de performance."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2027)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Les données synthétiques sont interdites en production.")
        now = timezone.now()
        session = ExamSession.objects.open_at(now).filter(academy__code=TOULOUSE_CODE).first()
        if session is None:
            call_command("load_demo", stdout=self.stdout)
            session = ExamSession.objects.open_at(now).get(academy__code=TOULOUSE_CODE)
        started = time.monotonic()
        done = generate(count=options["count"], session=session, seed=options["seed"], now=now)
        self.stdout.write(
            f"{done} dossiers synthétiques ajoutés en {time.monotonic() - started:.1f} s."
        )
