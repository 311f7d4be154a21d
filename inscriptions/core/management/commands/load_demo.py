from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inscriptions.core.demo import load_demo


class Command(BaseCommand):
    help = "Crée les données de démonstration (Toulouse) et affiche les identifiants."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Les données de démonstration sont interdites en production.")
        call_command("import_reference", stdout=self.stdout)
        logins = load_demo(now=timezone.now())
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes. Identifiants :"))
        for login in logins:
            self.stdout.write(
                f"  {login.role:<28} {login.email:<38} {login.password}  ({login.note})"
            )
