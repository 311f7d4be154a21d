"""The demo data a newcomer gets from `make run`."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import ExamSession, OfficeContact
from inscriptions.demo.dossiers import DEMO_CANDIDATES, DEMO_DOSSIER_CANDIDATE
from inscriptions.registration.models import Registration
from inscriptions.registration.selectors import dossiers_in_scope

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def load(now: datetime | None = None) -> str:
    out = StringIO()
    if now is None:
        call_command("load_demo", stdout=out)
    else:
        import time_machine

        with time_machine.travel(now, tick=False):
            call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 23, 10, tzinfo=PARIS),
        datetime(2027, 3, 28, 1, 30, tzinfo=PARIS),  # the night clocks go forward
        datetime(2028, 2, 29, 23, 59, tzinfo=PARIS),
    ],
)
def test_toulouse_has_one_session_open_one_closed_one_upcoming(now):
    load(now)
    sessions = ExamSession.objects.filter(academy__name="Toulouse")
    assert sessions.count() == 3
    assert ExamSession.objects.open_at(now).count() == 1
    assert ExamSession.objects.upcoming_at(now).count() == 1
    assert sessions.filter(registration_closes_at__lte=now).count() == 1
    for session in sessions:
        session.full_clean()


def test_logins_are_printed_and_work():
    output = load()
    assert "candidat@example.org" in output
    assert "Demo-Candidat-2027!" in output
    assert User.objects.get(email="candidat@example.org").check_password("Demo-Candidat-2027!")
    staff = User.objects.filter(role=Role.OFFICE_STAFF)
    assert staff.count() == 2
    assert all(member.specialties.exists() for member in staff)
    admin = User.objects.get(role=Role.ACADEMY_ADMIN)
    assert admin.is_staff and admin.has_perm("catalog.change_examsession")


def test_running_it_twice_keeps_one_of_everything():
    load()
    load()
    assert ExamSession.objects.count() == 3
    # An administrator, two office staff, the candidate without a dossier and the 9 with one.
    assert User.objects.count() == 4 + len(DEMO_CANDIDATES)
    assert Registration.objects.count() == len(DEMO_CANDIDATES)


def test_the_demo_staff_have_dossiers_to_process_in_each_state(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load()
    open_session = ExamSession.objects.open_at(timezone.now()).get()
    dossiers = Registration.objects.filter(session=open_session)
    assert sorted(set(dossiers.values_list("state", flat=True))) == [
        "compliant",
        "non_compliant",
        "submitted",
        "to_complete",
    ]
    for email in ("gestionnaire.tertiaire@example.org", "gestionnaire.industrie@example.org"):
        assert dossiers_in_scope(User.objects.get(email=email)).exists()
    lucie = Registration.objects.get(candidate__email=DEMO_DOSSIER_CANDIDATE)
    assert lucie.state == "to_complete"
    assert lucie.completion_requests.get().documents == ["identity"]
    assert dossiers.filter(documents_missing__gt=0).exists()
    assert dossiers.filter(accommodation_requested=True).exists()


def test_office_contacts_of_seed_002_section_v_cover_their_specialties():
    # 002_d2d52601aecd35af.txt §V: the contact of each group of specialties.
    load()
    assert OfficeContact.objects.count() == 9
    mco = OfficeContact.objects.get(specialties__bcn_code="32031213")
    assert mco.phone == "05 36 25 71 13"
    sio = OfficeContact.objects.get(specialties__bcn_code="32032613")
    assert sio.phone == "05 36 25 71 12"


def test_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="interdites en production"):
        call_command("load_demo", stdout=StringIO())
