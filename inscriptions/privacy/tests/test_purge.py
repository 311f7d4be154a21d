"""The purge at each boundary of the retention periods (RGPD art. 5.1.e; the periods modelled on
the State's registration services, CAMELIA order of 1 June 2023): a day before, kept; a day
after, gone, its files too, and the purge written to the audit log."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.storage import default_storage
from django.utils import timezone

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core import retention, scheduler
from inscriptions.core.models import AuditEntry, ConnectionEvent
from inscriptions.documents.models import UploadedFile
from inscriptions.notifications.models import MessageAttachment
from inscriptions.privacy import purge
from inscriptions.registration import services as registration_services
from inscriptions.registration.models import Registration, RegistrationVersion
from inscriptions.registration.tests.conftest import NOW

from .helpers import furnish

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _stored_files(dossier):
    names = list(
        UploadedFile.objects.filter(document__registration=dossier).values_list("file", flat=True)
    )
    names += list(
        MessageAttachment.objects.filter(message__registration=dossier).values_list(
            "file", flat=True
        )
    )
    names += [
        name
        for name in RegistrationVersion.objects.filter(registration=dossier).values_list(
            "confirmation", flat=True
        )
        if name
    ]
    return names


def test_a_dossier_is_kept_six_years_after_its_sessions_results_then_deleted_with_its_files(
    dossier, candidate
):
    furnish(dossier)
    files = _stored_files(dossier)
    assert len(files) >= 3 and all(default_storage.exists(name) for name in files)
    # Session 2027: results counted from the end of 2027, kept until 1 January 2034.
    until = retention.dossier_kept_until(2027)
    assert timezone.localtime(until).date().isoformat() == "2034-01-01"

    assert purge.purge(now=until - DAY)["dossiers"] == 0
    assert Registration.objects.filter(pk=dossier.pk).exists()

    done = purge.purge(now=until + DAY)

    assert done["dossiers"] == 1
    assert not Registration.objects.filter(pk=dossier.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    # Its candidate used the account for nothing else: anonymised in the same run.
    assert done["accounts"] == 1
    candidate.refresh_from_db()
    assert candidate.email == f"compte-ferme-{candidate.pk}@anonyme.invalid"
    assert (candidate.first_name, candidate.last_name, candidate.is_active) == ("", "", False)
    assert not candidate.has_usable_password()
    entry = AuditEntry.objects.get(action="privacy.purge")
    assert entry.data == {"dossiers": 1, "accounts": 1, "connections": 0}


def test_an_account_never_used_for_a_registration_goes_six_months_after_its_last_use(
    session, time_machine
):
    time_machine.move_to(NOW, tick=False)
    unused = UserFactory(role=Role.CANDIDATE, email="jamais@example.fr")
    drafted = UserFactory(role=Role.CANDIDATE, email="brouillon@example.fr")
    registration_services.registration_start(candidate=drafted, session=session, now=NOW)
    staff = UserFactory(role=Role.OFFICE_STAFF, email="bureau@example.fr")
    last_use = NOW + timedelta(days=10)
    unused.last_login = last_use
    unused.save(update_fields=["last_login"])
    six_months = relativedelta(months=6)

    # The draft's candidate last used the account at NOW, the other ten days later.
    assert purge.purge_accounts(now=NOW + six_months - DAY) == 0
    assert purge.purge_accounts(now=NOW + six_months + DAY) == 1
    assert not Registration.objects.filter(candidate=drafted).exists()
    assert User.objects.get(pk=unused.pk).is_active
    assert purge.purge_accounts(now=last_use + six_months - DAY) == 0
    assert purge.purge_accounts(now=last_use + six_months + DAY) == 1

    unused.refresh_from_db()
    assert unused.closed_at is not None and not unused.is_active
    # Staff accounts are the administrators' to close, never purged.
    assert User.objects.get(pk=staff.pk).email == "bureau@example.fr"


def test_an_account_with_a_validated_dossier_is_kept(dossier, candidate):
    assert purge.purge_accounts(now=NOW + timedelta(days=365 * 5)) == 0
    candidate.refresh_from_db()
    assert candidate.is_active


def test_the_connection_log_is_kept_twelve_months(candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    ConnectionEvent.objects.create(user=candidate, action="account.login", data={})
    a_year = NOW.replace(year=NOW.year + 1) - NOW

    assert purge.purge_connection_log(now=NOW + a_year - DAY) == 0
    assert purge.purge_connection_log(now=NOW + a_year + DAY) == 1
    assert not ConnectionEvent.objects.exists()


def test_the_periods_are_settings(settings, candidate, time_machine):
    settings.RETENTION_CONNECTION_LOG_MONTHS = 1
    time_machine.move_to(NOW, tick=False)
    ConnectionEvent.objects.create(user=candidate, action="account.login", data={})

    assert purge.purge_connection_log(now=NOW + timedelta(days=32)) == 1


def test_the_purge_runs_every_night_from_the_scheduler():
    job = scheduler.jobs()["privacy.purge"]
    assert str(job.trigger()) == "cron[hour='3', minute='30']"
