"""From a fresh production database to an académie ready to open a session: the reference data
(with the académie's fictitious establishments), the exam office's name and address, and its
first administrator, who receives the link to choose a password. Safe to run again."""

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.forms import ValidationError

from inscriptions.accounts import services
from inscriptions.catalog.csv_files import academy_of_option, apply_changes
from inscriptions.core.models import audit


class Command(BaseCommand):
    help = (
        "Prépare une académie : référentiel, bureau des examens et premier administrateur, qui "
        "reçoit le lien pour choisir son mot de passe."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--academie", required=True, help="Code de l'académie (16 : Toulouse).")
        parser.add_argument(
            "--admin-email", required=True, help="Courriel du premier administrateur."
        )
        parser.add_argument("--admin-first-name", default="", help="Son prénom.")
        parser.add_argument("--admin-last-name", default="", help="Son nom.")
        parser.add_argument("--office-name", default="", help="Nom du bureau des examens.")
        parser.add_argument("--office-email", required=True, help="Courriel du bureau des examens.")
        parser.add_argument("--office-phone", default="", help="Téléphone du bureau des examens.")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("admin_email", "office_email"):
            try:
                validate_email(options[name])
            except ValidationError:
                raise CommandError(f"Adresse invalide : {options[name]}") from None
        report = StringIO()
        call_command("import_reference", stdout=report)
        self.stdout.write(report.getvalue().splitlines()[-1])
        academy = academy_of_option(options["academie"])
        with transaction.atomic():
            office = {
                "office_name": options["office_name"] or academy.office_name,
                "office_email": options["office_email"],
                "office_phone": options["office_phone"] or academy.office_phone,
            }
            changed = apply_changes(academy, office)
            if changed:
                audit(actor=None, action="academy.office_set", obj=academy, fields=changed)
            try:
                admin, created = services.academy_administrator_invite(
                    email=options["admin_email"],
                    academy=academy,
                    first_name=options["admin_first_name"],
                    last_name=options["admin_last_name"],
                )
            except services.InvitationRefused as refusal:
                raise CommandError(str(refusal)) from None
        self.stdout.write(
            f"Bureau des examens de l'académie de {academy.name} : {academy.office_email}"
        )
        if created:
            self.stdout.write(
                f"Administrateur créé : {admin.email} (lien envoyé pour le mot de passe)"
            )
        elif not admin.has_usable_password():
            self.stdout.write(
                f"Administrateur {admin.email} : nouveau lien envoyé pour le mot de passe"
            )
        else:
            self.stdout.write(f"Administrateur {admin.email} : déjà en place")
        self.stdout.write(
            self.style.SUCCESS(
                "Académie prête. Ensuite, dans /admin/ : la session (dates), les contacts par "
                "spécialité, les gestionnaires ; les établissements réels avec "
                f"manage.py import_establishments FICHIER --academie {academy.code}."
            )
        )
