"""The audit log as evidence (OWASP ASVS 7.3.3): entries chained by hash, each ended day's last
digest signed; ``verify_audit`` names the first seal an edit, a removal or a forged signature
broke. The database's own role can still bypass the triggers (a superuser here): the chain is
what shows it."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core import audit_chain
from inscriptions.core.models import AuditDigest, AuditEntry, AuditSeal, audit

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


def _entries(time_machine, count, at=MONDAY):
    user = UserFactory()
    time_machine.move_to(at, tick=False)
    return [audit(actor=user, action="account.test", obj=user, n=n) for n in range(count)]


def _bypass_triggers(sql, params=()):
    """What a database administrator (or the application's own role, when it owns the table)
    can do: write around the append-only triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The foreign keys' deferred checks first: a table with pending ones cannot change.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER ALL")
            cursor.execute("ALTER TABLE core_auditseal DISABLE TRIGGER ALL")
            cursor.execute("ALTER TABLE core_auditdigest DISABLE TRIGGER ALL")
        else:
            for table in ("core_auditentry", "core_auditseal", "core_auditdigest"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            for table in ("core_auditentry", "core_auditseal", "core_auditdigest"):
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER ALL")


def test_entries_are_sealed_once_old_enough_and_the_chain_verifies(time_machine):
    entries = _entries(time_machine, 3)

    assert audit_chain.seal_pending(now=MONDAY) == 0
    assert audit_chain.seal_pending(now=MONDAY + timedelta(minutes=2)) >= 3
    assert audit_chain.seal_pending(now=MONDAY + timedelta(minutes=3)) == 0

    result = audit_chain.verify()
    assert result.intact
    assert result.unsealed == 0
    assert all(AuditSeal.objects.filter(entry=entry).exists() for entry in entries)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Journal d'audit intact" in out.getvalue()


def test_an_edited_entry_breaks_the_chain_at_its_seal(time_machine):
    entries = _entries(time_machine, 4)
    audit_chain.seal_pending(now=MONDAY + timedelta(minutes=2))
    target = entries[2]

    _bypass_triggers(
        "UPDATE core_auditentry SET action = %s WHERE id = %s", ["account.other", target.pk]
    )

    result = audit_chain.verify()
    assert not result.intact
    assert result.broken_at == target.seal.pk
    with pytest.raises(CommandError, match=f"scellé n° {target.seal.pk}"):
        call_command("verify_audit")


def test_a_removed_entry_breaks_the_chain_after_it(time_machine):
    entries = _entries(time_machine, 4)
    audit_chain.seal_pending(now=MONDAY + timedelta(minutes=2))
    removed, following = entries[1], entries[2]
    removed_seal = removed.seal.pk

    _bypass_triggers("DELETE FROM core_auditseal WHERE id = %s", [removed_seal])
    _bypass_triggers("DELETE FROM core_auditentry WHERE id = %s", [removed.pk])

    result = audit_chain.verify()
    assert result.broken_at == AuditSeal.objects.get(entry_id=following.pk).pk


def test_each_ended_day_is_signed_and_a_forged_signature_is_found(time_machine):
    _entries(time_machine, 2)
    audit_chain.seal_pending(now=MONDAY + timedelta(minutes=2))
    assert not AuditDigest.objects.exists()

    time_machine.move_to(MONDAY + timedelta(days=1), tick=False)
    audit_chain.seal_pending(now=MONDAY + timedelta(days=1))

    (digest,) = AuditDigest.objects.all()
    assert digest.day == MONDAY.date()
    assert digest.signature == audit_chain.signature(digest.day, digest.last_seal_id, digest.digest)
    assert audit_chain.verify().intact

    _bypass_triggers(
        "UPDATE core_auditdigest SET signature = %s WHERE id = %s", ["0" * 64, digest.pk]
    )

    result = audit_chain.verify()
    assert result.reason == f"signature {MONDAY.date()}"


def test_the_periodic_sweep_seals_the_log(time_machine):
    _entries(time_machine, 2)

    from inscriptions.review import services

    swept = services.deadlines_sweep(now=MONDAY + timedelta(minutes=5))

    assert swept["sealed"] >= 2
    assert AuditEntry.objects.filter(seal__isnull=True).count() == 0
