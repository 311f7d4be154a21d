from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from django.utils import timezone

from inscriptions.demo.data import load_demo


class Command(BaseCommand):
    help = "Crée les données de démonstration (Toulouse) et affiche les identifiants."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Les données de démonstration sont interdites en production.")
        call_command("import_reference", stdout=self.stdout)
        # The demo dossiers' confirmations and notifications, sent once the data commits, stay
        # out of the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            logins = load_demo(now=timezone.now())
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes. Identifiants :"))
        for login in logins:
            self.stdout.write(
                f"  {login.role:<28} {login.email:<38} {login.password}  ({login.note})"
            )
            if login.second_factor:
                self.stdout.write(f"  {'':<28} {login.second_factor}")
