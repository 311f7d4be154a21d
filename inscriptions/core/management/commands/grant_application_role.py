from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

# The audit log's tables: the application appends and reads, never changes nor empties them.
AUDIT_TABLES = ("core_auditentry", "core_auditseal", "core_auditdigest")


class Command(BaseCommand):
    help = (
        "PostgreSQL : donne au rôle de l'application les droits dont il a besoin, et pas plus. "
        "À lancer après « migrate » avec le rôle propriétaire des tables (celui des migrations) : "
        "le rôle de l'application lit et écrit les tables, mais n'ajoute et ne lit que le "
        "journal d'audit ; n'étant pas propriétaire, il ne peut ni le vider (TRUNCATE), ni "
        "désactiver ses déclencheurs, ni modifier le schéma."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "role", help="Le rôle PostgreSQL avec lequel l'application se connecte."
        )

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Ces droits ne se donnent que sur PostgreSQL.")
        quoted = connection.ops.quote_name(role)
        audit = ", ".join(AUDIT_TABLES)
        statements = [
            f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {audit} FROM {quoted}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        ]
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(
            f"Droits donnés à {role} : tables en lecture et écriture, journal d'audit en ajout "
            "et lecture seulement."
        )
