"""The application's own database role (OWASP ASVS 7.3.3, 1.4.x): given by
``manage.py grant_application_role`` what it needs and no more, it appends to the audit log and
reads it, but cannot change, delete, empty it (TRUNCATE) nor turn its triggers off; the other
tables it reads and writes. PostgreSQL only (SQLite has no roles)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.models import audit

pytestmark = pytest.mark.django_db

ROLE = "inscriptions_app_probe"


def test_it_refuses_outside_postgresql():
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is SQLite's")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("grant_application_role", ROLE)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles: PostgreSQL only")
def test_the_application_role_appends_to_the_audit_log_and_nothing_more():
    user = UserFactory()
    entry = audit(actor=user, action="account.test", obj=user)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {ROLE}")
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    call_command("grant_application_role", ROLE)

    def as_application(sql: str, params: tuple[object, ...] = ()) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {ROLE}")
            cursor.execute(sql, params)

    # What the application does: read and append to the log, write its other tables.
    as_application("SELECT count(*) FROM core_auditentry")
    as_application(
        "INSERT INTO core_auditentry (at, action, object_type, object_id, data) "
        "VALUES (now(), 'probe', 'x', '1', '{}')"
    )
    as_application("UPDATE accounts_user SET first_name = 'Probe' WHERE id = %s", (user.pk,))
    # What it cannot do to the log, whatever the triggers.
    for refused, params in (
        ("UPDATE core_auditentry SET action = 'forged' WHERE id = %s", (entry.pk,)),
        ("DELETE FROM core_auditentry WHERE id = %s", (entry.pk,)),
        ("TRUNCATE core_auditentry CASCADE", ()),
        ("ALTER TABLE core_auditentry DISABLE TRIGGER ALL", ()),
        ("TRUNCATE core_auditseal CASCADE", ()),
    ):
        with pytest.raises(DatabaseError, match=r"permission denied|must be owner"):
            as_application(refused, params)
